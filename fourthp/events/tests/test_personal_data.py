from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from fourthp.accounts.actions import collect_personal_data, do_delete_account
from fourthp.events.models import CalendarFeed, Registration
from fourthp.events.tests.factories import make_event, make_registration
from fourthp.testing import make_member

pytestmark = pytest.mark.django_db


def test_deleting_her_account_frees_her_future_seat_for_the_waiting_list_and_drops_her_feeds(
    django_capture_on_commit_callbacks,
) -> None:
    maria = make_member()
    future = make_event(capacity=1)
    past = make_event(starts_at=timezone.now() - dt.timedelta(days=3))
    make_registration(future, maria)
    waiting = make_member()
    make_registration(future, waiting, "waitlisted")
    attended = make_registration(past, maria, attended=True)
    CalendarFeed.objects.create(user=maria)
    with django_capture_on_commit_callbacks(execute=True):
        do_delete_account(maria, acting_user=maria)
    assert not Registration.objects.filter(event=future, user=maria).exclude(state="cancelled").exists()
    assert Registration.objects.get(event=future, user=waiting).state == "confirmed"
    assert [m.to for m in mail.outbox] == [[waiting.email]]  # nothing is sent to the deleted account
    attended.refresh_from_db()
    assert attended.attended is True  # the attendance record stays, with the anonymised account
    assert not CalendarFeed.objects.filter(user=maria).exists()


def test_her_data_download_lists_her_registrations_and_feeds_without_the_secret_address() -> None:
    maria = make_member()
    event = make_event(title="Hearing on forced labour")
    make_registration(event, maria)
    feed = CalendarFeed.objects.create(user=maria)
    data = collect_personal_data(maria)
    assert [(r["event"], r["state"]) for r in data["event_registrations"]] == [
        ("Hearing on forced labour", "confirmed")
    ]
    assert data["calendar_feeds"][0]["revoked_at"] is None
    assert feed.token not in str(data)
