"""The law search across spelling and language, on SQLite and PostgreSQL alike (CI runs it on both)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from fourthp.laws.models import Section
from fourthp.laws.queries import SearchFilters, search_sections
from fourthp.testing import make_instrument, make_jurisdiction, make_section

pytestmark = pytest.mark.django_db


def _keys(q: str, **filters: str) -> list[str]:
    return [hit.section.key for hit in search_sections(SearchFilters(q=q, **filters), limit=200).hits]


def test_forced_labour_and_forced_labor_find_the_same_sections(seeded: None) -> None:
    british = _keys("forced labour")
    american = _keys("forced labor")
    assert sorted(british) == sorted(american)
    # The US offence spells it "labor", the Canadian supply-chains Act "labour": both are found either way.
    assert "us-18-1589" in british
    assert any(key.startswith("ca-s211-") for key in american)


def test_other_spelling_pairs_are_read_as_one_word(seeded: None) -> None:
    instrument = make_instrument(sections=0)
    code = instrument.jurisdiction.code
    make_section(instrument, number="1", text="A criminal organization that harbors a victim commits an offense.")
    for query in ["organisation", "harbour", "offence", "organization harbor offense"]:
        assert _keys(query, jurisdiction=code) == [f"{instrument.section_key_prefix}-1"], query


def test_the_snippet_and_the_section_page_mark_the_other_spelling(seeded: None) -> None:
    instrument = make_instrument(sections=0)
    section = make_section(instrument, number="1", text="Forced labor is prohibited.")
    (hit,) = search_sections(SearchFilters(q="forced labour", jurisdiction=instrument.jurisdiction.code)).hits
    assert "<mark>labor</mark>" in hit.snippet_html
    page = Client().get(f"/sections/{section.key}/?q=forced+labour").content.decode()
    assert "<mark>labor</mark>" in page


def test_trata_de_personas_finds_the_guatemalan_code(seeded: None) -> None:
    assert "gt-cp-hist-194" in _keys("trata de personas")
    assert "gt-cp-hist-194" in _keys('"trata de personas"', language="es")
    assert "gt-cp-hist-194" in _keys("persona", jurisdiction="GT")


def _spanish_section() -> Section:
    jurisdiction = make_jurisdiction()
    instrument = make_instrument(jurisdiction, sections=0, language="es")
    section = make_section(
        instrument, number="1", text="Las víctimas de la trata de personas recibirán protección y explotación."
    )
    Section.objects.filter(pk=section.pk).update(language="es")
    return section


def test_spanish_words_match_in_the_plural_and_without_their_accents(seeded: None) -> None:
    section = _spanish_section()
    code = section.instrument.jurisdiction.code
    for query in ["víctima", "victimas", "persona", "tratas de persona", "explotaciones"]:
        assert _keys(query, jurisdiction=code) == [section.key], query


def test_a_query_is_stemmed_in_the_language_of_each_section(seeded: None) -> None:
    section = _spanish_section()
    english = make_instrument(section.instrument.jurisdiction, sections=0)
    declared = make_section(english, number="1", text="The envoy was declared persona non grata.")
    code = section.instrument.jurisdiction.code
    # Without a language, "personas" is stemmed Spanish-wise ("person") for the Spanish section, which
    # says "personas", and English-wise ("persona") for the English one, which says "persona".
    assert sorted(_keys("personas", jurisdiction=code)) == sorted([section.key, declared.key])
    # With one, only that language's stems and sections.
    assert _keys("personas", jurisdiction=code, language="es") == [section.key]
    assert _keys("personas", jurisdiction=code, language="en") == [declared.key]


def test_ukrainian_sections_match_word_for_word(seeded: None) -> None:
    assert _keys("торгівля людьми", language="uk")
    assert _keys("торгівля", language="uk") != _keys("торгівлі", language="uk")


def test_each_row_is_indexed_with_its_languages_configuration(seeded: None) -> None:
    section = _spanish_section()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT search_document::text FROM laws_section WHERE id = %s", [section.pk])
            document = cursor.fetchone()[0]
            assert "'person'" in document and "'personas'" not in document
        else:
            cursor.execute(
                "SELECT rowid FROM laws_section_fts WHERE laws_section_fts MATCH %s",
                ['config : "spanish" AND text : "person"'],
            )
            assert section.pk in [row[0] for row in cursor.fetchall()]


def test_an_amended_section_is_found_by_its_new_words_only(seeded: None) -> None:
    from fourthp.laws.actions import do_amend_section

    section = _spanish_section()
    do_amend_section(section, "Nuevo texto sobre servidumbre.", acting_user=None)
    code = section.instrument.jurisdiction.code
    assert _keys("servidumbres", jurisdiction=code) == [section.key]
    assert _keys("víctimas", jurisdiction=code) == []


def test_boilerplate_sections_rank_below_substantive_ones(seeded: None) -> None:
    instrument = make_instrument(sections=0)
    code = instrument.jurisdiction.code
    titles = make_section(
        instrument, number="1", heading="Short title", text="This Act may be cited as the Forced Labour Act."
    )
    starts = make_section(
        instrument, number="2", heading="Commencement", text="The Forced Labour Act comes into force on 1 May."
    )
    offence = make_section(
        instrument,
        number="3",
        heading="Offence",
        text="Every person who exacts forced labour from another person commits an offence and is liable "
        "to imprisonment for life. In this section forced labour means work exacted under menace.",
    )
    assert titles.boilerplate and starts.boilerplate and not offence.boilerplate
    keys = _keys("forced labour act", jurisdiction=code) + _keys("forced labour", jurisdiction=code)
    assert keys[0] == offence.key
    assert _keys("forced labour", jurisdiction=code)[-1] in {titles.key, starts.key}


def test_seed_boilerplate_ranks_last_in_a_treaty_search(seeded: None) -> None:
    keys = _keys("protocol", jurisdiction="UN")
    entry = keys.index("palermo-art-17")  # Entry into force
    substantive = [k for k in keys if not Section.objects.get(key=k, is_current=True).boilerplate]
    assert substantive and all(keys.index(k) < entry for k in substantive)
