"""The confirmation goes through a real SMTP server (aiosmtpd, started by the test) with its calendar file."""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from typing import Any

import icalendar
import pytest
from aiosmtpd.controller import Controller
from django.test import Client, override_settings

from fourthp.events.ical import event_uid
from fourthp.events.tests.factories import make_event
from fourthp.testing import make_member


class Collect:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Collect, int]]:
    handler = Collect()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.mark.django_db
def test_the_confirmation_reaches_a_real_smtp_server_with_the_event_as_text_calendar(
    smtp_server: tuple[Collect, int], django_capture_on_commit_callbacks: Any
) -> None:
    handler, port = smtp_server
    event = make_event(title="Hearing on forced labour")
    maria = make_member()
    client = Client()
    client.force_login(maria)
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend", EMAIL_HOST="127.0.0.1", EMAIL_PORT=port
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client.post(f"/events/{event.pk}/register/").status_code == 302
    assert len(handler.messages) == 1
    message = handler.messages[0]
    assert message["To"] == maria.email
    assert "Hearing on forced labour" in message["Subject"]
    calendars = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert len(calendars) == 1
    vevent = next(iter(icalendar.Calendar.from_ical(calendars[0].get_content()).walk("VEVENT")))
    assert vevent["DTSTART"].dt == event.starts_at
    assert str(vevent["UID"]) == event_uid(event)
