"""Places found by name in the reader's language, told apart when they share one, and suggested as she types."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test import Client
from django.utils import translation

from fourthp.analysis.forms import AnalyzeForm
from fourthp.assessments.forms import StartForm
from fourthp.jurisdictions.forms import FindPlaceForm
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import MAX_SUGGESTIONS, find_jurisdiction_by_code_or_name
from fourthp.laws.forms import InstrumentFilterForm, InstrumentMetadataForm, SearchForm
from fourthp.members.forms import ApplicationForm, DirectoryFilterForm, ProfileForm
from fourthp.peers.forms import PeerPlaceForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "typed"),
    [("es", "Rumania"), ("fr", "roumanie"), ("ro", "România"), ("ro", "romania"), ("uk", "Румунія"), ("es", "ROMANIA")],
)
def test_a_country_is_found_by_its_name_in_the_readers_language_or_english(
    seeded: None, language: str, typed: str
) -> None:
    with translation.override(language):
        assert find_jurisdiction_by_code_or_name(typed).code == "RO"


@pytest.mark.parametrize("language", ["en", "es"])
def test_each_georgia_is_found_by_its_label(seeded: None, language: str) -> None:
    with translation.override(language):
        assert find_jurisdiction_by_code_or_name("Georgia (country)").code == "GE"
        assert find_jurisdiction_by_code_or_name("georgia (us state)").code == "US-GA"


def test_both_georgias_are_labelled_with_their_kind_in_the_suggestions(seeded: None) -> None:
    page = Client().get("/jurisdictions/suggest/", {"q": "Georgia"}).content.decode()
    assert 'data-value="Georgia (country)"' in page and 'data-value="Georgia (US state)"' in page


def _form(form_class: type[forms.Form], field: str, typed: str) -> forms.Form:
    data = {field: typed}
    if form_class is StartForm:
        return StartForm(data, provisions=[])
    if form_class is AnalyzeForm:
        return AnalyzeForm(data)
    return form_class(data)


FORMS = [
    (FindPlaceForm, "place"),
    (PeerPlaceForm, "jurisdiction"),
    (SearchForm, "jurisdiction"),
    (InstrumentFilterForm, "jurisdiction"),
    (InstrumentMetadataForm, "jurisdiction"),
    (StartForm, "jurisdiction"),
    (AnalyzeForm, "jurisdiction"),
    (ProfileForm, "jurisdiction"),
    (ApplicationForm, "jurisdiction"),
    (DirectoryFilterForm, "jurisdiction"),
]


@pytest.mark.parametrize(("form_class", "field"), FORMS, ids=lambda v: getattr(v, "__name__", v))
def test_every_form_refuses_a_bare_shared_name_listing_the_choices(
    seeded: None, form_class: type[forms.Form], field: str
) -> None:
    form = _form(form_class, field, "georgia")
    assert not form.is_valid()
    assert form.errors[field] == [
        "Several jurisdictions are called georgia; choose one: Georgia (country); Georgia (US state)."
    ]


@pytest.mark.parametrize(("form_class", "field"), FORMS, ids=lambda v: getattr(v, "__name__", v))
def test_every_form_names_an_unknown_place_in_plain_words(
    seeded: None, form_class: type[forms.Form], field: str
) -> None:
    form = _form(form_class, field, "Narnia")
    assert not form.is_valid()
    assert form.errors[field] == ["No jurisdiction is called Narnia or has it as its code."]


@pytest.mark.parametrize(("form_class", "field"), FORMS, ids=lambda v: getattr(v, "__name__", v))
def test_every_form_takes_a_name_in_the_readers_language(
    seeded: None, form_class: type[forms.Form], field: str
) -> None:
    with translation.override("fr"):
        form = _form(form_class, field, "Roumanie")
        form.is_valid()
    assert field not in form.errors
    found: Any = form.cleaned_data[field]
    assert (found.code if isinstance(found, Jurisdiction) else found) == "RO"


def test_a_profile_shows_its_jurisdiction_by_its_local_name(seeded: None) -> None:
    romania = Jurisdiction.objects.get(code="RO")
    with translation.override("uk"):
        html = str(ProfileForm(initial={"jurisdiction": romania.pk})["jurisdiction"])
    assert 'value="Румунія"' in html and 'role="combobox"' in html and 'aria-expanded="false"' in html


def _labels(response: Any) -> list[str]:
    return [place.label for place in response.context["places"]]


def test_suggestions_put_the_exact_code_first_then_names_that_start_with_it_countries_first(seeded: None) -> None:
    labels = _labels(Client().get("/jurisdictions/suggest/", {"q": "ge"}))
    assert labels[:3] == ["Georgia (country)", "Germany", "Georgia (US state)"]
    assert "South Georgia and the South Sandwich Islands" in labels[3:]


def test_suggestions_are_in_the_readers_language_and_at_most_ten(seeded: None) -> None:
    client = Client(headers={"accept-language": "ro"})
    assert _labels(client.get("/jurisdictions/suggest/", {"q": "Rom"})) == ["România"]
    assert len(_labels(client.get("/jurisdictions/suggest/", {"q": "a"}))) == MAX_SUGGESTIONS


def test_a_picker_sends_its_own_field_and_gets_options_named_after_it(seeded: None) -> None:
    response = Client().get("/jurisdictions/suggest/", {"field": "place", "place": "Canad", "for": "find-place"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<li role="option" id="find-place-option-1" aria-selected="false" data-value="Canada">' in page


@pytest.mark.parametrize("q", ["", "   ", "x" * 10_000])
def test_an_empty_or_overlong_query_gets_no_suggestions(seeded: None, q: str) -> None:
    response = Client().get("/jurisdictions/suggest/", {"q": q, "for": '"><script>'})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    assert response.context["places"] == []


def test_a_long_query_is_cut_to_what_a_name_can_be(seeded: None) -> None:
    response = Client().get("/jurisdictions/suggest/", {"q": "Romania" + " " * 200 + "x"})
    assert _labels(response) == ["Romania"]


@pytest.mark.parametrize("q", ["\x00", "R\x00o"])
def test_a_nul_byte_is_refused_as_a_bad_request(seeded: None, q: str) -> None:
    assert Client().get("/jurisdictions/suggest/", {"q": q}).status_code == 400


def test_the_atlas_find_a_place_box_goes_to_the_page_or_says_what_is_wrong(seeded: None) -> None:
    client = Client(headers={"accept-language": "es"})
    assert client.get("/jurisdictions/", {"place": "Rumania"})["Location"] == "/jurisdictions/RO/"
    page = client.get("/jurisdictions/", {"place": "Georgia"})
    assert page.status_code == 200 and "Georgia (estado de EE. UU.)" in page.content.decode()
    home = Client().get("/").content.decode()
    assert 'name="place"' in home and 'id="home-place"' in home and 'aria-controls="home-place-list"' in home


def test_compare_takes_names_and_sends_to_the_address_of_codes(seeded: None) -> None:
    client = Client(headers={"accept-language": "fr"})
    response = client.get("/compare/", {"j": ["Roumanie", "Géorgie (pays)"]})
    assert response["Location"] == "/compare/?j=RO&j=GE"
    page = client.get("/compare/", {"j": ["Georgia", "RO"]})
    assert page.status_code == 200
    assert "Plusieurs juridictions s&#x27;appellent Georgia" in page.content.decode()
    assert "Georgia (État des États-Unis)" in page.content.decode()
