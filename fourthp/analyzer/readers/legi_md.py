"""Reader for French codes as Markdown from the LEGI database (Légifrance),
in the layout of etalab's ``codes-juridiques-francais``: one ``# Article
225-4-1`` heading per article, followed by its paragraphs. A file may join
several such pages with ``<!-- source: ... -->`` comments between them; the
pages of sections and chapters (a heading and a list of links to articles)
are not articles and are not read. French articles have no headings.
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
from fourthp.analyzer.readers.markdown import markdown_to_plain

__all__ = ["read_legi_md"]

_ARTICLE = re.compile(r"^#\s+Article\s+(?P<num>\S.*?)\s*$")
_PAGE_BREAK = re.compile(r"^(?:#\s|<!--)")


def read_legi_md(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    text = decode_text(data, filename).replace("\r\n", "\n")
    sections: list[ParsedSection] = []
    number: str | None = None
    lines: list[str] = []
    title = ""

    def close() -> None:
        if number is not None:
            sections.append(ParsedSection(number, "", markdown_to_plain("\n".join(lines))))

    for line in text.split("\n"):
        m = _ARTICLE.match(line)
        if m:
            close()
            number, lines = m.group("num"), []
        elif _PAGE_BREAK.match(line):
            close()
            number, lines = None, []
            if line.startswith("# ") and not title:
                title = line[2:].strip()
        elif number is not None:
            lines.append(line)
    close()
    if not sections:
        raise ReaderError(f"{display_name(filename)} has no “# Article …” headings, so no article could be read.")
    return ParsedDocument(title, "fr", select_sections(sections, only, filename))
