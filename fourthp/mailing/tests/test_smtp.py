"""A newsletter goes through a real SMTP server (aiosmtpd, started by the test), and the one-click link it carries
unsubscribes when posted to as a mail client posts (RFC 8058)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings

from fourthp.events.tests.test_smtp import Collect, smtp_server  # noqa: F401 - the fixture is used by name
from fourthp.mailing.actions import do_send_newsletter
from fourthp.mailing.models import Delivery, Subscription
from fourthp.mailing.tests.factories import make_list, make_newsletter, make_subscriber
from fourthp.testing import make_secretariat


@pytest.mark.django_db
def test_a_newsletter_sent_over_smtp_carries_a_link_that_unsubscribes_with_one_post(
    smtp_server: tuple[Collect, int],  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    handler, port = smtp_server
    news = make_list(name="Policy news")
    reader = make_subscriber(news, email="mina@example.net")
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            SITE_URL="https://fourthp.example.org",
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        do_send_newsletter(make_newsletter(news, subject="June news"), acting_user=make_secretariat())
    assert Delivery.objects.get().state == Delivery.State.SENT
    (received,) = handler.messages
    assert received["Subject"] == "June news" and received["To"] == "mina@example.net"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = "".join(str(received["List-Unsubscribe"]).split()).strip("<>")  # unfolded
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.netloc == "fourthp.example.org"
    html = received.get_body(("html",))
    assert html is not None and "<strong>debt bondage</strong>" in html.get_content()

    # The mail client posts the body RFC 8058 prescribes, with no cookie and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        parts.path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(subscriber=reader).exists()
