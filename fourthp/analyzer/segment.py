"""Split the text of a statute, bill or treaty into numbered sections.

The splitter is format-agnostic: it works on plain text, on Markdown and on
text extracted from PDF or HTML. It recognises these drafting traditions:

* treaties and civil-law codes: ``Article 6``, ``Art. 6``, ``ARTICLE VI``;
* US codes and bills: ``Section 12.``, ``Sec. 12.``, ``§ 1591.``,
  ``§ 22-1833.``;
* UK and Commonwealth numbered sections: ``12. Heading``, ``12 Heading`` and
  ``279.01 (1) Every person who ...``;
* Markdown headings (``#`` ... ``######``) carrying any of the above.

Print noise is recognised and left out of section text: line numbers at the
start of lines (bills printed with numbered lines), page-number stamps
(``Page 3 of 10``, ``- 3 -``) and running headers or footers repeated at the
edges of many pages (pages are separated by form feeds or by page stamps).

How a heading is told apart from prose:

* If the document has Markdown headings that carry section numbers, only
  Markdown headings count; the body can then quote anything.
* Otherwise explicit keywords (``Article``, ``Section``, ``§``) win over bare
  numbers, because bare numbers are also used for paragraphs.
* Within one kind of heading, the longest run of increasing numbers is kept,
  so a stray cross-reference that happens to start a line cannot cut a
  section in two.

Text before the first heading (titles, preambles, enacting formulas) is front
matter and belongs to no section. When nothing numbered is found, the whole
text is returned as a single section numbered "1".
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from fourthp.lib.text import normalise_text

__all__ = ["NumberKey", "Segment", "mask_noise", "natural_key", "split_sections"]


@dataclass(frozen=True)
class Segment:
    """One section. ``start``/``end`` are offsets into the text given to
    :func:`split_sections`; ``text[start:end]`` covers the heading line and the
    body. ``text`` is the body alone, without noise, normalised."""

    number: str
    heading: str
    text: str
    start: int
    end: int


# --- section numbers -------------------------------------------------------

_NUM = r"\d+[A-Za-z]{0,2}(?:[.\-–:]\d+[A-Za-z]{0,2})*"
_ROMAN = r"[IVXLC]+"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_UNKNOWN_NUMBER = 10**9

NumberKey = tuple[tuple[int, tuple[str, ...], str], ...]


def natural_key(number: str) -> NumberKey:
    """Sort key that orders section numbers the way a reader expects.

    ``22-1831 < 22-1843``, ``1593 < 1593A < 1594``, ``7 < 7(4.11) < 7(5)``,
    ``VI < X``, and Canadian decimal numbering ``279.01 < 279.011 < 279.02``
    (digits after a point compare as decimals, not as integers).
    """
    main, _, sub = number.partition("(")
    # "157 and 158" and "594 to 596" name ranges; they sort by their ends.
    parts = [p for p in re.split(r"[-–:\s]+|\b(?:and|to)\b", main.strip().lstrip("§").strip()) if p]
    key = [_part_key(p) for p in parts]
    if sub:
        key.extend(natural_key(sub.replace(")", " ").replace("(", " ")))
    return tuple(key)


def _part_key(part: str) -> tuple[int, tuple[str, ...], str]:
    if re.fullmatch(_ROMAN, part):
        return (_roman_value(part), (), "")
    m = re.fullmatch(r"(\d+)((?:\.\d+)*)([A-Za-z]*)\.?", part)
    if m is None:
        # Unknown shapes sort after everything numeric, by their spelling.
        return (_UNKNOWN_NUMBER, (), part.lower())
    fractions = tuple(m.group(2).split(".")[1:])
    return (int(m.group(1)), fractions, m.group(3).lower())


def _roman_value(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


# --- lines and noise -------------------------------------------------------

_LINE = re.compile(r"([^\r\n\f]*)(\r\n|[\r\n\f])?")
_PAGE_STAMP = re.compile(
    r"""^\s*(?:
        page\s+\d+(?:\s*(?:of|/)\s*\d+)?   # Page 3, Page 3 of 10
      | [-–—]\s*\d+\s*[-–—]                 # - 3 -
      | \d+\s*(?:of|/)\s*\d+                # 3 of 10, 3/10
      | \d+                                 # a lone page or line number
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_LINE_NUMBER = re.compile(r"^\s*(\d{1,4})(?:\s+|$)")
_MIN_LINE_NUMBER_RUN = 4
_EDGE_LINES = 2
_MAX_RUNNING_HEAD = 120


@dataclass
class _Line:
    start: int  # offset of the line in the input
    end: int  # offset just after the line's content (before its terminator)
    content: str  # the line without any printed line number
    page: int
    noise: bool = False

    @property
    def blank(self) -> bool:
        return not self.content.strip()


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos, page = 0, 0
    while pos < len(text):
        m = _LINE.match(text, pos)
        assert m is not None  # the pattern matches the empty string
        lines.append(_Line(pos, m.end(1), m.group(1), page))
        if m.group(2) == "\f":
            page += 1
        pos = m.end()
    return lines


def _mark_noise(lines: list[_Line]) -> None:
    for line in lines:
        if _PAGE_STAMP.match(line.content):
            line.noise = True
    _strip_line_numbers(lines)
    _paginate_by_stamps(lines)
    _mark_running_heads(lines)


def _strip_line_numbers(lines: list[_Line]) -> None:
    """Remove printed line numbers: runs of lines starting 1, 2, 3, 4 ..."""
    run: list[tuple[_Line, int, int]] = []  # line, prefix width, number

    def close() -> None:
        if len(run) >= _MIN_LINE_NUMBER_RUN:
            for line, width, _ in run:
                line.content = line.content[width:]
                line.noise = line.noise or not line.content.strip()
        run.clear()

    for line in lines:
        if line.blank:
            continue
        m = _LINE_NUMBER.match(line.content)
        if m is None:
            close()
            continue
        number = int(m.group(1))
        if run and number != run[-1][2] + 1:
            close()
        run.append((line, m.end(), number))
    close()


def _paginate_by_stamps(lines: list[_Line]) -> None:
    """Without form feeds, page stamps are the best evidence of page breaks."""
    if any(line.page for line in lines):
        return
    if sum(1 for line in lines if line.noise and not line.blank) < 2:
        return
    page = 0
    for line in lines:
        line.page = page
        if line.noise and not line.blank:
            page += 1


def _mark_running_heads(lines: list[_Line]) -> None:
    pages: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if not line.noise and not line.blank:
            pages.setdefault(line.page, []).append(i)
    if len(pages) < 2:
        return
    pages_with: Counter[str] = Counter()
    edges: list[tuple[str, int]] = []
    for members in pages.values():
        # A short page would list a line twice; dict.fromkeys keeps one.
        edge = dict.fromkeys(members[:_EDGE_LINES] + members[-_EDGE_LINES:])
        keys = {_running_head_key(lines[i].content) for i in edge} - {""}
        edges.extend((_running_head_key(lines[i].content), i) for i in edge)
        pages_with.update(keys)
    threshold = max(2, math.ceil(0.4 * len(pages)))
    for key, i in edges:
        if key and pages_with[key] >= threshold:
            lines[i].noise = True


def _running_head_key(content: str) -> str:
    stripped = content.strip()
    if len(stripped) > _MAX_RUNNING_HEAD or not re.search(r"[^\W\d_]", stripped):
        return ""
    if _match_heading(stripped, markdown=False) is not None:
        return ""  # a section heading at the top of a page is not a running head
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", stripped.lower()))


# --- headings --------------------------------------------------------------

_ARTICLE = re.compile(rf"^(?:Article|ARTICLE|Art\.|ART\.)\s*(?P<num>{_NUM}|{_ROMAN})(?![\w(])\.?(?P<rest>.*)$")
_SECTION = re.compile(
    rf"^(?:§(?!§)|Section|SECTION|Sec\.|SEC\.|Sect\.)\s*(?P<num>{_NUM}|{_ROMAN})(?![\w(])\.?(?P<rest>.*)$"
)
_NUMBERED = re.compile(rf"^(?P<num>{_NUM}(?:\s+(?:and|to)\s+{_NUM})?)\.?(?:\s+(?P<rest>\S.*))?$")
_MARKDOWN_HEADING = re.compile(r"^ {0,3}(#{1,6})(?!#)\s*(.*?)\s*#*\s*$")
# Words that make a line a sentence of the body rather than a heading.
_MODAL = re.compile(r"\b(?:shall|may|must|is|are|means|includes|will|has|have|commits|applies|who)\b")
_MONTHS = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b"
)
_INLINE_HEADING = re.compile(r"^([^.]{1,100})\.(?:\s*[—–]+\s*|\s+)(\S.*)$")
_MAX_HEADING_WORDS = 15
_MAX_NUMBER_LINE_HEADING_WORDS = 25
_MAX_INLINE_HEADING_WORDS = 10
_MAX_SENTENCE_HEADING_WORDS = 4

