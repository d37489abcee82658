"""Shared types and input checks for the statute readers."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml import etree

from fourthp.analyzer.segment import NumberKey, natural_key
from fourthp.lib.text import normalise_text

__all__ = [
    "Classifier",
    "ParsedDocument",
    "ParsedSection",
    "Part",
    "ReaderError",
    "decode_text",
    "display_name",
    "flatten_lines",
    "join_labels",
    "local_name",
    "parse_xml",
    "plain_lines",
    "refuse_nul",
    "reject_empty_or_binary",
    "select_sections",
    "text_encoding",
    "xml_text",
]


class ReaderError(ValueError):
    """A document could not be read. The message is meant for the person who
    supplied the document: it says what failed and where, in plain words."""


@dataclass(frozen=True)
class ParsedSection:
    """One section as read. ``text`` is always in the canonical form of
    :func:`normalise_text`, whichever reader built it."""

    number: str
    heading: str
    text: str
    citation: str = ""

    def __post_init__(self) -> None:
        # Frozen dataclass: assignment has to go through object.__setattr__.
        object.__setattr__(self, "text", normalise_text(self.text))
        object.__setattr__(self, "heading", " ".join(normalise_text(self.heading).split()))


@dataclass(frozen=True)
class ParsedDocument:
    title: str
    language: str = "en"
    sections: list[ParsedSection] = field(default_factory=list)


def display_name(filename: str) -> str:
    return filename or "The document"


# A few control characters are normal in text (tab, newlines, form feed).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.01
_SNIFF = 8192
# UTF-16 without a byte-order mark: in text of any script, spaces, digits and
# punctuation are code units with a zero high byte, so at least this share of
# the code units has a zero byte on one side and (almost) none on the other.
# Binary files have zero bytes on both sides.
_UTF16_ZERO_SHARE = 0.1
_UTF16_OTHER_SIDE = 0.01


def text_encoding(data: bytes) -> str:
    """The encoding of text bytes, for :func:`bytes.decode`: UTF-16 by its
    byte-order mark (``utf-16``) or, without one, by where its zero bytes
    fall (``utf-16-le``/``utf-16-be``); otherwise UTF-8 with or without a
    byte-order mark (``utf-8-sig``)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[: _SNIFF - _SNIFF % 2]
    head = head[: len(head) - len(head) % 2]
    units = len(head) // 2
    if units:
        high_first, high_second = head[0::2].count(0), head[1::2].count(0)
        if high_second >= _UTF16_ZERO_SHARE * units and high_first <= _UTF16_OTHER_SIDE * units:
            return "utf-16-le"
        if high_first >= _UTF16_ZERO_SHARE * units and high_second <= _UTF16_OTHER_SIDE * units:
            return "utf-16-be"
    return "utf-8-sig"


def reject_empty_or_binary(data: bytes, filename: str) -> None:
    """Raise ReaderError for empty input and for non-text bytes."""
    name = display_name(filename)
    if not data.strip():
        raise ReaderError(f"{name} is empty: there is no text to read.")
    if text_encoding(data).startswith("utf-16"):
        return  # UTF-16 text is full of zero bytes by design
    head = data[:_SNIFF]
    if b"\x00" in head or len(_BINARY_BYTES.findall(head)) > _BINARY_SHARE * len(head):
        raise ReaderError(
            f"{name} is not a text file (it looks like a binary file such as an image, a spreadsheet "
            "or a compressed archive)."
        )


def refuse_nul(text: str, filename: str, where: str = "") -> None:
    """Raise ReaderError if ``text`` holds a NUL character.

    Text never contains one; a NUL means binary data or a damaged file, and
    a statute's text must not be stored with a piece silently cut out of it.
    """
    at = text.find("\x00")
    if at < 0:
        return
    place = f"{where} of {display_name(filename)}" if where else display_name(filename)
    line = text.count("\n", 0, at) + 1
    raise ReaderError(
        f"{place} contains NUL characters (the first on line {line}), which text never holds: part of it is "
        "binary data or the file is damaged. Save it again as plain text (UTF-8) and try again."
    )


