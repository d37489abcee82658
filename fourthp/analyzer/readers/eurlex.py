"""Reader for EUR-Lex XHTML (the Official Journal text of EU acts).

Two layouts are read. In the older one an article is a run of paragraphs:
``<p class="ti-art">Article 5</p>``, ``<p class="sti-art">Heading</p>`` and
the paragraphs after them, up to the next article or heading of a part,
title, chapter or annex. In the newer one (from 2014) each article is a
``<div class="eli-subdivision" id="art_5">`` whose paragraphs carry ``oj-``
classes (``oj-ti-art``, ``oj-sti-art``, ``oj-normal``). Points are printed as
two-cell tables ("(a)" | text); each row becomes one line. Notes (footnotes)
are left out. Recitals, annexes and signatures are not articles and are not
read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from fourthp.analyzer.readers.base import (
    ParsedDocument,
    ParsedSection,
    ReaderError,
    decode_text,
    display_name,
    plain_lines,
    select_sections,
)

__all__ = ["read_eurlex"]

_ARTICLE = re.compile(r"^\s*(?:Article|Articolul|Article|Artikel|Artículo|Articolo|Artigo|Стаття)\s+(\S+)", re.I)
# Classes that end an article: headings of higher divisions, annexes, notes and the signatures.
_STOP = re.compile(r"^(?:oj-)?(?:ti-section-\d|ti-grseq-\d|doc-ti|note|final|signatory|doc-end)$")
_END_DIVISION = re.compile(r"^(?:fnp|anx)_")
_DROP = ("script", "style", "head", "nav", "noscript", "template")


@dataclass
class _Article:
    number: str
    heading: str = ""
    lines: list[str] = field(default_factory=list)


def _classes(element: etree._Element) -> set[str]:
    return set(str(element.get("class") or "").split())


def _text(element: etree._Element) -> str:
    return re.sub(r"\s+", " ", "".join(t for t in element.itertext() if isinstance(t, str))).strip()


def read_eurlex(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    name = display_name(filename)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", decode_text(data, filename))
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReaderError(f"{name} could not be read as a EUR-Lex page: {exc}.") from exc
    etree.strip_elements(root, *_DROP, etree.Comment, with_tail=False)
    _drop_note_references(root)
    title_parts: list[str] = []
    articles: list[_Article] = []
    current: _Article | None = None
    for kind, element in _blocks(root):
        classes = _classes(element)
        line = _row(element) if kind == "row" else _text(element)
        if kind == "stop":
            current = None
        elif classes & {"ti-art", "oj-ti-art"}:
            m = _ARTICLE.match(line)
            if m is None:
                raise ReaderError(f"{name}: an article heading “{line[:60]}” has no article number.")
            current = _Article(m.group(1).rstrip("."))
            articles.append(current)
        elif classes & {"sti-art", "oj-sti-art"} and current is not None and not current.heading:
            current.heading = line
        elif any(_STOP.match(c) for c in classes):
            if not articles and classes & {"doc-ti", "oj-doc-ti"} and line:
                title_parts.append(line)
            current = None
        elif current is not None and line:
            current.lines.append(line)
    if not articles:
        raise ReaderError(
            f"{name} has no articles in the EUR-Lex layout (no paragraph of class “ti-art” or “oj-ti-art”)."
        )
    sections = [ParsedSection(a.number, a.heading, plain_lines("\n".join(a.lines))) for a in articles]
    language = str(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or "en")
    return ParsedDocument(
        " ".join(title_parts), language.split("-")[0].lower(), select_sections(sections, only, filename)
    )


def _drop_note_references(root: etree._Element) -> None:
    """Remove the "(1)" that links to a footnote, keeping the text after it."""
    for link in list(root.iter("a")):
        if str(link.get("href") or "").startswith("#ntr") or str(link.get("id") or "").startswith("ntc"):
            parent, tail = link.getparent(), link.tail or ""
            if parent is None:
                continue
            previous = link.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(link)


def _blocks(element: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Paragraphs and table rows in document order; a row is not looked into.
    A division holding the signatures or an annex ends the articles ("stop")."""
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "div" and (
            _classes(child) & {"final", "oj-final"} or _END_DIVISION.match(child.get("id") or "")
        ):
            yield "stop", child
        elif child.tag == "tr":
            yield "row", child
        elif child.tag in {"p", "h1", "h2", "h3", "h4", "h5", "h6"}:
            yield "p", child
        else:
            yield from _blocks(child)


def _row(row: etree._Element) -> str:
    cells = (_text(cell) for cell in row if isinstance(cell.tag, str) and cell.tag in {"td", "th"})
    return " ".join(cell for cell in cells if cell)
