"""The indicators, funding and organisations pages on a phone: charts scale, tables scroll in their own box.

Run with `pytest tests/browser/test_indicators_browser.py`; screenshots are saved in the test's tmp_path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from fourthp.testing import ensure_seed
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_requests_browser import PHONE, assert_fits

pytestmark = pytest.mark.browser


def test_indicators_funding_and_organisations_read_on_a_phone(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    page = new_page(viewport=PHONE)
    page.goto(live_server.url + "/jurisdictions/US-TX/")
    page.get_by_role("link", name="Indicators by year: charts with their sources and caveats").click()
    chart = page.get_by_role("img", name="Human-trafficking offences reported to the FBI: Texas")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    expect(page.get_by_text("Reporting is voluntary", exact=False)).to_be_visible()
    assert_fits(page)
    assert_no_serious_axe_violations(page, "a state's indicators")
    screenshot(page, tmp_path, "indicators")
    for address in ("/jurisdictions/UA/indicators/", "/jurisdictions/US/funding/", "/organisations/"):
        page.goto(live_server.url + address)
        assert_fits(page)
        assert_no_serious_axe_violations(page, address)
        screenshot(page, tmp_path, address.strip("/").replace("/", "-"))
    expect(page.get_by_role("link", name="National Human Trafficking Hotline")).to_be_visible()
