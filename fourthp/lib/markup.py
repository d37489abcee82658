"""Turning text into safe HTML: Markdown, and search matches marked in statute text.

Both return HTML strings that are safe to insert into a page: Markdown is
rendered with raw HTML disabled and then cleaned by nh3, and highlighted
statute text is escaped piece by piece before any <mark> is added, so that
a section containing markup characters can never inject HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

_ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p",
    "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Render Markdown to clean HTML (no raw HTML, no scripts, safe links only)."""
    rendered = _md.render(text or "")
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]+)"')
# Endings dropped so that a search for "trafficking" also marks "trafficked",
# mirroring the stemming of the full-text index.
_SUFFIXES = ("ings", "ing", "ed", "es", "s")


def query_terms(query: str) -> list[str]:
    """Words and quoted phrases of a search query, lower-cased, longest first."""
    phrases = [p.strip().lower() for p in _PHRASE.findall(query) if p.strip()]
    rest = _PHRASE.sub(" ", query)
    words = [w.lower() for w in _WORD.findall(rest)]
    terms = list(dict.fromkeys(phrases + words))
    return sorted(terms, key=len, reverse=True)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    parts: list[str] = []
    for term in terms:
        words = _WORD.findall(term)
        if not words:
            continue
        # A phrase matches its words in order with any spacing or punctuation between them.
        pieces = [re.escape(_stem(w)) + r"\w*" for w in words]
        parts.append(r"\b" + r"\W+".join(pieces))
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE | re.UNICODE)


@dataclass(frozen=True)
class Match:
    start: int
    end: int


def find_matches(text: str, terms: list[str]) -> list[Match]:
    pattern = _term_pattern(terms)
    if pattern is None:
        return []
    return [Match(m.start(), m.end()) for m in pattern.finditer(text)]


def highlight(text: str, terms: list[str], *, start: int = 0, end: int | None = None) -> str:
    """Escape `text[start:end]` and wrap every match of `terms` in <mark>."""
    end = len(text) if end is None else end
    window = text[start:end]
    out: list[str] = []
    cursor = 0
    for match in find_matches(window, terms):
        out.append(html.escape(window[cursor : match.start]))
        out.append("<mark>" + html.escape(window[match.start : match.end]) + "</mark>")
        cursor = match.end
    out.append(html.escape(window[cursor:]))
    return "".join(out)


def snippet(text: str, terms: list[str], *, width: int = 240) -> str:
    """A window of about `width` characters around the first match, escaped and highlighted."""
    matches = find_matches(text, terms)
    if not matches or len(text) <= width:
        start = 0
    else:
        start = max(0, matches[0].start - width // 3)
        # Start at a word boundary so the snippet does not open mid-word.
        space = text.find(" ", start)
        if 0 <= space < matches[0].start:
            start = space + 1
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        if space > start:
            end = space
    body = highlight(text, terms, start=start, end=end)
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def mark_span(text: str, start: int, end: int) -> str:
    """Escape `text` and wrap the span [start, end) in <mark>: a quoted piece of evidence."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return (
        html.escape(text[:start])
        + '<mark id="quote">'
        + html.escape(text[start:end])
        + "</mark>"
        + html.escape(text[end:])
    )


def merge_spans(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Clamp spans to [0, length), drop empty ones, and merge those that overlap or touch."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, min(s, length)), max(0, min(e, length))) for s, e in spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def mark_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Escape `text` and wrap each span [start, end) in <mark>; overlapping spans become one mark.

    Used for the analyzer's findings, several of which may cover the same clause.
    """
    out: list[str] = []
    cursor = 0
    for start, end in merge_spans(spans, len(text)):
        out.append(html.escape(text[cursor:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)
