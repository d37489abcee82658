"""An analyst looks for the trafficking offence in an imported Romanian act, "by provision", and makes a draft
assessment from the section the analyzer ranks first, in a real browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import get_analyzer_framework, run_ranking
from fourthp.analyzer.ranker import load_ranker
from fourthp.assessments.models import Assessment
from fourthp.frameworks.models import Framework
from fourthp.testing import ensure_seed, make_analyst
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_evidence_picker_browser import sign_in
from tests.browser.test_phone_reading_browser import PHONE, assert_fits

pytestmark = pytest.mark.browser

PROVISION = "crim.sex-trafficking"


def test_an_analyst_drafts_from_the_first_section_ranked_for_the_trafficking_offence_in_romanian_law(
    transactional_db: None, live_server: Any, page: Page, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()  # the seed imports the Romanian penal code (data/statutes/world/romania)
    # The ranker is fitted once per process, on first use: here, not while the page waits.
    load_ranker(get_analyzer_framework(Framework.objects.default()))
    analyst = make_analyst()
    sign_in(page, live_server, analyst)

    page.goto(live_server.url + "/analyze/")
    page.get_by_label("Or choose an instrument from the atlas").select_option("ro-cod-penal")
    with page.expect_navigation():
        page.get_by_role("button", name="Analyse").click()
    run = AnalysisRun.objects.get(created_by=analyst)
    assert run.state == AnalysisRun.State.DONE and run.model_version
    page.get_by_role("link", name="By provision").click()

    page.get_by_label("Provision").select_option(PROVISION)
    with page.expect_navigation():
        page.get_by_role("button", name="Show the sections").click()
    first = run_ranking(run)[PROVISION][0]
    card = page.locator("#ranked-1")
    expect(card).to_contain_text("confidence")
    expect(card.locator("input[name=section]")).to_have_value(first.section)
    assert_no_serious_axe_violations(page, "the by-provision view")
    screenshot(page, tmp_path, "by-provision")
    # On a phone the start page, the run (with its ranker's hash) and the ranked sections read without sideways
    # scrolling.
    phone = new_page(viewport=PHONE)
    sign_in(phone, live_server, analyst)
    for url in ("/analyze/", run.get_absolute_url(), page.url):
        phone.goto(live_server.url + url if url.startswith("/") else url)
        assert_fits(phone, url)

    with page.expect_navigation():
        card.get_by_role("button", name="as evidence in a draft assessment").click()
    expect(page.get_by_text("A draft was started")).to_be_visible()

    draft = Assessment.objects.get(assessor=analyst)
    assert draft.jurisdiction.code == "RO" and draft.provision.slug == PROVISION
    assert draft.state == Assessment.State.DRAFT and draft.status == "unknown"
    evidence = draft.evidence.get()
    assert evidence.section.key == first.section
    assert page.url.endswith(f"/assessments/{draft.pk}/edit/")
