from __future__ import annotations

import pytest
from django.test import Client

from fourthp.laws.queries import SearchFilters, search_sections
from fourthp.testing import make_instrument, make_jurisdiction, make_section

pytestmark = pytest.mark.django_db


def test_search_finds_debt_bondage_in_the_dc_code(seeded: None) -> None:
    results = search_sections(SearchFilters(q="debt bondage", jurisdiction="US-DC"))
    keys = [hit.section.key for hit in results.hits]
    assert "us-dc-22-1832" in keys
    assert all("<mark>" in hit.snippet_html for hit in results.hits)


def test_search_filters_by_instrument_type_and_language(seeded: None) -> None:
    treaties = search_sections(SearchFilters(q="trafficking", type="treaty"), limit=100)
    assert treaties.count > 0
    assert {hit.section.instrument.type for hit in treaties.hits} == {"treaty"}
    assert search_sections(SearchFilters(q="trafficking", language="es")).count == 0


def test_search_escapes_statute_text_before_marking_matches(seeded: None) -> None:
    instrument = make_instrument(sections=0)
    make_section(instrument, number="1", text='<script>alert("x")</script> forced labour & debt bondage')
    hits = search_sections(SearchFilters(q="bondage", jurisdiction=instrument.jurisdiction.code)).hits
    (hit,) = hits
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    assert "&amp; debt <mark>bondage</mark>" in hit.snippet_html
    page = Client().get(f"/sections/{hit.section.key}/?q=bondage").content.decode()
    assert "<script>alert" not in page
    assert "<mark>bondage</mark>" in page


def test_search_treats_query_syntax_as_words(seeded: None) -> None:
    for query in ['"', "NEAR(a b)", "text:x", "a OR", "*", "debt AND -"]:
        search_sections(SearchFilters(q=query))  # must not raise
    assert Client().get("/search/?q=%22unclosed").status_code == 200


def test_the_section_permalink_highlights_a_quoted_span(seeded: None) -> None:
    page = Client().get("/sections/us-dc-22-1832/?mark=0-20").content.decode()
    assert '<mark id="quote">' in page


def _seeded_instrument(n_sections: int) -> str:
    j = make_jurisdiction()
    instrument = make_instrument(j, sections=n_sections)
    return instrument.key


@pytest.mark.parametrize("n_sections", [2, 40])
def test_pages_use_a_constant_number_of_queries(seeded: None, django_assert_num_queries, n_sections: int) -> None:
    key = _seeded_instrument(n_sections)
    client = Client()
    client.get("/")  # warm the session machinery and caches
    with django_assert_num_queries(2):
        assert client.get(f"/instruments/{key}/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/instruments/").status_code == 200
    # The jurisdiction, its instruments, subdivisions, aliases, findings of others, and the default framework
    # with whether it has a published finding there (a place without one invites a request for an assessment).
    with django_assert_num_queries(7):
        assert client.get("/jurisdictions/US-DC/").status_code == 200
    with django_assert_num_queries(3):
        assert client.get("/jurisdictions/").status_code == 200
    with django_assert_num_queries(3):
        assert client.get("/search/?q=labour").status_code == 200
    with django_assert_num_queries(3):
        assert client.get("/api/v1/search?q=labour").status_code == 200


def test_search_reads_operators_as_words_and_quotes_as_phrases(seeded: None) -> None:
    # The same meaning on SQLite and PostgreSQL: every word must match, quotes make a phrase.
    both = search_sections(SearchFilters(q="debt bondage", jurisdiction="US-DC")).count
    phrase = search_sections(SearchFilters(q='"bondage debt"', jurisdiction="US-DC")).count
    with_or = search_sections(SearchFilters(q="bondage or zzyzzyva", jurisdiction="US-DC")).count
    assert both >= 1
    assert phrase == 0
    assert with_or == 0


def test_a_search_over_300_characters_searches_its_first_300_and_says_it_was_cut(seeded: None) -> None:
    query = "debt bondage" + " " * 290 + "words beyond the limit"
    assert len(query) > 300
    page = Client().get("/search/", {"q": query, "jurisdiction": "US-DC"}).content.decode()
    assert "Your search was longer than 300 characters: only its first 300 characters were searched." in page
    assert "us-dc-22-1832" in page
    assert 'maxlength="300"' in page
    data = Client().get("/search.json", {"q": query, "jurisdiction": "US-DC"}).json()
    assert data["query"] == "debt bondage" and data["count"] > 0
    short = Client().get("/search/", {"q": "debt bondage"}).content.decode()
    assert "only its first 300 characters were searched" not in short