ARTICLE, SECTION, NUMBERED = "article", "section", "numbered"


@dataclass(frozen=True)
class _Heading:
    family: str
    number: str
    heading: str
    body: str  # text after the heading on the same line, if any


def _match_heading(content: str, *, markdown: bool) -> _Heading | None:
    text = content.replace("**", "").replace("__", "").strip()
    for family, pattern in ((ARTICLE, _ARTICLE), (SECTION, _SECTION), (NUMBERED, _NUMBERED)):
        m = pattern.match(text)
        if m is None:
            continue
        rest = m.group("rest") or ""
        number = m.group("num").replace("–", "-")
        if family == NUMBERED and not markdown and not _plain_numbered(number, rest):
            return None
        if markdown:
            return _Heading(family, number, _clean_heading(rest), "")
        rest = rest.strip()
        if family != NUMBERED:
            rest = re.sub(r"^[.:\-–—]+\s*", "", rest)
            if rest[:1].islower():
                return None  # "Article 5 of the Convention ..." is prose, not a heading
        heading, body = _split_rest(rest)
        return _Heading(family, number, heading, body)
    return None


def _plain_numbered(number: str, rest: str) -> bool:
    """Outside Markdown, "12 Heading" needs a capital or "(" after the
    number, and must not be a date ("12 January") or a long number."""
    if not rest or len(number) > 8 or " " in number or _MONTHS.match(rest):
        return False
    return rest[0] in "(“\"'‘" or rest[0].isupper()


