"""Who may record, import and edit bills and sessions, walked visitor → wrong role → right role.

Bills, sessions, calendars and plans are public; everything else is the analysts' and the secretariat's.
"""

from __future__ import annotations

import pytest

from fourthp.bills.models import Bill
from fourthp.bills.tests.factories import make_bill, make_session
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.testing import Step, World, example_users, walk_step

OUTSIDERS = ("member", "legislator", "staff", "student", "reviewer")
CURATORS = ("analyst", "secretariat")

STEPS = [
    Step("bill-create", lambda w: "/bills/new/", wrong=OUTSIDERS, right=CURATORS),
    Step("bill-import", lambda w: "/bills/import/", wrong=OUTSIDERS, right=CURATORS),
    Step("bill-edit", lambda w: f"/bills/{w['bill'].pk}/edit/", wrong=OUTSIDERS, right=CURATORS),
    Step("bill-action-add", lambda w: f"/bills/{w['bill'].pk}/actions/new/", wrong=OUTSIDERS, right=CURATORS),
    Step("bill-version-add", lambda w: f"/bills/{w['bill'].pk}/versions/new/", wrong=OUTSIDERS, right=CURATORS),
    Step("bill-enact", lambda w: f"/bills/{w['bill'].pk}/enact/", wrong=OUTSIDERS, right=CURATORS),
    Step(
        "bill-action-add",
        lambda w: f"/bills/{w['bill'].pk}/actions/new/",
        method="post",
        data=lambda w: {"date": "2025-03-03", "description": "Hearing held"},
        wrong=OUTSIDERS,
        right=("analyst",),
        redirects_to=lambda w: f"/bills/{w['bill'].pk}/",
    ),
    Step(
        "bill-history",
        lambda w: f"/bills/{w['bill'].pk}/history/",
        wrong=("member", "legislator", "staff", "student"),
        right=("analyst", "reviewer", "secretariat"),
    ),
    Step("session-create", lambda w: "/jurisdictions/US-DC/sessions/new/", wrong=OUTSIDERS, right=CURATORS),
    Step("session-edit", lambda w: f"/sessions/{w['bill'].session_id}/edit/", wrong=OUTSIDERS, right=CURATORS),
]

COVERED: set[str] = {step.name for step in STEPS}


def world() -> World:
    session = make_session(Jurisdiction.objects.get(code="US-DC"), name="2025-2026")
    return {**example_users(), "bill": make_bill(session, number="B26-0001")}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_curation_route_refuses_the_wrong_roles_and_admits_the_right(step: Step, seeded: None) -> None:
    w = world()
    walk_step(step, w)
    actions = Bill.objects.get(pk=w["bill"].pk).actions.count()
    # Only the analyst's POST wrote; every refused request wrote nothing.
    assert actions == (2 if step.method == "post" else 1)


@pytest.mark.django_db
def test_a_missing_bill_answers_404_to_a_curator(seeded: None) -> None:
    from fourthp.testing import client_as, make_analyst

    assert client_as(make_analyst()).get("/bills/999999/edit/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/bills/", "/bills.json", "/jurisdictions/US-DC/sessions/", "/jurisdictions/US-DC/plan/",
     "/jurisdictions/US-DC/calendar.ics"],
)  # fmt: skip
def test_visitors_read_bills_calendars_and_plans(url: str, seeded: None) -> None:
    from django.test import Client

    assert Client().get(url).status_code == 200
