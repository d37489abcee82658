"""The link at the foot of each e-mail that turns off e-mails of its kind without signing in.

It carries the person's number and the kind, signed with the site's secret (django.core.signing) under its
own salt: it cannot be made for someone else or another kind, and it works until the secret changes.
"""

from __future__ import annotations

from django.urls import reverse

from fourthp.core.links import LinkInvalid, make_link_token, read_link_token

STOP_SALT = "fourthp.notifications.stop"


def stop_token(user_pk: int, kind: str) -> str:
    return make_link_token([user_pk, kind], STOP_SALT)


def read_stop_token(token: str) -> tuple[int, str] | None:
    """The person's number and the kind a stop link was made for, or None for a link this site did not make."""
    try:
        value = read_link_token(token, STOP_SALT)
    except LinkInvalid:
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int) and isinstance(value[1], str)):
        return None
    return value[0], value[1]


def stop_path(user_pk: int, kind: str) -> str:
    """The address, below the site's, of the one-click page that turns off her e-mails of `kind`."""
    return reverse("notification-stop", args=[stop_token(user_pk, kind)])
