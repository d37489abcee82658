"""A visitor in the District of Columbia walks the journey on a phone: she picks her place by name, then follows
the "next" links through measure, identify, reach out, plan and execute, each with her place's own figures.

Run with `pytest tests/browser/test_journey_browser.py`; screenshots are saved in the test's tmp_path.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from fourthp.bills.actions import do_import_bills
from fourthp.bills.importers import read_openstates
from fourthp.bills.tests.factories import SAMPLES, make_session
from fourthp.campaigns.models import Campaign
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Consent, Visibility
from fourthp.testing import ensure_seed, give_consent, make_legislator, make_profile
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_requests_browser import PHONE, assert_fits

pytestmark = pytest.mark.browser


def _the_place_has_a_legislator_a_campaign_a_session_and_bills(dc: Jurisdiction) -> None:
    lena = make_legislator()
    make_profile(
        lena, name="Lena Lawmaker", jurisdiction=dc,
        name_visibility=Visibility.PUBLIC, jurisdiction_visibility=Visibility.PUBLIC,
    )  # fmt: skip
    give_consent(lena, Consent.Kind.CONSTITUENT_LETTERS)
    campaign = Campaign.objects.create(title="Close the DC gaps", slug="dc-gaps", statement="We ask.", state="open")
    campaign.jurisdictions.add(dc)
    bills, problems = read_openstates((SAMPLES / "openstates_bills.json").read_bytes())
    do_import_bills(dc, bills, acting_user=None, problems=problems)
    make_session(dc, name="2027 session", starts_on=dt.date.today() + dt.timedelta(days=40))


def test_a_visitor_walks_the_journey_for_her_place_on_a_phone(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    _the_place_has_a_legislator_a_campaign_a_session_and_bills(Jurisdiction.objects.get(code="US-DC"))
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Your journey: from the law to action, step by step").click()

    # She says where she lives, by name.
    page.get_by_label("Your place").fill("District of Columbia")
    page.get_by_role("button", name="Start the journey").click()

    def arrive(title: str, number: int) -> None:
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Step {number}, {title}: District of Columbia")
        expect(page.locator('[aria-current="step"]')).to_have_text(title)
        assert_fits(page)
        assert_no_serious_axe_violations(page, f"the journey's step {title}")
        screenshot(page, tmp_path, f"{number}-{title.lower().replace(' ', '-')}")

    arrive("Measure", 1)
    expect(page.get_by_text("provisions met in full", exact=False)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^All \d+ gaps, with model provisions$"))).to_be_visible()

    page.get_by_role("link", name="Next: Identify").click()
    arrive("Identify", 2)
    expect(page.get_by_role("link", name="National Human Trafficking Hotline")).to_be_visible()
    expect(page.get_by_text("Lena Lawmaker")).to_be_visible()

    page.get_by_role("link", name="Next: Reach out").click()
    arrive("Reach out", 3)
    expect(page.get_by_role("link", name="Write to your representative")).to_be_visible()
    expect(page.get_by_role("link", name="Close the DC gaps")).to_be_visible()

    page.get_by_role("link", name="Next: Plan").click()
    arrive("Plan", 4)
    expect(page.get_by_text("2027 session")).to_be_visible()
    expect(page.get_by_role("link", name="B26-0101")).to_be_visible()

    page.get_by_role("link", name="Next: Execute").click()
    arrive("Execute", 5)
    expect(page.get_by_role("link", name="Sign in to follow")).to_be_visible()
    expect(page.get_by_role("link", name="Join the mailing list")).to_be_visible()
    expect(page.get_by_role("link", name="Next:", exact=False)).to_have_count(0)
    page.get_by_role("link", name="Previous: Plan").click()
    arrive("Plan", 4)
