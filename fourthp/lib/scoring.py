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
