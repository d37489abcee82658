"""The e-mailed link to a donor's pledges: her address, signed with the site's secret, expiring after
DONATIONS_LINK_MAX_AGE seconds. Nothing is stored; anyone holding the link sees what that address gave."""

from __future__ import annotations

from django.conf import settings

from fourthp.core import links

LINK_SALT = "fourthp.donations.pledges"


class LinkUnusable(Exception):
    """The link was altered, made for something else, or is older than its lifetime."""

    def __init__(self, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def make_link_token(email: str) -> str:
    return links.make_link_token(email.strip().lower(), LINK_SALT)


def read_link_token(token: str) -> str:
    try:
        email = links.read_link_token(token, LINK_SALT, max_age=settings.DONATIONS_LINK_MAX_AGE)
    except links.LinkExpired as exc:
        raise LinkUnusable(expired=True) from exc
    except links.LinkInvalid as exc:
        raise LinkUnusable(expired=False) from exc
    if not isinstance(email, str) or not email:
        raise LinkUnusable(expired=False)
    return email
