"""The bills' pages through HTTP: the list and its filters, a bill, the calendar and its feed, the plan."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.test import Client

from fourthp.bills.actions import do_import_bills
from fourthp.bills.importers import read_openstates
from fourthp.bills.models import Bill
from fourthp.bills.tests.factories import SAMPLES, make_bill, make_session
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Profile, Visibility
from fourthp.testing import client_as, make_analyst, make_profile, publish_assessment

pytestmark = pytest.mark.django_db


def _dc() -> Jurisdiction:
    return Jurisdiction.objects.get(code="US-DC")


def _imported() -> None:
    bills, problems = read_openstates((SAMPLES / "openstates_bills.json").read_bytes())
    do_import_bills(_dc(), bills, acting_user=None, problems=problems)


def test_the_list_filters_by_jurisdiction_status_and_provision(seeded: None) -> None:
    _imported()
    elsewhere = make_bill(make_session(Jurisdiction.objects.get(code="CA")), title="Elsewhere")
    client = Client()
    assert set(client.get("/bills.json").json()["items"][i]["number"] for i in range(3)) == {
        "B26-0101",
        "B26-0202",
        elsewhere.number,
    }
    by_place = client.get("/bills.json?jurisdiction=US-DC").json()
    assert {b["number"] for b in by_place["items"]} == {"B26-0101", "B26-0202"}
    by_status = client.get("/bills.json?status=enacted").json()
    assert [b["number"] for b in by_status["items"]] == ["B26-0202"]
    by_provision = client.get("/bills.json?provision=prot.non-punishment").json()
    assert [b["number"] for b in by_provision["items"]] == ["B26-0101"]
    page = client.get("/bills/?jurisdiction=District+of+Columbia").content.decode()
    assert "B26-0101" in page and "Elsewhere" not in page


def test_an_unknown_jurisdiction_in_the_filter_is_said_on_the_page(seeded: None) -> None:
    response = Client().get("/bills/?jurisdiction=Atlantis")
    assert response.status_code == 200
    assert "Atlantis" in response.content.decode()


def test_the_bill_page_shows_timeline_versions_sponsors_and_suggested_provisions(seeded: None) -> None:
    make_profile(
        name="Alex Rivera", role=Profile.Role.LEGISLATOR, jurisdiction=_dc(), name_visibility=Visibility.PUBLIC
    )
    _imported()
    bill = Bill.objects.get(number="B26-0101")
    page = Client().get(f"/bills/{bill.pk}/").content.decode()
    assert "Referred to the Committee on the Judiciary" in page
    assert "As introduced" in page
    assert "not findings" in page
    assert "prot.non-punishment" in page
    assert f'href="/members/{bill.sponsors.get(name="Alex Rivera").profile_id}/"' in page
    assert "Jo Chen" in page
    data = Client().get(f"/bills/{bill.pk}.json").json()
    assert {p["provision"] for p in data["suggested_provisions"]} >= {"crim.labour-trafficking", "prot.non-punishment"}


def test_a_sponsors_profile_is_linked_only_for_those_who_may_see_it(seeded: None) -> None:
    make_profile(name="Alex Rivera", role=Profile.Role.LEGISLATOR, jurisdiction=_dc())  # secretariat-only name
    _imported()
    bill = Bill.objects.get(number="B26-0101")
    page = Client().get(f"/bills/{bill.pk}/").content.decode()
    profile_id = bill.sponsors.get(name="Alex Rivera").profile_id
    assert profile_id is not None
    assert "Alex Rivera" in page and f'href="/members/{profile_id}/"' not in page


def test_the_calendar_feed_is_icalendar_with_sessions_and_actions(seeded: None) -> None:
    _imported()
    session = _dc().legislative_sessions.get(name="2025-2026")
    session.starts_on, session.ends_on = dt.date(2025, 1, 2), dt.date(2026, 12, 31)
    session.save()
    response = Client().get("/jurisdictions/US-DC/calendar.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert events["Session 2025-2026"].decoded("dtstart") == dt.date(2025, 1, 2)
    assert events["Session 2025-2026"].decoded("dtend") == dt.date(2027, 1, 1)
    signed = events["B26-0202: Signed by the Mayor"]
    assert signed.decoded("dtstart") == dt.date(2025, 6, 30)
    assert str(signed["url"]).endswith(f"/bills/{Bill.objects.get(number='B26-0202').pk}/")


def test_the_sessions_page_shows_the_calendar_by_month(seeded: None) -> None:
    _imported()
    page = Client().get("/jurisdictions/US-DC/sessions/").content.decode()
    assert "2025-2026" in page and "dates not announced" in page
    assert "June 2025" in page and "Signed by the Mayor" in page


def test_the_plan_lists_pending_bills_under_the_gaps_they_touch(seeded: None) -> None:
    place = Jurisdiction.objects.create(code="ZZ-P", name="Planland", kind="state", level="subnational")
    publish_assessment(place, "crim.labour-trafficking", "full")
    publish_assessment(place, "prot.non-punishment", "absent")
    bills, problems = read_openstates((SAMPLES / "openstates_bills.json").read_bytes())
    do_import_bills(place, bills, acting_user=None, problems=problems)
    make_session(place, name="2027", starts_on=dt.date.today() + dt.timedelta(days=40))
    data = Client().get("/jurisdictions/ZZ-P/plan.json").json()
    gaps = {row["provision"]: row for row in data["gaps"]}
    assert "crim.labour-trafficking" not in gaps  # met in full: not a gap
    assert gaps["prot.non-punishment"]["status"] == "absent"
    assert [b["number"] for b in gaps["prot.non-punishment"]["bills"]] == ["B26-0101"]
    assert [s["name"] for s in data["upcoming_sessions"]] == ["2027"]
    assert [s["name"] for s in data["undated_sessions"]] == ["2025-2026"]
    page = Client().get("/jurisdictions/ZZ-P/plan/").content.decode()
    assert "not yet assessed" in page and "B26-0101" in page


def test_an_enacted_bill_is_not_listed_on_the_plan(seeded: None) -> None:
    place = Jurisdiction.objects.create(code="ZZ-E", name="Enactland", kind="state", level="subnational")
    bills, problems = read_openstates((SAMPLES / "openstates_bills.json").read_bytes())
    do_import_bills(place, bills, acting_user=None, problems=problems)
    Bill.objects.filter(number="B26-0101").update(status=Bill.Status.ENACTED)
    data = Client().get("/jurisdictions/ZZ-E/plan.json").json()
    assert all(not row["bills"] for row in data["gaps"])


def test_the_jurisdiction_page_links_to_its_plan(seeded: None) -> None:
    assert 'href="/jurisdictions/US-DC/plan/"' in Client().get("/jurisdictions/US-DC/").content.decode()


def test_the_bill_list_makes_the_same_queries_for_200_bills(
    seeded: None, django_assert_max_num_queries: object
) -> None:
    session = make_session(_dc())
    for _ in range(200):
        make_bill(session)
    client = Client()
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        response = client.get("/bills/?jurisdiction=US-DC&status=introduced&page=2")
    assert response.status_code == 200 and "Page 2 of 4" in response.content.decode()


def test_an_analyst_records_a_bill_an_action_and_a_version(seeded: None) -> None:
    client = client_as(make_analyst())
    response = client.post(
        "/bills/new/",
        {
            "jurisdiction": "US-DC",
            "session": "2025-2026",
            "number": "B26-0999",
            "title": "Victims' Services Act",
            "status": "introduced",
            "primary_sponsors": "Alex Rivera\r\n",
            "instruments": "",
        },
    )
    bill = Bill.objects.get(number="B26-0999")
    assert response.status_code == 302 and response["Location"] == f"/bills/{bill.pk}/"
    client.post(f"/bills/{bill.pk}/actions/new/", {"date": "2025-05-01", "description": "Hearing held"})
    client.post(
        f"/bills/{bill.pk}/versions/new/",
        {
            "label": "As introduced",
            "text": "Sec. 1. No prosecution of victims.\nA victim of trafficking shall not be prosecuted for unlawful "
            "acts committed as a direct result of having been trafficked.",
        },
    )
    bill.refresh_from_db()
    assert bill.last_action_on == dt.date(2025, 5, 1)
    assert {t.provision.slug for t in bill.versions.get().touched.all()} >= {"prot.non-punishment"}
    again = client.post(
        "/bills/new/",
        {"jurisdiction": "US-DC", "session": "2025-2026", "number": "B26-0999", "title": "Dup", "status": "introduced"},
    )
    assert again.status_code == 200 and "has the number B26-0999" in again.content.decode()


def test_a_session_closing_before_it_opens_is_refused(seeded: None) -> None:
    response = client_as(make_analyst()).post(
        "/jurisdictions/US-DC/sessions/new/", {"name": "2030", "starts_on": "2030-05-01", "ends_on": "2030-01-01"}
    )
    assert response.status_code == 200
    assert "A session closes on or after the day it opens." in response.content.decode()
