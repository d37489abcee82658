"""What each role reads of an event: the meeting link, on the page, its JSON twin and its calendar file."""

from __future__ import annotations

import pytest

from fourthp.events.models import Registration
from fourthp.events.tests.factories import make_event, make_registration
from fourthp.groups.tests.helpers import example_users, logged_in
from fourthp.testing import make_group

pytestmark = pytest.mark.django_db


def test_the_meeting_link_is_shown_to_confirmed_participants_and_the_secretariat_only() -> None:
    users = example_users(make_group())
    event = make_event(online_link="https://meet.example.org/secret-room-42")
    make_registration(event, users["member"], Registration.State.CONFIRMED)
    make_registration(event, users["legislator"], Registration.State.WAITLISTED)
    make_registration(event, users["staff"], Registration.State.CANCELLED)

    shown: dict[str, set[str]] = {"page": set(), "json": set(), "ics": set()}
    for name, user in users.items():
        client = logged_in(user if user.is_authenticated else None)
        url = event.get_absolute_url()
        for kind, address in (("page", url), ("json", url.rstrip("/") + ".json"), ("ics", url.rstrip("/") + ".ics")):
            answer = client.get(address)
            assert answer.status_code == 200, (name, kind)
            if "secret-room-42" in answer.content.decode():
                shown[kind].add(name)

    assert shown == {kind: {"member", "secretariat"} for kind in shown}
