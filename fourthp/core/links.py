"""Secret links: a value signed with the site's secret (django.core.signing) under a salt of its own, so that a
link made for one purpose cannot serve another, optionally expiring. Each app's tokens.py names its salts and
lifetimes and what its links carry."""

from __future__ import annotations

from typing import Any

from django.core import signing


class LinkExpired(Exception):
    """The link was genuine but is older than its lifetime."""


class LinkInvalid(Exception):
    """The link was not made by this site (altered, truncated, or made for something else)."""


def make_link_token(value: Any, salt: str, *, compress: bool = False) -> str:
    return signing.dumps(value, salt=salt, compress=compress)


def read_link_token(token: str, salt: str, *, max_age: int | None = None) -> Any:
    """What a link carries; LinkExpired or LinkInvalid when it cannot be used."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
