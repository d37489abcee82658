"""A readable side-by-side comparison of two texts: lines paired, changed words marked; pure Python."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from fourthp.drafting.bill import ComposedBill


@dataclass(frozen=True)
class DiffRow:
    kind: str  # "same", "changed", "removed", "added"
    old: SafeString
    new: SafeString


def _words(old: str, new: str) -> tuple[str, str]:
    a, b = old.split(" "), new.split(" ")
    left: list[str] = []
    right: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = escape(" ".join(a[i1:i2])), escape(" ".join(b[j1:j2]))
        if tag == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(f"<del>{before}</del>")
        if after:
            right.append(f"<ins>{after}</ins>")
    return " ".join(left), " ".join(right)


def side_by_side(old: str, new: str) -> list[DiffRow]:
    """The two texts as rows of (old line, new line); escaped here, so the HTML is safe to print."""
    a, b = old.splitlines(), new.splitlines()
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows += [DiffRow("same", mark_safe(escape(x)), mark_safe(escape(x))) for x in a[i1:i2]]  # noqa: S308
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            left = olds[k] if k < len(olds) else None
            right = news[k] if k < len(news) else None
            if left is not None and right is not None:
                marked_old, marked_new = _words(left, right)
                rows.append(DiffRow("changed", mark_safe(marked_old), mark_safe(marked_new)))  # noqa: S308
            elif left is not None:
                rows.append(DiffRow("removed", mark_safe(f"<del>{escape(left)}</del>"), mark_safe("")))  # noqa: S308
            else:
                rows.append(DiffRow("added", mark_safe(""), mark_safe(f"<ins>{escape(right or '')}</ins>")))  # noqa: S308
    return rows


def bill_as_text(bill: ComposedBill) -> str:
    """A composed bill as plain lines, section by section, for `side_by_side`."""
    lines = [bill.title, ""]
    for section in bill.sections:
        lines.append(f"{section.number}. {section.heading}")
        lines += section.paragraphs()
        lines.append("")
    return "\n".join(lines)
