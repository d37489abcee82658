"""An analyst picks evidence by selecting words in a section, in a real browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from fourthp.assessments.models import Assessment
from fourthp.laws.models import Section
from fourthp.testing import ensure_seed, make_analyst
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot

pytestmark = pytest.mark.browser

QUOTE = "for the purpose of sexual exploitation"


def sign_in(page: Page, live_server: Any, user: Any) -> None:
    """Give the browser the session of a signed-in user (the sign-in form has its own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])


def test_an_analyst_selects_the_supporting_words_and_the_quote_and_offsets_are_saved(
    transactional_db: None, live_server: Any, page: Page, tmp_path: Path
) -> None:
    ensure_seed()
    from fourthp.testing import make_instrument, make_jurisdiction, make_section

    land = make_jurisdiction("QQ", name="Quuxland")
    instrument = make_instrument(land, sections=0, key="qq-act", section_key_prefix="qq")
    text = (
        "(1) A person (the “𝔄”) who recruits, transports or harbours another person by force or fraud "
        f"{QUOTE} commits an offence.\n(2) The penalty is imprisonment for twenty years — “life” if a child dies."
    )
    section = make_section(instrument, number="5", text=text, heading="Trafficking")
    assert "𝔄" in section.text  # a character outside the BMP: offsets must count code points, not UTF-16 units
    text = section.text
    sign_in(page, live_server, make_analyst())

    page.goto(live_server.url + "/assessments/new/?jurisdiction=QQ&provision=crim.sex-trafficking")
    page.get_by_label("Sections of Quuxland law").select_option("qq-5")
    box = page.locator("[data-role=section-text]")
    expect(box).to_contain_text(QUOTE)
    assert_no_serious_axe_violations(page, "the assessment form with a section open")

    # Select exactly the quote inside the section text, as a mouse drag would.
    page.evaluate(
        """([quote]) => {
            const box = document.querySelector('[data-role=section-text]');
            const node = box.firstChild;
            const start = node.textContent.indexOf(quote);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + quote.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [QUOTE],
    )
    page.get_by_role("button", name="Use the selected text").click()
    expect(page.locator("textarea[name='evidence-0-quote']")).to_have_value(QUOTE)
    expect(page.locator("input[name='evidence-0-section_key']")).to_have_value("qq-5")

    page.get_by_label("full", exact=True).check()
    page.get_by_label("Rationale").fill("Section 5(1) covers the acts, the means and the purpose.")
    screenshot(page, tmp_path, "assessment-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()

    evidence = Assessment.objects.get(jurisdiction__code="QQ").evidence.get()
    assert evidence.section == Section.objects.get(pk=section.pk)
    assert (evidence.start, evidence.end) == (text.index(QUOTE), text.index(QUOTE) + len(QUOTE))
    assert evidence.quote == QUOTE
