from __future__ import annotations

import pytest
from django.test import Client

from fourthp.accounts.models import AuditEvent
from fourthp.jurisdictions.models import Jurisdiction, JurisdictionAlias
from fourthp.testing import (
    assert_access_walk,
    client_as,
    make_analyst,
    make_instrument,
    make_jurisdiction,
    make_legislator,
    make_member,
    make_reviewer,
    make_secretariat,
    make_staff,
)

pytestmark = pytest.mark.django_db

# Codes no real place has (ISO 3166 leaves QM-QZ to users), so that names are the stored ones.
QUARLAND = "QM"
QUIRE = "QM-QU"


@pytest.fixture
def quarland() -> Jurisdiction:
    land = make_jurisdiction(
        QUARLAND,
        name="Quarland",
        official_name="Republic of Quarland",
        region_code="150",
        region_name="Europe",
        legislature="Quarland Diet",
    )
    JurisdictionAlias.objects.create(code="QMX", jurisdiction=land)
    make_jurisdiction(
        QUIRE,
        name="Quire",
        kind=Jurisdiction.Kind.SUBNATIONAL,
        level=Jurisdiction.Level.SUBNATIONAL,
        parent=land,
        region_code="150",
        region_name="Europe",
    )
    return land


def _names(url: str) -> list[str]:
    return [item["code"] for item in Client().get(url).json()["items"]]


# --- The list and its filters ----------------------------------------------------------------


def test_the_list_finds_a_jurisdiction_by_name_official_name_or_code(quarland: Jurisdiction) -> None:
    assert _names("/jurisdictions.json?q=quarl") == [QUARLAND]
    assert _names("/jurisdictions.json?q=republic+of+quarland") == [QUARLAND]
    assert _names("/jurisdictions.json?q=qm-qu") == [QUIRE]
    page = Client().get("/jurisdictions/?q=quarl").content.decode()
    assert "1 jurisdiction matches." in page
    assert f'href="/jurisdictions/{QUARLAND}/"' in page


def test_the_list_filters_by_kind_level_and_region(quarland: Jurisdiction) -> None:
    assert _names("/jurisdictions.json?q=qu&kind=subnational") == [QUIRE]
    assert QUARLAND not in _names("/jurisdictions.json?q=qu&level=subnational")
    assert QUIRE in _names("/jurisdictions.json?q=qu&level=subnational")
    assert set(_names("/jurisdictions.json?q=qu&region=150")) >= {QUARLAND, QUIRE}
    assert _names("/jurisdictions.json?q=quarl&region=019") == []
    page = Client().get("/jurisdictions/?q=quarl&region=019").content.decode()
    assert "No jurisdiction matches these filters." in page


def test_the_list_counts_every_match_and_its_json_twin_says_the_same(quarland: Jurisdiction) -> None:
    data = Client().get("/jurisdictions.json?q=qu&region=150").json()
    assert data["count"] == len(data["items"]) >= 2
    assert {"code", "name", "kind", "level", "parent", "url"} <= set(data["items"][0])


# --- One jurisdiction ------------------------------------------------------------------------


def test_the_page_shows_the_jurisdiction_and_its_instruments(quarland: Jurisdiction) -> None:
    make_instrument(quarland, title="Quarland Penal Code", sections=1)
    page = Client().get(f"/jurisdictions/{QUARLAND}/").content.decode()
    assert "Quarland" in page
    assert "Quarland Diet" in page
    assert "Quarland Penal Code" in page
    data = Client().get(f"/jurisdictions/{QUARLAND}.json").json()
    assert data["code"] == QUARLAND
    assert data["legislature"] == "Quarland Diet"
    assert [i["title"] for i in data["instruments"]] == ["Quarland Penal Code"]


@pytest.mark.parametrize("asked", ["QMX", "qm", "qmx"])
def test_an_alias_or_a_lower_case_code_is_sent_to_the_one_permalink(quarland: Jurisdiction, asked: str) -> None:
    response = Client().get(f"/jurisdictions/{asked}/")
    assert response.status_code == 301
    assert response["Location"] == f"/jurisdictions/{QUARLAND}/"
    twin = Client().get(f"/jurisdictions/{asked}.json")
    assert twin.status_code == 301
    assert twin["Location"] == f"/jurisdictions/{QUARLAND}.json"


def test_an_unknown_code_answers_404_naming_it(db: None) -> None:
    response = Client().get("/jurisdictions/QZ-NOPE/")
    assert response.status_code == 404
    assert "No jurisdiction has the code QZ-NOPE." in response.content.decode()