def _clean_heading(rest: str) -> str:
    rest = re.sub(r"^[\s.:\-–—]+", "", rest).strip()
    return rest[:-1].rstrip() if rest.endswith(".") else rest


def _split_rest(rest: str) -> tuple[str, str]:
    """Tell a heading on the number's line from the start of the body."""
    if not rest or rest[0] in "(“\"'‘":
        return "", rest
    # "Definitions. In this Act ..." and "Short title.—(1) This Act ..."
    m = _INLINE_HEADING.match(rest)
    if (
        m
        and len(m.group(1).split()) <= _MAX_INLINE_HEADING_WORDS
        and _looks_like_heading(m.group(1), on_number_line=True)
    ):
        return m.group(1).strip(), m.group(2)
    if _looks_like_heading(rest, on_number_line=True):
        return _clean_heading(rest), ""
    return "", rest


def _looks_like_heading(text: str, *, on_number_line: bool) -> bool:
    """A heading is short and has no verb of command or definition. On the
    number's own line a full stop often ends the heading ("§ 1592. Unlawful
    conduct ... forced labor."); on a line of its own, a full stop usually
    ends a sentence of the body, so only a few words are allowed."""
    text = text.strip()
    words = text.split()
    if not words or _MODAL.search(text) or text[-1] in ",;:-–—" or text[0] in "(-–•*":
        return False
    if on_number_line:
        return len(words) <= _MAX_NUMBER_LINE_HEADING_WORDS
    if text.endswith("."):
        return len(words) <= _MAX_SENTENCE_HEADING_WORDS
    return len(words) <= _MAX_HEADING_WORDS


@dataclass(frozen=True)
class _Candidate:
    index: int  # line index of the heading
    markdown: bool
    found: _Heading


