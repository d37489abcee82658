"""Report-card arithmetic, and that the methodology page states the same numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fourthp.lib.scoring import COVERAGE_THRESHOLD, GRADE_BANDS, Item, grade_for, score_card, score_items

METHODOLOGY = Path(__file__).resolve().parents[3] / "docs" / "methodology.md"


def items(*statuses: str, weight: int = 1, group: str = "p") -> list[Item]:
    return [Item(group, weight, s) for s in statuses]


def test_full_partial_and_absent_score_one_half_and_zero() -> None:
    score = score_items(items("full", "partial", "absent", "full"))
    assert score.score == 63  # (1 + 0.5 + 0 + 1) / 4 = 62.5, halves rounded up
    assert score.counts == {"full": 2, "partial": 1, "absent": 1, "unknown": 0}


def test_unknown_is_left_out_of_the_score_and_counted_against_coverage() -> None:
    score = score_items(items("full", "absent", "unknown", "unknown"))
    assert score.score == 50
    assert (score.assessed, score.applicable) == (2, 4)
    assert score.grade is None  # 2 of 4 is under the threshold


def test_weights_count() -> None:
    score = score_items([Item("p", 2, "full"), Item("p", 1, "absent")])
    assert score.score == 67


def test_nothing_assessed_has_no_score_and_no_grade() -> None:
    score = score_items(items("unknown", "unknown"))
    assert score.score is None and score.grade is None and score.assessed == 0


def test_grade_bands() -> None:
    assert [grade_for(s) for s in (100, 85, 84, 70, 69, 55, 54, 40, 39, 0)] == list("AABBCCDDFF")


def test_the_card_has_one_score_per_pillar_and_an_overall_one() -> None:
    overall, pillars = score_card([*items("full", group="a"), *items("absent", "unknown", group="b")])
    assert overall.score == 50
    assert pillars["a"].score == 100 and pillars["b"].score == 0


def test_an_unknown_status_name_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        score_items(items("missing"))


statuses = st.sampled_from(["full", "partial", "absent", "unknown"])


@given(st.lists(st.tuples(statuses, st.sampled_from([1, 2, Decimal("1.5")])), max_size=60), st.integers(0, 10))
def test_adding_unknowns_never_changes_the_score(pairs: list[tuple[str, object]], extra: int) -> None:
    base = [Item("p", w, s) for s, w in pairs]  # type: ignore[arg-type]
    more = base + [Item("p", 1, "unknown")] * extra
    a, b = score_items(base), score_items(more)
    assert a.score == b.score
    assert b.applicable == a.applicable + extra
    if a.score is not None:
        assert 0 <= a.score <= 100
    if b.grade is not None:
        assert Fraction(b.assessed, b.applicable) >= COVERAGE_THRESHOLD


def test_the_methodology_states_the_bands_and_threshold_the_code_uses() -> None:
    text = METHODOLOGY.read_text(encoding="utf-8")
    upper = 100
    for lowest, grade in GRADE_BANDS:
        assert re.search(rf"\|\s*{grade}\s*\|\s*{lowest} to {upper}\s*\|", text), f"band {grade} not stated"
        upper = lowest - 1
    assert f"**{int(COVERAGE_THRESHOLD * 100)}%**" in text
    assert "| partial | 0.5 |" in text and "| unknown | left out of the score |" in text
