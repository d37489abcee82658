"""A visitor reads a superseded figure on a phone and follows it to the newer estimate.

Run with `FOURTHP_REQUIRE_BROWSER=1 pytest tests/browser/test_statistics_browser.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from fourthp.statistics.models import Statistic
from fourthp.testing import ensure_seed
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot

pytestmark = pytest.mark.browser

WIDTH = 375


def _fits(page: Any, what: str) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= WIDTH, f"{what} scrolls sideways at {WIDTH} px: it is {scroll_width} px wide"


def test_a_visitor_follows_a_superseded_figure_to_its_successor_on_a_phone(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    # live_server runs on a transactional database; the seed is put back after each such test.
    ensure_seed()
    old = Statistic.objects.get(key="forced-labour-profits-2014")
    page = new_page(viewport={"width": WIDTH, "height": 812})

    page.goto(live_server.url + "/statistics/")
    expect(page.get_by_role("heading", name="Statistics", exact=True)).to_be_visible()
    expect(page.get_by_text("Share of trafficking victims never identified")).to_have_count(0)
    screenshot(page, tmp_path, "1-registry")
    _fits(page, "The statistics page")
    assert_no_serious_axe_violations(page, "the statistics page")

    page.goto(live_server.url + f"/statistics/{old.pk}/")
    expect(page.get_by_text("This figure is superseded")).to_be_visible()
    expect(page.get_by_text("150,000,000,000")).to_be_visible()
    screenshot(page, tmp_path, "2-superseded")
    _fits(page, "The superseded figure's page")
    assert_no_serious_axe_violations(page, "the superseded figure's page")

    page.get_by_role("link", name="Read the newer figure: Annual illegal profits from forced labour, worldwide").click()
    page.wait_for_url(f"**/statistics/{old.superseded_by_id}/")
    expect(page.get_by_text("236,000,000,000")).to_be_visible()
    expect(page.get_by_text("This figure is superseded")).to_have_count(0)
    expect(page.get_by_role("link", name="Annual illegal profits from forced labour, worldwide")).to_be_visible()
    screenshot(page, tmp_path, "3-successor")
    _fits(page, "The successor's page")
    assert_no_serious_axe_violations(page, "the successor's page")

    page.goto(live_server.url + "/statistics/provisions/")
    expect(page.get_by_text("Not assessed:").first).to_be_visible()
    _fits(page, "The provisions' shares page")
    assert_no_serious_axe_violations(page, "the provisions' shares page")
