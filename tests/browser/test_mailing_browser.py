"""On a phone, a visitor joins the mailing list from the footer, confirms by the e-mailed link, opens her
preferences from a newsletter, changes the topics she follows, and leaves by the newsletter's unsubscribe link."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from fourthp.frameworks.models import Pillar
from fourthp.mailing.actions import do_send_newsletter
from fourthp.mailing.models import Consent, Delivery, MailingList, Newsletter, Subscriber
from fourthp.testing import ensure_seed, make_secretariat
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot

pytestmark = pytest.mark.browser

EMAIL = "noor.reader@example.net"
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def _link(text: str, part: str) -> str:
    """The path of the first link in `text` whose path contains `part`."""
    found = re.search(r"https?://\S*" + re.escape(part) + r"\S*/", text)
    assert found, f"no link with {part!r} in:\n{text}"
    return urlsplit(found.group(0)).path


def test_a_visitor_joins_confirms_changes_her_topics_and_unsubscribes_on_a_phone(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    news = MailingList.objects.create(name="Policy news", description="Monthly news of law and policy.")
    first, second = Pillar.objects.order_by("framework__slug", "-framework__version", "order")[:2]
    mail.outbox.clear()

    # 1. From the footer of the home page, she joins one list.
    noor = new_page(viewport={"width": 375, "height": 800})
    noor.goto(live_server.url + "/")
    noor.locator("footer").get_by_role("link", name="Join our mailing list").click()
    expect(noor.get_by_role("heading", name="Join our mailing list")).to_be_visible()
    assert noor.evaluate(NO_SIDEWAYS_SCROLL)
    assert_no_serious_axe_violations(noor, "the mailing-list sign-up page")
    noor.get_by_label("Policy news").check()
    noor.get_by_label("E-mail address").fill(EMAIL)
    noor.get_by_role("button", name="Join").click()
    expect(noor.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert not Subscriber.objects.exists()  # nothing until she confirms
    screenshot(noor, tmp_path, "1-check-email")

    # 2. She confirms by the link in the e-mail and lands on her preferences.
    (confirmation,) = [m for m in mail.outbox if EMAIL in m.to]
    noor.goto(live_server.url + _link(confirmation.body, "/mailing/confirm/"))
    noor.get_by_role("button", name="Confirm my subscription").click()
    expect(noor.get_by_text("Thank you: your subscription is confirmed.")).to_be_visible()
    expect(noor.get_by_role("heading", name="Your mailing-list preferences")).to_be_visible()
    assert noor.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(noor, tmp_path, "2-confirmed")

    # 3. A newsletter reaches her; she opens her preferences from it and changes her topics.
    newsletter = Newsletter.objects.create(mailing_list=news, subject="This month", body="# News\n\nA new law.")
    mail.outbox.clear()
    assert do_send_newsletter(newsletter, acting_user=make_secretariat()) == 1
    (letter,) = [m for m in mail.outbox if EMAIL in m.to]
    noor.goto(live_server.url + _link(letter.body, "/mailing/preferences/"))
    expect(noor.get_by_role("heading", name="Your mailing-list preferences")).to_be_visible()
    noor.get_by_label(str(first.local("title")), exact=True).check()
    noor.get_by_label(str(second.local("title")), exact=True).check()
    noor.get_by_role("button", name="Save my lists").click()
    expect(noor.get_by_text("Your lists and topics are saved.")).to_be_visible()
    expect(noor.get_by_label(str(second.local("title")), exact=True)).to_be_checked()
    assert set(Subscriber.objects.get().topics.all()) == {first, second}
    assert noor.evaluate(NO_SIDEWAYS_SCROLL)
    assert_no_serious_axe_violations(noor, "the preferences page")
    screenshot(noor, tmp_path, "3-topics")

    # 4. She leaves by the newsletter's unsubscribe link, without signing in.
    noor.goto(live_server.url + _link(letter.body, "/mailing/unsubscribe/"))
    expect(noor.get_by_text("Stop receiving “Policy news”?")).to_be_visible()
    noor.get_by_role("button", name="Unsubscribe").click()
    expect(noor.get_by_role("heading", name="You are unsubscribed")).to_be_visible()
    assert noor.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(noor, tmp_path, "4-unsubscribed")
    subscriber = Subscriber.objects.get()
    assert not subscriber.subscriptions.exists()
    assert list(Consent.objects.values_list("action", "method")) == [
        ("subscribed", "signup"),
        ("unsubscribed", "one-click"),
    ]
    assert Delivery.objects.get().state == Delivery.State.SENT
