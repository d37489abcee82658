"""The exports of a composed bill: Akoma Ntoso 3.0 XML, DOCX and PDF, each made from a `ComposedBill` alone.

None of them queries the database. The XML and the DOCX are quick and made while a page waits; the PDF takes
seconds and is printed by the task worker (`pdf.render_pdf`).
"""

from __future__ import annotations

from fourthp.drafting.bill import ComposedBill
from fourthp.drafting.exports.structure import slug

# Format name -> (media type, file name extension).
FORMATS: dict[str, tuple[str, str]] = {
    "akn": ("application/akn+xml", ".xml"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
    "pdf": ("application/pdf", ".pdf"),
}


class UnknownFormat(ValueError):
    """A format the bill is not exported in."""


def render(bill: ComposedBill, fmt: str) -> bytes:
    """The bill in `fmt` (one of FORMATS). A PDF is printed here: call it for "pdf" only in the task worker."""
    if fmt == "akn":
        from fourthp.drafting.exports.akn import to_akoma_ntoso

        return to_akoma_ntoso(bill)
    if fmt == "docx":
        from fourthp.drafting.exports.docx import to_docx

        return to_docx(bill)
    if fmt == "pdf":
        from fourthp.drafting.exports.pdf import render_pdf

        return render_pdf(bill)
    raise UnknownFormat(fmt)


def file_name(bill: ComposedBill, fmt: str, version: int | None = None) -> str:
    """A download's name: the short title's slug, the draft version when there is one, and the extension,
    e.g. "trafficking-in-persons-amendment-act-2026-v3.docx"."""
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    stem = slug(bill.short_title)
    if version is not None:
        stem = f"{stem}-v{version}"
    return stem + FORMATS[fmt][1]
