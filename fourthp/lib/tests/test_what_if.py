"""The what-if arithmetic: a card scored again with provisions assumed met, never lower than today."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from fourthp.lib.scoring import Item, KeyedItem, grade_rank, what_if


def card(*rows: tuple[str, str, str], weight: int = 1) -> list[KeyedItem]:
    return [KeyedItem(key, Item(group, weight, status)) for key, group, status in rows]


TODAY = card(
    ("prot.a", "protection", "absent"),
    ("prot.b", "protection", "partial"),
    ("prot.c", "protection", "full"),
    ("pros.a", "prosecution", "full"),
    ("pros.b", "prosecution", "unknown"),
)


def test_nothing_assumed_gives_todays_card() -> None:
    result = what_if(TODAY, [])
    assert result.changed == ()
    assert result.overall_after == result.overall_before
    assert all(before == after for _group, before, after in result.groups)


def test_a_provision_assumed_in_full_moves_from_absent_to_full_and_lifts_its_pillar() -> None:
    result = what_if(TODAY, ["prot.a"])
    assert [(row.key, row.before, row.after) for row in result.changed] == [("prot.a", "absent", "full")]
    groups = {group: (before.score, after.score) for group, before, after in result.groups}
    assert groups["protection"] == (50, 83)
    assert groups["prosecution"] == (100, 100)
    assert (result.overall_before.score, result.overall_after.score) == (63, 88)
    assert (result.overall_before.grade, result.overall_after.grade) == ("C", "A")
    assert result.moves() == {("absent", "full"): ["prot.a"]}


def test_a_full_provision_stays_full_when_assumed_in_part() -> None:
    result = what_if(TODAY, [], partial=["prot.c", "prot.a"])
    assert [(row.key, row.after) for row in result.changed] == [("prot.a", "partial")]


def test_full_wins_over_partial_for_the_same_provision() -> None:
    result = what_if(TODAY, ["prot.b"], partial=["prot.b"])
    assert [(row.key, row.after, row.assumed) for row in result.changed] == [("prot.b", "full", "full")]


def test_an_unknown_provision_assumed_in_full_is_scored_and_counts_towards_coverage() -> None:
    result = what_if(TODAY, ["pros.b"])
    assert (result.overall_before.assessed, result.overall_after.assessed) == (4, 5)
    assert result.changed[0].before == "unknown"


def test_an_unknown_provision_assumed_only_in_part_is_left_unknown_and_said_so() -> None:
    result = what_if(TODAY, [], partial=["pros.b"])
    assert result.changed == ()
    assert result.not_scored == ("pros.b",)


def test_ids_that_are_not_on_the_card_are_reported_not_scored() -> None:
    result = what_if(TODAY, ["nope.x", "prot.a"])
    assert result.not_applicable == ("nope.x",)
    assert len(result.changed) == 1


def test_a_grade_can_appear_once_coverage_is_reached() -> None:
    today = card(("a", "p", "full"), ("b", "p", "unknown"), ("c", "p", "unknown"))
    result = what_if(today, ["b", "c"])
    assert result.overall_before.grade is None
    assert result.overall_after.grade == "A"
    assert grade_rank(None) < grade_rank("F") < grade_rank("A")


statuses = st.sampled_from(["full", "partial", "absent", "unknown"])
weights = st.sampled_from([1, 2, Decimal("1.5")])
groups = st.sampled_from(["prevention", "protection", "prosecution", "partnership"])


@given(
    st.lists(st.tuples(groups, weights, statuses), max_size=40),
    st.sets(st.integers(0, 45)),
    st.sets(st.integers(0, 45)),
)
def test_a_what_if_is_never_lower_than_today(
    rows: list[tuple[str, int | Decimal, str]], full: set[int], partial: set[int]
) -> None:
    today = [KeyedItem(f"p{i}", Item(group, weight, status)) for i, (group, weight, status) in enumerate(rows)]
    result = what_if(today, {f"p{i}" for i in full}, {f"p{i}" for i in partial})
    pairs = [(result.overall_before, result.overall_after)] + [(b, a) for _g, b, a in result.groups]
    for before, after in pairs:
        if before.score is not None:
            assert after.score is not None and after.score >= before.score
        assert grade_rank(after.grade) >= grade_rank(before.grade)
        assert after.assessed >= before.assessed
    for row in result.rows:
        assert row.after == row.before or row.after in ("full", "partial")


@given(st.lists(st.tuples(groups, weights, statuses), max_size=40))
def test_a_what_if_of_nothing_is_todays_card(rows: list[tuple[str, int | Decimal, str]]) -> None:
    today = [KeyedItem(f"p{i}", Item(group, weight, status)) for i, (group, weight, status) in enumerate(rows)]
    result = what_if(today, [])
    assert result.overall_after == result.overall_before
    assert result.changed == ()
