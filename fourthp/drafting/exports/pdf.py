"""A composed bill printed to PDF with WeasyPrint: only ever called by the task worker.

Printing costs seconds of processor time, so a page never calls `render_pdf`: it asks for the PDF and the task
worker prints it, as report cards and briefs are printed (assessments/pdf.py, briefs/pdf.py). The bill reads as
the DOCX does: title lines, the sections with their own numbers, then the explanatory memorandum.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from fourthp.accounts.site import absolute_url, site_url
from fourthp.core.printing import pdf_engine_missing
from fourthp.drafting.bill import BillSection, ComposedBill
from fourthp.drafting.exports.docx import section_number
from fourthp.drafting.exports.structure import Body, Item, clean, parse, plain

__all__ = ["pdf_engine_missing", "render_pdf"]


@dataclass(frozen=True)
class _PrintedSection:
    section: BillSection
    number: str
    body: Body


def _plain_items(items: list[Item]) -> list[Item]:
    return [replace(i, texts=[plain(t) for t in i.texts], children=_plain_items(i.children)) for i in items]


def bill_html(bill: ComposedBill, *, version: int | None = None) -> str:
    """The HTML the PDF is printed from, in the bill's language."""
    sections = []
    for section in bill.sections:
        body = parse(section.paragraphs())
        body = Body(intro=[plain(t) for t in body.intro], items=_plain_items(body.items))
        tidy = replace(section, heading=clean(section.heading))
        sections.append(_PrintedSection(tidy, section_number(bill, section), body))
    memorandum = tuple(
        replace(
            entry,
            section_heading=clean(entry.section_heading),
            provision_title=clean(entry.provision_title),
            explanation=clean(entry.explanation),
            peers=tuple(
                replace(p, jurisdiction_name=clean(p.jurisdiction_name), citation=clean(p.citation), url=clean(p.url))
                for p in entry.peers
            ),
        )
        for entry in bill.memorandum
    )
    tidy_bill = replace(bill, title=clean(bill.title), short_title=clean(bill.short_title), memorandum=memorandum)
    context: dict[str, Any] = {
        "bill": tidy_bill,
        "sections": sections,
        "version": version,
        "generated": timezone.now(),
        "site_url": site_url(),
        "LANGUAGE_CODE": bill.language,
    }
    with translation.override(bill.language):
        return render_to_string("drafting/bill_pdf.html", context)


def render_pdf(bill: ComposedBill, *, version: int | None = None) -> bytes:
    """The bill and its memorandum as an A4 PDF with page numbers; raises OSError where Pango is missing."""
    from weasyprint import HTML  # loads the Pango libraries: only where a PDF is made

    pdf: bytes = HTML(string=bill_html(bill, version=version), base_url=absolute_url("/")).write_pdf()
    return pdf
