"""Who may use the circle pages, walked visitor → hidden → wrong role → right role for each route.

A circle's convenor is a per-object role: `convenor` in the world is an ordinary member who convenes the
walked circle, `insider` one who is in it; the example roles (student included) are outsiders to it. A
proposed circle is known only to its proposer and the secretariat.
"""

from __future__ import annotations

import pytest

from fourthp.circles.models import Circle, CircleMembership
from fourthp.circles.tests.factories import join, make_brief, make_circle, make_meeting
from fourthp.testing import Step, World, example_users, make_user, walk_step

OUTSIDERS = ("member", "student", "legislator", "staff", "analyst", "reviewer")
CONVENORS = ("convenor", "secretariat")


def _c(tail: str = "") -> object:
    return lambda w: f"/circles/{w['circle'].slug}/{tail}"


def _m(tail: str = "", which: str = "past") -> object:
    return lambda w: f"/circles/{w['circle'].slug}/meetings/{w[which].pk}/{tail}"


def _meeting_form(w: World) -> dict[str, str]:
    return {
        "starts_at": "2031-03-04T18:30",
        "time_zone": "Europe/Paris",
        "duration_minutes": "90",
        "location": "Library, room 2",
        "brief": str(w["brief"].pk),
        "guide": "What would change for survivors?",
    }


def _to_circle(w: World) -> str:
    return w["circle"].get_absolute_url()


def _to_meeting(which: str) -> object:
    return lambda w: w[which].get_absolute_url()


def _new_circle_form(w: World) -> dict[str, str]:
    return {
        "name": "Walked circle",
        "kind": "local",
        "place": w["circle"].jurisdiction.code,
        "city": "Lyon",
        "time_zone": "Europe/Paris",
        "joining": "open",
    }


