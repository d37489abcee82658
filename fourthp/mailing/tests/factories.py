"""Plain factories for the mailing-list tests (the shared ones are in fourthp.testing)."""

from __future__ import annotations

import itertools
import re
from typing import Any
from urllib.parse import urlsplit

from django.core import mail

from fourthp.mailing.models import MailingList, Newsletter, Subscriber, Subscription

_counter = itertools.count(1)


def make_list(**fields: Any) -> MailingList:
    n = next(_counter)
    defaults: dict[str, Any] = {"name": f"Policy news {n}", "description": "Monthly.", "audience": "public"}
    defaults.update(fields)
    return MailingList.objects.create(**defaults)


def make_subscriber(*lists: MailingList, email: str = "", **fields: Any) -> Subscriber:
    subscriber = Subscriber.objects.create(email=email or f"reader{next(_counter)}@example.net", **fields)
    for mailing_list in lists:
        Subscription.objects.create(subscriber=subscriber, mailing_list=mailing_list)
    return subscriber


def make_newsletter(mailing_list: MailingList, **fields: Any) -> Newsletter:
    defaults: dict[str, Any] = {
        "subject": "News from the taskforce",
        "body": "# This month\n\nRead [the report](https://example.org/r) on **debt bondage**.",
    }
    defaults.update(fields)
    return Newsletter.objects.create(mailing_list=mailing_list, **defaults)


def link_path(text: str, part: str) -> str:
    """The path of the first link in `text` whose path contains `part` (a link is sent on the site's address)."""
    found = re.search(r"https?://\S*" + re.escape(part) + r"\S*/", text)
    assert found, f"no link with {part!r} in:\n{text}"
    return urlsplit(found.group(0)).path


def last_mail_to(address: str) -> Any:
    matching = [m for m in mail.outbox if address in m.to]
    assert matching, f"nothing was e-mailed to {address}"
    return matching[-1]
