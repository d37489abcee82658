"""Readers for statutes published as JSON by open legal-data projects.

``law-json``: a statute as ``{"title", "provisions": [{"section", "title",
"content"}, ...]}``, the layout of the Ansvar-Systems law collections
(scraped from the Romanian Portal Legislativ, the Verkhovna Rada's portal,
GhaLII and a UN copy of the Guatemalan Criminal Code). The sources differ in
where they put an article's number and heading, and each is read as printed:

- "Стаття 149. Торгівля людьми": the heading follows the number in ``title``;
- "Articolul 210" (Romania): ``content`` opens with the heading, before the
  first paragraph "(1)" or the first sentence ("Sclavia Punerea ..."); the
  portal's consolidation notes "(la 01-07-2024, ... a fost modificat de ...)"
  are editorial and left out;
- "ARTICULO 194." (Guatemala, from a PDF): ``content`` opens with the number,
  its lines are the PDF's lines (joined where a sentence runs on) and its
  last line, in capitals, is the heading of the next article;
- otherwise (Ghana) ``title`` is the heading.

``eu-json``: an EU act as ``{"celex_id", "articles": [{"number", "title",
"text"}]}``; a paragraph or point number standing alone on its line ("1.",
"(a)") is joined to the text after it. Recitals are not articles.

``hun-law-json``: a Hungarian act in the structure of the hun_law toolset
(``children``: parts, chapters, subtitles and articles; an article's
paragraphs, points and sub-points with ``intro``, ``text`` and ``wrap_up``).
An article's heading is the subtitle before it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from fourthp.analyzer.readers.base import (
    ParsedDocument,
    ParsedSection,
    ReaderError,
    decode_text,
    display_name,
    plain_lines,
    select_sections,
)

__all__ = ["read_eu_json", "read_hun_law_json", "read_law_json"]


def _load(data: bytes, filename: str, wanted: str) -> dict[str, Any]:
    text = decode_text(data, filename)
    name = display_name(filename)
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReaderError(f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from exc
    if not isinstance(loaded, dict) or not isinstance(loaded.get(wanted), list):
        raise ReaderError(f"{name} is JSON without a list of “{wanted}”, so it holds no statute that can be read.")
    return loaded


def _string(item: Any, key: str) -> str:
    value = item.get(key) if isinstance(item, dict) else None
    return value if isinstance(value, str) else ""


# --- law-json -------------------------------------------------------------------------

_NUMBERED_TITLE = re.compile(r"^(?:Стаття|Articolul|Article|Artículo|Art\.)\s+([\w^.-]+?)\.?(?:\s+(.*))?$", re.I)
_GUATEMALA_NUMBER = re.compile(r"^\s*ART[IÍ]CULO\s+(\d+\s*(?:bis|ter|qu[aá]ter)?)\s*\.\s*", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"^\d+(?:[\^.-]\d+)*[A-Za-z]?$")
_RO_NOTE = re.compile(r"\s*\(la \d{2}-\d{2}-\d{4},")
# The heading is what comes before the first paragraph number or the first capitalised sentence.
_RO_HEADING = re.compile(r"^(.{2,250}?)\s+(?=\(1\)\s|[A-ZĂÂÎȘȚŞŢ][a-zăâîșțşţ]|[A-ZĂÂÎȘȚŞŢ]\s)")
_CAPITALS_LINE = re.compile(r"^[^a-záéíóúñü]*[A-ZÁÉÍÓÚÑ]{3}[^a-záéíóúñü]*$")


def read_law_json(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    loaded = _load(data, filename, "provisions")
    name = display_name(filename)
    sections: list[ParsedSection] = []
    next_heading = ""
    for position, item in enumerate(loaded["provisions"], start=1):
        title, content = _string(item, "title").strip(), _string(item, "content")
        guatemala = _GUATEMALA_NUMBER.match(content)
        numbered = _NUMBERED_TITLE.match(title)
        if guatemala:
            number = re.sub(r"\s+", " ", guatemala.group(1))
            heading, next_heading = next_heading, ""
            lines = content[guatemala.end() :].split("\n")
            if len(lines) > 1 and _CAPITALS_LINE.match(lines[-1].strip()):
                next_heading = lines.pop().strip()
            text = _join_runs(lines)
        elif numbered:
            number = numbered.group(1)
            heading = (numbered.group(2) or "").strip()
            text = _without_notes(content)
            if not heading and numbered.group(1).isdigit():
                # Amending acts number their articles in Roman numerals and give them no heading.
                heading, text = _split_heading(text)
        else:
            number, heading, text = _string(item, "section").strip(), title, content
        if not number or not text.strip():
            raise ReaderError(f"Provision {position} of {name} has no number or no text.")
        sections.append(ParsedSection(number, heading.rstrip("."), plain_lines(text)))
    # The layout does not say the language; the importer states it.
    return ParsedDocument(_string(loaded, "title"), "", select_sections(sections, only, filename))


def _without_notes(text: str) -> str:
    """Drop the Romanian portal's consolidation notes: "(la DD-MM-YYYY, ...)", with
    their nested brackets."""
    out: list[str] = []
    position = 0
    while (m := _RO_NOTE.search(text, position)) is not None:
        out.append(text[position : m.start()])
        depth, end = 0, text.index("(", m.start())
        while end < len(text):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
            if depth == 0:
                break
        position = end
    out.append(text[position:])
    return "".join(out).strip()


def _split_heading(text: str) -> tuple[str, str]:
    m = _RO_HEADING.match(text)
    if m is None:
        return "", text
    return m.group(1).strip(), text[m.end() :]


def _join_runs(lines: Sequence[str]) -> str:
    """Join lines cut by the page width: a line that does not end a sentence
    or clause runs on into the next one."""
    out: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if out and not re.search(r"[.:;]$", out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


# --- eu-json --------------------------------------------------------------------------

_LONE_LABEL = re.compile(r"^(?:\d+\.|\([a-z]{1,4}\)|\([ivxlc]+\)|\(\d+\)|[a-z]\))$")


def read_eu_json(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    loaded = _load(data, filename, "articles")
    name = display_name(filename)
    sections: list[ParsedSection] = []
    for position, item in enumerate(loaded["articles"], start=1):
        number, text = _string(item, "number").strip(), _string(item, "text")
        if not number or not text.strip():
            raise ReaderError(f"Article {position} of {name} has no number or no text.")
        sections.append(ParsedSection(number, _string(item, "title").strip(), _join_labels(text)))
    title = _string(loaded, "full_name") or _string(loaded, "title")
    return ParsedDocument(title, "en", select_sections(sections, only, filename))


def _join_labels(text: str) -> str:
    lines = [line for line in plain_lines(text).split("\n") if line]
    out: list[str] = []
    for line in lines:
        if out and _LONE_LABEL.match(out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


# --- hun-law-json ---------------------------------------------------------------------


def read_hun_law_json(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    loaded = _load(data, filename, "children")
    name = display_name(filename)
    sections: list[ParsedSection] = []
    subtitle = ""
    for item in loaded["children"]:
        kind = _string(item, "__type__")
        if kind in {"Subtitle", "Chapter", "Part"}:
            subtitle = _string(item, "title").strip() if kind == "Subtitle" else ""
        elif kind == "Article":
            number = _string(item, "identifier").strip()
            if not number:
                raise ReaderError(f"An article of {name} has no number (identifier).")
            text = "\n".join(_hun_lines(item.get("children"), depth=0))
            sections.append(ParsedSection(number, subtitle, text))
    if not sections:
        raise ReaderError(f"{name} has no articles in the hun_law layout.")
    subject = _string(loaded, "subject")
    title = " ".join(part for part in (_string(loaded, "identifier"), subject) if part)
    return ParsedDocument(title, "hu", select_sections(sections, only, filename))


def _hun_label(item: dict[str, Any], depth: int) -> str:
    identifier = _string(item, "identifier").strip()
    if not identifier:
        return ""
    kind = _string(item, "__type__")
    if depth == 0 and not kind:
        return f"({identifier})"  # a paragraph (bekezdés)
    if kind.startswith("Numeric"):
        return f"{identifier}."
    return f"{identifier})"


def _hun_lines(children: Any, depth: int) -> Iterator[str]:
    if not isinstance(children, list):
        return
    for item in children:
        if not isinstance(item, dict):
            continue
        label = _hun_label(item, depth)
        lead = _string(item, "text") or _string(item, "intro")
        yield " ".join(part for part in (label, lead.strip()) if part)
        yield from _hun_lines(item.get("children"), depth + 1)
        if _string(item, "wrap_up"):
            yield _string(item, "wrap_up").strip()
