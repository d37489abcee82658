"""Reader for HTML pages of legislation.

lxml parses the page; scripts, styles, navigation and other page furniture
are dropped. Headings ``<h1>``..``<h6>`` are written as Markdown headings so
that the section splitter can trust them, and every block element starts a
new line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import lxml.html
from lxml import etree

from fourthp.analyzer.readers.base import (
    ParsedDocument,
    ReaderError,
    decode_text,
    display_name,
    select_sections,
)
from fourthp.analyzer.readers.markdown import sections_from_segments
from fourthp.analyzer.segment import split_sections

__all__ = ["read_html"]

_DROP = ("script", "style", "nav", "noscript", "template", "head", "svg", "form", "button")
_BLOCK = {
    "p", "div", "section", "article", "main", "li", "dd", "dt", "tr", "br", "pre",
    "blockquote", "table", "ul", "ol", "dl", "hr", "td", "th", "header", "footer",
    "aside", "figure", "figcaption", "address",
}  # fmt: skip
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_HEADING_MARK = re.compile(r"^#{1,6} ", re.MULTILINE)


def read_html(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    name = display_name(filename)
    text = decode_text(data, filename)
    # lxml refuses str input that carries an XML encoding declaration.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(f"{name} could not be read as a web page: {exc}.") from exc
    title = (root.findtext(".//title") or "").strip()
    etree.strip_elements(root, *_DROP, etree.Comment, with_tail=False)

    # A snapshot: flattening headings below removes elements from the tree.
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _HEADINGS:
            # Flatten the heading to one line so its Markdown mark applies.
            content = re.sub(r"\s+", " ", _text_of(element)).strip()
            tail = element.tail
            element.clear()
            element.tail = tail
            element.text = f"\n{'#' * _HEADINGS[tag]} {content}\n"
        elif tag in _BLOCK:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")

    body = root.find("body")
    content = _text_of(body if body is not None else root)
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in content.split("\n"))
    plain = "\n".join(line for line in lines if line)
    if not plain:
        raise ReaderError(f"{name} has no readable text.")
    sections = [replace(s, text=_HEADING_MARK.sub("", s.text)) for s in sections_from_segments(split_sections(plain))]
    if not title:
        title = plain.split("\n", 1)[0].lstrip("# ").strip()
    return ParsedDocument(title=title, sections=select_sections(sections, only, filename))


def _text_of(element: etree._Element) -> str:
    return "".join(t for t in element.itertext() if isinstance(t, str))
