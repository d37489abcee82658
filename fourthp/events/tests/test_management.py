from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from fourthp.accounts.models import AuditEvent
from fourthp.events.models import Event, Registration
from fourthp.events.tests.factories import make_event, make_registration
from fourthp.testing import box_filled_with_lines, make_group, make_member, make_secretariat

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _formsets(agenda: list[dict[str, str]] = (), speakers: list[dict[str, str]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    data: dict[str, Any] = {}
    for prefix, rows in (("agenda", list(agenda)), ("speakers", list(speakers))):
        data.update({f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"})
        for i, row in enumerate(rows):
            data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def _edit_data(client: Client, event: Event, *, shift: dt.timedelta = dt.timedelta(), **changes: str) -> dict[str, Any]:
    """The edit form of `event` as the secretariat sees it, times moved by `shift`, with `changes` and no formset rows."""
    form = client.get(f"/events/{event.pk}/edit/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields if name != "provisions"}
    for name in ("starts_at", "ends_at"):
        data[name] = (form[name].value() + shift).strftime("%Y-%m-%dT%H:%M")
    return data | changes | _formsets()


def _event_data(**fields: str) -> dict[str, Any]:
    data = {
        "title": "Regional hearing on debt bondage",
        "description": "Legislators compare their laws.",
        "kind": "hybrid",
        "starts_at": "2031-06-10T14:00",
        "ends_at": "2031-06-10T17:00",
        "time_zone": "Europe/Brussels",
        "registration_deadline": "2031-06-09T12:00",
        "place": "European Parliament, Room A3G-2",
        "online_link": "https://meet.example.org/hearing",
        "capacity": "40",
        "audience": "public",
        "working_group": "",
        "state": "published",
    }
    data.update(fields)
    return data


def test_the_secretariat_creates_an_event_with_times_read_in_its_own_zone_an_agenda_and_speakers() -> None:
    sofia = make_secretariat()  # her own zone is UTC; the event's is Brussels
    data = _event_data() | _formsets(
        agenda=[{"order": "0", "starts_at": "2031-06-10T14:00", "title": "Opening"}],
        speakers=[{"order": "0", "name": "Amina Diallo", "affiliation": "Senate", "agreed_to_be_listed": "on"}],
    )
    response = _client(sofia).post("/events/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="Regional hearing on debt bondage")
    assert response["Location"] == f"/events/{event.pk}/"
    assert event.starts_at == dt.datetime(2031, 6, 10, 12, 0, tzinfo=dt.UTC)  # 14:00 CEST
    assert event.registration_deadline == dt.datetime(2031, 6, 9, 10, 0, tzinfo=dt.UTC)
    assert event.agenda_items.get().starts_at == event.starts_at
    assert event.speakers.get().name == "Amina Diallo"
    assert event.created_by == sofia
    assert AuditEvent.objects.filter(verb="event.created", actor=sofia).exists()
    edit = _client(sofia).get(f"/events/{event.pk}/edit/").content.decode()
    assert 'value="2031-06-10T14:00"' in edit  # shown again as typed, in the event's zone


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"ends_at": "2031-06-10T13:00"}, "The event must end after it begins."),
        ({"registration_deadline": "2031-06-11T09:00"}, "Registration must close before the event begins"),
        ({"audience": "group"}, "Choose the working group whose members the event is for."),
        ({"place": ""}, "Say where an in-person or hybrid event takes place."),
        ({"online_link": ""}, "Give the meeting link of a virtual or hybrid event."),
        ({"capacity": "0"}, "Capacity must be a whole number between 1 and 10,000."),
        ({"capacity": "99999999999999999999"}, "Capacity must be a whole number between 1 and 10,000."),
        ({"capacity": "10001"}, "Capacity must be a whole number between 1 and 10,000."),
        ({"capacity": "twelve"}, "Capacity must be a whole number between 1 and 10,000."),
    ],
)
def test_an_event_that_breaks_a_rule_is_refused_with_a_clear_message_and_nothing_saved(
    fields: dict[str, str], error: str
) -> None:
    response = _client(make_secretariat()).post("/events/new/", _event_data(**fields) | _formsets())
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.parametrize("prefix", ["agenda", "speakers"])
def test_an_agenda_item_or_speaker_numbered_out_of_bounds_is_refused_in_plain_words(prefix: str) -> None:
    row = {"order": "99999999999999999999", "title": "Opening", "name": "Amina Diallo", "agreed_to_be_listed": "on"}
    response = _client(make_secretariat()).post("/events/new/", _event_data() | _formsets(**{prefix: [row]}))
    assert response.status_code == 200
    assert "Order must be a whole number between 0 and 999." in response.content.decode()
    assert not Event.objects.exists()


def test_a_capacity_at_the_bound_is_accepted_and_shown_as_the_bound_in_the_field() -> None:
    client = _client(make_secretariat())
    assert 'max="10000"' in client.get("/events/new/").content.decode()
    response = client.post("/events/new/", _event_data(capacity="10000") | _formsets())
    assert response.status_code == 302
    assert Event.objects.get().capacity == 10_000


def test_line_breaks_in_an_events_title_place_agenda_title_or_speaker_are_folded_into_spaces() -> None:
    data = _event_data(
        title="Regional hearing\r\non debt\nbondage", place="European Parliament,\r\nRoom A3G-2"
    ) | _formsets(
        agenda=[{"order": "0", "title": "Opening\r\nremarks"}],
        speakers=[{"order": "0", "name": "Amina\nDiallo", "affiliation": "Senate\r", "agreed_to_be_listed": "on"}],
    )
    response = _client(make_secretariat()).post("/events/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get()
    assert (event.title, event.place) == ("Regional hearing on debt bondage", "European Parliament, Room A3G-2")
    assert event.agenda_items.get().title == "Opening remarks"
    assert (event.speakers.get().name, event.speakers.get().affiliation) == ("Amina Diallo", "Senate")


def test_line_breaks_saved_before_titles_were_one_line_are_folded_by_the_migration() -> None:
    from django.apps import apps

    migration = importlib.import_module("fourthp.events.migrations.0002_one_line_titles")
    event = make_event(title="Hearing\r\non debt\nbondage", place="Palais\rRoom 3")
    untouched = make_event(title="Open hearing")
    migration.fold_line_breaks(apps, None)
    event.refresh_from_db()
    assert (event.title, event.place) == ("Hearing on debt bondage", "Palais Room 3")
    assert Event.objects.get(pk=untouched.pk).title == "Open hearing"


def test_a_speaker_is_saved_only_once_she_has_agreed_to_be_listed() -> None:
    data = _event_data() | _formsets(speakers=[{"order": "0", "name": "Not Yet Asked"}])
    response = _client(make_secretariat()).post("/events/new/", data)
    assert response.status_code == 200
    assert "Tick this once the speaker has agreed to be listed by this name." in response.content.decode()
    assert not Event.objects.exists()


def test_cancelling_an_event_emails_everyone_registered_with_a_cancelling_ics(
    django_capture_on_commit_callbacks,
) -> None:
    event = make_event(capacity=1)
    seated, waiting, left = make_member(), make_member(), make_member()
    make_registration(event, seated)
    make_registration(event, waiting, "waitlisted")
    make_registration(event, left, "cancelled")
    sofia = make_secretariat()
    data = _edit_data(_client(sofia), event, state="cancelled")
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(sofia).post(f"/events/{event.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.state == Event.State.CANCELLED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seated.email, waiting.email])
    for message in mail.outbox:
        assert message.subject.startswith("Cancelled:")
        vevent = next(iter(icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")))
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert event.online_link not in message.attachments[0][1]
    assert AuditEvent.objects.filter(verb="event.cancelled").exists()


def test_moving_an_event_emails_everyone_registered_the_new_time_and_calendar_entry(
    django_capture_on_commit_callbacks,
) -> None:
    event = make_event(capacity=1)
    seated, waiting, left = make_member(), make_member(), make_member()
    make_registration(event, seated)
    make_registration(event, waiting, "waitlisted")
    make_registration(event, left, "cancelled")
    sofia = make_secretariat()
    data = _edit_data(_client(sofia), event, shift=dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(sofia).post(f"/events/{event.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == sorted([seated.email, waiting.email])
    for message in by_address.values():
        assert message.subject.startswith("Changed:")
        assert "the start, the end" in message.body
        vevent = next(iter(icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")))
        assert vevent.decoded("DTSTART") == event.starts_at
        assert int(vevent["SEQUENCE"]) == event.sequence >= 1
    assert event.online_link in by_address[seated.email].attachments[0][1]
    assert event.online_link not in by_address[waiting.email].attachments[0][1]
    assert "still on the waiting list" in by_address[waiting.email].body


def test_a_new_title_alone_emails_nobody(django_capture_on_commit_callbacks) -> None:
    event = make_event()
    make_registration(event, make_member())
    sofia = make_secretariat()
    data = _edit_data(_client(sofia), event, title="A clearer title")
    with django_capture_on_commit_callbacks(execute=True):
        assert _client(sofia).post(f"/events/{event.pk}/edit/", data).status_code == 302
    assert mail.outbox == []


def test_more_seats_go_to_the_waiting_list_in_order() -> None:
    event = make_event(capacity=1)
    make_registration(event, make_member())
    first, second = make_member(), make_member()
    make_registration(event, first, "waitlisted", created_at=timezone.now() - dt.timedelta(hours=2))
    make_registration(event, second, "waitlisted", created_at=timezone.now() - dt.timedelta(hours=1))
    sofia = make_secretariat()
    assert (
        _client(sofia).post(f"/events/{event.pk}/edit/", _edit_data(_client(sofia), event, capacity="2")).status_code
        == 302
    )
    states = dict(Registration.objects.filter(event=event).values_list("user_id", "state"))
    assert (states[first.pk], states[second.pk]) == ("confirmed", "waitlisted")


def test_the_secretariat_marks_attendance_once_the_event_has_begun() -> None:
    event = make_event(starts_at=timezone.now() - dt.timedelta(hours=1))
    came, stayed_away = make_member(), make_member()
    r1, r2 = make_registration(event, came), make_registration(event, stayed_away)
    sofia = make_secretariat()
    page = _client(sofia).get(f"/events/{event.pk}/attendance/").content.decode()
    assert "Maria" in page
    assert "@example.org" not in page  # never an e-mail address
    response = _client(sofia).post(
        f"/events/{event.pk}/attendance/", {f"attended-{r1.pk}": "yes", f"attended-{r2.pk}": "no"}, follow=True
    )
    assert "Attendance saved (2 changed)." in response.content.decode()
    r1.refresh_from_db()
    r2.refresh_from_db()
    assert (r1.attended, r2.attended) == (True, False)


def test_attendance_cannot_be_marked_before_the_event() -> None:
    event = make_event()
    registration = make_registration(event, make_member())
    response = _client(make_secretariat()).post(
        f"/events/{event.pk}/attendance/", {f"attended-{registration.pk}": "yes"}, follow=True
    )
    assert "Attendance can be marked once the event has begun" in response.content.decode()
    registration.refresh_from_db()
    assert registration.attended is None


def test_the_report_is_written_after_the_event_and_published_by_the_secretariat() -> None:
    sofia = make_secretariat()
    upcoming = make_event()
    response = _client(sofia).post(f"/events/{upcoming.pk}/report/", {"report": "Too early", "publish": "1"})
    assert "The report is written after the event" in response.content.decode()
    upcoming.refresh_from_db()
    assert upcoming.report == ""
    held = make_event(starts_at=timezone.now() - dt.timedelta(days=2))
    response = _client(sofia).post(f"/events/{held.pk}/report/", {"report": "Twelve delegations came.", "save": "1"})
    assert response.status_code == 302
    assert "Twelve delegations" not in Client().get(f"/events/{held.pk}/").content.decode()
    _client(sofia).post(f"/events/{held.pk}/report/", {"report": "Twelve delegations came.", "publish": "1"})
    assert "Twelve delegations came." in Client().get(f"/events/{held.pk}/").content.decode()
    assert Client().get(f"/events/{held.pk}.json").json()["report"] == "Twelve delegations came."


def test_a_group_event_needs_its_group_and_is_listed_under_it() -> None:
    group = make_group(slug="supply-chains")
    data = _event_data(audience="group", working_group=str(group.pk)) | _formsets()
    assert _client(make_secretariat()).post("/events/new/", data).status_code == 302
    assert Event.objects.get().working_group == group


def test_a_description_or_agenda_note_that_fills_its_box_with_line_breaks_is_counted_as_the_browser_counts_it() -> None:
    client = _client(make_secretariat())
    agenda = {"order": "0", "title": "Opening"}
    over = _event_data(description=box_filled_with_lines(20_000, over=1)) | _formsets(
        agenda=[agenda | {"description": box_filled_with_lines(2_000, over=1)}]
    )
    page = client.post("/events/new/", over).content.decode()
    assert "at most 20000 characters (it has 20001)" in page and "at most 2000 characters (it has 2001)" in page
    assert not Event.objects.exists()
    full = _event_data(description=box_filled_with_lines(20_000)) | _formsets(
        agenda=[agenda | {"description": box_filled_with_lines(2_000)}]
    )
    assert client.post("/events/new/", full).status_code == 302
    event = Event.objects.get()
    assert len(event.description) == 20_000 and len(event.agenda_items.get().description) == 2_000


def test_a_report_the_content_check_objects_to_is_not_published_without_a_reason() -> None:
    from fourthp.briefs.models import CheckOverride

    sofia = make_secretariat()
    held = make_event(starts_at=timezone.now() - dt.timedelta(days=2))
    report = "Delegates heard from Maria, 19, of Odesa. Call her on +380 44 123 4567."
    refused = _client(sofia).post(f"/events/{held.pk}/report/", {"report": report, "publish": "1"})
    assert "could identify a survivor" in refused.content.decode()
    held.refresh_from_db()
    assert held.report_published_at is None
    # Saving a draft is not publishing: the check waits for publication.
    assert _client(sofia).post(f"/events/{held.pk}/report/", {"report": report, "save": "1"}).status_code == 302
    published = _client(sofia).post(
        f"/events/{held.pk}/report/", {"report": report, "publish": "1", "override_reason": "She asked to be named."}
    )
    assert published.status_code == 302
    assert CheckOverride.objects.get().reason == "She asked to be named."
