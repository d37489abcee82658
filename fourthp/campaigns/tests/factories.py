"""Plain factories for the campaigns tests (the shared ones are in fourthp.testing)."""

from __future__ import annotations

import itertools
import re
from typing import Any

from django.core import mail
from django.utils import timezone

from fourthp.campaigns.models import Campaign, Signature

_counter = itertools.count(1)


def make_campaign(**fields: Any) -> Campaign:
    """An open public campaign in English, unless told otherwise."""
    n = next(_counter)
    defaults: dict[str, Any] = {
        "title": f"End debt bondage {n}",
        "slug": f"end-debt-bondage-{n}",
        "statement": "We call on every legislature to make **debt bondage** a crime.",
        "audience": Campaign.Audience.PUBLIC,
        "state": Campaign.State.OPEN,
        "goal": 100,
    }
    defaults.update(fields)
    return Campaign.objects.create(**defaults)


def make_signature(campaign: Campaign, **fields: Any) -> Signature:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "name": f"Signer {n}",
        "email": f"signer{n}@example.net",
        "state": Signature.State.CONFIRMED,
        "confirmed_at": timezone.now(),
    }
    defaults.update(fields)
    return Signature.objects.create(campaign=campaign, **defaults)


def link_in(message: Any, kind: str) -> str:
    """The path of the `kind` link ("confirm" or "withdraw") in an e-mail."""
    found = re.search(rf"https?://[^/\s]+(/campaigns/{kind}/[^\s]+/)", message.body)
    assert found, f"no {kind} link in: {message.body}"
    return found.group(1)


def mail_to(address: str) -> list[Any]:
    return [m for m in mail.outbox if address in m.to]
