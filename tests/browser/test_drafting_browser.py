"""A legislator member drafts a bill for Canada from the gaps of its report card, on a phone, reads the bill and
its explanatory memorandum, comments on a section, downloads it as Akoma Ntoso XML, Word and PDF, and opens the
what-if report card of the draft.

Run with `pytest tests/browser/test_drafting_browser.py`; screenshots are saved in the test's tmp_path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from fourthp.drafting.models import Draft
from fourthp.testing import ensure_seed, make_legislator
from tests.browser.test_atlas_browser import assert_no_serious_axe_violations, screenshot
from tests.browser.test_evidence_picker_browser import sign_in
from tests.browser.test_requests_browser import PHONE, assert_fits

pytestmark = pytest.mark.browser


def test_a_legislator_drafts_a_bill_for_canada_from_its_gaps(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    ensure_seed()
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, make_legislator())
    page.goto(live_server.url + "/drafts/")
    page.get_by_role("link", name="Draft a bill").click()
    page.get_by_label("Jurisdiction").fill("Canada")
    page.get_by_role("button", name="Next: choose provisions").click()
    expect(page.get_by_role("heading", name="A bill for Canada")).to_be_visible()
    checked = page.locator('input[name="provisions"]:checked')
    assert checked.count() > 0, "the gaps of Canada's report card are chosen"
    assert_fits(page)
    assert_no_serious_axe_violations(page, "the drafting assistant's choices")
    screenshot(page, tmp_path, "choices")
    page.get_by_role("button", name="Compose the bill").click()
    expect(page.get_by_text("The bill is composed: this is its version 1.")).to_be_visible()
    draft = Draft.objects.get()
    bill = draft.versions.get().composed()
    expect(page.get_by_role("heading", level=1)).to_have_text(bill.title)
    expect(page.get_by_role("heading", name="1. Short title")).to_be_visible()
    expect(page.get_by_role("heading", name=f"{bill.sections[-1].number}. Commencement")).to_be_visible()
    memorandum = page.get_by_role("region", name="Explanatory memorandum")
    expect(memorandum.get_by_role("row")).to_have_count(len(bill.memorandum) + 1)
    expect(memorandum.get_by_text(bill.memorandum[0].provision_title)).to_be_visible()
    assert_fits(page)
    assert_no_serious_axe_violations(page, "a composed bill")
    screenshot(page, tmp_path, "bill")
    # She comments on the short title, under its section.
    short_title = page.locator("#sec_1")
    short_title.locator("summary").click()
    short_title.get_by_label("Comment on section 1").fill("Name the year of enactment.")
    short_title.get_by_role("button", name="Add the comment").click()
    expect(page.get_by_text("Your comment is added.")).to_be_visible()
    expect(page.locator("#sec_1").get_by_text("Name the year of enactment.")).to_be_visible()
    assert_fits(page)

    # She downloads the bill in its three formats: the XML validates against Akoma Ntoso 3.0, the Word file
    # keeps the bill's own numbers, and the PDF comes from the task worker.
    from docx import Document

    from fourthp.drafting.exports.akn import validate

    with page.expect_download() as xml_info:
        page.get_by_role("link", name="Akoma Ntoso XML").click()
    xml = tmp_path / xml_info.value.suggested_filename
    xml_info.value.save_as(xml)
    assert xml.suffix == ".xml" and validate(xml.read_bytes()) == []
    with page.expect_download() as word_info:
        page.get_by_role("link", name="Word").click()
    word = tmp_path / word_info.value.suggested_filename
    word_info.value.save_as(word)
    paragraphs = [p.text for p in Document(str(word)).paragraphs]
    numbered = [s for s in bill.sections if any(t.startswith(f"{s.number}.") and s.heading in t for t in paragraphs)]
    assert numbered == list(bill.sections), "every section keeps its number and heading, in order"
    with page.expect_navigation():
        page.get_by_role("link", name="PDF").click()
    expect(page.get_by_role("status")).to_contain_text("being prepared")
    ready = page.get_by_role("link", name="Download the PDF")
    expect(ready).to_be_visible(timeout=15_000)
    with page.expect_download() as pdf_info:
        ready.click()
    pdf = tmp_path / pdf_info.value.suggested_filename
    pdf_info.value.save_as(pdf)
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")

    # Back on the bill, she opens Canada's report card as it would be if the bill were enacted.
    page.go_back()
    page.get_by_role("link", name="The report card if this bill were enacted").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What if: Canada's report card")
    expect(page.get_by_text("Hypothetical, not a finding.")).to_be_visible()
    expect(page.get_by_role("heading", name="If enacted (hypothetical)")).to_be_visible()
    changes = page.locator(".what-if-explanations li")
    assert changes.count() > 0 and "→" in changes.first.inner_text(), "the grade change is explained"
    assert_fits(page)
    assert_no_serious_axe_violations(page, "the what-if report card of a draft")
    screenshot(page, tmp_path, "what-if")
