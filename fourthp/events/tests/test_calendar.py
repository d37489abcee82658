from __future__ import annotations

import icalendar
import pytest
from django.conf import settings
from django.test import Client

from fourthp.events.models import CalendarFeed, Event
from fourthp.events.tests.factories import make_event, make_registration
from fourthp.testing import make_group, make_member

pytestmark = pytest.mark.django_db


def _client(user: object = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def _vevents(body: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_an_events_ics_is_valid_icalendar_with_its_time_uid_and_page() -> None:
    event = make_event(title="Hearing on forced labour", kind=Event.Kind.HYBRID, place="Palais, Room 3")
    response = _client().get(f"/events/{event.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    vevent = _vevents(response.content)["Hearing on forced labour"]
    assert vevent["DTSTART"].dt == event.starts_at
    assert vevent["DTEND"].dt == event.ends_at
    assert str(vevent["UID"]) == f"event-{event.pk}@localhost"
    assert str(vevent["URL"]) == f"{settings.SITE_URL}/events/{event.pk}/"
    assert "Palais, Room 3" in str(vevent["LOCATION"])
    assert event.online_link not in response.content.decode()


def test_an_event_saved_with_line_breaks_in_its_title_still_makes_a_valid_ics_with_a_one_line_summary() -> None:
    event = make_event(
        title="Hearing\r\non debt\nbondage\r", kind=Event.Kind.HYBRID, place="Palais\nRoom 3", description="One\r\nTwo"
    )
    for url in (f"/events/{event.pk}.ics", "/events.ics"):
        response = _client().get(url)
        assert response.status_code == 200
        calendar = icalendar.Calendar.from_ical(response.content)
        vevent = next(iter(calendar.walk("VEVENT")))
        assert str(vevent["SUMMARY"]) == "Hearing on debt bondage"
        assert str(vevent["LOCATION"]) == "Palais Room 3"
        assert str(vevent["DESCRIPTION"]).startswith("One\nTwo")  # a description keeps its lines, escaped
        # Every content line ends at CRLF: no raw line break inside a property.
        assert all(line and "\r" not in line for line in response.content.decode().split("\r\n")[:-1])
    single = icalendar.Calendar.from_ical(_client().get(f"/events/{event.pk}.ics").content)
    assert str(single["X-WR-CALNAME"]) == "Hearing on debt bondage"


def test_the_public_feed_lists_public_events_only_and_never_a_link() -> None:
    group = make_group()
    make_event(title="Open hearing")
    make_event(title="Members caucus", audience=Event.Audience.MEMBERS)
    make_event(title="Group workshop", audience=Event.Audience.GROUP, working_group=group)
    make_event(title="Planned retreat", state=Event.State.DRAFT)
    response = _client().get("/events.ics")
    assert response.status_code == 200
    assert set(_vevents(response.content)) == {"Open hearing"}
    assert "meet.example.org" not in response.content.decode()


def test_her_feed_works_without_signing_in_and_lists_her_registrations_with_links_for_her_seats() -> None:
    maria = make_member()
    seat = make_event(title="Seated", capacity=1)
    line = make_event(title="Queued", capacity=1)
    make_event(title="Not hers")
    make_registration(seat, maria)
    make_registration(line, make_member())
    make_registration(line, maria, "waitlisted")
    _client(maria).post("/profile/calendar/", {"action": "replace"})
    feed = CalendarFeed.objects.get(user=maria, revoked_at__isnull=True)
    assert len(feed.token) >= 32
    response = Client().get(f"/events/feed/{feed.token}.ics")  # a calendar app: no session
    assert response.status_code == 200
    vevents = _vevents(response.content)
    assert set(vevents) == {"Seated", "[Waiting list] Queued"}
    assert seat.online_link in response.content.decode()
    assert line.online_link not in response.content.decode()
    assert str(vevents["[Waiting list] Queued"]["STATUS"]) == "TENTATIVE"


def test_a_replaced_or_revoked_feed_address_answers_404() -> None:
    maria = make_member()
    client = _client(maria)
    client.post("/profile/calendar/", {"action": "replace"})
    first = CalendarFeed.objects.get(user=maria, revoked_at__isnull=True).token
    page = client.get("/profile/calendar/").content.decode()
    assert f"{settings.SITE_URL}/events/feed/{first}.ics" in page
    client.post("/profile/calendar/", {"action": "replace"})
    second = CalendarFeed.objects.get(user=maria, revoked_at__isnull=True).token
    assert second != first
    assert Client().get(f"/events/feed/{first}.ics").status_code == 404
    assert Client().get(f"/events/feed/{second}.ics").status_code == 200
    client.post("/profile/calendar/", {"action": "revoke"})
    assert Client().get(f"/events/feed/{second}.ics").status_code == 404
    assert Client().get("/events/feed/not-a-token.ics").status_code == 404
    assert "You have no feed address yet." in client.get("/profile/calendar/").content.decode()


def test_a_cancelled_event_stays_in_her_feed_marked_cancelled_so_calendars_drop_it() -> None:
    maria = make_member()
    event = make_event(title="Called off")
    make_registration(event, maria)
    event.state = Event.State.CANCELLED
    event.save()
    feed = CalendarFeed.objects.create(user=maria)
    vevents = _vevents(Client().get(f"/events/feed/{feed.token}.ics").content)
    assert str(vevents["Called off"]["STATUS"]) == "CANCELLED"


def test_an_events_markdown_is_plain_text_in_the_ics_and_html_on_its_page() -> None:
    from fourthp.events.models import AgendaItem

    event = make_event(
        title="Hearing on recruitment fees", description="Bring the **draft** and `s. 4`.\n\n- one point"
    )
    AgendaItem.objects.create(event=event, order=0, title="Opening", description="Read *article 3* first.")
    vevent = _vevents(_client().get(f"/events/{event.pk}.ics").content)["Hearing on recruitment fees"]
    description = str(vevent["DESCRIPTION"])
    assert description.startswith("Bring the draft and s. 4.\none point")
    assert "*" not in description and "`" not in description
    page = _client().get(f"/events/{event.pk}/").content.decode()
    assert "<strong>draft</strong>" in page and "<code>s. 4</code>" in page
    assert "<em>article 3</em>" in page and "*article 3*" not in page
