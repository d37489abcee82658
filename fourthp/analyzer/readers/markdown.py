"""Readers for Markdown and plain text, built on the generic section splitter.

Markdown is turned into plain text section by section: inline markup is
resolved with markdown-it, list bullets and heading marks are dropped,
``<details>`` blocks (historical notes in the Canadian consolidation) are
left out, and every non-blank source line becomes one line of text. Statute
Markdown writes one paragraph, list item or continuation per line, and the
flush-left continuation after a list ("to carry out activities ...") is a
line of its own in print, so lines are not joined as CommonMark would.

Treaty files from the Dutch treaty database carry the authentic English text
followed by an official Dutch translation. The translation starts where the
document's first heading (its title in the database) is repeated; everything
from there on is dropped. Failing that, it starts where the articles begin
again under another keyword ("Artikel 1" after "Article 33"). The closing
formula of a treaty ("IN WITNESS WHEREOF ...", "In faith whereof ...") is not
part of its last article and is dropped too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import yaml
from markdown_it import MarkdownIt

from fourthp.analyzer.readers.base import (
    ParsedDocument,
    ParsedSection,
    decode_text,
    plain_lines,
    select_sections,
)
from fourthp.analyzer.segment import Segment, natural_key, split_sections
from fourthp.lib.text import normalise_text

__all__ = ["markdown_to_plain", "read_markdown", "read_text"]

_MD = MarkdownIt("commonmark")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?!#)\s*(.*?)\s*#*\s*$")
_KEYWORD_NUMBER = re.compile(r"^(?P<kw>[^\W\d_]+)\.?\s*(?P<num>\d+)\b")
_HTML_ONLY = re.compile(r"^(?:<[^>]+>\s*)+$")
_RULE = re.compile(r"^([-*_])(?:\s*\1){2,}$")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_TESTIMONIUM = re.compile(r"^\s*(?:\*+\s*)?IN (?:WITNESS|FAITH) WHEREOF\b", re.IGNORECASE | re.MULTILINE)
# Some converted treaties use TeX quotes: ``term" or ``term''.
_TEX_QUOTE = re.compile(r"``(.*?)(?:''|\")")
_BOLD_ONLY = re.compile(r"^\*\*[^*]+\*\*$")
_SUBSECTION_LABEL = re.compile(r"^\(\d+(?:\.\d+)*\)")


def inline_to_plain(line: str) -> str:
    """Resolve inline Markdown (emphasis, code, links, entities) to text."""
    out: list[str] = []
    for token in _MD.parseInline(_TEX_QUOTE.sub(r"“\1”", line)):
        for child in token.children or []:
            if child.type in {"text", "text_special", "code_inline", "image"}:
                out.append(child.content)
            elif child.type in {"softbreak", "hardbreak"}:
                out.append(" ")
    return "".join(out)


def markdown_to_plain(markdown: str) -> str:
    """Markdown to plain text: one line per non-blank source line, single
    spaces, no markup."""
    lines: list[str] = []
    details = 0
    for raw in markdown.split("\n"):
        line = raw.strip()
        if re.match(r"<details\b", line, re.IGNORECASE):
            details += 1
        elif re.match(r"</details>", line, re.IGNORECASE):
            details = max(0, details - 1)
        elif details or not line or _HTML_ONLY.match(line) or _RULE.match(line):
            continue
        else:
            line = re.sub(r"^#{1,6}(?!#)\s*", "", line)
            line = re.sub(r"^(?:>\s*)+", "", line)
            line = re.sub(r"^[-*+]\s+", "", line)
            lines.append(inline_to_plain(line))
    return plain_lines("\n".join(lines))


def read_markdown(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    text = decode_text(data, filename)
    title = ""
    front = _FRONT_MATTER.match(text.replace("\r\n", "\n"))
    if front:
        title = _front_matter_title(front.group(1))
    english, translated_title = _drop_translation(text)
    segments = _drop_testimonium(split_sections(english))
    title = title or translated_title or _first_heading(english)

    by_number = {seg.number: seg for seg in segments}
    sections = [ParsedSection(seg.number, _plain_heading(seg.heading), markdown_to_plain(seg.text)) for seg in segments]

    def find_subsection(number: str, label: str) -> ParsedSection | None:
        return _markdown_subsection(by_number[number], label)

    return ParsedDocument(
        title=title,
        language="en",
        sections=select_sections(sections, only, filename, find_subsection),
    )


def read_text(data: bytes, filename: str = "", only: Sequence[str] | None = None) -> ParsedDocument:
    text = decode_text(data, filename)
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    sections = sections_from_segments(split_sections(text))
    return ParsedDocument(title=first_line[:300], sections=select_sections(sections, only, filename))


def sections_from_segments(segments: Sequence[Segment]) -> list[ParsedSection]:
    return [ParsedSection(seg.number, seg.heading, seg.text) for seg in _drop_testimonium(list(segments))]


def _front_matter_title(block: str) -> str:
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError:
        return ""
    if isinstance(meta, dict) and isinstance(meta.get("title"), str):
        return str(meta["title"]).strip()
    return ""


@dataclass(frozen=True)
class _HeadingLine:
    offset: int
    level: int
    text: str


def _headings(text: str) -> list[_HeadingLine]:
    found: list[_HeadingLine] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        m = _HEADING.match(line.rstrip("\r\n"))
        if m and m.group(2).strip():
            found.append(_HeadingLine(offset, len(m.group(1)), m.group(2).strip()))
        offset += len(line)
    return found


def _comparable(heading: str) -> str:
    return re.sub(r"\W+", " ", heading).strip().casefold()


def _drop_translation(text: str) -> tuple[str, str]:
    """Cut where a translation starts; return the text kept and, if a cut
    was made, the original-language title (the heading after the first)."""
    headings = _headings(text)
    if len(headings) < 2:
        return text, ""
    title = headings[1]
    first = _comparable(headings[0].text)
    cut = next((h.offset for h in headings[1:] if _comparable(h.text) == first), None)
    if cut is None:
        cut = _numbering_restart(headings, title.level)
    if cut is None:
        return text, ""
    return text[:cut], _plain_heading(title.text)


def _numbering_restart(headings: Sequence[_HeadingLine], title_level: int) -> int | None:
    """Second rule: articles start again from the beginning under another
    keyword ("Article 33" ... "Artikel 1"). The translation then opens at
    the first heading at the original title's level after the last original
    article, or at the restarted article itself."""
    numbered = [(i, m) for i, h in enumerate(headings) if (m := _KEYWORD_NUMBER.match(h.text))]
    if len(numbered) < 2:
        return None
    keyword, start = numbered[0][1].group("kw").casefold(), natural_key(numbered[0][1].group("num"))
    previous = numbered[0][0]
    for index, m in numbered[1:]:
        if m.group("kw").casefold() != keyword and natural_key(m.group("num")) <= start:
            opening = [h for h in headings[previous + 1 : index] if h.level == title_level]
            return (opening[0] if opening else headings[index]).offset
        previous = index
    return None


def _drop_testimonium(segments: list[Segment]) -> list[Segment]:
    if not segments:
        return segments
    last = segments[-1]
    m = _TESTIMONIUM.search(last.text)
    if m is None:
        return segments
    body = normalise_text(last.text[: m.start()])
    return [*segments[:-1], Segment(last.number, last.heading, body, last.start, last.end)]


def _first_heading(text: str) -> str:
    headings = _headings(text)
    return _plain_heading(headings[0].text) if headings else ""


def _plain_heading(heading: str) -> str:
    return plain_lines(inline_to_plain(heading)).replace("\n", " ")


def _markdown_subsection(section: Segment, label: str) -> ParsedSection | None:
    """Subsection ``label`` of a Canadian-style section in Markdown.

    Subsections start with a label such as ``(4.11)``; the bold paragraph
    just before one is its marginal note, which serves as the heading.
    """
    blocks = [b.strip() for b in re.split(r"\n\s*\n", section.text) if b.strip()]
    start = next((i for i, b in enumerate(blocks) if b.startswith(label + " ") or b == label), None)
    if start is None:
        return None
    heading = ""
    if start and _BOLD_ONLY.match(blocks[start - 1]):
        heading = _plain_heading(blocks[start - 1])
    end = start + 1
    while end < len(blocks) and not (_BOLD_ONLY.match(blocks[end]) or _SUBSECTION_LABEL.match(blocks[end])):
        end += 1
    body = markdown_to_plain("\n\n".join(blocks[start:end]))
    return ParsedSection(f"{section.number}{label}", heading, body)
