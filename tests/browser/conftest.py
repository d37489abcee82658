"""Fixtures for the browser tests: one headless Chromium for the session, a fresh page per test.

The tests drive Debian's own Chromium (/usr/bin/chromium) through Playwright;
no browser is ever downloaded. Without it the tests are skipped, and a line in
the summary says so, unless FOURTHP_REQUIRE_BROWSER=1 turns that into a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Playwright's sync API keeps an asyncio event loop running in the test thread,
# and Django refuses ORM calls from a thread with a running loop
# (SynchronousOnlyOperation). The Django docs name this variable as the way out
# for exactly this case; the ORM calls here are all plain synchronous ones.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = (
    "browser tests skipped: chromium is not installed (apt-get install chromium); "
    "set FOURTHP_REQUIRE_BROWSER=1 to make this a failure"
)
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
# Generous: the first page of a session also starts the live server.
TIMEOUT_MS = 15_000


def _browser_required() -> bool:
    return os.environ.get("FOURTHP_REQUIRE_BROWSER", "") == "1"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        if _browser_required():
            pytest.fail(
                f"FOURTHP_REQUIRE_BROWSER=1 but {CHROMIUM} does not exist: install Debian's chromium "
                "(apt-get install chromium) to run the browser tests.",
                pytrace=False,
            )
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Any]:
    """A factory for pages, each in its own context (own cookies, own viewport)."""
    contexts = []

    def make(**context_options: Any) -> Page:
        context_options.setdefault("viewport", DESKTOP_VIEWPORT)
        context = browser.new_context(**context_options)
        contexts.append(context)
        made = context.new_page()
        made.set_default_timeout(TIMEOUT_MS)
        return made

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Any) -> Page:
    return new_page()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "browser tests skipped" in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.write_sep("=", "browser tests were NOT run", yellow=True, bold=True)
        terminalreporter.write_line(
            f"{len(skipped)} browser test(s) skipped because {CHROMIUM} is missing. "
            "To run them: apt-get install chromium. To make a missing browser fail the run "
            "(as CI should): FOURTHP_REQUIRE_BROWSER=1."
        )
