"""Report-card arithmetic: scores, coverage and grades (pure Python).

The rules are set out for readers in docs/methodology.md; a test checks that
the numbers printed there are the ones defined here.

- A provision scores full = 1, partial = 0.5, absent = 0, each times its weight.
- Unknown (not assessed) is left out of the score and counted against coverage.
- A pillar's score is the weighted share of its applicable, assessed provisions
  that are met, as a whole number out of 100; the overall score is the same
  share over every applicable, assessed provision of the framework.
- A grade is given only when coverage (assessed applicable provisions over all
  applicable provisions, counted, not weighted) reaches COVERAGE_THRESHOLD.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

STATUS_VALUES: dict[str, Fraction] = {
    "full": Fraction(1),
    "partial": Fraction(1, 2),
    "absent": Fraction(0),
}
"""Points per status; 'unknown' is deliberately absent: it is not scored."""

# The same points in halves, so that scoring runs on integers only.
_HALF_POINTS = {status: int(value * 2) for status, value in STATUS_VALUES.items()}

STATUSES = ("full", "partial", "absent", "unknown")

GRADE_BANDS: tuple[tuple[int, str], ...] = (
    (85, "A"),
    (70, "B"),
    (55, "C"),
    (40, "D"),
    (0, "F"),
)
"""(lowest score, grade), best first: a score of 70 to 84 is a B."""

COVERAGE_THRESHOLD = Fraction(3, 5)
"""A grade needs at least 60% of the applicable provisions assessed."""


@dataclass(frozen=True)
class Item:
    """One applicable provision and its status for the jurisdiction."""

    group: str
    weight: Decimal | int | Fraction
    status: str


@dataclass(frozen=True)
class Score:
    applicable: int
    assessed: int
    counts: dict[str, int]
    score: int | None
    """Whole number out of 100, or None when nothing applicable was assessed."""
    grade: str | None
    """Letter grade, or None when coverage is under the threshold."""

    @property
    def gradable(self) -> bool:
        return self.grade is not None

    @property
    def coverage_percent(self) -> int:
        if not self.applicable:
            return 0
        return _round(Fraction(self.assessed * 100, self.applicable))


def _round(value: Fraction) -> int:
    return _divide_half_up(value.numerator, value.denominator)


def _divide_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest whole number, halves up (both non-negative)."""
    return (2 * numerator + denominator) // (2 * denominator)


@functools.lru_cache(maxsize=256)
def _hundredths(weight: Decimal | int | Fraction) -> int:
    """A weight as a whole number of hundredths (weights have at most two decimals)."""
    if isinstance(weight, int):
        return weight * 100
    value = Fraction(weight) * 100
    if value.denominator != 1:
        raise ValueError(f"weight {weight} has more than two decimals")
    return value.numerator


def grade_for(score: int) -> str:
    for lowest, grade in GRADE_BANDS:
        if score >= lowest:
            return grade
    return GRADE_BANDS[-1][1]


def score_items(items: Iterable[Item]) -> Score:
    counts = dict.fromkeys(STATUSES, 0)
    earned = 0  # hundredths of weight × half points
    possible = 0
    applicable = 0
    for item in items:
        if item.status not in counts:
            raise ValueError(f"unknown status {item.status!r}")
        applicable += 1
        counts[item.status] += 1
        if item.status == "unknown":
            continue
        weight = _hundredths(item.weight)
        earned += weight * _HALF_POINTS[item.status]
        possible += weight * 2
    assessed = applicable - counts["unknown"]
    score = _divide_half_up(earned * 100, possible) if possible else None
    covered = applicable > 0 and assessed * COVERAGE_THRESHOLD.denominator >= applicable * COVERAGE_THRESHOLD.numerator
    grade = grade_for(score) if score is not None and covered else None
    return Score(applicable=applicable, assessed=assessed, counts=counts, score=score, grade=grade)