def _candidates(lines: Sequence[_Line]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for index, line in enumerate(lines):
        if line.noise or line.blank:
            continue
        md = _MARKDOWN_HEADING.match(line.content)
        heading = _match_heading(md.group(2) if md else line.content, markdown=md is not None)
        if heading is not None:
            found.append(_Candidate(index, md is not None, heading))
    return found


def _choose(found: list[_Candidate]) -> list[_Candidate]:
    if any(c.markdown for c in found):
        found = [c for c in found if c.markdown]
    by_family = {
        family: _longest_increasing([c for c in found if c.found.family == family])
        for family in (ARTICLE, SECTION, NUMBERED)
    }
    if found and found[0].markdown:
        # A Markdown heading is a heading whatever its style: take the
        # style the document uses most.
        return max(by_family.values(), key=len)
    explicit = max(by_family[ARTICLE], by_family[SECTION], key=len)
    numbered = by_family[NUMBERED]
    if len(explicit) >= 2 or (explicit and len(numbered) < 2):
        return explicit
    if len(numbered) >= 2:
        return numbered
    return []


def _longest_increasing(found: list[_Candidate]) -> list[_Candidate]:
    """Longest strictly increasing run of section numbers (patience sorting)."""
    keys = [natural_key(c.found.number) for c in found]
    tails: list[NumberKey] = []
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(found)
    for i, key in enumerate(keys):
        pos = bisect.bisect_left(tails, key)
        if pos == len(tails):
            tails.append(key)
            tail_index.append(i)
        else:
            tails[pos] = key
            tail_index[pos] = i
        previous[i] = tail_index[pos - 1] if pos else -1
    chain: list[_Candidate] = []
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        chain.append(found[i])
        i = previous[i]
    return chain[::-1]


# --- assembling sections ---------------------------------------------------


def split_sections(text: str) -> list[Segment]:
    """Split ``text`` into numbered sections (see the module docstring)."""
    lines = _split_lines(text)
    _mark_noise(lines)
    content = [i for i, line in enumerate(lines) if not line.noise and not line.blank]
    if not content:
        return []
    chosen = _choose(_candidates(lines))
    if not chosen:
        body = normalise_text("\n".join(lines[i].content for i in content))
        return [Segment("1", "", body, 0, len(text))]

    segments: list[Segment] = []
    for n, cand in enumerate(chosen):
        stop = chosen[n + 1].index if n + 1 < len(chosen) else len(lines)
        segments.append(_build(lines, cand, stop))
    return segments


def _build(lines: list[_Line], cand: _Candidate, stop: int) -> Segment:
    heading = cand.found.heading
    first = cand.index + 1
    if not heading and not cand.found.body:
        nxt = _next_content(lines, first, stop)
        if nxt is not None and _is_heading_line(lines[nxt].content, cand.markdown):
            heading = _clean_heading(_strip_markdown_heading(lines[nxt].content))
            first = nxt + 1

    body_lines = [i for i in range(first, stop) if not lines[i].noise]
    # Headings after a section's last text introduce the next part or
    # chapter; they belong to no section.
    while body_lines and (lines[body_lines[-1]].blank or _MARKDOWN_HEADING.match(lines[body_lines[-1]].content)):
        body_lines.pop()
    parts = [cand.found.body] if cand.found.body else []
    parts.extend(lines[i].content for i in body_lines)
    end = lines[body_lines[-1]].end if body_lines else lines[cand.index].end
    return Segment(
        number=cand.found.number,
        heading=heading,
        text=normalise_text("\n".join(parts)),
        start=lines[cand.index].start,
        end=end,
    )


def _next_content(lines: list[_Line], first: int, stop: int) -> int | None:
    for i in range(first, stop):
        if not lines[i].noise and not lines[i].blank:
            return i
    return None


def _is_heading_line(content: str, markdown: bool) -> bool:
    md = _MARKDOWN_HEADING.match(content)
    if md is not None:
        return True
    if markdown:
        return False
    stripped = content.strip()
    return _looks_like_heading(stripped, on_number_line=False) and not re.match(r"^[\d(\[]", stripped)


def _strip_markdown_heading(content: str) -> str:
    md = _MARKDOWN_HEADING.match(content)
    text = md.group(2) if md else content
    return text.replace("**", "").replace("__", "").strip()


def mask_noise(text: str) -> str:
    """Return ``text`` with its print noise blanked out, offsets unchanged.

    Page stamps, running heads and printed line numbers (see the module
    docstring) become spaces, so a pattern can search the result and report
    offsets that are valid in ``text`` itself. So do words the text shows
    only to delete them: a bill's bracketed matter and the phrase an amending
    act strikes out. Nothing else changes: the result has the same length as
    ``text`` and the same line breaks.
    """
    lines = _split_lines(text)
    _mark_noise(lines)
    pieces: list[str] = []
    pos = 0
    for line in lines:
        raw_len = line.end - line.start
        if line.noise:
            blank_from = line.start
        elif len(line.content) < raw_len:
            # A printed line number was stripped from the start of the line.
            blank_from = line.start
            raw_len -= len(line.content)
            pieces.append(text[pos:blank_from])
            pieces.append(" " * raw_len)
            pos = blank_from + raw_len
            continue
        else:
            continue
        pieces.append(text[pos:blank_from])
        pieces.append(" " * (line.end - line.start))
        pos = line.end
    pieces.append(text[pos:])
    masked = _mask_deleted("".join(pieces))
    assert len(masked) == len(text)
    return masked


# Words a text shows only to say they are no longer law: matter a bill prints in
# brackets to delete it ("[fourteen] eighteen"; also a code's editorial
# "[Repealed]"), and the phrase an amending act strikes out ("by striking the
# phrase “prostitution” and inserting …", "for “X” substitute “Y”"). A Markdown
# link's text ("[the Act](…)") is kept.
_DELETED = re.compile(
    r"\[([^\[\]]{1,3000})\](?!\()"
    r"|\b(?:strik(?:e|es|ing)(?:\s+out)?|delet(?:e|es|ing)|omit(?:s|ting)?|remov(?:e|es|ing))\s+(?:the\s+)?"
    r"(?:(?:words?|phrases?|sentences?|terms?|figures?|numbers?|text|clauses?)\s+)?[“\"]([^”\"]{1,3000})[”\"]"
    r"|\bfor\s+[“\"]([^”\"]{1,3000})[”\"],?\s+substitute\b",
    re.IGNORECASE,
)


def _mask_deleted(text: str) -> str:
    if "[" not in text and "“" not in text and '"' not in text:
        return text
    chars: list[str] | None = None
    for m in _DELETED.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        lo, hi = m.span(group)
        if group == 1:
            lo, hi = lo - 1, hi + 1  # the brackets too
        if chars is None:
            chars = list(text)
        for i in range(lo, hi):
            if chars[i] != "\n":
                chars[i] = " "
    return text if chars is None else "".join(chars)
