"""The circle directory, a chapter's page and a meeting read on a 375 px phone without sideways scrolling."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from fourthp.circles.models import Meeting
from fourthp.testing import ensure_seed
from tests.browser.test_atlas_browser import screenshot
from tests.browser.test_phone_reading_browser import PHONE, assert_fits

pytestmark = pytest.mark.browser


def test_circles_chapters_and_meetings_fit_a_phone(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/circles/")
    screenshot(page, tmp_path, "circles")
    assert_fits(page, "The circle directory")
    page.get_by_role("combobox", name="Place").fill("France")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("ul.cards")).to_contain_text("Lyon student chapter")
    expect(page.locator("ul.cards")).not_to_contain_text("Cluj reading circle")
    page.get_by_role("link", name="Lyon student chapter").click()
    expect(page).to_have_url(f"{live_server.url}/chapters/lyon-student-chapter/")
    screenshot(page, tmp_path, "chapter")
    assert_fits(page, "A chapter's page")
    expect(page.locator("main")).to_contain_text("Université Lumière Lyon 2")
    meeting = Meeting.objects.filter(circle__slug="lyon-student-chapter").order_by("starts_at").first()
    assert meeting is not None
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    screenshot(page, tmp_path, "meeting")
    assert_fits(page, "A meeting's page")
    expect(page.locator("main")).to_contain_text("what does it not measure")
