"""Inquiries to agencies: a legislator records and tracks them, is reminded once when late, and publishes them."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from fourthp.campaigns.models import Inquiry
from fourthp.campaigns.tasks import send_due_inquiry_reminders, send_inquiry_reminder
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.testing import client_as, make_legislator, make_member, make_secretariat

pytestmark = pytest.mark.django_db


def _inquiry(owner: Any, **fields: Any) -> Inquiry:
    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "jurisdiction": Jurisdiction.objects.get(code="US-DC"),
        "agency": "Department of Employment Services",
        "question": "How many labour inspections found **forced labour** last year?",
        "sent_on": today - dt.timedelta(days=40),
        "due_on": today - dt.timedelta(days=10),
    }
    defaults.update(fields)
    return Inquiry.objects.create(owner=owner, **defaults)


def test_a_legislator_records_an_inquiry_by_the_form(seeded: None, sending: Any) -> None:
    lena = make_legislator()
    client = client_as(lena)
    today = timezone.localdate()
    data = {
        "jurisdiction": "District of Columbia",
        "agency": "Office of the Attorney General",
        "question": "Which prosecutions under § 22-1833 were brought in 2025?",
        "sent_on": (today - dt.timedelta(days=3)).isoformat(),
        "due_on": (today + dt.timedelta(days=27)).isoformat(),
        "reference": "Q-2026-14",
        "state": "sent",
    }
    with sending():
        response = client.post("/inquiries/new/", data)
    assert response.status_code == 302
    inquiry = Inquiry.objects.get()
    assert (inquiry.owner, inquiry.jurisdiction.code, inquiry.published) == (lena, "US-DC", False)
    assert mail.outbox == []  # not overdue: no reminder yet
    wrong = client.post("/inquiries/new/", {**data, "due_on": (today - dt.timedelta(days=9)).isoformat()})
    assert wrong.status_code == 400 and "cannot be due before the question was sent" in wrong.content.decode()
    answered = client.post(f"/inquiries/{inquiry.pk}/edit/", {**data, "state": "answered"})
    assert answered.status_code == 400 and "Give the answer to mark the inquiry answered." in answered.content.decode()
    assert client_as(make_member()).get("/inquiries/new/").status_code == 403


def test_a_private_inquiry_answers_404_like_a_missing_one(seeded: None) -> None:
    lena = make_legislator()
    private = _inquiry(lena, agency="Hidden Agency")
    public = _inquiry(lena, agency="Open Agency", published=True, answer="Twelve.", state="answered")
    missing = private.pk + public.pk + 100
    for client in (Client(), client_as(make_member()), client_as(make_legislator())):
        assert client.get(f"/inquiries/{private.pk}/").status_code == 404
        assert client.get(f"/inquiries/{private.pk}.json").status_code == 404
        assert client.get(f"/inquiries/{missing}/").status_code == 404
        assert client.get(f"/inquiries/{public.pk}/").status_code == 200
    assert client_as(make_member()).get(f"/inquiries/{private.pk}/edit/").status_code == 404
    assert client_as(make_member()).get(f"/inquiries/{public.pk}/edit/").status_code == 403
    assert client_as(lena).get(f"/inquiries/{private.pk}/").status_code == 200
    assert client_as(make_secretariat()).get(f"/inquiries/{private.pk}/").status_code == 200
    listed = Client().get("/inquiries/", {"jurisdiction": "District of Columbia"}).content.decode()
    assert "Open Agency" in listed and "Hidden Agency" not in listed
    twin = Client().get("/inquiries.json").json()
    assert [i["agency"] for i in twin["items"]] == ["Open Agency"] and twin["items"][0]["answer"] == "Twelve."
    api = Client().get("/api/v1/inquiries").json()
    assert [i["agency"] for i in api["items"]] == ["Open Agency"]
    assert Client().get("/api/v1/inquiries", {"jurisdiction": "CA"}).json()["count"] == 0
    assert "@" not in Client().get(f"/inquiries/{public.pk}.json").content.decode()


def test_the_overdue_reminder_is_sent_once(seeded: None, sending: Any) -> None:
    lena = make_legislator()
    late = _inquiry(lena)
    _inquiry(lena, agency="Answered agency", state="answered", answer="Done.", answered_on=timezone.localdate())
    _inquiry(lena, agency="Not yet due", due_on=timezone.localdate())
    with sending():
        assert send_due_inquiry_reminders() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [lena.email]
    assert "overdue" in mail.outbox[0].subject and f"/inquiries/{late.pk}/" in mail.outbox[0].body
    late.refresh_from_db()
    assert late.state == Inquiry.State.OVERDUE and late.reminder_sent_at is not None
    with sending():
        assert send_due_inquiry_reminders() == 0
        assert send_inquiry_reminder.call(late.pk) is False
        call_command("send_inquiry_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    page = client_as(lena).get(f"/inquiries/{late.pk}/").content.decode()
    assert "overdue" in page


def test_recording_an_overdue_inquiry_reminds_at_once_on_a_backend_that_cannot_wait(seeded: None, sending: Any) -> None:
    lena = make_legislator()
    today = timezone.localdate()
    data = {
        "jurisdiction": "US-DC",
        "agency": "Police",
        "question": "How many referrals?",
        "sent_on": (today - dt.timedelta(days=60)).isoformat(),
        "due_on": (today - dt.timedelta(days=30)).isoformat(),
        "state": "sent",
    }
    with sending():
        client_as(lena).post("/inquiries/new/", data)
    assert len(mail.outbox) == 1 and Inquiry.objects.get().state == Inquiry.State.OVERDUE
