"""The secret links of the mailing list, each signed with the site's secret (django.core.signing) under its own salt.

- A confirmation link carries the whole sign-up (address, lists, answers, when it was asked): nothing is stored
  until it is followed, and it expires after MAILING_CONFIRMATION_MAX_AGE seconds.
- An unsubscribe link (one per subscriber and list, in every newsletter's List-Unsubscribe header) and a
  preferences link (one per subscriber) carry her number; they work until she erases her records.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from fourthp.core.links import LinkExpired, LinkInvalid, make_link_token, read_link_token

SIGNUP_SALT = "fourthp.mailing.signup"
UNSUBSCRIBE_SALT = "fourthp.mailing.unsubscribe"
PREFERENCES_SALT = "fourthp.mailing.preferences"


__all__ = [
    "PREFERENCES_SALT",
    "SIGNUP_SALT",
    "UNSUBSCRIBE_SALT",
    "LinkExpired",
    "LinkInvalid",
    "make_token",
    "read_token",
]


def make_token(value: Any, salt: str) -> str:
    return make_link_token(value, salt, compress=True)


def read_token(token: str, salt: str) -> Any:
    """What a link carries; LinkExpired or LinkInvalid when it cannot be used."""
    max_age = settings.MAILING_CONFIRMATION_MAX_AGE if salt == SIGNUP_SALT else None
    return read_link_token(token, salt, max_age=max_age)
