"""Choose a reader by format, and combine several files of one instrument."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import PurePath

from fourthp.analyzer.readers.akoma_ntoso import read_akoma_ntoso
from fourthp.analyzer.readers.base import (
    ParsedDocument,
    ParsedSection,
    ReaderError,
    display_name,
    refuse_nul,
    reject_empty_or_binary,
    select_sections,
    text_encoding,
)
from fourthp.analyzer.readers.canada_xml import read_canada_xml
from fourthp.analyzer.readers.clml import read_clml
from fourthp.analyzer.readers.dc_xml import read_dc_xml
from fourthp.analyzer.readers.eurlex import read_eurlex
from fourthp.analyzer.readers.html import read_html
from fourthp.analyzer.readers.law_json import read_eu_json, read_hun_law_json, read_law_json
from fourthp.analyzer.readers.legi_md import read_legi_md
from fourthp.analyzer.readers.markdown import read_markdown, read_text
from fourthp.analyzer.readers.pdf import read_pdf
from fourthp.analyzer.readers.uscode_md import read_uscode_md
from fourthp.analyzer.segment import natural_key

__all__ = ["FORMATS", "detect_format", "read_document", "read_many"]

Reader = Callable[[bytes, str, "Sequence[str] | None"], ParsedDocument]

_READERS: dict[str, Reader] = {
    "text": read_text,
    "markdown": read_markdown,
    "dc-xml": read_dc_xml,
    "canada-xml": read_canada_xml,
    "uscode-md": read_uscode_md,
    "pdf": read_pdf,
    "html": read_html,
    "akoma-ntoso": read_akoma_ntoso,
    "clml": read_clml,
    "eurlex-xhtml": read_eurlex,
    "law-json": read_law_json,
    "eu-json": read_eu_json,
    "hun-law-json": read_hun_law_json,
    "legi-md": read_legi_md,
}
FORMATS: tuple[str, ...] = tuple(_READERS)
_SPACED_LETTERS = {"legi-md"}


def read_document(data: bytes, fmt: str, *, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    """Read one document.

    ``only`` keeps just the listed section numbers, in document order; an
    entry like ``"7(4.11)"`` keeps subsection (4.11) of section 7. A listed
    number that is not in the document is a ReaderError.
    """
    reader = _READERS.get(fmt)
    if reader is None:
        raise ReaderError(
            f"{display_name(filename)} cannot be read: the format “{fmt}” is not supported "
            f"(supported: {', '.join(FORMATS)})."
        )
    document = reader(data, filename, only)
    if not document.sections:
        raise ReaderError(f"{display_name(filename)} contains no text that could be read as sections.")
    # Whatever the format, a NUL character cannot be stored (PostgreSQL refuses it in text and JSON).
    refuse_nul(document.title, filename, "The title")
    for section in document.sections:
        for part in (section.number, section.heading, section.text, section.citation):
            refuse_nul(part, filename, f"Section {section.number.replace(chr(0), '')}")
    return document


def read_many(files: Sequence[tuple[str, bytes]], fmt: str, *, only: Sequence[str] | None = None) -> ParsedDocument:
    """Read several files of one instrument and combine their sections.

    Files are read in natural filename order and sections are put in natural
    number order (22-1831 before 22-1843, 1593 before 1593A). Sections with
    the same number in several files — chunks of one section — are joined.
    In French numbers the letter after a space is a suffix ("224-1 C" comes
    after "224-1 B", not as a Roman hundred).
    """
    if not files:
        raise ReaderError("No files were given to read.")
    ordered = sorted(files, key=lambda item: _filename_key(item[0]))
    merged: dict[str, ParsedSection] = {}
    title = ""
    language = ""
    for filename, data in ordered:
        document = read_document(data, fmt, filename=filename)
        title = title or document.title
        language = language or document.language
        for section in document.sections:
            earlier = merged.get(section.number)
            if earlier is None:
                merged[section.number] = section
            else:
                merged[section.number] = ParsedSection(
                    earlier.number,
                    earlier.heading or section.heading,
                    f"{earlier.text}\n{section.text}".strip("\n"),
                    earlier.citation or section.citation,
                )
    spaced = fmt in _SPACED_LETTERS
    sections = sorted(merged.values(), key=lambda s: natural_key(s.number.replace(" ", "") if spaced else s.number))
    return ParsedDocument(title, language or "en", select_sections(sections, only, _names(ordered)))


def _filename_key(filename: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"(\d+)", filename))


def _names(files: Sequence[tuple[str, bytes]]) -> str:
    names = [PurePath(name).name for name, _ in files]
    return names[0] if len(names) == 1 else f"{names[0]} … {names[-1]}"


_XML_KINDS = (
    (re.compile(rb"<(?:\w+:)?akomaNtoso\b|docs\.oasis-open\.org/legaldocml/ns/akn"), "akoma-ntoso"),
    (re.compile(rb"<(?:\w+:)?Legislation\b|legislation\.gov\.uk/namespaces/legislation"), "clml"),
    (re.compile(rb"code\.dccouncil\.us/schemas|<section\b[^>]*>\s*<num>"), "dc-xml"),
    (re.compile(rb"<(?:Statute|Bill|Regulation)\b|justice\.gc\.ca/lims|Justice Canada"), "canada-xml"),
    (re.compile(rb"<!DOCTYPE\s+html|<html\b", re.IGNORECASE), "html"),
)
_USCODE_LINE = re.compile(rb"^####\s*\xc2\xa7", re.MULTILINE)
# EUR-Lex puts long recitals before the first article, so the whole page is searched.
_EURLEX_ARTICLE = re.compile(rb"""class=["'](?:oj-)?ti-art["']""")
_LEGI_ARTICLE = re.compile(rb"^# Article [LRD]?\d", re.MULTILINE)
_DEEPER_HEADING = re.compile(rb"^#{2,}\s", re.MULTILINE)
_JSON_KINDS = (
    (re.compile(rb'"provisions"\s*:\s*\['), "law-json"),
    (re.compile(rb'"celex_id"\s*:|"articles"\s*:\s*\['), "eu-json"),
    (re.compile(rb'"__type__"\s*:\s*"(?:Article|Subtitle|Chapter|Part)"'), "hun-law-json"),
)


def detect_format(data: bytes, filename: str) -> str:
    """Guess the reader format from the file name and its first bytes."""
    suffix = PurePath(filename).suffix.lower()
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"%PDF") or suffix == ".pdf":
        return "pdf"
    reject_empty_or_binary(data, filename)
    encoding = text_encoding(data)
    if encoding.startswith("utf-16"):
        # Look at UTF-16 text as UTF-8, which the patterns below are written for.
        data = data.decode(encoding, errors="replace").encode("utf-8")
        head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") or suffix in {".xml", ".html", ".htm", ".xhtml"}:
        for pattern, fmt in _XML_KINDS:
            if pattern.search(head):
                return "eurlex-xhtml" if fmt == "html" and _EURLEX_ARTICLE.search(data) else fmt
        if _EURLEX_ARTICLE.search(data):
            return "eurlex-xhtml"
        if suffix in {".html", ".htm", ".xhtml"}:
            return "html"
        if suffix == ".xml" or head.startswith(b"<?xml"):
            raise ReaderError(
                f"{display_name(filename)} is XML in a layout that cannot be read yet "
                "(known layouts: Akoma Ntoso, legislation.gov.uk, EUR-Lex XHTML, DC Council law-xml, "
                "Justice Canada XML)."
            )
    if head.startswith((b"{", b"[")) or suffix == ".json":
        for pattern, fmt in _JSON_KINDS:
            if pattern.search(data):
                return fmt
    if suffix in {".md", ".markdown"}:
        if _USCODE_LINE.search(data):
            return "uscode-md"
        legi = _LEGI_ARTICLE.search(data) and not _DEEPER_HEADING.search(data)
        return "legi-md" if legi else "markdown"
    return "text"
