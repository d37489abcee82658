"""Words as the law search reads them: stems per language and British/American spellings as one."""

from __future__ import annotations

import pytest

from fourthp.lib.searchtext import (
    CONFIGS,
    MAX_ALTERNATIVES,
    SIMPLE,
    STEMMERS,
    config_for,
    highlight_terms,
    postgres_config_case,
    spelling_alternatives,
    stem,
    stem_text,
    term_alternatives,
)


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("labour", "labor"),
        ("organisation", "organization"),
        ("offence", "offense"),
        ("harbour", "harbor"),
        ("criminalise", "criminalize"),
        ("defence", "defense"),
        ("programme", "program"),
    ],
)
def test_each_spelling_finds_the_other(british: str, american: str) -> None:
    assert stem(american, "english") in {stem(w, "english") for w in spelling_alternatives(british)}
    assert stem(british, "english") in {stem(w, "english") for w in spelling_alternatives(american)}


def test_inflected_forms_find_the_other_spelling_too() -> None:
    assert "labor" in spelling_alternatives("laboured")
    assert "offense" in spelling_alternatives("Offences")
    assert "organisation" in spelling_alternatives("organizations")
    assert spelling_alternatives("trafficking") == ["trafficking"]


def test_a_phrase_stands_for_each_spelling_of_its_words_the_typed_one_first() -> None:
    assert term_alternatives("forced labour") == [["forced", "labour"], ["forced", "labor"]]
    assert term_alternatives("...") == []
    many = term_alternatives("labour offence organisation harbour defence")
    assert len(many) == MAX_ALTERNATIVES
    assert many[0] == ["labour", "offence", "organisation", "harbour", "defence"]


def test_highlighting_marks_both_spellings() -> None:
    assert set(highlight_terms(["forced labour"])) == {"forced labour", "forced labor"}


def test_every_line_of_the_variants_file_is_a_pair() -> None:
    # Read through the module, which refuses a line that is not one British and one American word.
    assert spelling_alternatives("labour")


def test_each_language_is_stemmed_its_own_way() -> None:
    assert config_for("es") == "spanish"
    assert config_for("EN") == "english"
    assert config_for("fr") == "french"
    assert config_for("hu") == "hungarian"
    assert config_for("ro") == "romanian"
    assert config_for("") == SIMPLE
    assert stem_text("Trata de personas", "spanish") == "trat de person"
    assert stem("personas", "spanish") == stem("persona", "spanish")
    assert stem("explotación", "spanish") == stem("explotacion", "spanish")
    assert stem("trafficked", "english") == stem("trafficking", "english")


def test_ukrainian_has_no_stemmer_and_matches_word_for_word() -> None:
    # Neither PostgreSQL nor the Snowball stemmers have Ukrainian: its words are only lower-cased.
    assert "uk" not in STEMMERS
    assert config_for("uk") == SIMPLE
    assert stem_text("Торгівля людьми", SIMPLE) == "торгівля людьми"


def test_postgresql_picks_the_same_configuration_as_python() -> None:
    sql = postgres_config_case("language")
    for code, config in STEMMERS.items():
        assert f"WHEN '{code}' THEN '{config}'::regconfig" in sql
    assert sql.endswith(f"ELSE '{SIMPLE}'::regconfig END)")
    assert set(STEMMERS.values()) | {SIMPLE} == set(CONFIGS)
