from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from fourthp.accounts.models import AuditEvent
from fourthp.events.models import Event, Registration
from fourthp.events.tasks import send_due_reminders, send_event_reminder
from fourthp.events.tests.factories import make_event, make_registration
from fourthp.testing import make_member, make_secretariat

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _register(user: object, event: Event) -> str:
    response = _client(user).post(f"/events/{event.pk}/register/", follow=True)
    assert response.status_code == 200
    return response.content.decode()


def _state(user: object, event: Event) -> str | None:
    registration = Registration.objects.filter(event=event, user=user).exclude(state="cancelled").first()
    return registration.state if registration else None


def test_a_member_who_registers_gets_a_seat_and_a_confirmation_with_the_event_as_ics(
    django_capture_on_commit_callbacks,
) -> None:
    event = make_event(capacity=10)
    maria = make_member()
    with django_capture_on_commit_callbacks(execute=True):
        page = _register(maria, event)
    assert "You are registered" in page
    assert _state(maria, event) == "confirmed"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [maria.email]
    assert event.title in message.subject
    _name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    vevent = next(iter(icalendar.Calendar.from_ical(content).walk("VEVENT")))
    assert vevent["DTSTART"].dt == event.starts_at
    assert event.online_link in content  # she holds a seat, so the file carries the link
    assert AuditEvent.objects.filter(verb="event.registered", actor=maria).exists()


def test_registering_for_an_event_with_a_line_break_in_its_title_succeeds_with_a_valid_ics(
    django_capture_on_commit_callbacks,
) -> None:
    event = make_event(title="Hearing\r\non debt bondage", capacity=10)
    maria = make_member()
    with django_capture_on_commit_callbacks(execute=True):
        page = _register(maria, event)
    assert "You are registered" in page
    assert _state(maria, event) == "confirmed"
    calendar = icalendar.Calendar.from_ical(mail.outbox[0].attachments[0][1])
    assert str(calendar["X-WR-CALNAME"]) == "Hearing on debt bondage"
    assert str(next(iter(calendar.walk("VEVENT")))["SUMMARY"]) == "Hearing on debt bondage"


def test_when_the_capacity_is_reached_the_next_member_joins_the_waiting_list_and_is_told_her_place(
    django_capture_on_commit_callbacks,
) -> None:
    event = make_event(capacity=1)
    first, second, third = make_member(), make_member(), make_member()
    _register(first, event)
    with django_capture_on_commit_callbacks(execute=True):
        page = _register(second, event)
    _register(third, event)
    assert "number 1 on the waiting list" in page
    assert [_state(u, event) for u in (first, second, third)] == ["confirmed", "waitlisted", "waitlisted"]
    assert "waiting list, number 1" in mail.outbox[0].body
    assert not mail.outbox[0].attachments  # no seat, no link


