"""A visitor writes to her legislator about a gap of her jurisdiction's law, confirms by the e-mailed link,
and the letter reaches the legislator (on a phone-sized screen)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from fourthp.campaigns.models import Letter
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Consent, Visibility
from fourthp.testing import ensure_seed, give_consent, make_legislator, make_profile
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_requests_browser import PHONE, assert_fits

pytestmark = pytest.mark.browser

EMAIL = "rosa.writer@example.net"


def test_a_visitor_writes_from_a_gap_confirms_and_the_legislator_receives_it(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    lena = make_legislator()
    make_profile(
        lena,
        name="Lena Lawmaker",
        jurisdiction=Jurisdiction.objects.get(code="US-DC"),
        name_visibility=Visibility.PUBLIC,
        jurisdiction_visibility=Visibility.PUBLIC,
    )
    give_consent(lena, Consent.Kind.CONSTITUENT_LETTERS)
    mail.outbox.clear()

    # 1. She says where she lives, by name.
    rosa = new_page(viewport=PHONE)
    rosa.goto(live_server.url + "/letters/")
    rosa.get_by_label("Where you live").fill("District of Columbia")
    rosa.get_by_role("button", name="Show what to write about").click()
    expect(rosa.get_by_role("heading", name="Write to a representative in District of Columbia")).to_be_visible()
    expect(rosa.get_by_text("Lena Lawmaker")).to_be_visible()
    assert "@" not in rosa.content().replace("@font-face", "")
    assert_fits(rosa)
    assert_no_serious_axe_violations(rosa, "the legislators and gaps of a jurisdiction")
    screenshot(rosa, tmp_path, "1-place")

    # 2. She starts from the letter on a gap, edits it and asks the platform to send it.
    rosa.get_by_role("link", name="Write: Protect children without proof of force, fraud or coercion").click()
    expect(rosa.get_by_role("heading", name="Write your letter")).to_be_visible()
    expect(rosa.get_by_label("Lena Lawmaker")).to_be_checked()
    letter = rosa.get_by_label("Your letter")
    expect(letter).to_contain_text("Palermo Protocol")
    letter.fill(letter.input_value() + "\nI have followed this question for years.")
    rosa.get_by_label("Your name").fill("Rosa Writer")
    rosa.get_by_label("E-mail address").fill(EMAIL)
    rosa.get_by_label("Town").fill("Anacostia")
    assert_fits(rosa)
    assert_no_serious_axe_violations(rosa, "the letter form")
    rosa.get_by_role("button", name="Send it through the platform").click()
    expect(rosa.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    screenshot(rosa, tmp_path, "2-check-email")

    # 3. She follows the link from the e-mail and sends the letter.
    found = re.search(r"https?://[^/\s]+(/letters/confirm/\S+/)", mail.outbox[0].body)
    assert found, mail.outbox[0].body
    rosa.goto(live_server.url + found.group(1))
    rosa.get_by_role("button", name="Send my letter").click()
    expect(rosa.get_by_role("heading", name="Your letter is sent")).to_be_visible()
    assert_fits(rosa)
    screenshot(rosa, tmp_path, "3-sent")

    (to_lena,) = [m for m in mail.outbox if lena.email in m.to]
    assert "I have followed this question for years." in to_lena.body and "Rosa Writer" in to_lena.body
    assert to_lena.reply_to == [EMAIL]
    assert [m for m in mail.outbox if EMAIL in m.to and "Your letter is sent" in m.subject]
    assert Letter.objects.get().state == Letter.State.SENT
