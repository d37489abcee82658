"""Every absolute link follows SITE_URL (which `make run` sets from PORT); account e-mails name the site."""

from __future__ import annotations

import re
from typing import Any

import icalendar
import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.management import call_command
from django.test import Client

from fourthp.accounts.site import absolute_url
from fourthp.events.tests.factories import make_event
from fourthp.testing import make_member

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:18642"


@pytest.fixture
def on_another_port(settings: Any) -> None:
    settings.SITE_URL = SITE


def test_absolute_links_join_the_site_and_the_path_with_one_slash(settings: Any) -> None:
    settings.SITE_URL = "https://fourthp.example.org/"
    assert absolute_url("/events/4/") == "https://fourthp.example.org/events/4/"
    assert absolute_url("events/4/") == "https://fourthp.example.org/events/4/"


def test_an_event_email_and_its_calendar_file_link_to_the_configured_site(
    on_another_port: None, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(capacity=10)
    client = Client()
    client.force_login(make_member())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/events/{event.pk}/register/")
    [message] = mail.outbox
    assert f"{SITE}/events/{event.pk}/" in message.body
    assert "localhost:8000" not in message.body
    _name, content, _type = message.attachments[0]
    vevent = next(iter(icalendar.Calendar.from_ical(content).walk("VEVENT")))
    assert str(vevent["URL"]) == f"{SITE}/events/{event.pk}/"
    ics = Client().get(f"/events/{event.pk}.ics")
    assert str(next(iter(icalendar.Calendar.from_ical(ics.content).walk("VEVENT")))["URL"]) == (
        f"{SITE}/events/{event.pk}/"
    )


def test_the_pdf_report_card_links_to_the_site_with_no_double_slash(
    on_another_port: None, seeded: None, pdf_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import weasyprint

    fed: list[str] = []
    real_html = weasyprint.HTML

    def capture(*args: Any, **kwargs: Any) -> Any:
        fed.append(kwargs.get("string", ""))
        return real_html(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", capture)
    # What the task worker prints (the request only asks for it).
    from fourthp.assessments.pdf import render_report_card_pdf
    from fourthp.frameworks.models import Framework
    from fourthp.jurisdictions.models import Jurisdiction

    framework = Framework.objects.get(slug="four-p")
    assert render_report_card_pdf(Jurisdiction.objects.get(code="US-DC"), framework, "en").startswith(b"%PDF")
    [html] = fed
    assert f"{SITE}/jurisdictions/US-DC/report-card/" in html
    assert f"{SITE}/methodology/" in html
    assert not re.search(r"https?://[^\s\"'<]*?//", html)


def test_a_password_reset_email_names_the_site_and_links_to_it(on_another_port: None) -> None:
    maria = make_member()
    Client().post("/accounts/password/reset/", {"email": maria.email})
    [message] = mail.outbox
    assert "Fourth P" in message.subject
    assert "Hello from Fourth P!" in message.body
    assert "example.com" not in message.subject + message.body
    assert f"{SITE}/accounts/password/reset/key/" in message.body


def test_migrate_names_the_site_from_the_settings(settings: Any) -> None:
    settings.SITE_URL = "https://fourthp.example.org"
    settings.SITE_NAME = "Fourth P (staging)"
    Site.objects.filter(pk=settings.SITE_ID).update(domain="example.com", name="example.com")
    call_command("migrate", verbosity=0)
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("fourthp.example.org", "Fourth P (staging)")


def test_the_section_permalink_is_on_the_site(on_another_port: None, seeded: None) -> None:
    from fourthp.laws.models import Section

    section = Section.objects.first()
    assert section is not None
    page = Client().get(section.get_absolute_url()).content.decode()
    assert f"{SITE}{section.get_absolute_url()}" in page
