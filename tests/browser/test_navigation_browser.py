"""The header's menus with a keyboard, on a phone and on a desktop screen, and signing out from them.

Run with `FOURTHP_REQUIRE_BROWSER=1 pytest tests/browser/test_navigation_browser.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from fourthp.testing import ensure_seed, make_secretariat
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_evidence_picker_browser import sign_in
from tests.browser.test_requests_browser import assert_fits

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def tab_to(page: Any, summary: Any, limit: int = 40) -> None:
    """Press Tab until `summary` has the focus, as a keyboard user does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{summary} was not reached with Tab")


def test_on_a_desktop_the_menus_open_with_the_keyboard_and_escape_closes_them(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    page = new_page()
    sign_in(page, live_server, make_secretariat())
    page.goto(live_server.url + "/jurisdictions/")
    nav = page.get_by_role("navigation", name="Main")
    expect(page.locator("summary.menu-button")).to_be_hidden()  # no fold on a wide screen
    work = nav.locator("summary", has_text="Work")
    expect(work).to_be_visible()
    tab_to(page, work)
    page.keyboard.press("Enter")
    applications = nav.get_by_role("link", name="Applications")
    expect(applications).to_be_visible()
    screenshot(page, tmp_path, "work-menu-desktop")
    assert_no_serious_axe_violations(page, "the header with a menu open")
    page.keyboard.press("Escape")
    expect(applications).to_be_hidden()
    assert work.evaluate("element => element === document.activeElement"), "Escape leaves the focus on the menu"
    # One menu at a time: opening another closes the first.
    page.keyboard.press("Enter")
    atlas = nav.locator("summary", has_text="Atlas")
    atlas.click()
    expect(nav.get_by_role("link", name="Maps")).to_be_visible()
    expect(applications).to_be_hidden()
    # A click outside closes it.
    page.get_by_role("heading", level=1).click()
    expect(nav.get_by_role("link", name="Maps")).to_be_hidden()
    # The current page is marked.
    atlas.click()
    expect(nav.get_by_role("link", name="Jurisdictions")).to_have_attribute("aria-current", "page")
    assert_fits(page)

    # Signing out from the header.
    nav.locator("summary", has_text="Your account").click()
    nav.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in")).to_be_visible()


def test_on_a_phone_one_menu_button_holds_every_link_and_nothing_scrolls_sideways(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, make_secretariat())
    page.goto(live_server.url + "/home/")
    expect(page.get_by_role("heading", name="Your home")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()
    assert_fits(page)
    button = page.locator("summary.menu-button")
    tab_to(page, button)
    page.keyboard.press("Enter")
    expect(nav).to_be_visible()
    menus = nav.locator("details.nav-menu > summary")
    assert 4 <= menus.count() <= 7
    reached = set()
    for i in range(menus.count()):
        menus.nth(i).focus()
        page.keyboard.press("Enter")
        links = nav.locator("details.nav-menu[open] a")
        for n in range(links.count()):
            expect(links.nth(n)).to_be_visible()
            reached.add(links.nth(n).get_attribute("href"))
        assert_fits(page)
    screenshot(page, tmp_path, "menu-375px")
    assert {"/jurisdictions/", "/bills/", "/groups/", "/campaigns/", "/applications/", "/home/"} <= reached
    page.keyboard.press("Escape")  # closes the open menu
    page.keyboard.press("Escape")  # then the fold
    expect(nav).to_be_hidden()
    assert_no_serious_axe_violations(page, "the home page on a phone")
