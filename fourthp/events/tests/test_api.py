from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from fourthp.accounts.actions import do_create_api_token
from fourthp.events.models import Event
from fourthp.events.tests.factories import make_event, make_registration
from fourthp.testing import make_group, make_group_member, make_member, make_secretariat

pytestmark = pytest.mark.django_db


def _get(url: str, user: object = None) -> dict:  # type: ignore[type-arg]
    headers = {}
    if user is not None:
        _token, raw = do_create_api_token(user, name="test")  # type: ignore[arg-type]
        headers["Authorization"] = f"Bearer {raw}"
    response = Client().get(url, headers=headers)
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


def test_the_list_answers_what_the_callers_token_may_see_upcoming_first() -> None:
    group = make_group(slug="supply-chains")
    now = timezone.now()
    make_event(title="Last year", starts_at=now - dt.timedelta(days=365))
    make_event(title="Next month", starts_at=now + dt.timedelta(days=30))
    make_event(title="Next week", starts_at=now + dt.timedelta(days=7))
    make_event(title="Members only", audience=Event.Audience.MEMBERS, starts_at=now + dt.timedelta(days=8))
    make_event(
        title="Group only", audience=Event.Audience.GROUP, working_group=group, starts_at=now + dt.timedelta(days=9)
    )
    visitor = _get("/api/v1/events")
    assert [e["title"] for e in visitor["items"]] == ["Next week", "Next month", "Last year"]
    assert visitor["count"] == 3
    member = _get("/api/v1/events", make_member())
    assert [e["title"] for e in member["items"]] == ["Next week", "Members only", "Next month", "Last year"]
    insider = _get("/api/v1/events?group=supply-chains", make_group_member(group))
    assert [e["title"] for e in insider["items"]] == ["Group only"]
    assert [e["title"] for e in _get("/api/v1/events?past=true")["items"]] == ["Last year"]
    assert [e["title"] for e in _get("/api/v1/events?past=false&limit=1")["items"]] == ["Next week"]


def test_the_detail_has_the_link_only_for_a_confirmed_participant_or_the_secretariat() -> None:
    event = make_event(capacity=1)
    seated, waiting = make_member(), make_member()
    make_registration(event, seated)
    make_registration(event, waiting, "waitlisted")
    url = f"/api/v1/events/{event.pk}"
    assert _get(url)["online_link"] is None
    assert _get(url, waiting)["online_link"] is None
    assert _get(url, waiting)["your_registration"] == "waitlisted"
    assert _get(url, seated)["online_link"] == event.online_link
    assert _get(url, make_secretariat())["online_link"] == event.online_link


def test_an_event_outside_the_callers_audience_answers_404_with_the_error_shape() -> None:
    event = make_event(audience=Event.Audience.MEMBERS)
    response = Client().get(f"/api/v1/events/{event.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert Client().get("/api/v1/events/999999").status_code == 404


def test_a_bad_token_is_refused_with_401() -> None:
    response = Client().get("/api/v1/events", headers={"Authorization": "Bearer fp_nonsense"})
    assert response.status_code == 401
