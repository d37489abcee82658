from __future__ import annotations

import pytest
from django import forms

from fourthp.core.errors import NotFound
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.jurisdictions.models import Jurisdiction, JurisdictionAlias
from fourthp.jurisdictions.queries import AmbiguousJurisdiction, find_jurisdiction, find_jurisdiction_by_code_or_name
from fourthp.testing import make_jurisdiction

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarland() -> Jurisdiction:
    land = make_jurisdiction("QM", name="Quarland", official_name="Republic of Quarland")
    JurisdictionAlias.objects.create(code="QMX", jurisdiction=land)
    return land


@pytest.mark.parametrize("typed", ["QM", "qm", " QMX ", "qmx", "Quarland", "QUARLAND", "republic of quarland"])
def test_a_jurisdiction_is_found_by_its_code_an_alias_or_its_name(quarland: Jurisdiction, typed: str) -> None:
    assert find_jurisdiction_by_code_or_name(typed) == quarland


def test_an_address_takes_a_code_or_alias_but_not_a_name(quarland: Jurisdiction) -> None:
    assert find_jurisdiction("qmx") == quarland
    with pytest.raises(NotFound, match=r"No jurisdiction has the code Quarland\."):
        find_jurisdiction("Quarland")


def test_a_name_two_places_share_is_refused_with_the_choices_each_found_by_its_label(db: None) -> None:
    parent = make_jurisdiction("QN", name="Quonia")
    state = make_jurisdiction(
        "QN-GE", name="Quorgia", kind=Jurisdiction.Kind.SUBNATIONAL, level=Jurisdiction.Level.SUBNATIONAL, parent=parent
    )
    country = make_jurisdiction("QO", name="Quorgia")
    with pytest.raises(AmbiguousJurisdiction) as raised:
        find_jurisdiction_by_code_or_name("quorgia")
    assert (
        raised.value.message
        == "Several jurisdictions are called quorgia; choose one: Quorgia (country); Quorgia (Quonia)."
    )
    assert find_jurisdiction_by_code_or_name("Quorgia (country)") == country
    assert find_jurisdiction_by_code_or_name("quorgia (quonia)") == state
    assert find_jurisdiction_by_code_or_name("QN-GE") == state


@pytest.mark.parametrize("typed", ["Narnia", "QZ", "Quar", "QM\x00"])
def test_an_unknown_jurisdiction_is_named_in_one_sentence(quarland: Jurisdiction, typed: str) -> None:
    with pytest.raises(NotFound) as raised:
        find_jurisdiction_by_code_or_name(typed)
    assert raised.value.message == f"No jurisdiction is called {typed.strip()} or has it as its code."


class _Form(forms.Form):
    jurisdiction = JurisdictionField()
    optional = JurisdictionField(required=False)


def test_the_form_field_cleans_text_into_the_jurisdiction(quarland: Jurisdiction) -> None:
    form = _Form({"jurisdiction": "quarland", "optional": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"jurisdiction": quarland, "optional": None}


def test_the_form_field_names_an_unknown_jurisdiction(quarland: Jurisdiction) -> None:
    form = _Form({"jurisdiction": " Narnia ", "optional": "QZ"})
    assert not form.is_valid()
    assert form.errors == {
        "jurisdiction": ["No jurisdiction is called Narnia or has it as its code."],
        "optional": ["No jurisdiction is called QZ or has it as its code."],
    }
