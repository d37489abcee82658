"""Report cards, the brief of the gaps, the maps and the comparison read on a 375 px phone without sideways scrolling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from fourthp.testing import ensure_seed
from tests.browser.test_atlas_browser import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def assert_fits(page: Page, what: str) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    scroll_width, client_width = widths
    assert scroll_width <= client_width, f"{what} scrolls sideways at 375 px: {scroll_width} px wide in {client_width}"


def test_report_cards_maps_and_comparison_fit_a_phone(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    page = new_page(viewport=PHONE)

    for code in ("CA", "RO"):
        page.goto(f"{live_server.url}/jurisdictions/{code}/report-card/")
        screenshot(page, tmp_path, f"report-card-{code}")
        assert_fits(page, f"The report card of {code}")
        # Each provision is a card: its status and its finding sit one above the other, inside the screen.
        row = page.locator("table.card-table tbody tr").first
        status = row.locator(".status-cell")
        finding = row.locator(".finding-cell")
        expect(status).to_be_visible()
        status_box, finding_box = status.bounding_box(), finding.bounding_box()
        assert status_box is not None and finding_box is not None
        assert finding_box["y"] >= status_box["y"] + status_box["height"] - 1, "status and finding are not stacked"
        assert finding_box["x"] + finding_box["width"] <= PHONE["width"], "the finding runs off the screen"
        scores = page.locator("table.scores")
        box = scores.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"], "the scores table runs off the screen"
        assert page.evaluate("() => document.querySelector('table.scores').scrollWidth") <= box["width"] + 1

    page.goto(f"{live_server.url}/jurisdictions/RO/report-card/gaps/")
    screenshot(page, tmp_path, "gaps-RO")
    assert_fits(page, "The brief of Romania's gaps")

    page.goto(f"{live_server.url}/maps/")
    screenshot(page, tmp_path, "maps")
    assert_fits(page, "The world map")
    # On a phone the map comes before its controls, and its legend is written at the page's size.
    map_box = page.locator("figure.map svg.map").bounding_box()
    controls_box = page.locator("form.map-controls").bounding_box()
    assert map_box is not None and controls_box is not None
    assert map_box["y"] < controls_box["y"], "the controls come before the map on a phone"
    legend_size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.map-key li span')).fontSize)"
    )
    assert legend_size >= 14, f"the legend is {legend_size} px: too small to read"
    expect(page.locator("#small-places")).to_contain_text("Hong Kong")

    page.goto(f"{live_server.url}/compare/?j=CA+RO+UA+FR+HU+US")
    screenshot(page, tmp_path, "compare")
    assert_fits(page, "The comparison of six jurisdictions")


def test_the_what_if_report_card_stacks_on_a_phone(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/jurisdictions/CA/what-if/")
    # A visitor ticks the first gap offered and asks for the what-if.
    page.locator("form.what-if-form input[type=checkbox]").first.check()
    page.get_by_role("button", name="Show the what-if").click()
    expect(page.locator(".what-if-banner")).to_be_visible()
    screenshot(page, tmp_path, "what-if-CA")
    assert_fits(page, "The what-if report card of Canada")
    today, after = page.locator(".what-if-card").nth(0), page.locator(".what-if-card").nth(1)
    today_box, after_box = today.bounding_box(), after.bounding_box()
    assert today_box is not None and after_box is not None
    assert after_box["y"] >= today_box["y"] + today_box["height"] - 1, "today's card and the what-if are not stacked"
    expect(page.locator("table.what-if-rows tr.changed").first).to_be_visible()
