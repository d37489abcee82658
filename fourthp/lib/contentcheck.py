"""The content check of public texts: figures without a source, dated figures, sensational wording, identifying details.

A pure function, with no Django: `check_text` reads Markdown and answers the problems it finds, each with a code,
the span it covers (Python string offsets, and the line and column a person reads) and the words that tell the
author what to change. The registry (which figures exist, and how they are graded) and the list of wording to
avoid come in as arguments; the Django side (fourthp.briefs.checks) supplies them and words the reasons.

Citations are written `[[stat:<key>]]` for a figure of the statistics registry and `[[section:<key>]]` for a
section of law. A figure in the text (a percentage, a number of millions or billions, an amount of money, "1 in
N", a fraction such as 1/3) needs a citation of a figure in the same sentence.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Code(StrEnum):
    UNCITED_FIGURE = "uncited-figure"
    UNKNOWN_FIGURE = "unknown-figure"
    SUPERSEDED_FIGURE = "superseded-figure"
    UNSOURCED_FIGURE = "unsourced-figure"
    UNKNOWN_SECTION = "unknown-section"
    WORDING = "wording"
    PERSONAL_DETAIL = "personal-detail"
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"


@dataclass(frozen=True)
class Figure:
    """What the check needs to know of a figure of the registry."""

    quality: str  # primary, secondary, superseded or unsourced
    successor: str = ""  # the newest estimate's key, for a superseded figure


@dataclass(frozen=True)
class Wording:
    """A phrase to avoid in public texts, in one language, with the words to use instead."""

    language: str
    phrase: str
    instead: str


@dataclass(frozen=True)
class Problem:
    code: Code
    start: int
    end: int
    line: int
    column: int
    found: str
    details: dict[str, str] = field(default_factory=dict)


CITATION = re.compile(r"\[\[(stat|section):([^\]\s]{1,200})\]\]")
_URL = re.compile(r"https?://\S+|\]\([^)\s]*\)")
_NUMBER = r"\d+(?:[.,\u00a0 ]\d+)*"
_SCALE = (
    r"(?:million|billion|trillion|thousand|mn|bn|millions?|milliards?|millones|millón|mil\s+millones|"
    r"milioane|milion|miliarde|miliard|мільйон\w*|мільярд\w*|млн|млрд)"
)
_FIGURES = re.compile(
    "|".join(
        (
            r"(?:US\s?)?[$€£]\s?" + _NUMBER + r"(?:\s?" + _SCALE + r")?",
            _NUMBER + r"\s?(?:%|per\s?cent\b|percent\b|por\s+ciento\b|pour\s+cent\b|la\s+sută\b|відсот\w*)",
            _NUMBER + r"\s+" + _SCALE + r"\b",
            r"\b(?:1|one|uno|una|un|unu|una)\s+(?:in|of|de\s+cada|sur|din|з|із)\s+(?:\d+|ten|five|four|three|"
            r"diez|cinco|dix|cinq|zece|cinci|десяти|п'яти)\b",
            r"(?<![\d/])\d{1,3}/\d{1,3}(?![\d/])",
        )
    ),
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n\s*\n|\n\s*[-*#>]|\n\s*\d+\.\s")

_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}"
    r"|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}"
    r"|0\d{2,4}[\s.-]\d{3,4}[\s.-]?\d{3,4})(?!\w)"
)
_ADDRESS = re.compile(
    r"\b\d{1,5}[a-zA-Z]?\s+(?:[A-Z][\w'-]+\s+){1,3}(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|"
    r"Lane|Drive|Way|Place)(?!\w)"
    r"|\b(?:calle|avenida|rue|strada|str\.|bulevardul|вул\.|вулиця|проспект)\s+(?:[\w'-]+\s+){0,3}?\d{1,5}\b",
    re.IGNORECASE,
)
_NAME = r"[A-ZÀ-ÖØ-ÞĂÂÎȘȚА-ЯІЇЄҐ][a-zß-öø-ÿăâîșțа-яіїєґ']+"
_PERSONAL = re.compile(
    r"\b(?P<name>" + _NAME + r"(?:\s" + _NAME + r")?)"
    r"(?:,\s*(?:aged\s+)?\d{1,2}\s*,(?!\d)|\s*\(\d{1,2}\)|,?\s+(?:a|an|aged)\s+\d{1,2}(?:-year-old)?\b"
    r"|,?\s+\d{1,2}-year-old\b|,?\s+(?:from|who\s+lives\s+in|de|din|з)\s+(?P<place>" + _NAME + r"))"
    r"|\b\d{1,2}-year-old\s+(?P<after>" + _NAME + r")"
)
# Capitalised words that are not people: months, days, and the institutions a brief speaks of.
_NOT_NAMES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "the",
        "this",
        "that",
        "these",
        "those",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "of",
        "a",
        "an",
        "and",
        "or",
        "but",
        "parliament",
        "assembly",
        "government",
        "ministry",
        "council",
        "court",
        "office",
        "commission",
        "committee",
        "police",
        "congress",
        "senate",
        "survivors",
        "victims",
        "people",
        "women",
        "men",
        "children",
        "girls",
        "boys",
        "workers",
        "migrants",
        "refugees",
        "traffickers",
        "members",
        "article",
        "section",
        "law",
        "act",
        "code",
        "report",
        "figure",
        "table",
        "the",
        "un",
        "ilo",
        "iom",
        "osce",
        "polaris",
        "europe",
        "africa",
        "asia",
        "america",
    ]
)

_EN_ENDINGS = ("ing", "ed")
# The endings of gender and number (and, in Romanian, of the article and case) that a word of the list takes
# in its language, after its last vowel is dropped; any four letters would also take the words the list
# recommends instead ("prostituta" would take "prostitution", "sclavă" would take "sclavie").
_ENDINGS = {
    "es": r"(?:a|o|as|os|e|es)?",
    "fr": r"(?:e|s|es|x|é|ée|ées|és)?",
    "ro": r"(?:ă|a|e|ei|ele|elor|i|ii|ilor|ul|ului|le|lor)?",
}
_VOWELS = "aeiouăâîаоиіяюеєьйy"


def _word_pattern(word: str, language: str) -> str:
    """One word of a phrase, matched with its simple inflections."""
    lower = word.lower()
    if language == "en":
        for ending in _EN_ENDINGS:
            if lower.endswith(ending) and len(lower) > len(ending) + 3:
                return re.escape(lower[: -len(ending)]) + r"(?:e|es|ed|ing)"
        if lower.endswith("y") and len(lower) > 3:
            return re.escape(lower[:-1]) + r"(?:y|ies)"
        return re.escape(lower) + r"(?:s|es)?"
    stem = lower[:-1] if len(lower) > 4 and lower[-1] in _VOWELS else lower
    endings = _ENDINGS.get(language)
    if endings is None:
        return re.escape(stem) + r"\w{0,4}"
    return re.escape(stem) + endings


@functools.cache
def _first_stem(entry: Wording) -> str:
    """A piece every match of the entry contains, lower-cased: the first three letters of its first word."""
    words = re.findall(r"\w+", entry.phrase.lower(), re.UNICODE)
    return words[0][:3] if words else ""


@functools.cache
def wording_pattern(entry: Wording) -> re.Pattern[str]:
    words = re.findall(r"\w+", entry.phrase, re.UNICODE)
    body = r"[\s-]+".join(_word_pattern(w, entry.language) for w in words)
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", re.IGNORECASE | re.UNICODE)


def read_wording(path: Path) -> list[Wording]:
    """The list of wording to avoid: `language | phrase | instead` a line; `#` starts a comment."""
    entries: list[Wording] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"{path.name}: a line must be 'language | phrase | instead': {raw!r}")
        entries.append(Wording(*parts))
    return entries


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _problem(text: str, code: Code, start: int, end: int, **details: str) -> Problem:
    line, column = _position(text, start)
    return Problem(code, start, end, line, column, text[start:end], details)


def _sentences(text: str) -> list[tuple[int, int]]:
    """The bounds of the text's sentences, in order."""
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return bounds


