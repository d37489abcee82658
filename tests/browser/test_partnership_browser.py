"""A legislator's first day: she applies, is accepted, follows a gap to her peers, joins a group and registers.

One story through the real pages in Chromium, with the e-mails each step sends
read from the outbox: the application, the acceptance with its set-password
link, the contact request (which must not carry her address), the join
request and its approval, and the registration with its calendar file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from fourthp.accounts.roles import Role
from fourthp.assessments.models import Assessment
from fourthp.events.models import Event
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Consent, Visibility
from fourthp.peers.models import ContactRequest
from fourthp.testing import ensure_seed, give_consent, make_group, make_profile, make_secretariat, make_user
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_evidence_picker_browser import sign_in

pytestmark = pytest.mark.browser

EMAIL = "lena.lawmaker@parliament.example.ca"
PASSWORD = "a long and quiet river 42"


def only_mail(to: str, since: int) -> Any:
    """The one message sent to `to` after the first `since` messages of the outbox."""
    sent = [m for m in mail.outbox[since:] if to in m.to]
    assert len(sent) == 1, f"expected one message to {to}, got {[m.subject for m in sent]}"
    return sent[0]


def a_gap_others_have_filled() -> str:
    """A provision Canada's published law lacks in part or whole and the United States' does in full."""
    ca = set(
        Assessment.objects.published()
        .filter(jurisdiction__code="CA", status__in=["partial", "absent"])
        .values_list("provision__slug", flat=True)
    )
    us = set(
        Assessment.objects.published()
        .filter(jurisdiction__code="US", status="full")
        .values_list("provision__slug", flat=True)
    )
    shared = sorted(ca & us)
    assert shared, "the seed has no provision partial in Canada and full in the United States"
    return shared[0]


def test_a_legislator_applies_is_accepted_finds_peers_joins_a_group_and_registers(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    gap = a_gap_others_have_filled()
    secretariat = make_secretariat()
    peer = make_profile(
        make_user("pat"),
        name="Pat Peer",
        role="legislator",
        jurisdiction=Jurisdiction.objects.get(code="US"),
        name_visibility=Visibility.MEMBERS,
        jurisdiction_visibility=Visibility.MEMBERS,
        role_visibility=Visibility.MEMBERS,
    )
    give_consent(peer.user, Consent.Kind.PEER_CONTACT)
    group = make_group(title="Labour trafficking", lead=secretariat, visibility="public")
    start = timezone.now() + dt.timedelta(days=20)
    event = Event.objects.create(
        title="Labour trafficking: spring convening",
        description="Members compare the laws they passed.",
        kind="virtual",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        time_zone="America/Toronto",
        online_link="https://meet.example.org/spring-convening",
        capacity=30,
        registration_deadline=start - dt.timedelta(days=1),
        audience="group",
        working_group=group,
        state="published",
    )
    mail.outbox.clear()

    # 1. She applies through the public form.
    lena = new_page()
    lena.goto(live_server.url + "/join/")
    assert_no_serious_axe_violations(lena, "the application form")
    lena.get_by_label("I have read and accept the mission statement").check()
    lena.get_by_label("Your name").fill("Lena Lawmaker")
    lena.get_by_label("E-mail address").fill(EMAIL)
    lena.get_by_label("Jurisdiction").press_sequentially("Cana", delay=60)
    lena.get_by_role("option", name=re.compile("^Canada")).click()
    expect(lena.get_by_label("Jurisdiction")).to_have_value("Canada")
    lena.get_by_label("Legislature").fill("House of Commons")
    lena.get_by_label("legislator", exact=True).check()
    lena.get_by_role("button", name="Apply").click()
    expect(lena.get_by_role("heading", level=1)).to_be_visible()
    screenshot(lena, tmp_path, "1-applied")
    received = only_mail(EMAIL, 0)
    assert "Lena Lawmaker" in received.body

    # 2. The secretariat accepts.
    office = new_page()
    sign_in(office, live_server, secretariat)
    office.goto(live_server.url + "/applications/")
    office.get_by_role("link", name="Lena Lawmaker").click()
    assert_no_serious_axe_violations(office, "the application review")
    office.get_by_label("accept", exact=True).check()
    seen = len(mail.outbox)
    office.get_by_role("button", name="Record the decision").click()
    expect(office.get_by_text("accepted").first).to_be_visible()
    accepted = only_mail(EMAIL, seen)
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", accepted.body)
    assert link, accepted.body

    # 3. She chooses her password through the link, which proves her address, and signs in.
    lena.goto(live_server.url + urlparse(link.group(0)).path)
    lena.locator("input[name=password1]").fill(PASSWORD)
    lena.locator("input[name=password2]").fill(PASSWORD)
    lena.get_by_role("button", name="Change Password").click()
    expect(lena.get_by_text("Your password is now changed.")).to_be_visible()
    lena.goto(live_server.url + "/accounts/login/")
    lena.locator("input[name=login]").fill(EMAIL)
    lena.locator("input[name=password]").fill(PASSWORD)
    lena.get_by_role("button", name="Sign In").click()
    # She lands on her own home page; her account's menu is in the header.
    expect(lena.get_by_role("heading", name="Your home", exact=True)).to_be_visible()
    expect(lena.get_by_role("navigation", name="Main").locator("summary", has_text="Your account")).to_be_visible()
    from fourthp.accounts.models import User

    user = User.objects.get(email=EMAIL)
    assert user.groups.filter(name=Role.LEGISLATOR.value).exists()

    # 4. Her jurisdiction's report card: a gap leads to the peer finder.
    lena.goto(live_server.url + "/jurisdictions/CA/report-card/")
    lena.locator(f'[id="gap-{gap}"]').get_by_role("link", name="Who has done this? Peers and partners").click()
    assert urlparse(lena.url).path == "/peers/"
    done = lena.locator("section[aria-labelledby=done-h]")
    expect(done.get_by_role("link", name="United States", exact=True)).to_be_visible()
    expect(done.get_by_text("Pat Peer")).to_be_visible()
    screenshot(lena, tmp_path, "2-peer-finder")
    assert_no_serious_axe_violations(lena, "the peer finder")

    # 5. She asks Pat to be in touch; Pat is told without her address.
    done.get_by_role("link", name="Ask to be in touch").first.click()
    lena.get_by_label("Your message").fill("I am drafting our amendment; could we compare notes?")
    seen = len(mail.outbox)
    lena.get_by_role("button", name="Send the request").click()
    expect(lena.get_by_text("Your request was sent to Pat Peer")).to_be_visible()
    asked = only_mail(peer.user.email, seen)
    assert "compare notes" in asked.body
    assert EMAIL not in asked.body
    assert ContactRequest.objects.get().sender == user

    # 6. She asks to join the working group; its lead approves; she is told.
    lena.goto(live_server.url + f"/groups/{group.slug}/")
    seen = len(mail.outbox)
    lena.get_by_role("button", name="Ask to join").click()
    expect(lena.get_by_text("You asked to join on")).to_be_visible()
    only_mail(secretariat.email, seen)
    office.goto(live_server.url + f"/groups/{group.slug}/")
    seen = len(mail.outbox)
    office.get_by_role("button", name="Approve").click()
    approved = only_mail(EMAIL, seen)
    assert "Labour trafficking" in approved.body

    # 7. She registers for the group's convening and gets the calendar file with the link.
    lena.goto(live_server.url + f"/groups/{group.slug}/")
    expect(lena.get_by_text("You are a member of this group.")).to_be_visible()
    lena.goto(live_server.url + f"/events/{event.pk}/")
    expect(lena.get_by_text("meet.example.org")).to_have_count(0)
    seen = len(mail.outbox)
    lena.get_by_role("button", name="Register").click()
    expect(lena.get_by_text("https://meet.example.org/spring-convening").first).to_be_visible()
    screenshot(lena, tmp_path, "3-registered")
    assert_no_serious_axe_violations(lena, "the event page")
    confirmed = only_mail(EMAIL, seen)
    (attachment,) = [a for a in confirmed.attachments if a[2].startswith("text/calendar")]
    calendar = Calendar.from_ical(attachment[1])
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == start.replace(microsecond=0)
    assert "meet.example.org/spring-convening" in str(vevent.get("URL", "")) + str(vevent.get("DESCRIPTION", ""))