def test_cancelling_a_seat_gives_it_to_the_first_in_line_who_is_emailed(django_capture_on_commit_callbacks) -> None:
    event = make_event(capacity=1)
    holder, first_in_line, second_in_line = make_member(), make_member(), make_member()
    make_registration(event, holder)
    make_registration(event, second_in_line, "waitlisted", created_at=timezone.now() - dt.timedelta(minutes=1))
    make_registration(event, first_in_line, "waitlisted", created_at=timezone.now() - dt.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(holder).post(f"/events/{event.pk}/cancel/", follow=True)
    assert "your seat has been given up" in response.content.decode()
    assert _state(holder, event) is None
    assert _state(first_in_line, event) == "confirmed"
    assert _state(second_in_line, event) == "waitlisted"
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {holder.email, first_in_line.email}
    offer = by_recipient[first_in_line.email]
    assert "A seat is yours" in offer.subject
    assert offer.attachments[0][2] == "text/calendar"
    assert event.online_link in offer.attachments[0][1]
    assert "cancelled" in by_recipient[holder.email].subject


def test_leaving_the_waiting_list_promotes_nobody() -> None:
    event = make_event(capacity=1)
    holder, waiting, behind = make_member(), make_member(), make_member()
    make_registration(event, holder)
    make_registration(event, waiting, "waitlisted")
    make_registration(event, behind, "waitlisted")
    response = _client(waiting).post(f"/events/{event.pk}/cancel/", follow=True)
    assert "You have left the waiting list." in response.content.decode()
    assert _state(behind, event) == "waitlisted"
    assert Registration.objects.filter(event=event, state="confirmed").count() == 1


def test_registration_after_the_deadline_is_refused_with_the_date() -> None:
    event = make_event(registration_deadline=timezone.now() - dt.timedelta(hours=1))
    page = _register(make_member(), event)
    assert "Registration closed on" in page
    assert not Registration.objects.filter(event=event).exists()


def test_registration_for_a_cancelled_event_is_refused() -> None:
    event = make_event(state=Event.State.CANCELLED)
    client = _client(make_member())
    response = client.post(f"/events/{event.pk}/register/")
    # A cancelled event is out of everyone's sight but the secretariat's: to her it is not there.
    assert response.status_code == 404
    secretariat = make_secretariat()
    page = _register(secretariat, event)
    assert "This event has been cancelled" in page
    assert not Registration.objects.filter(event=event).exists()


def test_registering_twice_says_she_is_already_registered() -> None:
    event = make_event()
    maria = make_member()
    _register(maria, event)
    page = _register(maria, event)
    assert "You are already registered for this event." in page
    assert Registration.objects.filter(event=event, user=maria).count() == 1


def test_she_may_register_again_after_cancelling() -> None:
    event = make_event()
    maria = make_member()
    _register(maria, event)
    _client(maria).post(f"/events/{event.pk}/cancel/")
    _register(maria, event)
    assert _state(maria, event) == "confirmed"
    assert Registration.objects.filter(event=event, user=maria).count() == 2


def test_cancelling_without_a_registration_says_so() -> None:
    event = make_event()
    response = _client(make_member()).post(f"/events/{event.pk}/cancel/", follow=True)
    assert "You are not registered for this event." in response.content.decode()


def test_a_visitor_is_sent_to_sign_in_to_register() -> None:
    event = make_event()
    response = Client().post(f"/events/{event.pk}/register/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- Reminders ---------------------------------------------------------------------------


def test_the_reminder_is_sent_once_with_the_ics(django_capture_on_commit_callbacks) -> None:
    event = make_event(starts_at=timezone.now() + dt.timedelta(hours=20))
    registration = make_registration(event, make_member())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_event_reminder.call(registration.pk) is True
        assert send_event_reminder.call(registration.pk) is False
    assert len(mail.outbox) == 1
    assert "Reminder" in mail.outbox[0].subject
    assert mail.outbox[0].attachments[0][2] == "text/calendar"
    registration.refresh_from_db()
    assert registration.reminder_sent_at is not None


def test_no_reminder_goes_to_a_cancelled_registration_or_a_cancelled_event(
    django_capture_on_commit_callbacks,
) -> None:
    event = make_event(starts_at=timezone.now() + dt.timedelta(hours=20))
    cancelled = make_registration(event, make_member(), "cancelled")
    waiting = make_registration(event, make_member(), "waitlisted")
    called_off = make_event(starts_at=timezone.now() + dt.timedelta(hours=20), state=Event.State.CANCELLED)
    confirmed_for_called_off = make_registration(called_off, make_member())
    with django_capture_on_commit_callbacks(execute=True):
        for registration in (cancelled, waiting, confirmed_for_called_off):
            assert send_event_reminder.call(registration.pk) is False
    assert mail.outbox == []


def test_a_reminder_that_comes_too_early_because_the_event_moved_waits() -> None:
    event = make_event(starts_at=timezone.now() + dt.timedelta(days=5))
    registration = make_registration(event, make_member())
    assert send_event_reminder.call(registration.pk) is False
    registration.refresh_from_db()
    assert registration.reminder_sent_at is None


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_registering_schedules_the_reminder_a_day_before_the_event(django_capture_on_commit_callbacks) -> None:
    from django_tasks import default_task_backend

    event = make_event(starts_at=timezone.now() + dt.timedelta(days=3))
    default_task_backend.clear()  # type: ignore[attr-defined]
    with django_capture_on_commit_callbacks(execute=True):
        _register(make_member(), event)
    reminders = [r for r in default_task_backend.results if r.task.name == "send_event_reminder"]  # type: ignore[attr-defined]
    assert len(reminders) == 1
    assert reminders[0].task.run_after == event.starts_at - dt.timedelta(hours=24)


def test_the_reminder_sweep_sends_due_reminders_that_were_not_sent(django_capture_on_commit_callbacks) -> None:
    soon = make_event(starts_at=timezone.now() + dt.timedelta(hours=3))
    later = make_event(starts_at=timezone.now() + dt.timedelta(days=3))
    due = make_registration(soon, make_member())
    make_registration(later, make_member())
    make_registration(soon, make_member(), reminder_sent_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders() == 1
    assert [m.to for m in mail.outbox] == [[due.user.email]]
