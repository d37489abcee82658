"""`Event.objects.visible_to` (and `list_events`) agree with `can_see_event` for every example user,
over events of every audience and state; the meeting link rule holds for exactly the right people."""

from __future__ import annotations

import pytest

from fourthp.events.access import can_see_event, can_see_event_link
from fourthp.events.models import Event, Registration
from fourthp.events.queries import list_events
from fourthp.events.tests.factories import make_event, make_registration
from fourthp.groups.tests.helpers import example_users
from fourthp.testing import make_group

pytestmark = pytest.mark.django_db


def _every_event(ours: object, other: object) -> list[Event]:
    events = []
    for state in Event.State.values:
        for audience in Event.Audience.values:
            groups = [ours, other] if audience == Event.Audience.GROUP else [None]
            events += [make_event(state=state, audience=audience, working_group=g) for g in groups]
    return events


def test_the_visible_events_query_agrees_with_can_see_event_for_every_example_user() -> None:
    ours, other = make_group(), make_group()
    events = _every_event(ours, other)
    users = example_users(ours)
    seen_by = {}
    for name, user in [*users.items(), ("no viewer", None)]:
        allowed = {e.pk for e in events if can_see_event(user, e)}
        assert set(Event.objects.visible_to(user).values_list("pk", flat=True)) == allowed, name
        assert {e.pk for e in list_events(user)} == allowed, name
        seen_by[name] = len(allowed)
    # The data tells the roles apart: public only; public and members'; those and her group's; everything.
    assert seen_by["visitor"] == 1
    assert seen_by["member"] == 2
    assert seen_by["group member"] == seen_by["group lead"] == 3
    assert seen_by["secretariat"] == len(events)


def test_the_meeting_link_is_for_confirmed_participants_and_the_secretariat_only() -> None:
    group = make_group()
    users = example_users(group)
    event = make_event()
    make_registration(event, users["member"], Registration.State.CONFIRMED)
    make_registration(event, users["legislator"], Registration.State.WAITLISTED)
    make_registration(event, users["staff"], Registration.State.CANCELLED)

    assert {name for name, user in users.items() if can_see_event_link(user, event)} == {"member", "secretariat"}
