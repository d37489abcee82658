"""The secret links of the mailing list, each signed with the site's secret (django.core.signing) under its own salt.

- A confirmation link carries the whole sign-up (address, lists, answers, when it was asked): nothing is stored
  until it is followed, and it expires after MAILING_CONFIRMATION_MAX_AGE seconds.
- An unsubscribe link (one per subscriber and list, in every newsletter's List-Unsubscribe header) and a
  preferences link (one per subscriber) carry her number; they work until she erases her records.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing

SIGNUP_SALT = "fourthp.mailing.signup"
UNSUBSCRIBE_SALT = "fourthp.mailing.unsubscribe"
PREFERENCES_SALT = "fourthp.mailing.preferences"


class LinkExpired(Exception):
    """The link was genuine but is older than its lifetime."""


class LinkInvalid(Exception):
    """The link was not made by this site (altered, truncated, or made for something else)."""


def make_token(value: Any, salt: str) -> str:
    return signing.dumps(value, salt=salt, compress=True)


def read_token(token: str, salt: str) -> Any:
    """What a link carries; LinkExpired or LinkInvalid when it cannot be used."""
    max_age = settings.MAILING_CONFIRMATION_MAX_AGE if salt == SIGNUP_SALT else None
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