def score_card(items: Iterable[Item]) -> tuple[Score, dict[str, Score]]:
    """The overall score and one score per group (pillar), groups in first-seen order."""
    every = list(items)
    groups: dict[str, list[Item]] = {}
    for item in every:
        groups.setdefault(item.group, []).append(item)
    return score_items(every), {group: score_items(members) for group, members in groups.items()}


# ---------------------------------------------------------------- what if

_RANK = {"unknown": -1, "absent": 0, "partial": 1, "full": 2}
GRADES_BEST_FIRST = tuple(grade for _lowest, grade in GRADE_BANDS)


def grade_rank(grade: str | None) -> int:
    """A grade's place from worst to best (F is 0, A the highest); no grade is below them all (-1)."""
    if grade is None:
        return -1
    return len(GRADES_BEST_FIRST) - 1 - GRADES_BEST_FIRST.index(grade)


@dataclass(frozen=True)
class KeyedItem:
    """An applicable provision's item with the provision's id, so that a what-if can name it."""

    key: str
    item: Item


@dataclass(frozen=True)
class WhatIfRow:
    key: str
    group: str
    before: str
    after: str
    assumed: str
    """What was assumed of it ('full', 'partial'), or '' when nothing was."""

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class WhatIf:
    """A report card as it would be with some provisions met, beside today's."""

    rows: tuple[WhatIfRow, ...]
    overall_before: Score
    overall_after: Score
    groups: tuple[tuple[str, Score, Score], ...]
    """(group, today's score, the what-if score), groups in first-seen order."""
    not_scored: tuple[str, ...]
    """Provisions not assessed today that were assumed met only in part: left unknown (see what_if)."""
    not_applicable: tuple[str, ...]
    """Ids assumed met that are not among the applicable provisions: left out."""

    @property
    def changed(self) -> tuple[WhatIfRow, ...]:
        return tuple(row for row in self.rows if row.changed)

    @property
    def grade_changed(self) -> bool:
        return self.overall_before.grade != self.overall_after.grade

    def moves(self) -> dict[tuple[str, str], list[str]]:
        """The changed provisions by (status today, status in the what-if), in card order."""
        found: dict[tuple[str, str], list[str]] = {}
        for row in self.changed:
            found.setdefault((row.before, row.after), []).append(row.key)
        return found


def what_if(items: Iterable[KeyedItem], full: Iterable[str], partial: Iterable[str] = ()) -> WhatIf:
    """Today's card scored again with the provisions in `full` met in full and those in `partial` in part.

    1. A provision's what-if status is the better of today's and the one assumed: a draft adds to the law,
       it never takes a finding away, so nothing scores lower than today.
    2. A provision assumed met in full and in part counts as full.
    3. A provision not assessed today (unknown) and assumed met in full becomes full. Assumed met only in
       part it stays unknown and is listed in `not_scored`: today's law may already do more than the
       draft's part, and scoring it partial could lower the score for something the draft adds.
    4. Scores and grades are then made by score_card, as for a published card.
    """
    every = list(items)
    in_full = set(full)
    in_part = set(partial) - in_full
    keys = {keyed.key for keyed in every}
    rows: list[WhatIfRow] = []
    after: list[Item] = []
    not_scored: list[str] = []
    for keyed in every:
        before = keyed.item.status
        assumed = "full" if keyed.key in in_full else "partial" if keyed.key in in_part else ""
        status = before
        if assumed == "partial" and before == "unknown":
            not_scored.append(keyed.key)
        elif assumed and _RANK[assumed] > _RANK[before]:
            status = assumed
        rows.append(WhatIfRow(keyed.key, keyed.item.group, before, status, assumed))
        after.append(Item(keyed.item.group, keyed.item.weight, status))
    overall_before, groups_before = score_card(keyed.item for keyed in every)
    overall_after, groups_after = score_card(after)
    return WhatIf(
        rows=tuple(rows),
        overall_before=overall_before,
        overall_after=overall_after,
        groups=tuple((group, score, groups_after[group]) for group, score in groups_before.items()),
        not_scored=tuple(not_scored),
        not_applicable=tuple(sorted((in_full | in_part) - keys)),
    )
