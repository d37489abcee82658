"""The personal home a member lands on after signing in: her place, her groups, her convenings, her work."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from fourthp.assessments.models import Assessment, AssessmentRequest
from fourthp.bills.models import Bill
from fourthp.bills.tests.factories import make_bill, make_session
from fourthp.events.models import Event, Registration
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG, Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Application
from fourthp.testing import (
    client_as,
    make_analyst,
    make_group,
    make_group_member,
    make_member,
    make_profile,
    make_reviewer,
    make_secretariat,
)

pytestmark = pytest.mark.django_db


def _draft(analyst: Any, code: str = "US-DC", slug: str = "crim.debt-bondage", **fields: Any) -> Assessment:
    provision = Provision.objects.get(framework__slug=DEFAULT_FRAMEWORK_SLUG, slug=slug)
    return Assessment.objects.create(
        jurisdiction=Jurisdiction.objects.get(code=code),
        provision=provision,
        status="partial",
        rationale="Work in progress.",
        assessor=analyst,
        **fields,
    )


def _event(title: str, days: int) -> Event:
    now = timezone.now()
    return Event.objects.create(
        title=title, description="A convening.", kind="virtual",
        starts_at=now + dt.timedelta(days=days), ends_at=now + dt.timedelta(days=days, hours=1), time_zone="UTC",
        online_link="https://meet.example.org/x", audience="members", state="published",
    )  # fmt: skip


def _application(name: str) -> Application:
    return Application.objects.create(
        name=name,
        email=f"{name.replace(' ', '.').lower()}@example.org",
        jurisdiction=Jurisdiction.objects.get(code="US-DC"),
        legislature="Council",
        role="legislator",
        mission_version=1,
        mission_text="We work together against trafficking.",
        mission_accepted_at=timezone.now(),
    )


def test_a_visitor_is_sent_to_sign_in(seeded: None) -> None:
    for url in ("/home/", "/home.json"):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_signing_in_lands_on_the_home_page(seeded: None) -> None:
    member = make_member()
    client = Client()
    response = client.post("/accounts/login/", {"login": member.email, "password": "correct horse battery staple"})
    assert response["Location"] == "/home/"
    assert client.get("/home/").status_code == 200


def test_a_member_sees_the_gaps_and_pending_bills_of_her_jurisdiction(seeded: None) -> None:
    member = make_member()
    make_profile(member, jurisdiction=Jurisdiction.objects.get(code="US-DC"))
    session = make_session(Jurisdiction.objects.get(code="US-DC"), name="2025-2026")
    make_bill(session, number="B26-0101", title="Survivors' vacatur act", status=Bill.Status.IN_COMMITTEE)
    make_bill(session, number="B26-0102", title="An enacted act", status=Bill.Status.ENACTED)
    page = client_as(member).get("/home/").content.decode()
    assert "Your jurisdiction: District of Columbia" in page
    assert 'href="/jurisdictions/US-DC/report-card/gaps/#gap-' in page
    assert "B26-0101" in page and "B26-0102" not in page  # only bills still pending
    data = client_as(member).get("/home.json").json()
    assert data["jurisdiction"]["code"] == "US-DC"
    assert data["jurisdiction"]["gap_count"] == len(data["jurisdiction"]["gaps"]) > 0
    assert all(gap["status"] in ("absent", "partial") for gap in data["jurisdiction"]["gaps"])
    assert [b["title"] for b in data["jurisdiction"]["pending_bills"]] == ["B26-0101 — Survivors' vacatur act"]
    assert data["jurisdiction"]["pending_bill_count"] == 1


def test_a_member_without_a_jurisdiction_is_shown_where_to_set_it(seeded: None) -> None:
    member = make_member()
    page = client_as(member).get("/home/").content.decode()
    assert 'href="/profile/member/">Set your jurisdiction in your member profile' in page
    assert client_as(member).get("/home.json").json()["jurisdiction"] is None


def test_her_groups_and_convenings_are_hers_alone(seeded: None) -> None:
    member, other = make_member(), make_member()
    mine = make_group(title="Supply chains", visibility="private")
    theirs = make_group(title="Secret drafting circle", visibility="private")
    make_group_member(mine, member)
    make_group_member(theirs, other)
    coming, past, elsewhere = (
        _event("Spring convening", 10),
        _event("Last year's convening", -400),
        _event("Not hers", 5),
    )
    Registration.objects.create(event=coming, user=member, state=Registration.State.CONFIRMED)
    Registration.objects.create(event=past, user=member, state=Registration.State.CONFIRMED)
    Registration.objects.create(event=elsewhere, user=other, state=Registration.State.CONFIRMED)
    page = client_as(member).get("/home/").content.decode()
    assert "Supply chains" in page and "Secret drafting circle" not in page
    assert "Spring convening" in page and "Last year&#x27;s convening" not in page and "Not hers" not in page
    data = client_as(member).get("/home.json").json()
    assert [g["title"] for g in data["working_groups"]] == ["Supply chains"]
    assert [c["title"] for c in data["convenings"]] == ["Spring convening"]


def _queues(user: Any) -> dict[str, dict[str, Any]]:
    return {queue["kind"]: queue for queue in client_as(user).get("/home.json").json()["work"]}


def test_a_plain_member_has_no_work_queue(seeded: None) -> None:
    member = make_member()
    assert _queues(member) == {}
    assert 'id="work-h"' not in client_as(member).get("/home/").content.decode()


def test_an_analyst_sees_her_own_drafts_and_returned_work_never_anothers(seeded: None) -> None:
    analyst, other = make_analyst(), make_analyst()
    mine = _draft(analyst)
    returned = _draft(analyst, slug="crim.child-no-means", review_comment="Quote the section on minors.")
    _draft(other, slug="crim.attempt-complicity")
    queues = _queues(analyst)
    assert set(queues) == {"drafts", "returned"}
    assert queues["drafts"]["count"] == 1 and queues["drafts"]["items"][0]["url"] == f"/assessments/{mine.pk}/"
    assert queues["returned"]["count"] == 1
    assert queues["returned"]["items"][0]["url"] == f"/assessments/{returned.pk}/"
    page = client_as(analyst).get("/home/").content.decode()
    assert f'href="/assessments/{mine.pk}/"' in page and "Returned to you with comments: 1" in page


def test_a_reviewer_sees_submitted_work_she_did_not_write(seeded: None) -> None:
    reviewer, analyst = make_reviewer(), make_analyst()
    waiting = _draft(analyst, state=Assessment.State.IN_REVIEW)
    _draft(analyst, slug="crim.child-no-means")  # still a draft: not for review
    queues = _queues(reviewer)
    assert set(queues) == {"to_review"}
    assert queues["to_review"]["count"] == 1
    assert queues["to_review"]["items"][0]["url"] == f"/assessments/{waiting.pk}/"


def test_the_secretariat_sees_applications_and_open_requests(seeded: None) -> None:
    secretariat, member = make_secretariat(), make_member()
    waiting = _application("Lena Lawmaker")
    decided = _application("Dora Decided")
    Application.objects.filter(pk=decided.pk).update(state=Application.State.ACCEPTED)
    request = AssessmentRequest.objects.create(
        kind=AssessmentRequest.Kind.ASSESSMENT,
        jurisdiction=Jurisdiction.objects.get(code="GL"),
        framework=Framework.objects.default(),
        requester=member,
    )
    queues = _queues(secretariat)
    assert {"drafts", "returned", "to_review", "applications", "requests"} == set(queues)
    assert queues["applications"]["count"] == 1
    assert queues["applications"]["items"][0]["url"] == f"/applications/{waiting.pk}/"
    assert queues["requests"]["count"] == 1
    assert queues["requests"]["items"][0]["url"] == f"/assessment-requests/{request.pk}/"
    # An applicant's name is the secretariat's to see, never another member's.
    assert "Lena Lawmaker" in client_as(secretariat).get("/home/").content.decode()
    assert "Lena Lawmaker" not in client_as(member).get("/home/").content.decode()


def test_the_home_page_makes_the_same_few_queries_however_much_there_is(
    seeded: None, django_assert_max_num_queries: Any
) -> None:
    secretariat = make_secretariat()
    make_profile(secretariat, jurisdiction=Jurisdiction.objects.get(code="US-DC"))
    session = make_session(Jurisdiction.objects.get(code="US-DC"), name="2025-2026")
    for n in range(15):
        make_bill(session, number=f"B26-{n:04}")
    for n in range(12):
        _application(f"Applicant {n}")
        make_group_member(make_group(), secretariat)
        Registration.objects.create(event=_event(f"Convening {n}", n + 1), user=secretariat, state="confirmed")
    client = client_as(secretariat)
    client.get("/home/")
    with django_assert_max_num_queries(32):
        response = client.get("/home/")
    assert "All 15 pending bills" in response.content.decode()
    with django_assert_max_num_queries(30):
        client.get("/home.json")
