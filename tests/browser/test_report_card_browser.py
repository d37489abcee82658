"""From the world map to Canada's report card, its evidence and its PDF, with axe on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from fourthp.testing import ensure_seed
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_the_world_map_to_canadas_evidence_and_pdf(
    transactional_db: None, live_server: Any, page: Page, tmp_path: Path, pdf_engine: None
) -> None:
    ensure_seed()

    page.goto(live_server.url + "/maps/")
    canada = page.locator('svg a[href="/jurisdictions/CA/report-card/"]')
    expect(canada).to_have_count(1)
    screenshot(page, tmp_path, "1-world-map")
    assert_no_serious_axe_violations(page, "the world map")

    with page.expect_navigation():
        canada.click()
    assert urlparse(page.url).path == "/jurisdictions/CA/report-card/", f"Clicking Canada led to {page.url}"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Canada")
    expect(page.get_by_role("heading", name="What this law lacks")).to_be_visible()
    screenshot(page, tmp_path, "2-report-card")
    assert_no_serious_axe_violations(page, "Canada's report card")

    evidence = page.locator("ul.evidence li").first
    quote = evidence.locator("blockquote").inner_text().strip().strip("“”")
    with page.expect_navigation():
        evidence.locator("a").click()
    assert urlparse(page.url).path.startswith("/sections/"), f"The evidence link led to {page.url}"
    mark = page.locator("mark#quote")
    expect(mark).to_be_visible()
    assert " ".join(mark.inner_text().split()) == " ".join(quote.split())
    screenshot(page, tmp_path, "3-section-with-quote")
    assert_no_serious_axe_violations(page, "the quoted section")

    page.go_back()
    # The PDF is made by the task worker (here the in-process one): a page says it is being prepared,
    # checks back by itself, and offers the download when it is made.
    with page.expect_navigation():
        page.get_by_role("link", name="PDF").click()
    expect(page.get_by_role("status")).to_contain_text("being prepared")
    assert_no_serious_axe_violations(page, "the PDF waiting page")
    ready = page.get_by_role("link", name="Download the PDF")
    expect(ready).to_be_visible(timeout=15_000)
    with page.expect_download() as download_info:
        ready.click()
    download = download_info.value
    assert download.suggested_filename == "fourthp-report-card-CA.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
