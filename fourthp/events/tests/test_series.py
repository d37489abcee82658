from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from fourthp.events.actions import EventRefused
from fourthp.events.models import Event, EventSeries, Registration
from fourthp.events.series import do_generate_meetings, do_move_meeting, do_register_series, parse_rule
from fourthp.notifications.models import Notification
from fourthp.testing import make_member, make_secretariat

pytestmark = pytest.mark.django_db

TEMPLATE = {
    "kind": Event.Kind.VIRTUAL,
    "online_link": "https://meet.example.org/taskforce",
    "audience": Event.Audience.PUBLIC,
    "state": Event.State.PUBLISHED,
    "capacity": 1,
}


def _series(rule: str = "FREQ=MONTHLY;INTERVAL=3;COUNT=4") -> EventSeries:
    first = (timezone.now() + dt.timedelta(days=7)).replace(second=0, microsecond=0)
    series = EventSeries.objects.create(
        title="Quarterly virtual task-force meeting",
        description="The task force meets every quarter.",
        rrule=rule,
        first_starts_at=first,
        duration_minutes=90,
    )
    do_generate_meetings(series, template=TEMPLATE)
    return series


def _vevents(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def test_the_series_appears_once_in_the_public_feed_with_its_rrule() -> None:
    series = _series()
    assert series.meetings.count() == 4
    response = Client().get("/events.ics")
    assert response.status_code == 200
    entries = [e for e in _vevents(response.content) if str(e["SUMMARY"]) == series.title]
    assert len(entries) == 1
    assert dict(entries[0]["RRULE"]) == {"FREQ": ["MONTHLY"], "INTERVAL": [3], "COUNT": [4]}
    assert entries[0]["DTSTART"].dt == series.first_starts_at
    assert "meet.example.org" not in response.content.decode()


def test_a_moved_meeting_is_an_override_and_a_cancelled_one_an_exdate_and_registrants_are_told() -> None:
    series = _series()
    staff = make_secretariat()
    member = make_member()
    do_register_series(series, acting_user=member)
    second, third = list(series.meetings.order_by("starts_at"))[1:3]
    moved_to = second.starts_at + dt.timedelta(days=2)
    do_move_meeting(second, starts_at=moved_to, acting_user=staff)
    do_move_meeting(third, cancel=True, acting_user=staff)
    entries = _vevents(Client().get("/events.ics").content)
    ours = [e for e in entries if str(e["UID"]).startswith(f"series-{series.pk}@")]
    assert len(ours) == 2
    master = next(e for e in ours if "RECURRENCE-ID" not in e)
    override = next(e for e in ours if "RECURRENCE-ID" in e)
    assert override["RECURRENCE-ID"].dt == second.original_starts_at
    assert override["DTSTART"].dt == moved_to
    assert [d.dt for d in master["EXDATE"].dts] == [third.original_starts_at]
    assert Notification.objects.filter(recipient=member, kind="series_meeting_changed").count() == 2


def test_one_registration_for_the_series_takes_a_seat_at_each_meeting_and_capacity_still_holds() -> None:
    series = _series()
    first_member, second_member = make_member(), make_member()
    do_register_series(series, acting_user=first_member)
    do_register_series(series, acting_user=second_member)
    states = set(Registration.objects.filter(user=second_member).values_list("state", flat=True))
    assert Registration.objects.filter(user=first_member, state=Registration.State.CONFIRMED).count() == 4
    assert states == {Registration.State.WAITLISTED}
    with pytest.raises(EventRefused):
        do_register_series(series, acting_user=first_member)


def test_her_feed_shows_the_series_with_its_rule_only_when_she_registered_for_the_series() -> None:
    series = _series()
    member = make_member()
    client = Client()
    client.force_login(member)
    client.post(f"/events/series/{series.pk}/register/")
    client.post("/profile/calendar/", {"action": "replace"})
    token = member.calendar_feeds.get().token
    entries = _vevents(Client().get(f"/events/feed/{token}.ics").content)
    assert len(entries) == 1 and "RRULE" in entries[0]


@pytest.mark.parametrize(
    "rule",
    ["FREQ=MONTHLY", "FREQ=DAILY;COUNT=3", "FREQ=WEEKLY;COUNT=500", "NONSENSE", "FREQ=WEEKLY;UNTIL=20990101T000000Z"],
)
def test_a_rule_that_does_not_end_repeats_too_often_or_cannot_be_read_is_refused_in_plain_words(rule: str) -> None:
    with pytest.raises(EventRefused):
        parse_rule(rule, timezone.now())


def test_the_series_page_lists_its_meetings_for_a_visitor() -> None:
    series = _series()
    response = Client().get(f"/events/series/{series.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count('<li class="meeting">') == 4