# --- Editing: who may, what each sees, what is kept -------------------------------------------


def test_only_analysts_and_the_secretariat_may_edit_a_jurisdiction(quarland: Jurisdiction) -> None:
    url = f"/jurisdictions/{QUARLAND}/edit/"
    assert_access_walk(
        url,
        wrong=[make_member(), make_legislator(), make_staff(), make_reviewer()],
        right=[make_analyst(), make_secretariat()],
        ok_status=(200,),
    )
    assert_access_walk(
        url,
        method="post",
        data={"legislature": "Changed", "legal_tradition": ""},
        wrong=[make_member(), make_legislator(), make_staff(), make_reviewer()],
        right=[],
    )
    quarland.refresh_from_db()
    assert quarland.legislature == "Quarland Diet"


def test_the_edit_link_is_shown_to_analysts_and_the_secretariat_only(quarland: Jurisdiction) -> None:
    edit = f'href="/jurisdictions/{QUARLAND}/edit/"'
    history = f'href="/jurisdictions/{QUARLAND}/history/"'
    for user in (make_analyst(), make_secretariat()):
        page = client_as(user).get(f"/jurisdictions/{QUARLAND}/").content.decode()
        assert edit in page and history in page, user.username
    for other in (None, make_member(), make_legislator(), make_staff(), make_reviewer()):
        page = client_as(other).get(f"/jurisdictions/{QUARLAND}/").content.decode()
        assert edit not in page and history not in page, other


def test_an_edit_is_saved_with_its_history_row_and_audit_event(quarland: Jurisdiction) -> None:
    analyst = make_analyst()
    client = Client()
    client.force_login(analyst)
    response = client.post(
        f"/jurisdictions/{QUARLAND}/edit/", {"legislature": "  Grand Assembly ", "legal_tradition": "civil_law"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/jurisdictions/{QUARLAND}/"
    quarland.refresh_from_db()
    assert (quarland.legislature, quarland.legal_tradition) == ("Grand Assembly", "civil_law")
    latest = quarland.history.order_by("-history_date").first()
    assert latest is not None
    assert latest.history_change_reason == "edited by an analyst"
    assert latest.history_user == analyst
    event = AuditEvent.objects.get(verb="jurisdiction.updated")
    assert event.actor == analyst
    assert event.data["before"]["legislature"] == "Quarland Diet"
    assert event.data["after"] == {"legislature": "Grand Assembly", "legal_tradition": "civil_law"}


def test_editing_by_an_alias_edits_the_place_it_names(quarland: Jurisdiction) -> None:
    client = Client()
    client.force_login(make_secretariat())
    client.post("/jurisdictions/QMX/edit/", {"legislature": "Senate", "legal_tradition": ""})
    quarland.refresh_from_db()
    assert quarland.legislature == "Senate"


def test_editing_an_unknown_code_answers_404(db: None) -> None:
    client = Client()
    client.force_login(make_analyst())
    assert client.get("/jurisdictions/QZ-NOPE/edit/").status_code == 404


# --- History ---------------------------------------------------------------------------------


def test_the_history_lists_each_change_to_those_who_curate_and_review(quarland: Jurisdiction) -> None:
    analyst = make_analyst()
    client = Client()
    client.force_login(analyst)
    client.post(f"/jurisdictions/{QUARLAND}/edit/", {"legislature": "Grand Assembly", "legal_tradition": ""})
    url = f"/jurisdictions/{QUARLAND}/history/"
    assert_access_walk(
        url,
        wrong=[make_member(), make_legislator(), make_staff()],
        right=[make_reviewer(), make_secretariat()],
        ok_status=(200,),
    )
    page = client.get(url).content.decode()
    assert "History of Quarland" in page
    assert "Grand Assembly" in page and "Quarland Diet" in page
    assert "edited by an analyst" in page
    assert str(analyst) in page


def test_the_list_finds_a_country_by_part_of_its_name_in_the_readers_language(seeded: None) -> None:
    # Romania is "România" in Romanian, "Roumanie" in French, "Румунія" in Ukrainian; accents need not be typed.
    assert "RO" in _names("/jurisdictions.json?q=roman")
    for language, typed in [("ro", "romania"), ("fr", "roumanie"), ("uk", "Румун")]:
        assert "RO" in [
            item["code"]
            for item in Client(HTTP_ACCEPT_LANGUAGE=language).get(f"/jurisdictions.json?q={typed}").json()["items"]
        ], (language, typed)
    assert "RO" not in _names("/jurisdictions.json?q=roumanie")  # French is not English
