"""A legislator follows a bill of her jurisdiction; an analyst adds a version that touches a gap of its report
card; the legislator finds the alert on her home page (on a phone) and receives exactly one e-mail."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from fourthp.bills.tests.factories import make_bill, make_session
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.notifications.models import Notification
from fourthp.testing import ensure_seed, make_analyst, make_legislator, make_profile
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_evidence_picker_browser import sign_in
from tests.browser.test_requests_browser import PHONE, assert_fits

pytestmark = pytest.mark.browser

# Section 3 makes trafficking of a minor an offence without proof of force, fraud or coercion, which the
# District's report card finds only partly met (crim.child-no-means).
VERSION_TEXT = """Section 1. Short title. This Act may be cited as the Trafficking Survivors Relief Amendment Act.

Section 2. Vacating convictions. (a) A person convicted of prostitution or any other offence committed as a direct \
result of having been a victim of human trafficking may apply to the court to vacate the conviction. (b) The court \
shall vacate the conviction and expunge the record if it finds that the person's participation in the offence was a \
result of having been a victim of trafficking.

Section 3. Trafficking of minors. A person who recruits, entices, harbors, transports, provides, obtains or \
maintains a minor for the purpose of a commercial sex act commits sex trafficking of children whether or not force, \
fraud or coercion is used.
"""


def test_a_legislator_follows_a_bill_and_is_told_once_when_a_version_touches_a_gap(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    district = Jurisdiction.objects.get(code="US-DC")
    lena, ana = make_legislator(), make_analyst()
    make_profile(lena, name="Lena Lawmaker", jurisdiction=district)
    bill = make_bill(make_session(district), number="B26-0101", title="Trafficking Survivors Relief Amendment Act")
    bill_url = live_server.url + bill.get_absolute_url()

    # 1. She follows the bill from its page, on her phone.
    lena_page = new_page(viewport=PHONE)
    sign_in(lena_page, live_server, lena)
    lena_page.goto(bill_url)
    lena_page.get_by_role("button", name="Follow", exact=True).click()
    expect(lena_page.get_by_role("button", name="Following · stop")).to_be_visible()
    assert_fits(lena_page)
    screenshot(lena_page, tmp_path, "1-following")

    # 2. An analyst adds the engrossed text; the analyzer reads it.
    mail.outbox.clear()
    ana_page = new_page()
    sign_in(ana_page, live_server, ana)
    ana_page.goto(bill_url)
    ana_page.get_by_role("link", name="Add or replace a version").click()
    ana_page.get_by_label("Label").fill("Engrossed")
    ana_page.get_by_label("Text").fill(VERSION_TEXT)
    ana_page.get_by_role("button", name="Save").click()
    expect(
        ana_page.get_by_text(re.compile(r"The version was saved; the analyzer suggests \d+ provisions"))
    ).to_be_visible()
    expect(ana_page.get_by_text("crim.child-no-means").first).to_be_visible()

    # 3. Her home page shows the alert, and the header counts it.
    lena_page.goto(live_server.url + "/home/")
    alert = (
        "B26-0101 — Trafficking Survivors Relief Amendment Act has a new version: Engrossed. "
        "Gaps of the report card the analyzer finds it touching: 1."
    )
    notifications = lena_page.get_by_role("region", name=re.compile("^Notifications"))
    expect(notifications.get_by_role("link", name=re.compile(re.escape(alert)))).to_be_visible()
    expect(lena_page.get_by_role("heading", name="What I follow")).to_be_visible()
    expect(lena_page.get_by_role("link", name=re.compile("B26-0101")).first).to_be_visible()
    assert_fits(lena_page)
    assert_no_serious_axe_violations(lena_page, "the home page with an alert")
    screenshot(lena_page, tmp_path, "2-home-alert")

    # The alert leads to the bill, where the new version is listed.
    notifications.get_by_role("link", name=re.compile(re.escape(alert))).click()
    expect(lena_page.get_by_text("Engrossed").first).to_be_visible()

    # 4. One e-mail, to her, about this change; adding nothing more sends nothing more.
    to_lena = [m for m in mail.outbox if lena.email in m.to]
    assert len(to_lena) == 1, [m.subject for m in mail.outbox]
    assert "B26-0101" in to_lena[0].body and "Engrossed" in to_lena[0].body
    assert Notification.objects.filter(recipient=lena).count() == 1
