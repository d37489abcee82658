"""Places chosen by name: the picker in a real browser, in Romanian, with the keyboard."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from fourthp.testing import ensure_seed

pytestmark = pytest.mark.browser


def fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


def type_and_wait(page: Page, box: Any, text: str, option: str) -> None:
    box.press_sequentially(text, delay=60)
    expect(page.get_by_role("option", name=re.compile(option))).to_be_visible()


def test_a_reader_finds_romania_by_its_romanian_name_and_follows_a_gap_to_its_peers(
    transactional_db: None, live_server: Any, new_page: Any
) -> None:
    ensure_seed()
    page: Page = new_page(locale="ro")
    page.goto(f"{live_server.url}/jurisdictions/")
    box = page.locator("#find-place")
    box.click()
    type_and_wait(page, box, "Rom", "România")
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    assert active and "România" in page.locator(f"#{active}").inner_text()
    box.press("Enter")
    page.wait_for_url(re.compile(r"/jurisdictions/RO/$"))
    page.locator("a[href='/jurisdictions/RO/report-card/']").first.click()
    page.wait_for_url(re.compile(r"/jurisdictions/RO/report-card/$"))
    report_card = page.url
    gap = page.locator(".gap a[href*='/peers/']").first
    expect(gap).to_be_visible()
    gap.click()
    page.wait_for_url(re.compile(r"/peers/\?provision=.*jurisdiction=RO"))
    expect(page.locator("#done-h")).to_be_visible()
    expect(page.locator("#pf-jurisdiction")).to_have_value("România")

    narrow: Page = new_page(locale="ro", viewport={"width": 375, "height": 812})
    narrow.goto(report_card)
    assert fits(narrow), "the report card scrolls sideways at 375 px"


def test_the_compare_page_takes_places_picked_by_name(transactional_db: None, live_server: Any, new_page: Any) -> None:
    ensure_seed()
    page: Page = new_page(viewport={"width": 375, "height": 812})
    page.goto(f"{live_server.url}/compare/")
    first, second = page.locator("#compare-j-1"), page.locator("#compare-j-2")
    first.click()
    type_and_wait(page, first, "Roman", "Romania")
    page.get_by_role("option", name=re.compile("Romania")).click()
    expect(first).to_have_value("Romania")
    second.click()
    type_and_wait(page, second, "US-DC", "District of Columbia")
    second.press("ArrowDown")
    second.press("Enter")
    expect(second).to_have_value("District of Columbia")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"/compare/\?j=RO&j=US-DC$"))
    expect(page.locator("table.compare")).to_be_visible()
    assert fits(page), "the compare form scrolls sideways at 375 px"
