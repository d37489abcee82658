from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fourthp.events.models import Event
from fourthp.events.tests.factories import make_event, make_registration
from fourthp.testing import make_group, make_group_member, make_member, make_secretariat

pytestmark = pytest.mark.django_db


def _client(user: object = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def test_visitors_see_public_events_members_see_members_events_and_a_group_sees_its_own() -> None:
    group = make_group()
    public = make_event(title="Open hearing")
    members_only = make_event(title="Members caucus", audience=Event.Audience.MEMBERS)
    group_only = make_event(title="Group workshop", audience=Event.Audience.GROUP, working_group=group)
    draft = make_event(title="Planned retreat", state=Event.State.DRAFT)

    def titles(user: object) -> set[str]:
        page = _client(user).get("/events/").content.decode()
        return {e.title for e in (public, members_only, group_only, draft) if e.title in page}

    assert titles(None) == {"Open hearing"}
    assert titles(make_member()) == {"Open hearing", "Members caucus"}
    assert titles(make_group_member(group)) == {"Open hearing", "Members caucus", "Group workshop"}
    assert titles(make_secretariat()) == {"Open hearing", "Members caucus", "Group workshop", "Planned retreat"}


def test_an_event_outside_her_audience_answers_404_on_its_page_its_json_and_its_ics() -> None:
    group = make_group()
    event = make_event(audience=Event.Audience.GROUP, working_group=group)
    outsider = _client(make_member())
    for url in (f"/events/{event.pk}/", f"/events/{event.pk}.json", f"/events/{event.pk}.ics"):
        assert outsider.get(url).status_code == 404, url
    assert _client(make_group_member(group)).get(f"/events/{event.pk}/").status_code == 200


def test_the_meeting_link_is_shown_only_to_confirmed_participants_and_the_secretariat() -> None:
    event = make_event(capacity=1)
    confirmed, waiting, other = make_member(), make_member(), make_member()
    make_registration(event, confirmed)
    make_registration(event, waiting, "waitlisted")
    link = event.online_link
    for user, sees in ((None, False), (other, False), (waiting, False), (confirmed, True), (make_secretariat(), True)):
        client = _client(user)
        page = client.get(f"/events/{event.pk}/").content.decode()
        ics = client.get(f"/events/{event.pk}.ics").content.decode()
        twin = client.get(f"/events/{event.pk}.json").json()
        assert (link in page) is sees, user
        assert (link in ics) is sees, user
        assert (twin["online_link"] == link) is sees, user
        if not sees:
            assert twin["online_link"] is None


def test_times_are_shown_in_the_viewers_zone_with_the_zone_named() -> None:
    tokyo = make_member()
    tokyo.time_zone = "Asia/Tokyo"
    tokyo.save()
    event = make_event(
        title="Pacific caucus",
        starts_at=dt.datetime(2031, 3, 10, 3, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2031, 3, 10, 5, 0, tzinfo=dt.UTC),
        time_zone="Europe/Brussels",
    )
    for url in ("/events/", f"/events/{event.pk}/"):
        page = _client(tokyo).get(url).content.decode()
        assert "10 March 2031, 12:00" in page, url
        assert "14:00 JST" in page, url
        assert "04:00 CET in Europe/Brussels" in page, url  # the zone it is organised in, beside hers
    visitor = _client().get(f"/events/{event.pk}/").content.decode()
    assert "10 March 2031, 03:00" in visitor
    assert "05:00 UTC" in visitor


def test_the_list_filters_by_working_group_and_provision(seeded: None) -> None:
    from fourthp.frameworks.models import Provision

    group = make_group(slug="supply-chains")
    bondage = Provision.objects.filter(slug="crim.debt-bondage").first()
    assert bondage is not None
    in_group = make_event(title="Supply chain hearing", working_group=group)
    on_bondage = make_event(title="Debt bondage roundtable")
    on_bondage.provisions.add(bondage)
    make_event(title="Unrelated meeting")
    by_group = _client().get("/events/?group=supply-chains").content.decode()
    assert in_group.title in by_group and "Unrelated meeting" not in by_group and on_bondage.title not in by_group
    by_provision = _client().get("/events/?provision=crim.debt-bondage").content.decode()
    assert on_bondage.title in by_provision and "Unrelated meeting" not in by_provision
    twin = _client().get("/events.json?provision=crim.debt-bondage").json()
    assert [item["title"] for item in twin["items"]] == ["Debt bondage roundtable"]


def test_the_page_shows_seats_left_the_waiting_list_agenda_and_only_agreed_speakers() -> None:
    event = make_event(capacity=2)
    event.agenda_items.create(order=0, title="Opening remarks")
    event.speakers.create(name="Amina Diallo", affiliation="Senate of Senegal", agreed_to_be_listed=True)
    event.speakers.create(name="Not Yet Asked", agreed_to_be_listed=False)
    make_registration(event, make_member())
    make_registration(event, make_member())
    make_registration(event, make_member(), "waitlisted")
    page = _client().get(f"/events/{event.pk}/").content.decode()
    assert "0 of 2 left" in page
    assert "1 on the waiting list" in page
    assert "Opening remarks" in page
    assert "Amina Diallo" in page
    assert "Not Yet Asked" not in page
    assert f'href="/events/{event.pk}.ics"' in page
    twin = _client().get(f"/events/{event.pk}.json").json()
    assert twin["speakers"] == [{"name": "Amina Diallo", "affiliation": "Senate of Senegal"}]
    assert (twin["seats_left"], twin["waiting_list"]) == (0, 1)


def test_a_member_sees_her_place_on_the_waiting_list_and_a_button_to_leave_it() -> None:
    event = make_event(capacity=1)
    make_registration(event, make_member())
    maria = make_member()
    make_registration(event, maria, "waitlisted")
    page = _client(maria).get(f"/events/{event.pk}/").content.decode()
    assert "You are on the waiting list, number 1." in page
    assert "Leave the waiting list" in page


def test_the_report_appears_on_the_page_only_once_published() -> None:
    event = make_event(starts_at=dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC))
    event.report = "Delegates agreed on a **model clause**."
    event.save()
    assert "model clause" not in _client().get(f"/events/{event.pk}/").content.decode()
    event.report_published_at = dt.datetime(2024, 5, 3, tzinfo=dt.UTC)
    event.save()
    page = _client().get(f"/events/{event.pk}/").content.decode()
    assert "<strong>model clause</strong>" in page


def test_the_list_page_reads_a_fixed_number_of_queries_whatever_the_number_of_events() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    group = make_group()
    maria = make_group_member(group)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert _client(maria).get("/events/").status_code == 200
        return len(captured)

    for _ in range(2):
        make_event(working_group=group)
    few = queries()
    for _ in range(6):
        make_event(working_group=group, audience=Event.Audience.GROUP)
    assert queries() == few
