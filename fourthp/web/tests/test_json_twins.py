"""Every public page has a working JSON twin, found by walking the URL resolver."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from fourthp.assessments.models import Assessment
from fourthp.core.pages import DOWNLOADS, PUBLIC_FORMS, PUBLIC_PAGES
from fourthp.laws.models import Instrument
from fourthp.testing import url_routes

# URL prefixes that are not pages of the atlas: the API (tested on its own),
# the admin, account forms of django-allauth, and the language switch.
NOT_PAGES = ("api/", "admin/", "accounts/", "i18n/")


def _example_kwargs(name: str, converters: list[str], partnership: dict[str, str]) -> dict[str, str]:
    dc_code = Instrument.objects.get(jurisdiction__code="US-DC").key
    examples = {
        "code": "US-DC",
        "slug": "four-p",
        "pillar": "prosecution",
        "provision": "crim.debt-bondage",
        "key": "us-dc-22-1833" if name.startswith("section") else dc_code,
        "import_id": "1",
        "token_id": "1",
        "fmt": "csv",
        "list_id": "1",
        "segment_id": "1",
        "newsletter_id": "1",
        "brief": "forced-labour-what-the-estimates-say",
        "model": "sex-trafficking-offence",
        "step": "measure",
        "size": "small",
        "pk": str(Assessment.objects.published().filter(jurisdiction__code="US-DC").first().pk),  # type: ignore[union-attr]
        **partnership,
    }
    if name.startswith("campaign-"):
        examples["slug"] = partnership["campaign_slug"]
    if name.startswith("chapter-"):
        examples["circle"] = partnership["chapter"]
    if name == "event-user-feed":  # a feed's secret address: an unknown one answers 404
        examples["token"] = partnership["feed_token"]
    return {arg: examples[arg] for arg in converters}


def _partnership_examples() -> dict[str, str]:
    """A public working group, a public event and a public profile, so their pages can be read."""
    from fourthp.circles.models import Meeting
    from fourthp.events.models import Event
    from fourthp.members.models import Visibility
    from fourthp.testing import make_group, make_profile

    group = make_group(visibility="public")
    now = timezone.now()
    event = Event.objects.create(
        title="Open convening", description="Open to all.", kind="virtual",
        starts_at=now + dt.timedelta(days=9), ends_at=now + dt.timedelta(days=9, hours=1), time_zone="UTC",
        online_link="https://meet.example.org/open", audience="public", state="published",
    )  # fmt: skip
    profile = make_profile(name="Paula Public", name_visibility=Visibility.PUBLIC)
    from fourthp.events.models import CalendarFeed
    from fourthp.testing import make_user

    feed = CalendarFeed.objects.create(user=make_user("fiona"))
    from fourthp.bills.tests.factories import make_bill, make_session
    from fourthp.campaigns.models import Campaign
    from fourthp.jurisdictions.models import Jurisdiction
    from fourthp.statistics.models import Statistic

    campaign = Campaign.objects.create(title="Open statement", slug="open-statement", statement="We ask.", state="open")
    from fourthp.campaigns.models import Inquiry, LetterTemplate, OpEdKit
    from fourthp.testing import make_legislator

    inquiry = Inquiry.objects.create(
        owner=make_legislator(), jurisdiction=Jurisdiction.objects.get(code="US-DC"), agency="Labour office",
        question="How many inspections?", sent_on=now.date(), due_on=now.date(), published=True,
    )  # fmt: skip
    kit = OpEdKit.objects.create(slug="open-kit", title="Open kit", summary="On the law.", published=True)
    bill = make_bill(make_session(Jurisdiction.objects.get(code="US-DC"), name="2025-2026"))
    return {
        "campaign_slug": campaign.slug,
        "template": str(LetterTemplate.objects.order_by("pk").values_list("pk", flat=True)[0]),
        "inquiry": str(inquiry.pk),
        "kit": kit.slug,
        "bill": str(bill.pk),
        "session": str(bill.session_id),
        "statistic": str(Statistic.objects.public().order_by("pk").values_list("pk", flat=True)[0]),
        "feed_token": feed.token,
        "group": group.slug,
        "event": str(event.pk),
        "series": str(_series_of(event).pk),
        "photo": str(_photo_of(event).pk),
        "testimonial": "1",
        "member": str(profile.pk),
        "membership": "1",
        "document": "1",
        "version": "1",
        "number": "1",
        "token": "no-such-token",
        "application": "1",
        "contact": "1",
        "organisation": "us-national-human-trafficking-hotline",
        "notification": "1",
        "comment": "1",
        "kind": "bill",
        "checkout_id": "cs_test_none",
        "circle": "cluj-reading-circle",
        "chapter": "lyon-student-chapter",
        "meeting": str(Meeting.objects.filter(circle__slug="cluj-reading-circle").values_list("pk", flat=True)[0]),
    }


def _photo_of(event: Any) -> Any:
    """A photo of the event whose consent is recorded: its file is served to a visitor."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from fourthp.events.models import EventPhoto

    stored = default_storage.save("event-photos/test/open.jpg", ContentFile(b"\xff\xd8 a photo"))
    return EventPhoto.objects.create(
        event=event, image=stored, small=stored, width=10, height=10, alt_text="A room", caption="The room",
        consent_recorded_at=timezone.now(),
    )  # fmt: skip


