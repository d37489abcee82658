"""The citizen's journey through HTTP: the start picks a place by name, and each of the five steps shows that
place's own figures, links to the full pages and to the step before and after, and says so when there is nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fourthp.bills.actions import do_import_bills
from fourthp.bills.importers import read_openstates
from fourthp.bills.tests.factories import SAMPLES, make_session
from fourthp.campaigns.models import Campaign
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Consent, Visibility
from fourthp.testing import client_as, give_consent, make_legislator, make_member, make_profile

pytestmark = pytest.mark.django_db

STEPS = ("measure", "identify", "reach-out", "plan", "execute")


def _dc() -> Jurisdiction:
    return Jurisdiction.objects.get(code="US-DC")


def _step(step: str, code: str = "US-DC", client: Client | None = None) -> str:
    response = (client or Client()).get(f"/jurisdictions/{code}/journey/{step}/")
    assert response.status_code == 200, step
    return response.content.decode()


def test_the_start_takes_a_place_by_name_to_its_first_step(seeded: None) -> None:
    page = Client().get("/journey/")
    assert page.status_code == 200 and 'name="jurisdiction"' in page.content.decode()
    response = Client().get("/journey/", {"jurisdiction": "District of Columbia"})
    assert response.status_code == 302 and response["Location"] == "/jurisdictions/US-DC/journey/measure/"


def test_an_unknown_place_is_named_on_the_start_page(seeded: None) -> None:
    response = Client().get("/journey/", {"jurisdiction": "Atlantis"})
    assert response.status_code == 200
    assert "Atlantis" in response.content.decode()


def test_each_step_marks_itself_and_links_the_next_and_previous(seeded: None) -> None:
    for index, step in enumerate(STEPS):
        page = _step(step)
        assert f'href="/jurisdictions/US-DC/journey/{step}/" aria-current="step"' in page
        assert page.count('aria-current="step"') == 1
        if index + 1 < len(STEPS):
            assert f'href="/jurisdictions/US-DC/journey/{STEPS[index + 1]}/" rel="next"' in page
        else:
            assert 'rel="next"' not in page
        if index:
            assert f'href="/jurisdictions/US-DC/journey/{STEPS[index - 1]}/" rel="prev"' in page


def test_an_unknown_step_or_place_is_not_found(seeded: None) -> None:
    assert Client().get("/jurisdictions/US-DC/journey/dream/").status_code == 404
    assert Client().get("/jurisdictions/ZZ-NOPE/journey/measure/").status_code == 404


def test_measure_counts_the_report_card_and_names_the_first_gaps(seeded: None) -> None:
    data = Client().get("/jurisdictions/US-DC/journey/measure.json").json()
    summary = data["summary"]
    assert summary["has_report_card"] is True
    assert sum(summary["statuses"].values()) == 40  # every provision of DC's level, once
    assert summary["gap_count"] == summary["statuses"]["absent"] + summary["statuses"]["partial"] > 0
    assert len(summary["top_gaps"]) == min(5, summary["gap_count"])
    page = _step("measure")
    assert 'href="/jurisdictions/US-DC/report-card/gaps/"' in page
    assert 'href="/jurisdictions/US-DC/report-card/"' in page


def test_measure_shows_a_states_fbi_figures_and_says_when_there_is_no_report_card(seeded: None) -> None:
    summary = Client().get("/jurisdictions/US-TX/journey/measure.json").json()["summary"]
    assert summary["has_report_card"] is False
    assert [i["key"] for i in summary["indicators"]] and summary["indicators"][0]["years"] > 0
    page = _step("measure", "US-TX")
    assert "Texas has no published report card yet" in page
    assert 'href="/jurisdictions/US-TX/indicators/"' in page


def test_identify_lists_organisations_and_only_legislators_who_consented(seeded: None) -> None:
    page = _step("identify")
    assert "No legislator from District of Columbia has chosen to be listed yet" in page
    assert "National Human Trafficking Hotline" in page  # serves the whole country
    lena = make_legislator()
    make_profile(
        lena, name="Lena Lawmaker", jurisdiction=_dc(),
        name_visibility=Visibility.PUBLIC, jurisdiction_visibility=Visibility.PUBLIC,
    )  # fmt: skip
    assert "Lena Lawmaker" not in _step("identify")  # listed only once she agrees to letters
    give_consent(lena, Consent.Kind.CONSTITUENT_LETTERS)
    assert "Lena Lawmaker" in _step("identify")
    data = Client().get("/jurisdictions/US-DC/journey/identify.json").json()["summary"]
    assert data["legislators"] == ["Lena Lawmaker"]
    assert "us-national-human-trafficking-hotline" in data["national_organisations"]


def test_reach_out_offers_the_letter_and_the_open_campaigns_about_the_place(seeded: None) -> None:
    page = _step("reach-out")
    assert 'href="/letters/US-DC/"' in page
    assert "No campaign about District of Columbia is open for signatures now." in page
    here = Campaign.objects.create(title="Close the DC gaps", slug="dc-gaps", statement="We ask.", state="open")
    here.jurisdictions.add(_dc())
    elsewhere = Campaign.objects.create(title="Canada only", slug="ca-only", statement="We ask.", state="open")
    elsewhere.jurisdictions.add(Jurisdiction.objects.get(code="CA"))
    Campaign.objects.create(title="Not yet", slug="draft", statement="We ask.", state="draft")
    data = Client().get("/jurisdictions/US-DC/journey/reach-out.json").json()["summary"]
    assert data["open_campaigns"] == ["dc-gaps"]
    assert data["gaps_with_letters"] > 0
    assert 'href="/campaigns/dc-gaps/"' in _step("reach-out")


def test_plan_shows_the_next_session_and_pending_bills_on_gaps(seeded: None) -> None:
    page = _step("plan")
    assert "No session ahead has dates recorded." in page
    assert "No pending bill in District of Columbia is recorded as touching a gap." in page
    bills, problems = read_openstates((SAMPLES / "openstates_bills.json").read_bytes())
    do_import_bills(_dc(), bills, acting_user=None, problems=problems)
    make_session(_dc(), name="2027", starts_on=dt.date.today() + dt.timedelta(days=40))
    data = Client().get("/jurisdictions/US-DC/journey/plan.json").json()["summary"]
    assert [s["name"] for s in data["upcoming_sessions"]] == ["2027"]
    assert any("B26-0101" in row["bills"] for row in data["gaps_with_bills"])
    page = _step("plan")
    assert "B26-0101" in page and 'href="/jurisdictions/US-DC/plan/"' in page


def test_execute_invites_a_visitor_to_sign_in_or_join_and_a_member_to_follow(seeded: None) -> None:
    page = _step("execute")
    assert "/accounts/login/?next=/jurisdictions/US-DC/journey/execute/" in page
    assert 'href="/mailing/join/"' in page
    assert 'action="/follows/' not in page
    member_page = _step("execute", client=client_as(make_member()))
    assert f'action="/follows/jurisdiction/{_dc().pk}/"' in member_page


def test_the_home_page_and_the_jurisdiction_page_link_the_journey(seeded: None) -> None:
    assert 'href="/journey/"' in Client().get("/").content.decode()
    assert 'href="/jurisdictions/US-DC/journey/measure/"' in Client().get("/jurisdictions/US-DC/").content.decode()
