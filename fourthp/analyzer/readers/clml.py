"""Reader for legislation.gov.uk's Crown Legislation Markup Language (CLML).

The document is ``<Legislation>`` with ``<Primary>`` (or ``<Secondary>``)
holding ``<Body>``. Sections are ``<P1>`` elements, usually inside a
``<P1group>`` whose ``<Title>`` is their heading; each has a ``<Pnumber>``
and its text in ``<P1para>``, with subsections ``<P2>``, paragraphs ``<P3>``
and sub-paragraphs ``<P4>``, each flattened to one line with its number in
brackets ("(1) A person commits an offence if—"). Schedules are not read;
commentary (amendment notes) and the references to it are editorial and
left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from fourthp.analyzer.readers.akoma_ntoso import iso_639_1
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

__all__ = ["read_clml"]

_EDITORIAL = frozenset({"CommentaryRef", "Commentary", "Commentaries", "FootnoteRef", "Footnote"})
_CONTAINERS = {"Primary", "Secondary", "EURetained"}
_BODIES = {"Body", "EUBody"}
_LINES = {"Text", "Title", "Para"}
_LEVELS = {"P2", "P3", "P4", "P5"}
_WHERE = re.compile(rb"<P1\b[^>]*>\s*<Pnumber[^>]*>\s*([^<]+?)\s*</Pnumber>")


def _where(head: bytes) -> str:
    numbers = _WHERE.findall(head)
    return f"Section {numbers[-1].decode('utf-8', 'replace')}" if numbers else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if local_name(c) == name), None)


def read_clml(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    root = parse_xml(data, filename, where=_where)
    name = display_name(filename)
    if local_name(root) != "Legislation":
        raise ReaderError(
            f"{name} is not legislation.gov.uk XML: its top element is <{local_name(root)}>, not <Legislation>."
        )
    container = next((c for c in root if local_name(c) in _CONTAINERS), None)
    body = next((c for c in container if local_name(c) in _BODIES), None) if container is not None else None
    if body is None:
        raise ReaderError(f"{name} is legislation.gov.uk XML without a body: there is no <Primary> with a <Body>.")
    sections: list[ParsedSection] = []
    for p1 in body.iter("{*}P1"):
        if any(local_name(a) == "P1" for a in p1.iterancestors()):
            continue  # a P1 quoted inside an amendment belongs to the section amending
        pnumber = _child(p1, "Pnumber")
        number = xml_text(pnumber, _EDITORIAL).rstrip(".") if pnumber is not None else ""
        if not number:
            raise ReaderError(f"A section (<P1>) of {name} has no number (<Pnumber>).")
        parent = p1.getparent()
        title = _child(p1, "Title")
        if title is None and parent is not None and local_name(parent) == "P1group":
            title = _child(parent, "Title")
        heading = xml_text(title, _EDITORIAL) if title is not None else ""
        sections.append(ParsedSection(number, heading, plain_lines("\n".join(flatten_lines(p1, _part)))))
    if not sections:
        raise ReaderError(f"{name} has no sections (<P1>) in its body.")
    return ParsedDocument(_title(root), _language(root), select_sections(sections, only, filename))


def _label(pnumber: etree._Element) -> str:
    number = xml_text(pnumber, _EDITORIAL)
    before = pnumber.get("PuncBefore", "(")
    after = pnumber.get("PuncAfter", ")")
    return f"{before}{number}{after}" if number else ""


def _part(child: etree._Element, top: bool) -> Part:
    tag = local_name(child)
    if not tag or tag in _EDITORIAL or (top and tag in {"Pnumber", "Title"}):
        return ("skip", "")
    if tag == "Pnumber":
        return ("label", _label(child))
    if tag in _LINES and not any(local_name(c) in _LINES | _LEVELS for c in child):
        return ("line", xml_text(child, _EDITORIAL))
    return ("descend", "")


def _title(root: etree._Element) -> str:
    for element in root.iter("{*}title", "{*}Title"):
        parent = element.getparent()
        prelims = parent is not None and local_name(parent) in {"Metadata", "PrimaryPrelims", "SecondaryPrelims"}
        if prelims and xml_text(element):
            return xml_text(element)
    return ""


def _language(root: etree._Element) -> str:
    stated = root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not stated:
        language = next(root.iter("{*}language"), None)
        stated = (language.text or "") if language is not None else ""
    return iso_639_1(stated.split("-")[0]) or "en"