def _series_of(event: Any) -> Any:
    from fourthp.events.models import Event, EventSeries

    series = EventSeries.objects.create(
        title="Quarterly meeting", description="Every quarter.", rrule="FREQ=MONTHLY;INTERVAL=3;COUNT=2",
        first_starts_at=event.starts_at, duration_minutes=60,
    )  # fmt: skip
    Event.objects.filter(pk=event.pk).update(series=series, original_starts_at=event.starts_at)
    return series


def _named_routes() -> list[tuple[str, URLPattern]]:
    return [(route, pattern) for route, pattern in url_routes() if pattern.name and not route.startswith(NOT_PAGES)]


@pytest.mark.django_db
def test_every_page_a_visitor_can_open_has_a_working_json_twin(seeded: None) -> None:
    client = Client()
    partnership = _partnership_examples()
    names = {pattern.name for _route, pattern in _named_routes()}
    checked = []
    for _route, pattern in _named_routes():
        name = pattern.name
        assert name is not None
        if name.endswith("-json"):
            continue
        kwargs = _example_kwargs(name, list(pattern.pattern.converters), partnership)
        response = client.get(reverse(name, kwargs=kwargs))
        if name in PUBLIC_FORMS:
            # A form has no data to twin; a secret link answers 404 to a wrong token.
            assert response.status_code in (200, 404), f"{name} answered {response.status_code}"
            continue
        if name in DOWNLOADS and response.status_code == 202:
            checked.append(name)  # a file still being made by the task worker (the PDF report card)
            continue
        if response.status_code != 200:
            # Pages behind sign-in are not public; the access tests cover them.
            assert response.status_code in (302, 403, 405), f"{name} answered {response.status_code}"
            continue
        if name in DOWNLOADS:
            checked.append(name)
            continue
        assert name in PUBLIC_PAGES, f"{name} is public but was not declared with page() and has no JSON twin"
        assert f"{name}-json" in names
        twin = client.get(reverse(f"{name}-json", kwargs=kwargs))
        assert twin.status_code == 200, f"{name}-json answered {twin.status_code}"
        assert twin["Content-Type"].startswith("application/json")
        assert isinstance(json.loads(twin.content), dict)
        checked.append(name)
    # The walk must have reached the atlas's pages, or it proves nothing.
    assert {
        "home", "jurisdiction-detail", "instrument-detail", "section-detail", "search", "provision-detail",
        "jurisdiction-indicators", "jurisdiction-funding", "organisation-list", "organisation-detail",
        "journey-start", "journey-step",
        "circle-list", "chapter-list", "circle-detail", "chapter-detail", "circle-meeting", "circle-calendar",
    } <= set(checked)  # fmt: skip


@pytest.mark.django_db
def test_a_page_points_to_its_json_twin(seeded: None) -> None:
    response = Client().get("/jurisdictions/US-DC/")
    assert b'type="application/json" href="/jurisdictions/US-DC.json"' in response.content


@pytest.mark.django_db
def test_the_json_twin_of_a_jurisdiction_lists_its_instruments(seeded: None) -> None:
    data = Client().get("/jurisdictions/US-DC.json").json()
    assert data["code"] == "US-DC"
    assert data["parent"]["code"] == "US"
    assert any(i["section_count"] == 13 for i in data["instruments"])


@pytest.mark.django_db
def test_a_missing_page_says_what_was_not_found(seeded: None) -> None:
    response = Client().get("/jurisdictions/ZZ-NOPE/")
    assert response.status_code == 404
    assert "No jurisdiction has the code ZZ-NOPE." in response.content.decode()
    assert 'href="/search/"' in response.content.decode()


@pytest.mark.django_db
def test_a_members_own_pages_have_json_twins_that_only_she_reads(seeded: None) -> None:
    """Her notifications and what she follows are hers alone: signed in she reads them as JSON, a visitor signs in."""
    from fourthp.testing import client_as, make_member

    client = client_as(make_member())
    for name in ("notifications", "follows"):
        page, twin = client.get(reverse(name)), client.get(reverse(f"{name}-json"))
        assert page.status_code == 200 and twin.status_code == 200, name
        assert isinstance(twin.json(), dict) and twin.json()["count"] == 0
        assert f'href="{reverse(f"{name}-json")}"' in page.content.decode()
        assert Client().get(reverse(f"{name}-json")).status_code == 302
