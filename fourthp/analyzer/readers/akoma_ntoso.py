"""Reader for Akoma Ntoso 3.0 XML, as legislation portals publish acts.

The document is ``<akomaNtoso><act>`` (or ``<bill>``) with ``<meta>``,
``<preface>`` and ``<body>``. Sections are the ``<section>`` and
``<article>`` elements of the body that are not nested in another one;
each has a ``<num>`` ("1." or "Article 5"), a ``<heading>`` and its text in
``<content>``, ``<subsection>``, ``<paragraph>``, ``<list>``/``<point>`` and the
like. Nested provisions are flattened to one line each with their number
("(1) A person commits ...", "(a) ..."). Authorial notes (footnotes) are
editorial and left out.

The title is the work's ``FRBRalias`` or the preface's ``docTitle``; the
language is the expression's ``FRBRlanguage`` (ISO 639-2, given back as
ISO 639-1 where known).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from fourthp.analyzer.readers.base import (
    ParsedDocument,
    ParsedSection,
    Part,
    ReaderError,
    display_name,
    flatten_lines,
    local_name,
    parse_xml,
    plain_lines,
    select_sections,
    xml_text,
)

__all__ = ["iso_639_1", "read_akoma_ntoso"]

_PROVISIONS = {"section", "article"}
_DOCUMENTS = {"act", "bill", "doc", "statement", "amendment"}
_EDITORIAL = frozenset({"authorialNote", "noteRef", "remark"})
_SKIP = {"authorialNote", "noteRef", "remark", "componentRef"}
_BLOCKS = {"p", "block", "tblock", "crossHeading"}
_NUMBER_WORD = re.compile(r"^(?:art(?:icle|icolul|ículo|ikel)?|section|sec|§)\.?\s*", re.IGNORECASE)
_ISO_639 = {
    "eng": "en", "fra": "fr", "fre": "fr", "spa": "es", "deu": "de", "ger": "de", "ita": "it", "por": "pt",
    "nld": "nl", "dut": "nl", "ron": "ro", "rum": "ro", "ukr": "uk", "hun": "hu", "pol": "pl", "swe": "sv",
    "swa": "sw", "afr": "af", "ara": "ar", "rus": "ru", "alb": "sq", "sqi": "sq", "srp": "sr", "ell": "el",
}  # fmt: skip
_WHERE = re.compile(rb"<(?:\w+:)?(?:section|article)\b[^>]*>\s*<(?:\w+:)?num[^>]*>\s*([^<]+?)\s*</", re.IGNORECASE)


def iso_639_1(code: str) -> str:
    """ "eng" → "en"; a two-letter code is kept; anything else is ""."""
    code = code.strip().lower()
    if len(code) == 2 and code.isalpha():
        return code
    return _ISO_639.get(code, "")


def _where(head: bytes) -> str:
    numbers = _WHERE.findall(head)
    return f"Section {numbers[-1].decode('utf-8', 'replace').rstrip('.')}" if numbers else ""


def _find(element: etree._Element, *path: str) -> etree._Element | None:
    for name in path:
        found = next((child for child in element if local_name(child) == name), None)
        if found is None:
            return None
        element = found
    return element


def read_akoma_ntoso(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    root = parse_xml(data, filename, where=_where)
    name = display_name(filename)
    if local_name(root) != "akomaNtoso":
        raise ReaderError(
            f"{name} is not an Akoma Ntoso document: its top element is <{local_name(root)}>, not <akomaNtoso>."
        )
    document = next((child for child in root if local_name(child) in _DOCUMENTS), None)
    body = _find(document, "body") if document is not None else None
    if document is None or body is None:
        raise ReaderError(f"{name} is an Akoma Ntoso file without an act: there is no <act> with a <body>.")
    sections: list[ParsedSection] = []
    for element in body.iter():
        if local_name(element) not in _PROVISIONS:
            continue
        if any(local_name(ancestor) in _PROVISIONS for ancestor in element.iterancestors()):
            continue
        num = _find(element, "num")
        number = _NUMBER_WORD.sub("", xml_text(num, _EDITORIAL)).rstrip(".").strip() if num is not None else ""
        if not number:
            eid = element.get("eId") or element.get("id") or ""
            where = f" (eId “{eid}”)" if eid else ""
            raise ReaderError(f"A {local_name(element)}{where} of {name} has no number (<num>).")
        heading_el = _find(element, "heading")
        heading = xml_text(heading_el, _EDITORIAL).rstrip(".") if heading_el is not None else ""
        sections.append(ParsedSection(number, heading, plain_lines("\n".join(flatten_lines(element, _part)))))
    if not sections:
        raise ReaderError(f"{name} has no <section> or <article> in its <body>.")
    return ParsedDocument(_title(document), _language(document), select_sections(sections, only, filename))


def _part(child: etree._Element, top: bool) -> Part:
    tag = local_name(child)
    if not tag or tag in _SKIP or (top and tag in {"num", "heading", "subheading"}):
        return ("skip", "")
    if tag == "num":
        return ("label", xml_text(child, _EDITORIAL))
    if tag in {"heading", "subheading"}:
        return ("heading", xml_text(child, _EDITORIAL))
    if tag in _BLOCKS:
        return ("line", xml_text(child, _EDITORIAL))
    return ("descend", "")


def _title(document: etree._Element) -> str:
    work = _find(document, "meta", "identification", "FRBRWork")
    if work is not None:
        for tag in ("FRBRalias", "FRBRname"):
            found = _find(work, tag)
            if found is not None and found.get("value"):
                return " ".join(str(found.get("value")).split())
    preface = _find(document, "preface")
    if preface is not None:
        for element in preface.iter():
            if local_name(element) in {"docTitle", "shortTitle"} and xml_text(element):
                return xml_text(element)
    return ""


def _language(document: etree._Element) -> str:
    expression = _find(document, "meta", "identification", "FRBRExpression", "FRBRlanguage")
    code = iso_639_1(str(expression.get("language") or "")) if expression is not None else ""
    return code or "en"