def _sentence(sentences: list[tuple[int, int]], starts: list[int], start: int) -> tuple[int, int]:
    """The bounds of the sentence a span starting at `start` is in."""
    return sentences[max(0, bisect.bisect_right(starts, start) - 1)]


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text with the spans blanked out (same length, so offsets hold)."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def check_text(
    text: str,
    figures: Mapping[str, Figure],
    wording: Iterable[Wording] = (),
    sections: Container[str] | None = None,
) -> list[Problem]:
    """Every problem of a public text, in the order they occur.

    `figures` is the registry by key; `sections`, when given, the keys of the sections of law that exist.
    """
    text = unicodedata.normalize("NFC", text or "")
    problems: list[Problem] = []
    citations = list(CITATION.finditer(text))
    stat_spans = [(m.start(), m.end()) for m in citations if m.group(1) == "stat"]
    for m in citations:
        kind, key = m.group(1), m.group(2)
        if kind == "section":
            if sections is not None and key not in sections:
                problems.append(_problem(text, Code.UNKNOWN_SECTION, m.start(), m.end(), key=key))
            continue
        figure = figures.get(key)
        if figure is None:
            problems.append(_problem(text, Code.UNKNOWN_FIGURE, m.start(), m.end(), key=key))
        elif figure.quality == "unsourced":
            problems.append(_problem(text, Code.UNSOURCED_FIGURE, m.start(), m.end(), key=key))
        elif figure.quality == "superseded":
            problems.append(
                _problem(text, Code.SUPERSEDED_FIGURE, m.start(), m.end(), key=key, successor=figure.successor)
            )
    # Citations and addresses of links are not read as prose.
    prose = _masked(text, [(m.start(), m.end()) for m in citations] + [m.span() for m in _URL.finditer(text)])
    sentences = _sentences(prose)
    starts = [start for start, _end in sentences]
    for m in _FIGURES.finditer(prose):
        start, end = _sentence(sentences, starts, m.start())
        if not any(start <= s and e <= end for s, e in stat_spans):
            problems.append(_problem(text, Code.UNCITED_FIGURE, m.start(), m.end()))
    lowered = prose.lower()
    for entry in wording:
        if _first_stem(entry) not in lowered:  # most texts hold few of the listed words: skip the rest cheaply
            continue
        for m in wording_pattern(entry).finditer(prose):
            problems.append(
                _problem(text, Code.WORDING, m.start(), m.end(), phrase=entry.phrase, instead=entry.instead)
            )
    for m in _EMAIL.finditer(prose):
        problems.append(_problem(text, Code.EMAIL, m.start(), m.end()))
    prose_without_emails = _masked(prose, [m.span() for m in _EMAIL.finditer(prose)])
    for m in _PHONE.finditer(prose_without_emails):
        problems.append(_problem(text, Code.PHONE, m.start(), m.end()))
    for m in _ADDRESS.finditer(prose):
        problems.append(_problem(text, Code.ADDRESS, m.start(), m.end()))
    for m in _PERSONAL.finditer(prose):
        name = m.group("name") or m.group("after") or ""
        if any(word.lower() in _NOT_NAMES for word in name.split()):
            continue
        place = m.group("place")
        if place and place.lower() in _NOT_NAMES:
            continue
        problems.append(_problem(text, Code.PERSONAL_DETAIL, m.start(), m.end(), name=name))
    return sorted(_without_nested_wording(problems), key=lambda p: (p.start, p.end, p.code))


def _without_nested_wording(problems: list[Problem]) -> list[Problem]:
    """A phrase inside a longer listed phrase ("prostitute" in "child prostitute") is told once, as the longer."""
    wording = [p for p in problems if p.code == Code.WORDING]
    return [
        p
        for p in problems
        if p.code != Code.WORDING
        or not any(
            o is not p and o.start <= p.start and p.end <= o.end and o.end - o.start > p.end - p.start for o in wording
        )
    ]
