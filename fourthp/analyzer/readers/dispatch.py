"""Choose a reader by format, and combine several files of one instrument."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import PurePath

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
from fourthp.analyzer.readers.dc_xml import read_dc_xml
from fourthp.analyzer.readers.html import read_html
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
}
FORMATS: tuple[str, ...] = tuple(_READERS)


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
    sections = sorted(merged.values(), key=lambda s: natural_key(s.number))
    return ParsedDocument(title, language or "en", select_sections(sections, only, _names(ordered)))


def _filename_key(filename: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(part), "") if part.isdigit() else (-1, part) for part in re.split(r"(\d+)", filename))


def _names(files: Sequence[tuple[str, bytes]]) -> str:
    names = [PurePath(name).name for name, _ in files]
    return names[0] if len(names) == 1 else f"{names[0]} … {names[-1]}"


_XML_KINDS = (
    (re.compile(rb"code\.dccouncil\.us/schemas|<section\b[^>]*>\s*<num>"), "dc-xml"),
    (re.compile(rb"<(?:Statute|Bill|Regulation)\b|justice\.gc\.ca/lims|Justice Canada"), "canada-xml"),
    (re.compile(rb"<!DOCTYPE\s+html|<html\b", re.IGNORECASE), "html"),
)
_USCODE_LINE = re.compile(rb"^####\s*\xc2\xa7", re.MULTILINE)


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
                return fmt
        if suffix in {".html", ".htm", ".xhtml"}:
            return "html"
        if suffix == ".xml" or head.startswith(b"<?xml"):
            raise ReaderError(
                f"{display_name(filename)} is XML in a layout that cannot be read yet "
                "(known layouts: DC Council law-xml, Justice Canada XML)."
            )
    if suffix in {".md", ".markdown"}:
        return "uscode-md" if _USCODE_LINE.search(data) else "markdown"
    return "text"