def decode_text(data: bytes, filename: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark) or UTF-16 (little- or
    big-endian, with or without a byte-order mark).

    Other encodings are refused rather than guessed: a wrong guess silently
    corrupts accented letters and quotation marks in legal text. So is text
    holding a NUL character anywhere, not only in the part looked at to tell
    text from binary.
    """
    reject_empty_or_binary(data, filename)
    name = display_name(filename)
    encoding = text_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding.startswith("utf-16"):
            raise ReaderError(
                f"{name} looks like UTF-16 text but cannot be read as such (it is damaged or cut short). "
                "Save the file with UTF-8 encoding and try again."
            ) from exc
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReaderError(
            f"{name} is not saved as UTF-8 text: the characters on line {line} cannot "
            "be read. Save the file with UTF-8 encoding and try again."
        ) from exc
    if not text.strip():
        raise ReaderError(f"{name} is empty: there is no text to read.")
    refuse_nul(text, filename)
    return text


Locator = Callable[[bytes], str]


def parse_xml(data: bytes, filename: str, where: Locator | None = None) -> etree._Element:
    """Parse XML safely (no network, no external entities, no DTD loading).

    ``where`` names the part of the document that failed (for example
    "Section 22-1837"); it is called with the bytes up to the error line.
    """
    reject_empty_or_binary(data, filename)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReaderError(_xml_problem(exc, data, filename, where)) from exc


def _xml_problem(exc: etree.XMLSyntaxError, data: bytes, filename: str, where: Locator | None) -> str:
    name = filename or "the document"
    line, column = exc.position if exc.position else (exc.lineno or 1, 1)
    part = where(b"\n".join(data.split(b"\n")[:line])) if where else ""
    subject = f"{part} of {name}" if part else display_name(filename)
    message = str(exc.msg or "").lower()
    line_start = sum(len(text) + 1 for text in data.split(b"\n")[: line - 1])
    at_end = line_start + column >= len(data.rstrip())
    if "encoding" in message or "utf-8" in message:
        reason = f"it is not saved as UTF-8 text (line {line})"
    elif "premature end" in message or "endtag" in message or at_end:
        reason = f"the XML ends early (line {line})"
    elif "start tag expected" in message:
        reason = "it does not contain XML"
    elif "mismatch" in message:
        reason = f"the XML is damaged near line {line} (an element is not closed where it should be)"
    else:
        reason = f"the XML is damaged near line {line}"
    return f"{subject} could not be read: {reason}."


def local_name(element: etree._Element) -> str:
    """The tag of ``element`` without its namespace ("" for comments and the like)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def xml_text(element: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """The text of ``element`` on one line, leaving out elements named in ``skip``
    (editorial notes and references to them) but keeping their tails."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if local_name(child) and local_name(child) not in skip:
            parts.append(xml_text(child, skip))
        parts.append(child.tail or "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


# How a provision's child element is read by flatten_lines: left out ("skip"), a number carried
# to the next line ("label"), a line of its own ("heading"), a line after the carried number
# ("line"), or a container to read through ("descend").
Part = tuple[str, str]
Classifier = Callable[[etree._Element, bool], Part]


def flatten_lines(element: etree._Element, classify: Classifier, *, top: bool = True, carry: str = "") -> list[str]:
    """The lines of a provision whose nested parts carry their own numbers:
    each number goes at the start of the next line ("(1)" + "(a)" + text →
    "(1)(a) text"). ``classify(child, top)`` says what each child is; ``top`` is
    true for the provision's own children, whose number and heading the caller
    reads."""
    lines: list[str] = []
    pending = carry
    for child in element:
        kind, text = classify(child, top)
        if kind == "skip":
            continue
        if kind == "label":
            pending = join_labels(pending, text)
        elif kind == "heading":
            if text:
                lines.append(text)
        elif kind == "line":
            if text:
                lines.append(f"{pending} {text}".strip())
                pending = ""
        else:
            lines.extend(flatten_lines(child, classify, top=False, carry=pending))
            pending = ""
    if pending:
        lines.append(pending)
    return lines


def join_labels(carried: str, label: str) -> str:
    """Combine a label carried down from a parent with the child's own:
    "(a)" + "(1)" prints as "(a)(1)", "279.04" + "(1)" as "279.04 (1)"."""
    if not carried or not label:
        return carried or label
    return carried + label if carried.endswith(")") and label.startswith("(") else f"{carried} {label}"


def plain_lines(text: str) -> str:
    """One line per paragraph, single spaces, no blank lines."""
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# "7(4.11)" selects subsection (4.11) of section 7.
_SUBSECTION_SPEC = re.compile(r"^(?P<section>[^()\s]+)(?P<sub>\(.+\))$")

SubsectionFinder = Callable[[str, str], "ParsedSection | None"]


def select_sections(
    sections: Sequence[ParsedSection],
    only: Sequence[str] | None,
    filename: str,
    find_subsection: SubsectionFinder | None = None,
) -> list[ParsedSection]:
    """Keep the requested sections, in document order.

    A request like ``"7(4.11)"`` selects one subsection of section 7; the
    reader supplies ``find_subsection(section_number, "(4.11)")``, or a
    generic line-based search over the section's plain text is used.
    """
    if only is None:
        return list(sections)
    by_number = {s.number: (pos, s) for pos, s in enumerate(sections)}
    picked: list[tuple[int, NumberKey, ParsedSection]] = []
    for wanted in only:
        if wanted in by_number:
            pos, section = by_number[wanted]
            picked.append((pos, natural_key(wanted), section))
            continue
        m = _SUBSECTION_SPEC.match(wanted)
        if m is None or m.group("section") not in by_number:
            raise ReaderError(f"Section {wanted} was not found in {filename or 'the document'}.")
        pos, parent = by_number[m.group("section")]
        finder = find_subsection or _generic_subsection(sections)
        sub = finder(parent.number, m.group("sub"))
        if sub is None:
            raise ReaderError(
                f"Subsection {m.group('sub')} of section {parent.number} was not found in {filename or 'the document'}."
            )
        picked.append((pos, natural_key(wanted), sub))
    picked.sort(key=lambda item: (item[0], item[1]))
    return [section for _, _, section in picked]


def _label_kind(label: str) -> str:
    inner = label.strip("()")
    if re.fullmatch(r"\d+(?:\.\d+)*", inner):
        return "digit"
    if re.fullmatch(r"[ivxlc]+", inner):
        return "roman"
    return "upper" if inner.isupper() else "lower"


def _generic_subsection(sections: Sequence[ParsedSection]) -> SubsectionFinder:
    def find(number: str, label: str) -> ParsedSection | None:
        parent = next((s for s in sections if s.number == number), None)
        if parent is None:
            return None
        kind = _label_kind(label)
        lines = parent.text.split("\n")
        start = next((i for i, line in enumerate(lines) if line.startswith((label + " ", label + "("))), None)
        if start is None:
            return None
        end = start + 1
        while end < len(lines):
            m = re.match(r"^(\([^)\s]+\))\s", lines[end])
            if m and _label_kind(m.group(1)) == kind:
                break
            end += 1
        text = "\n".join(lines[start:end])
        return ParsedSection(f"{number}{label}", "", text, "")

    return find
