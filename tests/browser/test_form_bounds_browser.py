"""Chromium and the server count the text in a box alike: a box filled to its limit over many lines is saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from fourthp.members.models import Profile
from fourthp.testing import make_member
from tests.browser.test_evidence_picker_browser import sign_in

pytestmark = pytest.mark.browser


def test_a_bio_filled_to_its_limit_with_line_breaks_in_chromium_is_saved(
    transactional_db: None, live_server: Any, page: Page
) -> None:
    maria = make_member()
    sign_in(page, live_server, maria)
    page.goto(live_server.url + reverse("member-profile-edit"))
    page.locator("input[name=name]").fill("Maria Member")
    bio = page.locator("textarea[name=bio]")
    bio.focus()
    # Pasted as a person would: the browser stops at maxlength, counting each line break as one.
    page.keyboard.insert_text(("A line of my short biography.\n" * 100).strip())
    counted = bio.evaluate("box => box.value.length")
    assert counted == 2000 and bio.evaluate("box => box.value.split('\\n').length") > 60
    page.get_by_role("button", name="Save your profile").click()
    expect(page.locator(".field-error")).to_have_count(0)
    assert len(Profile.objects.get(user=maria).bio) == counted
