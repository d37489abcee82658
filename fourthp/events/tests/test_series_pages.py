"""The secretariat's series pages: a new series from a frequency and an end, editing it, and moving a meeting."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from django.utils import timezone

from fourthp.accounts.models import AuditEvent
from fourthp.events.models import Event, EventSeries
from fourthp.events.series import do_generate_meetings, do_register_series
from fourthp.notifications.models import Notification
from fourthp.testing import client_as, make_member, make_secretariat

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def _first(days: int = 10) -> dt.datetime:
    return (timezone.now().astimezone(BRUSSELS) + dt.timedelta(days=days)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Quarterly virtual task-force meeting",
        "description": "The task force meets every quarter.",
        "first_starts_at": _first().strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "90",
        "time_zone": "Europe/Brussels",
        "frequency": "quarterly",
        "count": "4",
        "until": "",
        "kind": "virtual",
        "place": "",
        "online_link": "https://meet.example.org/taskforce",
        "capacity": "",
        "audience": "public",
        "working_group": "",
        "state": "published",
    }
    data.update(changes)
    return data


def test_the_secretariat_makes_a_quarterly_series_and_its_meetings_in_its_time_zone() -> None:
    response = client_as(make_secretariat()).post("/events/series/new/", _form())
    series = EventSeries.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/series/{series.pk}/"
    assert series.rrule == "FREQ=MONTHLY;INTERVAL=3;COUNT=4"
    meetings = list(series.meetings.order_by("starts_at"))
    assert len(meetings) == 4
    first = meetings[0]
    assert first.starts_at == _first() and first.ends_at - first.starts_at == dt.timedelta(minutes=90)
    assert first.time_zone == "Europe/Brussels" and first.online_link == "https://meet.example.org/taskforce"
    assert all(m.state == Event.State.PUBLISHED for m in meetings)
    assert AuditEvent.objects.filter(verb="series.created").count() == 1


def test_a_series_may_end_on_a_last_day_instead_of_after_a_number_of_meetings() -> None:
    last = (_first() + dt.timedelta(weeks=3)).date()
    client_as(make_secretariat()).post(
        "/events/series/new/", _form(frequency="weekly", count="", until=last.isoformat())
    )
    series = EventSeries.objects.get()
    assert series.rrule.startswith("FREQ=WEEKLY;UNTIL=")
    assert series.meetings.count() == 4


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"count": "", "until": ""}, "count", "Say when the series ends"),
        ({"until": "2099-01-01"}, "until", "not both"),
        ({"count": "61"}, "count", "between 1 and 60"),
        ({"first_starts_at": "2001-01-01T10:00"}, "first_starts_at", "must be in the future"),
        ({"online_link": ""}, "online_link", "Give the meeting link"),
        ({"kind": "in_person"}, "place", "Say where"),
        ({"audience": "group"}, "working_group", "Choose the working group"),
        ({"duration_minutes": "0"}, "duration_minutes", "between 1 and 1,440"),
        ({"frequency": "daily"}, "frequency", "Select a valid choice"),
        ({"count": "", "until": "2001-01-01"}, "until", "must not be before the first meeting"),
    ],
)
def test_the_series_form_says_plainly_what_is_wrong(changes: dict[str, str], field: str, words: str) -> None:
    response = client_as(make_secretariat()).post("/events/series/new/", _form(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and any(words in e for e in errors[field]), errors
    assert not EventSeries.objects.exists()


def test_editing_a_series_changes_its_upcoming_meetings_and_leaves_held_ones_alone() -> None:
    staff = make_secretariat()
    client = client_as(staff)
    client.post("/events/series/new/", _form())
    series = EventSeries.objects.get()
    held = series.meetings.order_by("starts_at").first()
    assert held is not None
    Event.objects.filter(pk=held.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=3), ends_at=timezone.now() - dt.timedelta(days=3, hours=-1)
    )
    page = client.get(f"/events/series/{series.pk}/edit/")
    assert page.status_code == 200 and "meet.example.org/taskforce" in page.content.decode()
    response = client.post(
        f"/events/series/{series.pk}/edit/",
        _form(title="Task force", kind="hybrid", place="Palais, Brussels", capacity="30"),
    )
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.title == "Task force"
    changed = series.meetings.exclude(pk=held.pk)
    assert {(m.title, m.place, m.capacity, m.kind) for m in changed} == {
        ("Task force", "Palais, Brussels", 30, "hybrid")
    }
    assert all(m.sequence == 1 for m in changed)
    held.refresh_from_db()
    assert held.title == "Quarterly virtual task-force meeting" and held.place == ""


def _meeting_with_registrant() -> tuple[Event, Any]:
    series = EventSeries.objects.create(
        title="Monthly caucus", description="Every month.", rrule="FREQ=MONTHLY;COUNT=3",
        first_starts_at=_first(), duration_minutes=60,
    )  # fmt: skip
    template = {
        "kind": "virtual", "online_link": "https://meet.example.org/c", "audience": "public", "state": "published",
        "time_zone": "Europe/Brussels",
    }  # fmt: skip
    do_generate_meetings(series, template=template)
    member = make_member()
    do_register_series(series, acting_user=member)
    return series.meetings.order_by("starts_at")[1], member


def test_moving_a_meeting_tells_everyone_registered_with_the_reason() -> None:
    meeting, member = _meeting_with_registrant()
    new_start = (meeting.starts_at.astimezone(BRUSSELS) + dt.timedelta(days=2)).replace(hour=10)
    response = client_as(make_secretariat()).post(
        f"/events/{meeting.pk}/move/",
        {"starts_at": new_start.strftime("%Y-%m-%dT%H:%M"), "reason": "The plenary sits that day."},
    )
    assert response.status_code == 302 and response["Location"] == f"/events/{meeting.pk}/"
    meeting.refresh_from_db()
    assert meeting.starts_at == new_start and meeting.ends_at - meeting.starts_at == dt.timedelta(hours=1)
    told = Notification.objects.get(recipient=member, kind="series_meeting_changed")
    assert "The plenary sits that day." in told.text
    audit = AuditEvent.objects.get(verb="series.meeting_changed")
    assert "plenary" in str(audit.data)


def test_a_meeting_may_be_cancelled_instead_of_moved() -> None:
    meeting, member = _meeting_with_registrant()
    response = client_as(make_secretariat()).post(
        f"/events/{meeting.pk}/move/", {"cancel": "on", "reason": "No quorum."}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == Event.State.CANCELLED
    assert "cancelled" in Notification.objects.get(recipient=member).text


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"starts_at": "", "reason": "x"}, "starts_at", "Give the meeting's new start"),
        ({"starts_at": "2001-01-01T10:00", "reason": "x"}, "starts_at", "must be in the future"),
        ({"starts_at": "2099-01-01T10:00", "reason": ""}, "reason", "This field is required"),
    ],
)
def test_the_move_form_says_plainly_what_is_wrong(data: dict[str, str], field: str, words: str) -> None:
    meeting, member = _meeting_with_registrant()
    response = client_as(make_secretariat()).post(f"/events/{meeting.pk}/move/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and any(words in e for e in errors[field]), errors
    assert not Notification.objects.filter(recipient=member).exists()


def test_an_event_outside_a_series_has_no_move_page() -> None:
    from fourthp.events.tests.factories import make_event

    assert client_as(make_secretariat()).get(f"/events/{make_event().pk}/move/").status_code == 404


def test_a_moved_meeting_reads_in_each_readers_language_at_the_meetings_time(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core import mail
    from django.utils import translation

    from fourthp.events.series import do_move_meeting
    from fourthp.notifications.models import AlertSettings

    meeting, member = _meeting_with_registrant()
    AlertSettings.objects.update_or_create(user=member, defaults={"language": "fr"})
    new_start = (meeting.starts_at.astimezone(BRUSSELS) + dt.timedelta(days=2)).replace(hour=10, minute=0)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        do_move_meeting(meeting, starts_at=new_start, reason="Salle occupée", acting_user=make_secretariat())
    told = Notification.objects.get(recipient=member, kind="series_meeting_changed")
    assert told.message == "series_meeting_moved_reason"
    assert dt.datetime.fromisoformat(told.params["new_date"]) == new_start, "stored with the meeting's offset"
    with translation.override("en"):
        english = told.text
    with translation.override("fr"):
        french = told.text
    assert english.startswith("Monthly caucus: the meeting of ") and "is moved to" in english, english
    assert "Salle occupée" in english and "Salle occupée" in french
    assert "est déplacée au" in french and "10:00" in french, french
    assert english != french
    (email,) = [m for m in mail.outbox if member.email in m.to]
    assert french in email.body
