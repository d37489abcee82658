"""The content check with the registry behind it: what a public text cites, and the reasons told to its author.

`fourthp.lib.contentcheck` finds the problems; this module gives it the figures of the statistics registry, the
sections of law that exist and the list of wording to avoid (data/briefs/wording.txt), and words each problem in
the reader's language. It only reads; the secretariat's override is recorded by `actions.do_check_content`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from fourthp.laws.models import Section
from fourthp.lib.contentcheck import CITATION, Code, Figure, Problem, Wording, check_text, read_wording
from fourthp.statistics.models import MAX_CHAIN, Statistic

WORDING_FILE = settings.DATA_DIR / "briefs" / "wording.txt"


@functools.cache
def wording_list() -> tuple[Wording, ...]:
    return tuple(read_wording(WORDING_FILE))


@dataclass(frozen=True)
class ContentProblem:
    """A problem of a text as its author is told it: where, what, and why."""

    code: str
    line: int
    column: int
    start: int
    end: int
    found: str
    message: str

    def as_dict(self) -> dict[str, str | int]:
        return {
            "code": self.code,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "found": self.found,
            "message": self.message,
        }


def registry_figures() -> dict[str, Figure]:
    """Every figure of the registry by key, with its grade and, if superseded, the newest estimate's key."""
    rows = {pk: (key, quality, successor) for pk, key, quality, successor in Statistic.objects.values_list(
        "pk", "key", "quality", "superseded_by_id"
    )}  # fmt: skip
    figures: dict[str, Figure] = {}
    for key, quality, successor in rows.values():
        newest, steps = successor, 0
        while newest is not None and rows[newest][2] is not None and steps < MAX_CHAIN:
            newest, steps = rows[newest][2], steps + 1
        figures[key] = Figure(quality, rows[newest][0] if newest is not None else "")
    return figures


def existing_sections(text: str) -> set[str]:
    """The section references of `text` that name a section of law: by its key (its address) or its number id."""
    refs = {m.group(2) for m in CITATION.finditer(text) if m.group(1) == "section"}
    found = set(Section.objects.filter(key__in=refs).values_list("key", flat=True))
    ids = [int(r) for r in refs if r.isdigit() and len(r) < 12]
    found |= {str(pk) for pk in Section.objects.filter(pk__in=ids).values_list("pk", flat=True)}
    return found


def _message(problem: Problem) -> str:
    d = {"found": problem.found, **problem.details}
    messages = {
        Code.UNCITED_FIGURE: _(
            "“%(found)s” is a figure without a source: cite a figure of the registry in the same sentence, "
            "as [[stat:key]], or leave the figure out."
        ),
        Code.UNKNOWN_FIGURE: _("The statistics registry has no figure “%(key)s”."),
        Code.SUPERSEDED_FIGURE: _("“%(key)s” has been superseded by a newer estimate: cite “%(successor)s” instead."),
        Code.UNSOURCED_FIGURE: _("“%(key)s” has no traceable source and is never published: leave it out."),
        Code.UNKNOWN_SECTION: _("There is no section of law “%(key)s” in the atlas."),
        Code.WORDING: _("“%(found)s” is sensational or exploitative wording: write “%(instead)s” instead."),
        Code.PERSONAL_DETAIL: _(
            "“%(found)s” could identify a survivor: a name next to an age or a place. Leave out the name or the detail."
        ),
        Code.PHONE: _("“%(found)s” looks like a telephone number: a public text gives none."),
        Code.EMAIL: _("“%(found)s” looks like an e-mail address: a public text gives none."),
        Code.ADDRESS: _("“%(found)s” looks like a street address: a public text gives none."),
    }
    return messages[problem.code] % d


def find_problems(text: str) -> list[ContentProblem]:
    """Every problem of a public text (Markdown), with its reason, in the order they occur."""
    found = check_text(text, registry_figures(), wording_list(), existing_sections(text))
    return [ContentProblem(p.code.value, p.line, p.column, p.start, p.end, p.found, _message(p)) for p in found]


def problem_line(problem: ContentProblem) -> str:
    """A problem in one line, where a form lists it among its errors."""
    return _("Line %(line)s, column %(column)s: %(message)s") % {
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
    }
