"""The atlas as a person uses it: a real browser, the keyboard only, and axe on every page.

Run with `pytest tests/browser`; see tests/browser/conftest.py for the browser set-up.
Screenshots of every page visited are saved in the test's tmp_path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from fourthp.testing import ensure_seed

pytestmark = pytest.mark.browser

# More presses than any page here needs; a focus trap or a missing field fails instead of looping.
MAX_TABS_TO_SEARCH_FIELD = 40
MAX_TABS_TO_RESULT = 150
BLOCKING_IMPACTS = {"serious", "critical"}

_axe = Axe()


def assert_no_serious_axe_violations(page: Page, what: str) -> None:
    """Run axe-core on the page; fail on any serious or critical violation, listing each."""
    violations = _axe.run(page).response["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    lines = []
    for v in blocking:
        targets = "; ".join(", ".join(node["target"]) for node in v["nodes"][:5])
        lines.append(
            f"  - {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s): {targets}] {v['helpUrl']}"
        )
    assert not blocking, (
        f"axe found {len(blocking)} serious/critical violation(s) on {what} ({page.url}):\n" + "\n".join(lines)
    )


def tab_until(page: Page, condition_js: str, *, max_presses: int, looking_for: str) -> int:
    """Press Tab until `condition_js` (a JS function of the focused element) is true; return the presses."""
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"({condition_js})(document.activeElement)"):
            return presses
    focused = page.evaluate("document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
    pytest.fail(f"{looking_for} was not reached after {max_presses} Tab presses on {page.url}; focus is on {focused}")


def screenshot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_a_keyboard_user_finds_debt_bondage_in_the_dc_code(
    transactional_db: None, live_server: Any, page: Page, tmp_path: Path
) -> None:
    # live_server runs on a transactional database; the seed is put back after each such test.
    ensure_seed()

    page.goto(live_server.url + "/")
    expect(page.get_by_label("Search the text of the law")).to_be_visible()
    screenshot(page, tmp_path, "1-home")
    assert_no_serious_axe_violations(page, "the home page")

    # From the top of the page, by keyboard only: skip link, brand, navigation, ... search field.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    tab_until(
        page,
        "el => el && el.id === 'home-q'",
        max_presses=MAX_TABS_TO_SEARCH_FIELD,
        looking_for="The home page's search field (#home-q)",
    )
    page.keyboard.type("debt bondage")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert urlparse(page.url).path == "/search/", f"Enter in the search field led to {page.url}"
    expect(page.locator("ol.results li.result").first).to_be_visible()
    screenshot(page, tmp_path, "2-results")
    assert_no_serious_axe_violations(page, "the search results")

    tab_until(
        page,
        "el => el && el.tagName === 'A' && el.closest('li.result') !== null"
        " && el.getAttribute('href').includes('/sections/us-dc-')",
        max_presses=MAX_TABS_TO_RESULT,
        looking_for="A search result linking to a D.C. Code section",
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert urlparse(page.url).path.startswith("/sections/us-dc-"), f"The result link led to {page.url}"
    text = page.locator("#text")
    expect(text).to_be_visible()
    expect(text).to_contain_text(re.compile(r"debt\s+bondage", re.IGNORECASE), use_inner_text=True)
    expect(text.locator("mark").first).to_be_visible()
    screenshot(page, tmp_path, "3-section")
    assert_no_serious_axe_violations(page, "the section page")


def test_the_home_page_fits_a_narrow_phone_screen(live_server: Any, new_page: Any, tmp_path: Path) -> None:
    page = new_page(viewport={"width": 375, "height": 812})
    page.goto(live_server.url + "/")
    screenshot(page, tmp_path, "home-375px")

    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"The home page scrolls sideways at 375 px: it is {scroll_width} px wide"

    # On a phone the whole navigation folds behind one "Menu" button; each menu in it opens in place.
    page.locator("summary.menu-button").click()
    nav = page.get_by_role("navigation", name="Main")
    menus = nav.locator("details.nav-menu > summary")
    assert menus.count() >= 4, f"Expected the main navigation's menus, found {menus.count()}"
    for i in range(menus.count()):
        menus.nth(i).click()
        for link in nav.locator("details.nav-menu[open] a").all():
            expect(link).to_be_visible()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 375, f"An open menu makes the page {scroll_width} px wide at 375 px"


def test_a_search_cut_to_300_characters_says_so_and_fits_a_narrow_phone_screen(
    live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    page = new_page(viewport={"width": 375, "height": 812})
    # One unbroken word longer than the limit, as a paste gone wrong would be.
    page.goto(live_server.url + "/search/?q=" + "trafficking" * 35)
    expect(page.get_by_text("only its first 300 characters were searched")).to_be_visible()
    screenshot(page, tmp_path, "long-search-375px")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"The search page scrolls sideways at 375 px: it is {scroll_width} px wide"


def test_a_provisions_search_fits_a_narrow_phone_screen_and_says_why_sections_lead(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    page = new_page(viewport={"width": 375, "height": 812})
    page.goto(live_server.url + "/frameworks/four-p/provisions/crim.labour-trafficking/")
    page.get_by_role("link", name="Search the law for this provision").click()
    expect(page.get_by_text("Cited as evidence for this provision").first).to_be_visible()
    screenshot(page, tmp_path, "provision-search-375px")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 375, f"The provision's search scrolls sideways at 375 px: it is {scroll_width} px wide"
    assert_no_serious_axe_violations(page, "a provision's search")
