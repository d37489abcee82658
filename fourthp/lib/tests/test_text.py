from hypothesis import given
from hypothesis import strategies as st

from fourthp.lib.text import normalise_text

# Text made mostly of the characters normalisation cares about, so that
# Hypothesis explores line endings, blank runs and combining accents.
_TRICKY = st.text(
    alphabet=st.sampled_from(["a", "e", " ", "\t", "\n", "\r", "\u0301", "\u00e9", "\u2028", "\f", "\u00a0", "x"]),
    max_size=60,
)


def test_it_turns_windows_and_old_mac_line_endings_into_newlines() -> None:
    assert normalise_text("one\r\ntwo\rthree\n") == "one\ntwo\nthree"


def test_it_composes_accented_letters_to_nfc() -> None:
    assert normalise_text("Cafe\u0301") == "Caf\u00e9"


def test_it_strips_trailing_whitespace_from_every_line() -> None:
    assert normalise_text("a  \nb\t\nc \u00a0") == "a\nb\nc"


def test_it_collapses_three_or_more_blank_lines_to_one() -> None:
    assert normalise_text("a\n\n\n\nb") == "a\n\nb"
    assert normalise_text("a\n \n\t\n  \nb") == "a\n\nb"


def test_it_keeps_one_or_two_blank_lines_as_they_are() -> None:
    assert normalise_text("a\n\nb") == "a\n\nb"
    assert normalise_text("a\n\n\nb") == "a\n\n\nb"


def test_it_strips_leading_and_trailing_blank_lines_but_keeps_indentation() -> None:
    assert normalise_text("\n \n   indented\nlast\n\n  \n") == "   indented\nlast"


def test_it_returns_an_empty_string_for_blank_input() -> None:
    assert normalise_text(" \r\n\t\n") == ""


@given(st.one_of(st.text(), _TRICKY))
def test_normalising_twice_gives_the_same_text_as_normalising_once(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


@given(st.one_of(st.text(), _TRICKY))
def test_normalised_text_has_no_carriage_returns_or_trailing_spaces(text: str) -> None:
    result = normalise_text(text)
    assert "\r" not in result
    assert all(line == line.rstrip() for line in result.split("\n"))
    assert not result.startswith("\n") and not result.endswith("\n")
