"""A member turns on two-factor sign-in on a phone-sized screen: the set-up page with its QR code and
the recovery codes work under the Content-Security-Policy, and signing in then asks for the code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from fourthp.testing import make_member, totp_code
from tests.browser.test_atlas_browser import screenshot
from tests.browser.test_content_security_policy_browser import watch_for_violations

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
PHONE = {"width": 375, "height": 740}


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()


def assert_fits(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than a 375px screen"


def test_a_member_turns_on_two_factor_on_a_phone(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    member = make_member()
    page = new_page(viewport=PHONE)
    violations = watch_for_violations(page)

    sign_in(page, live_server.url, member.email)
    page.goto(live_server.url + "/profile/")
    with page.expect_navigation():
        page.get_by_role("link", name="Two-factor authentication").click()
    assert_fits(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Activate").click()
    # Changing how one signs in asks for the password again first.
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()

    qr_code = page.locator("main img")
    expect(qr_code).to_be_visible()
    assert qr_code.evaluate("img => img.naturalWidth") > 0, "the QR code did not load"
    assert_fits(page)
    screenshot(page, tmp_path, "1-set-up")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Activate").click()

    page.goto(live_server.url + "/accounts/2fa/recovery-codes/")
    expect(page.locator("main")).to_contain_text("recovery codes")
    assert_fits(page)
    screenshot(page, tmp_path, "2-recovery-codes")

    page.goto(live_server.url + "/accounts/logout/")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign Out").click()
    cache.clear()  # the code just used would otherwise be refused as a replay for 30 seconds
    sign_in(page, live_server.url, member.email)
    assert page.url.endswith("/accounts/2fa/authenticate/")
    page.get_by_label("Code").fill(totp_code(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Sign In").click()
    page.goto(live_server.url + "/profile/")
    expect(page.locator("main")).to_contain_text("on, with an authenticator app")
    assert violations == [], violations
