"""Several findings marked in one escaped text: spans may overlap and are merged."""

from __future__ import annotations

from fourthp.lib.markup import mark_spans, merge_spans


def test_it_escapes_the_text_around_and_inside_the_marks() -> None:
    assert mark_spans("a <b> & c", [(2, 5)]) == "a <mark>&lt;b&gt;</mark> &amp; c"


def test_overlapping_and_touching_spans_become_one_mark() -> None:
    text = "0123456789"
    assert mark_spans(text, [(5, 8), (1, 3), (2, 4), (4, 5)]) == "0<mark>1234567</mark>89"
    assert merge_spans([(7, 9), (1, 2)], len(text)) == [(1, 2), (7, 9)]


def test_spans_outside_the_text_are_clamped_and_empty_ones_dropped() -> None:
    assert mark_spans("abc", [(-5, 1), (2, 99), (1, 1)]) == "<mark>a</mark>b<mark>c</mark>"
    assert mark_spans("abc", []) == "abc"
