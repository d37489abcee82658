"""A section's text as the exports read it: its numbered subdivisions as a tree, and the spans of its sentences.

Pure Python. A section's Markdown text is split into blank-line paragraphs (`BillSection.paragraphs`); a paragraph
that starts with "(1)", "(a)" or "(i)" is a numbered subsection, paragraph or subparagraph. This module is the one
reading of that rule that the Akoma Ntoso, DOCX and PDF exports share, so they number a bill alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

LABEL = re.compile(r"^\((\d+[A-Za-z]?|[A-Za-z]{1,6})\)\s*")
ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

LEVEL_NUMBER = 1  # (1), (2), (2A)
LEVEL_LETTER = 2  # (a), (b), (aa)
LEVEL_ROMAN = 3  # (i), (ii)


def clean(text: str) -> str:
    """The text with the characters XML cannot hold removed and a paragraph's line breaks as single spaces."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", NOT_XML.sub("", text)).strip()


def slug(text: str, default: str = "bill") -> str:
    """Lower-case ASCII letters, digits and hyphens ("Loi relative à la traite" → "loi-relative-a-la-traite"): what a
    file name, a FRBR URI or an eId may hold."""
    ascii_text = unicodedata.normalize("NFKD", clean(text)).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return value[:80].strip("-") or default


@dataclass
class Item:
    """A numbered subdivision: its label ("1", "a", "ii"), level, own text paragraphs and subdivisions."""

    label: str
    level: int
    texts: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)

    @property
    def num(self) -> str:
        return f"({self.label})"


@dataclass
class Body:
    """A section's text: paragraphs before its first subdivision (`intro`), then its subdivisions."""

    intro: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)


def _level(label: str, previous_letter: str | None) -> int:
    if label[0].isdigit():
        return LEVEL_NUMBER
    lower = label.lower()
    if ROMAN.match(lower) and previous_letter is None:
        # Under a subsection with no lettered paragraph open, "(c)" or "(v)" is a letter, "(i)" a subparagraph.
        return LEVEL_ROMAN if lower.startswith("i") else LEVEL_LETTER
    if ROMAN.match(lower) and previous_letter is not None:
        # "(i)" after "(h)" is the ninth letter, "(v)" after "(u)" and "(x)" after "(w)" likewise.
        expected = chr(ord(previous_letter[-1]) + 1) if len(previous_letter) == 1 else ""
        return LEVEL_LETTER if lower == expected else LEVEL_ROMAN
    return LEVEL_LETTER


def parse(paragraphs: list[str]) -> Body:
    """Read numbered paragraphs into a tree; an unnumbered paragraph after the first numbered one continues the
    innermost subdivision open, so no wording is ever dropped or moved out of order."""
    body = Body()
    stack: list[Item] = []  # the open subdivisions, outermost first
    last_letter: str | None = None
    for raw in paragraphs:
        paragraph = clean(raw)
        if not paragraph:
            continue
        match = LABEL.match(paragraph)
        if match is None:
            (stack[-1].texts if stack else body.intro).append(paragraph)
            continue
        label = match.group(1)
        level = _level(label, last_letter if stack and stack[-1].level >= LEVEL_LETTER else None)
        if level == LEVEL_LETTER:
            last_letter = label.lower()
        elif level == LEVEL_NUMBER:
            last_letter = None
        item = Item(label=label, level=level)
        rest = paragraph[match.end() :].strip()
        if rest:
            item.texts.append(rest)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else body.items).append(item)
        stack.append(item)
    return body


EMPHASIS = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def plain(text: str) -> str:
    """The words without Markdown's emphasis marks ("**shall**" reads "shall"), for the printed exports."""
    return EMPHASIS.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