STEPS = [
    Step("circle-create", lambda w: "/circles/new/", right=OUTSIDERS + CONVENORS),
    Step("circle-create", lambda w: "/circles/new/", method="post", data=_new_circle_form, right=("student",),
         redirects_to=lambda w: lambda location: location.startswith("/circles/walked-circle")),
    # A proposal is hidden from everyone but its proposer and the secretariat, on its page and its twin.
    Step("circle-detail", lambda w: f"/circles/{w['proposal'].slug}/", visitor_status=404, hidden=OUTSIDERS,
         right=("proposer", "secretariat")),
    Step("circle-detail-json", lambda w: f"/circles/{w['proposal'].slug}.json", visitor_status=404,
         hidden=OUTSIDERS, right=("proposer", "secretariat")),
    Step("circle-decide", lambda w: f"/circles/{w['proposal'].slug}/decide/", method="post",
         data=lambda w: {"decision": "approve"}, wrong=(*OUTSIDERS, "proposer"), right=("secretariat",),
         redirects_to=lambda w: lambda location: location == f"/circles/{w['proposal'].slug}/"),
    Step("circle-join", _c("join/"), method="post", wrong=(), right=OUTSIDERS, redirects_to=_to_circle),
    Step("circle-join", lambda w: f"/circles/{w['proposal'].slug}/join/", method="post", hidden=OUTSIDERS,
         wrong=("proposer",)),
    Step("circle-leave", _c("leave/"), method="post", right=("insider",), redirects_to=_to_circle),
    Step("circle-request-decide", lambda w: f"/circles/{w['circle'].slug}/requests/{w['request'].pk}/",
         method="post", data=lambda w: {"decision": "approve"}, wrong=(*OUTSIDERS, "insider"),
         right=("convenor",), redirects_to=_to_circle),
    Step("circle-convenor", lambda w: f"/circles/{w['circle'].slug}/members/{w['insider_membership'].pk}/convenor/",
         method="post", wrong=(*OUTSIDERS, "insider"), right=CONVENORS, redirects_to=_to_circle),
    Step("circle-edit", _c("edit/"), wrong=(*OUTSIDERS, "insider"), right=CONVENORS),
    Step("circle-edit", _c("edit/"), method="post", data=lambda w: {**_new_circle_form(w), "name": "Renamed"},
         wrong=(*OUTSIDERS, "insider"), right=CONVENORS, redirects_to=_to_circle),
    # A proposal is edited by the secretariat only, until it is opened; to others it does not exist.
    Step("circle-edit", lambda w: f"/circles/{w['proposal'].slug}/edit/", hidden=OUTSIDERS,
         wrong=("proposer",), right=("secretariat",)),
    Step("circle-meeting-create", _c("meetings/new/"), wrong=(*OUTSIDERS, "insider"), right=CONVENORS),
    Step("circle-meeting-create", _c("meetings/new/"), method="post", data=_meeting_form,
         wrong=(*OUTSIDERS, "insider"), right=("convenor",),
         redirects_to=lambda w: lambda location: location.startswith(f"/circles/{w['circle'].slug}/meetings/")),
    Step("circle-meeting-edit", _m("edit/", "upcoming"), wrong=(*OUTSIDERS, "insider"), right=CONVENORS),
    Step("circle-meeting-edit", _m("edit/", "upcoming"), method="post", data=_meeting_form,
         wrong=(*OUTSIDERS, "insider"), right=CONVENORS, redirects_to=_to_meeting("upcoming")),
    Step("circle-meeting-cancel", _m("cancel/", "upcoming"), wrong=(*OUTSIDERS, "insider"), right=CONVENORS),
    Step("circle-meeting-cancel", _m("cancel/", "upcoming"), method="post", data=lambda w: {"reason": "Room closed"},
         wrong=(*OUTSIDERS, "insider"), right=("convenor",), redirects_to=_to_meeting("upcoming")),
    Step("circle-meeting-notes", _m("notes/"), wrong=(*OUTSIDERS, "insider"), right=CONVENORS),
    Step("circle-meeting-notes", _m("notes/"), method="post", data=lambda w: {"notes": "We read part two."},
         wrong=(*OUTSIDERS, "insider"), right=CONVENORS, redirects_to=_to_meeting("past")),
    Step("circle-meeting-attendance", _m("attendance/"), wrong=(*OUTSIDERS, "insider"), right=CONVENORS),
    Step("circle-meeting-attendance", _m("attendance/"), method="post",
         data=lambda w: {"present": [str(w["insider"].pk)]}, wrong=(*OUTSIDERS, "insider"), right=CONVENORS,
         redirects_to=_to_meeting("past")),
    Step("circle-meeting", lambda w: f"/circles/{w['proposal'].slug}/meetings/{w['hidden_meeting'].pk}/",
         visitor_status=404, hidden=OUTSIDERS, right=("proposer", "secretariat")),
    Step("circle-meeting-json", lambda w: f"/circles/{w['proposal'].slug}/meetings/{w['hidden_meeting'].pk}.json",
         visitor_status=404, hidden=OUTSIDERS, right=("proposer", "secretariat")),
]  # fmt: skip

COVERED: set[str] = {step.name for step in STEPS}


def world() -> World:
    users = example_users()
    convenor, insider, proposer = make_user("convenor"), make_user("insider"), make_user("proposer")
    circle = make_circle(convenor=convenor)
    insider_membership = join(circle, insider)
    request = CircleMembership.objects.create(circle=circle, user=make_user("asker"))
    proposal = make_circle(convenor=proposer, state=Circle.State.PROPOSED)
    return {
        **users,
        "convenor": convenor,
        "insider": insider,
        "proposer": proposer,
        "circle": circle,
        "proposal": proposal,
        "request": request,
        "insider_membership": insider_membership,
        "brief": make_brief(),
        "past": make_meeting(circle, days=-3),
        "upcoming": make_meeting(circle, days=10),
        "hidden_meeting": make_meeting(proposal, days=10),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_route_refuses_the_wrong_roles_and_admits_the_right(step: Step) -> None:
    walk_step(step, world())
