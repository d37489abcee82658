"""A composed bill as a Word document (python-docx), for a drafter to edit.

Pure Python (no Django). The numbers are the bill's own, written as text ("1.", "Article 1", "(1)", "(a)"), never
Word's automatic numbering, so the document reads the same in any word processor and after any edit. Title lines,
then each section with its heading and its subdivisions indented by level, then the explanatory memorandum as a
table: section, provision, explanation and the jurisdictions that enacted it, with their citations.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from fourthp.drafting.bill import BillSection, ComposedBill
from fourthp.drafting.exports.structure import Item, clean, parse, plain

INDENT_CM = 0.9  # each level of subdivision is indented this much further
GENERATOR = "Fourth P"


def section_number(bill: ComposedBill, section: BillSection) -> str:
    """How a section's number is printed: "3." in common law, "Article 3" in civil law."""
    number = clean(section.number)
    return f"Article {number}" if bill.unit == "article" else f"{number}."


def _paragraph(document: DocumentObject, text: str, level: int, label: str = "") -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(INDENT_CM * level)
    paragraph.paragraph_format.space_after = Pt(4)
    if label:
        paragraph.paragraph_format.first_line_indent = Cm(-INDENT_CM * 0.9)
        paragraph.add_run(f"{label}\t")
    paragraph.add_run(plain(text))


def _items(document: DocumentObject, items: list[Item], level: int) -> None:
    for item in items:
        texts = item.texts or [""]
        _paragraph(document, texts[0], level, item.num)
        for text in texts[1:]:
            _paragraph(document, text, level)
        _items(document, item.children, level + 1)


def _cell(cell: object, lines: list[str]) -> None:
    """Fill a table cell with one paragraph per line."""
    paragraphs = cell.paragraphs  # type: ignore[attr-defined]
    paragraphs[0].text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)  # type: ignore[attr-defined]


def to_docx(bill: ComposedBill) -> bytes:
    """The bill and its explanatory memorandum as a .docx file."""
    document = Document()
    properties = document.core_properties
    properties.title = clean(bill.short_title)[:255]
    properties.subject = clean(bill.title)[:255]
    properties.author = GENERATOR
    properties.language = bill.language
    properties.keywords = f"{bill.jurisdiction_code}; {bill.framework}"[:255]

    heading = document.add_heading(clean(bill.short_title), level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (clean(bill.title), clean(bill.jurisdiction_name), clean(bill.composed_on)):
        if line:
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER

    for section in bill.sections:
        document.add_heading(f"{section_number(bill, section)} {clean(section.heading)}".strip(), level=2)
        body = parse(section.paragraphs())
        for text in body.intro:
            _paragraph(document, text, 0)
        _items(document, body.items, 1)

    document.add_page_break()  # type: ignore[no-untyped-call]
    document.add_heading("Explanatory memorandum", level=1)
    if not bill.memorandum:
        document.add_paragraph("No section of this bill meets a framework provision.")
    else:
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, label in zip(
            table.rows[0].cells, (bill.unit.capitalize(), "Provision", "Explanation", "Enacted in"), strict=True
        ):
            cell.text = label
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for entry in bill.memorandum:
            cells = table.add_row().cells
            _cell(cells[0], [f"{clean(entry.section_number)}. {clean(entry.section_heading)}"])
            _cell(cells[1], [clean(entry.provision_title), clean(entry.provision_id)])
            _cell(cells[2], [clean(entry.explanation)])
            peers = [
                " — ".join(
                    part
                    for part in (f"{clean(p.jurisdiction_name)}: {clean(p.citation)}", clean(p.url))
                    if part.strip(": ")
                )
                for p in entry.peers
            ]
            _cell(cells[3], peers or ["None found yet."])

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
