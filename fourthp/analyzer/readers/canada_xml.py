"""Reader for Justice Canada's XML (consolidated Acts and annual statutes).

Sections are the ``<Section>`` elements of ``<Body>`` that are not nested in
another section (nested ones are text being inserted by an amending Act).
A section's marginal note is its heading; the marginal notes of its
subsections stay in the text, each on its own line before the subsection,
as they are printed. Subsections, paragraphs, subparagraphs, definitions and
amended text are flattened to one line each: "(2) The report must ...".
Historical notes and footnotes are editorial and left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from fourthp.analyzer.readers.base import (
    ParsedDocument,
    ParsedSection,
    ReaderError,
    display_name,
    join_labels,
    parse_xml,
    plain_lines,
    select_sections,
)

__all__ = ["read_canada_xml"]

_EDITORIAL = {"HistoricalNote", "Footnote", "FootnoteRef", "MarginalNoteRef"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SECTION_START = re.compile(rb"<Section\b[^>]*>(?:(?!<Section\b).)*?<Label>([^<]+)</Label>", re.DOTALL)


def _inline(element: etree._Element) -> str:
    parts: list[str] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _EDITORIAL:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _label(element: etree._Element) -> str:
    label = element.find("Label")
    return _inline(label).rstrip(".") if label is not None else ""


def _where(head: bytes) -> str:
    labels = _SECTION_START.findall(head)
    return f"Section {labels[-1].decode('utf-8', 'replace').rstrip('.')}" if labels else ""


def read_canada_xml(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    root = parse_xml(data, filename, where=_where)
    name = display_name(filename)
    body = root.find("Body")
    if body is None:
        raise ReaderError(
            f"{name} is not a Justice Canada statute: it has no <Body> with sections (its top element is <{root.tag}>)."
        )
    title = next(
        (
            _inline(el)
            for el in (root.find("Identification/ShortTitle"), root.find("Identification/LongTitle"))
            if el is not None and _inline(el)
        ),
        "",
    )
    elements: dict[str, etree._Element] = {}
    sections: list[ParsedSection] = []
    for section in body.iter("Section"):
        if any(ancestor.tag == "Section" for ancestor in section.iterancestors()):
            continue
        number = _label(section)
        if not number:
            raise ReaderError(f"A section of {filename or 'the document'} has no number (<Label>).")
        note = section.find("MarginalNote")
        heading = _inline(note) if note is not None else ""
        text = plain_lines("\n".join(_flatten(section, top=True)))
        elements[number] = section
        sections.append(ParsedSection(number, heading, text))

    def find_subsection(number: str, label: str) -> ParsedSection | None:
        for sub in elements[number].iter("Subsection"):
            if _label(sub) == label:
                note = sub.find("MarginalNote")
                text = plain_lines("\n".join(_flatten(sub, top=True, carry=label)))
                return ParsedSection(f"{number}{label}", _inline(note) if note is not None else "", text)
        return None

    language = root.get(_XML_LANG) or "en"
    return ParsedDocument(title, language, select_sections(sections, only, filename, find_subsection))


def _flatten(element: etree._Element, *, top: bool, carry: str = "") -> list[str]:
    """Lines of text under ``element``; its own label and marginal note are
    used by the caller when ``top`` is true."""
    lines: list[str] = []
    pending = carry
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _EDITORIAL:
            continue
        if tag == "Label":
            if not top:
                pending = join_labels(pending, _inline(child))
            continue
        if tag == "MarginalNote":
            if not top and _inline(child):
                lines.append(_inline(child))
            continue
        if tag in {"Text", "TitleText"}:
            content = _inline(child)
            lines.append(f"{pending} {content}".strip())
        else:
            lines.extend(_flatten(child, top=False, carry=pending))
        pending = ""
    if pending:
        lines.append(pending)
    return lines
