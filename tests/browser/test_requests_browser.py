"""A member asks for an assessment of a jurisdiction without a report card; the secretariat takes it up.

Run with `pytest tests/browser/test_requests_browser.py`; screenshots are saved in the test's tmp_path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from fourthp.assessments.models import AssessmentRequest
from fourthp.testing import ensure_seed, make_member, make_secretariat
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_evidence_picker_browser import sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}


def assert_fits(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def test_a_member_asks_for_an_assessment_and_the_page_says_it_is_in_progress(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    # Greenland has no report card in the seed.
    member = new_page(viewport=PHONE)
    sign_in(member, live_server, make_member())
    member.goto(live_server.url + "/jurisdictions/GL/")
    invitation = member.get_by_role("region", name="Not yet assessed")
    expect(invitation).to_be_visible()
    assert_fits(member)
    assert_no_serious_axe_violations(member, "the invitation on a jurisdiction without a report card")
    screenshot(member, tmp_path, "invitation")
    invitation.get_by_label("Why it matters (optional)").fill("Greenland adopted a new criminal code.")
    invitation.get_by_role("button", name="Ask for an assessment").click()
    # The form is sent by htmx: the invitation is answered in place, the reader stays on the page.
    expect(invitation.get_by_text("the secretariat has your request")).to_be_visible()
    expect(invitation.get_by_text("Requested by 1 member.")).to_be_visible()
    expect(invitation.get_by_text("You have asked for it (open)")).to_be_visible()
    assert member.url == live_server.url + "/jurisdictions/GL/"
    # A statute's address that a reader cannot open is refused in the form, then a good one is taken.
    invitation.get_by_label("Web address of the statute").fill("ftp://example.org/gl-code")
    invitation.get_by_role("button", name="Suggest this statute").click()
    expect(invitation.get_by_text("Give a web address that starts with https:// or http://.")).to_be_visible()
    invitation.get_by_label("Web address of the statute").fill("https://example.org/gl-code")
    invitation.get_by_role("button", name="Suggest this statute").click()
    expect(invitation.get_by_text("the secretariat has the statute you suggested")).to_be_visible()
    assert_fits(member)
    found = AssessmentRequest.objects.get(kind="assessment")
    assert AssessmentRequest.objects.get(kind="statute").url == "https://example.org/gl-code"
    assert (found.jurisdiction.code, found.kind, found.note) == (
        "GL",
        "assessment",
        "Greenland adopted a new criminal code.",
    )

    office = new_page()
    sign_in(office, live_server, make_secretariat())
    office.goto(live_server.url + "/")
    main_nav = office.get_by_role("navigation", name="Main")
    main_nav.locator("summary", has_text="Work").click()
    main_nav.get_by_role("link", name="Assessment requests").click()
    expect(office.get_by_role("heading", name="Statute suggestions and assessment requests")).to_be_visible()
    office.get_by_label("State").select_option("open")
    office.get_by_role("button", name="Filter").click()
    office.get_by_role("link", name=f"Assessment request {found.pk}").click()
    expect(office.get_by_text("Greenland adopted a new criminal code.")).to_be_visible()
    assert_no_serious_axe_violations(office, "a request of the queue")
    office.get_by_label("in progress").check()
    office.get_by_role("button", name="Save").click()
    expect(office.get_by_text("The request is marked")).to_be_visible()
    screenshot(office, tmp_path, "queue")

    member.goto(live_server.url + "/jurisdictions/GL/")
    expect(member.get_by_text("An assessment is in progress.")).to_be_visible()
    expect(member.get_by_text("Requested by")).to_have_count(0)
    member.goto(live_server.url + "/jurisdictions/GL/report-card/")
    expect(member.get_by_text("An assessment is in progress.")).to_be_visible()
    assert_fits(member)
    screenshot(member, tmp_path, "report-card")
