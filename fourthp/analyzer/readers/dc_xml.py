"""Reader for the District of Columbia Code in the DC Council's law-xml format.

Each file holds one ``<section>``: ``<num>``, ``<heading>``, then text and
nested ``<para>`` elements, each with its own ``<num>`` and ``<text>``.
A paragraph whose only content is sub-paragraphs lends its number to the
first of them, as the printed Code does: "(a)(1) Except as provided ...".
Editorial ``<annotations>`` (history, notes) are not part of the law's text.
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

__all__ = ["read_dc_xml"]

_SKIP = {"num", "heading", "annotations", "reason", "include", "history"}


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in element if _local(c) == name), None)


def _inline(element: etree._Element) -> str:
    return re.sub(r"\s+", " ", "".join(t for t in element.itertext() if isinstance(t, str))).strip()


def _where(head: bytes) -> str:
    m = re.search(rb"<num[^>]*>\s*([^<]+?)\s*</num>", head)
    return f"Section {m.group(1).decode('utf-8', 'replace')}" if m else ""


def read_dc_xml(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    root = parse_xml(data, filename, where=_where)
    name = display_name(filename)
    if _local(root) != "section":
        raise ReaderError(
            f"{name} is not a DC Code section file: it holds a <{_local(root)}> where a <section> was expected."
        )
    num = _child(root, "num")
    if num is None or not _inline(num):
        raise ReaderError(f"{name} could not be read: the section has no number (<num>).")
    number = _inline(num)
    heading_el = _child(root, "heading")
    heading = _inline(heading_el).rstrip(".").strip() if heading_el is not None else ""
    text = plain_lines("\n".join(_body_lines(root, carry="")))
    section = ParsedSection(number, heading, text)
    return ParsedDocument(title=heading, sections=select_sections([section], only, filename))


def _body_lines(element: etree._Element, carry: str) -> list[str]:
    lines: list[str] = []
    pending = carry
    for child in element:
        name = _local(child)
        if name in _SKIP or not name:
            continue
        if name == "para":
            lines.extend(_body_lines(child, join_labels(pending, _para_number(child))))
        else:
            content = _inline(child)
            if content:
                lines.append(f"{pending} {content}" if pending else content)
            else:
                continue
        pending = ""
    if pending:
        lines.append(pending)
    return lines


def _para_number(para: etree._Element) -> str:
    num = _child(para, "num")
    label = _inline(num) if num is not None else ""
    heading = _child(para, "heading")
    if heading is not None and _inline(heading):
        label = f"{label} {_inline(heading)}".strip()
    return label
