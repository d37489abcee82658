"""A visitor signs a public statement and confirms by the e-mailed link; a legislator signs in one click.

The count and the list of signatories update on the open page without a reload (htmx polls them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import expect

from fourthp.campaigns.models import Campaign
from fourthp.testing import ensure_seed, make_legislator, make_profile
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_evidence_picker_browser import sign_in

pytestmark = pytest.mark.browser

EMAIL = "ada.visitor@example.net"


def test_a_visitor_signs_and_confirms_and_a_legislator_signs_in_one_click(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    campaign = Campaign.objects.create(
        title="End debt bondage everywhere",
        slug="end-debt-bondage",
        statement="We call on every legislature to make **debt bondage** a crime.",
        audience=Campaign.Audience.PUBLIC,
        state=Campaign.State.OPEN,
        goal=50,
    )
    url = live_server.url + campaign.get_absolute_url()
    mail.outbox.clear()

    # 1. A visitor signs, choosing to be named.
    ada = new_page(viewport={"width": 375, "height": 800})
    ada.goto(url)
    expect(ada.get_by_role("heading", name="End debt bondage everywhere")).to_be_visible()
    assert_no_serious_axe_violations(ada, "a campaign page")
    ada.get_by_label("Your name").fill("Ada Visitor")
    ada.get_by_label("Organisation").fill("Harbour Aid")
    ada.get_by_label("Where you live").fill("Canada")
    ada.get_by_label("E-mail address").fill(EMAIL)
    ada.get_by_label("Show my name in the public list of signatories").check()
    ada.get_by_role("button", name="Sign").click()
    expect(ada.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert ada.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(ada, tmp_path, "1-check-email")

    # 2. She follows the link in the e-mail and confirms.
    (message,) = [m for m in mail.outbox if EMAIL in m.to]
    link = re.search(r"https?://\S+/campaigns/confirm/\S+/", message.body)
    assert link, message.body
    ada.goto(live_server.url + "/campaigns/confirm/" + link.group(0).split("/campaigns/confirm/")[1])
    ada.get_by_role("button", name="Confirm my signature").click()
    expect(ada.locator("#campaign-signatures")).to_contain_text("Ada Visitor")
    expect(ada.locator(".signature-count")).to_have_text("1 signature")
    screenshot(ada, tmp_path, "2-listed")

    # 3. A legislator signs in one click, keeping her name hidden; Ada's open page counts her without a reload.
    lena = make_legislator()
    make_profile(lena, name="Lena Lawmaker")
    office = new_page()
    sign_in(office, live_server, lena)
    office.goto(url)
    office.get_by_role("button", name="Sign with my account").click()
    expect(office.get_by_text("Thank you: your signature is counted.")).to_be_visible()
    expect(office.locator(".signature-count")).to_have_text("2 signatures")
    expect(office.locator("#campaign-signatures")).to_contain_text("1 from a legislator")
    expect(office.locator("#campaign-signatures")).not_to_contain_text("Lena Lawmaker")
    expect(ada.locator(".signature-count")).to_have_text("2 signatures")  # polled, not reloaded
    expect(ada.locator("#campaign-signatures")).to_contain_text("1 signatory chose not to be named.")
    screenshot(office, tmp_path, "3-legislator")
