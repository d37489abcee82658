"""Reader for the US Code as chunked Markdown.

The conversion splits the Code into chunks of one section or subsection.
Every chunk repeats the title and chapter banners (``#`` and ``###``) and
the section line (``#### § 1591. Heading``); lower headings (``#####``,
``######``) open subsections and stay in the text. Chunks are rejoined per
section by the ``#### §`` line, in the order they are given.

The conversion left a space before punctuation where a link was removed
("of this title , in"); that space is taken out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fourthp.analyzer.readers.base import (
    ParsedDocument,
    ParsedSection,
    ReaderError,
    decode_text,
    display_name,
    select_sections,
)
from fourthp.analyzer.readers.markdown import inline_to_plain, markdown_to_plain

__all__ = ["read_uscode_md"]

_SECTION_LINE = re.compile(r"^####(?!#)\s*§\s*(?P<num>[0-9A-Za-z.\-–]+?)\.?(?:\s+(?P<heading>.*?))?\s*$")
_BANNER = re.compile(r"^#{1,3}(?!#)\s*(?P<text>.*?)\s*$")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=\S) +(?=[,;.:](?:\s|$))")


def read_uscode_md(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    text = decode_text(data, filename)
    banners: list[str] = []
    headings: dict[str, str] = {}
    bodies: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        section = _SECTION_LINE.match(line)
        if section:
            current = section.group("num").replace("–", "-")
            bodies.setdefault(current, [])
            headings.setdefault(current, (section.group("heading") or "").rstrip(".").strip())
            continue
        banner = _BANNER.match(line)
        if banner:
            if banner.group("text") and banner.group("text") not in banners:
                banners.append(banner.group("text"))
            continue
        if current is not None:
            bodies[current].append(line)
    if not bodies:
        raise ReaderError(
            f"{display_name(filename)} could not be read as US Code Markdown: no section line (“#### § …”) was found."
        )
    sections = [
        ParsedSection(number, inline_to_plain(headings[number]), _tidy(markdown_to_plain("\n".join(lines))))
        for number, lines in bodies.items()
    ]
    title = inline_to_plain(banners[-1]) if banners else ""
    return ParsedDocument(title=title, sections=select_sections(sections, only, filename))


def _tidy(text: str) -> str:
    return _SPACE_BEFORE_PUNCTUATION.sub("", text)
