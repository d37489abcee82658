"""The secret links e-mailed to a public signer (one confirms her signature, one withdraws it) and to a letter's writer.

Each is the signature's number signed with the site's secret (django.core.signing) under its own
salt, so a confirmation link cannot be used to withdraw, nor the reverse. A confirmation link
expires after CAMPAIGN_CONFIRMATION_MAX_AGE seconds; a withdrawal link works until the letter is
delivered, when withdrawing ends for everyone.
"""

from __future__ import annotations

from django.conf import settings

from fourthp.core.links import LinkExpired, LinkInvalid, make_link_token, read_link_token

CONFIRM_SALT = "fourthp.campaigns.confirm"
WITHDRAW_SALT = "fourthp.campaigns.withdraw"
# A letter to legislators is sent once its writer follows this link, within CAMPAIGN_LETTER_CONFIRMATION_MAX_AGE.
LETTER_SALT = "fourthp.campaigns.letter"


__all__ = ["CONFIRM_SALT", "LETTER_SALT", "WITHDRAW_SALT", "LinkExpired", "LinkInvalid", "make_token", "read_token"]


def make_token(signature_id: int, salt: str) -> str:
    return make_link_token(signature_id, salt)


def read_token(token: str, salt: str) -> int:
    """The signature number a link carries; LinkExpired or LinkInvalid when it cannot be used."""
    max_ages = {CONFIRM_SALT: settings.CAMPAIGN_CONFIRMATION_MAX_AGE, LETTER_SALT: settings.CAMPAIGN_LETTER_MAX_AGE}
    max_age = max_ages.get(salt)
    value = read_link_token(token, salt, max_age=max_age)
    if not isinstance(value, int):
        raise LinkInvalid
    return value
