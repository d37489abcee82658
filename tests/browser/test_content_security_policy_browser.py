"""The Content-Security-Policy breaks nothing: the pages a reader visits, and the API's Swagger page,
load without one violation reported by the browser, and htmx and the Swagger UI still run."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from fourthp.testing import ensure_seed

pytestmark = pytest.mark.browser


def watch_for_violations(page: Page) -> list[str]:
    """Every report of a blocked script, style or other resource, as the browser logs it."""
    seen: list[str] = []
    page.on("console", lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: seen.append(f"script error: {error}"))
    return seen


@pytest.mark.parametrize(
    "path",
    ["/", "/jurisdictions/CA/report-card/", "/maps/", "/search/?q=trafficking"],
)
def test_a_readers_pages_load_without_a_policy_violation(
    transactional_db: None, live_server: Any, page: Page, path: str
) -> None:
    ensure_seed()
    violations = watch_for_violations(page)

    response = page.goto(live_server.url + path)
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    # htmx ran: it defines its global and reads its configuration from the meta tag.
    assert page.evaluate("window.htmx && htmx.config.includeIndicatorStyles") is False
    assert violations == [], f"{path}: {violations}"


def test_the_api_documentation_page_loads_the_swagger_ui_without_a_policy_violation(
    transactional_db: None, live_server: Any, page: Page
) -> None:
    violations = watch_for_violations(page)

    page.goto(live_server.url + "/api/docs")
    # The Swagger UI drew the operations from the OpenAPI document.
    expect(page.locator(".opblock").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert violations == [], violations
