"""A member screens a 10,000-line procurement file on a phone, waits for the result and downloads the XLSX.

Run with `pytest tests/browser/test_procurement_screen_browser.py`; screenshots are saved in the test's tmp_path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from fourthp.testing import make_member
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_evidence_picker_browser import sign_in
from tests.browser.test_requests_browser import PHONE, assert_fits

pytestmark = pytest.mark.browser

LINES = 10_000
# Every tenth line is cocoa from Ghana (on the list), every 1,000th has no country (a bad row); the rest are
# goods with no finding. Line numbers count the header as line 1.
AT_RISK = {n for n in range(2, LINES + 2) if n % 10 == 0 and n % 1000}
BAD = {n for n in range(2, LINES + 2) if n % 1000 == 0}


def _procurement_file() -> str:
    rows = ["Good,Country of origin,HS code"]
    for n in range(2, LINES + 2):
        if n in BAD:
            rows.append(f"Office chairs {n},,")
        elif n in AT_RISK:
            rows.append("Cocoa beans,Ghana,1801")
        else:
            rows.append(f"Printer paper {n},Germany,4802")
    return "\n".join(rows) + "\n"


def test_a_member_screens_ten_thousand_lines_and_downloads_the_xlsx(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    call_command("load_seed", verbosity=0)
    page = new_page(viewport=PHONE, accept_downloads=True)
    sign_in(page, live_server, make_member())
    upload = tmp_path / "purchases.csv"
    upload.write_text(_procurement_file(), encoding="utf-8")
    page.goto(live_server.url + "/supply-chains/screens/")
    page.get_by_label("Procurement file").set_input_files(str(upload))
    page.get_by_label("Buyer's jurisdiction").fill("France")
    page.get_by_role("button", name="Screen").click()
    # A file this large is screened by the task worker; the page polls its progress until the results come.
    expect(page.get_by_role("heading", name="Lines at risk")).to_be_visible(timeout=120_000)
    expect(page.get_by_text(f"{len(AT_RISK)} at risk", exact=False)).to_be_visible()
    expect(page.get_by_text(f"{len(BAD)} not screened", exact=False)).to_be_visible()
    expect(page.get_by_text("No country of origin is given.").first).to_be_visible()
    assert_fits(page)
    assert_no_serious_axe_violations(page, "a procurement screen's results")
    screenshot(page, tmp_path, "procurement-screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the results (XLSX)").click()
    saved = tmp_path / "results.xlsx"
    download.value.save_as(saved)
    rows = list(load_workbook(saved, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "line"
    risky = {row[0] for row in rows[1:] if row[-1] in (None, "")}
    bad = {row[0] for row in rows[1:] if row[-1]}
    assert risky == AT_RISK
    assert bad == BAD
    assert {row[6] for row in rows[1:] if row[-1] in (None, "")} >= {"child labour"}
    page.goto(live_server.url + "/supply-chains/?good=cocoa&country=Ghana")
    expect(page.get_by_role("img", name="Goods and countries on ILAB's list, by year and finding")).to_be_visible()
    assert_fits(page)
    assert_no_serious_axe_violations(page, "the goods explorer")
