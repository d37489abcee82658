"""Circles and chapters through their actions and pages: propose, open, join, convene, schedule, notes, attendance."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
from django.utils import timezone

from fourthp.briefs.tests.factories import make_resource
from fourthp.circles.actions import (
    CircleInput,
    CircleRefused,
    MeetingInput,
    do_decide_circle,
    do_decide_join,
    do_join_circle,
    do_leave_circle,
    do_post_notes,
    do_propose_circle,
    do_record_attendance,
    do_schedule_meeting,
    do_update_meeting,
)
from fourthp.circles.models import Circle, CircleMembership
from fourthp.circles.tests.factories import join, make_brief, make_circle, make_meeting
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.notifications.models import Notification
from fourthp.testing import client_as, make_jurisdiction, make_member, make_profile, make_secretariat, make_student

pytestmark = pytest.mark.django_db


def told(user, kind: str) -> int:  # type: ignore[no-untyped-def]
    return Notification.objects.filter(recipient=user, kind=kind).count()


def _input(**fields) -> CircleInput:  # type: ignore[no-untyped-def]
    values = {
        "name": "Cluj reading circle",
        "kind": Circle.Kind.LOCAL,
        "jurisdiction": make_jurisdiction(),
        "city": "Cluj",
    }
    values.update(fields)
    return CircleInput(**values)


def test_a_proposal_waits_for_the_secretariat_which_opens_it_and_makes_the_proposer_its_convenor() -> None:
    secretariat, student = make_secretariat(), make_student()
    circle = do_propose_circle(_input(), acting_user=student)
    assert circle.state == Circle.State.PROPOSED
    assert told(secretariat, "circle_proposed") == 1
    do_decide_circle(circle, "approve", acting_user=secretariat)
    circle.refresh_from_db()
    assert circle.state == Circle.State.ACTIVE
    assert circle.membership_of(student).is_convenor  # type: ignore[union-attr]
    assert told(student, "circle_opened") == 1
    with pytest.raises(CircleRefused, match="already"):
        do_decide_circle(circle, "decline", "Late.", acting_user=secretariat)


def test_a_decline_needs_a_reason_that_the_proposer_is_told() -> None:
    secretariat, member = make_secretariat(), make_member()
    circle = do_propose_circle(_input(), acting_user=member)
    with pytest.raises(CircleRefused, match="Write why"):
        do_decide_circle(circle, "decline", " ", acting_user=secretariat)
    do_decide_circle(circle, "decline", "A circle already meets in Cluj.", acting_user=secretariat)
    note = Notification.objects.get(recipient=member, kind="circle_declined")
    assert "already meets in Cluj" in note.text


def test_a_chapter_needs_its_campus() -> None:
    with pytest.raises(CircleRefused, match="campus"):
        do_propose_circle(_input(kind=Circle.Kind.CHAPTER), acting_user=make_member())


def test_the_form_says_a_chapter_needs_a_campus_and_an_unknown_place_by_name() -> None:
    response = client_as(make_student()).post(
        "/circles/new/",
        {
            "name": "Chapter",
            "kind": "chapter",
            "place": "Nowhereland",
            "city": "X",
            "time_zone": "UTC",
            "joining": "open",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "name the university or college" in text
    assert "Nowhereland" in text and not Circle.objects.filter(name="Chapter").exists()


def test_a_student_joins_an_open_circle_at_once_and_can_leave() -> None:
    circle = make_circle(convenor=make_member())
    student = make_student()
    membership = do_join_circle(circle, acting_user=student)
    assert membership.state == CircleMembership.State.ACTIVE
    with pytest.raises(CircleRefused, match="already"):
        do_join_circle(circle, acting_user=student)
    do_leave_circle(circle, acting_user=student)
    assert circle.membership_of(student) is None


def test_a_circle_on_approval_tells_its_convenors_and_the_answer_reaches_the_asker() -> None:
    convenor, member = make_member(), make_member()
    circle = make_circle(convenor=convenor, joining=Circle.Joining.APPROVAL)
    membership = do_join_circle(circle, acting_user=member)
    assert membership.state == CircleMembership.State.REQUESTED
    assert told(convenor, "circle_join_request") == 1
    do_decide_join(membership, True, acting_user=convenor)
    membership.refresh_from_db()
    assert membership.is_active and told(member, "circle_join_answered") == 1


def test_the_only_convenor_cannot_leave_members_without_one() -> None:
    convenor = make_member()
    circle = make_circle(convenor=convenor)
    join(circle, make_member())
    with pytest.raises(CircleRefused, match="only convenor"):
        do_leave_circle(circle, acting_user=convenor)


def test_a_proposed_circle_cannot_be_joined() -> None:
    circle = make_circle(convenor=make_member(), state=Circle.State.PROPOSED)
    with pytest.raises(CircleRefused, match="not open"):
        do_join_circle(circle, acting_user=make_member())


def _meeting_input(days: int = 7, brief=None) -> MeetingInput:  # type: ignore[no-untyped-def]
    return MeetingInput(
        starts_at=timezone.now() + dt.timedelta(days=days), time_zone="Europe/Bucharest", brief=brief or make_brief()
    )


def test_scheduling_and_moving_a_meeting_tells_the_other_members() -> None:
    convenor, member = make_member(), make_member()
    circle = make_circle(convenor=convenor)
    join(circle, member)
    meeting = do_schedule_meeting(circle, _meeting_input(), acting_user=convenor)
    assert told(member, "circle_meeting_scheduled") == 1
    assert told(convenor, "circle_meeting_scheduled") == 0
    same = MeetingInput(starts_at=meeting.starts_at, time_zone=meeting.time_zone, brief=meeting.brief, guide="New.")
    do_update_meeting(meeting, same, acting_user=convenor)
    assert told(member, "circle_meeting_moved") == 0
    do_update_meeting(meeting, _meeting_input(days=9, brief=meeting.brief), acting_user=convenor)
    assert told(member, "circle_meeting_moved") == 1
    assert "(Europe/Bucharest)" in Notification.objects.get(recipient=member, kind="circle_meeting_moved").text


def test_a_moved_circle_meeting_reads_in_each_members_language_at_the_meetings_time(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core import mail
    from django.utils import translation

    from fourthp.notifications.models import AlertSettings

    convenor, member = make_member(), make_member()
    circle = make_circle(convenor=convenor)
    join(circle, member)
    AlertSettings.objects.update_or_create(user=member, defaults={"language": "ro"})
    meeting = do_schedule_meeting(circle, _meeting_input(), acting_user=convenor)
    bucharest = zoneinfo.ZoneInfo("Europe/Bucharest")
    new_start = (meeting.starts_at.astimezone(bucharest) + dt.timedelta(days=3)).replace(hour=18, minute=30)
    moved = MeetingInput(starts_at=new_start, time_zone="Europe/Bucharest", brief=meeting.brief)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        do_update_meeting(meeting, moved, acting_user=convenor)
    told_ = Notification.objects.get(recipient=member, kind="circle_meeting_moved")
    assert told_.params["date"].endswith(" [Europe/Bucharest]"), "stored with the meeting's zone, not written out"
    with translation.override("en"):
        english = told_.text
    with translation.override("ro"):
        romanian = told_.text
    assert "18:30" in romanian and "(Europe/Bucharest)" in romanian and romanian != english, romanian
    assert "is moved to" in english and "(Europe/Bucharest)" in english
    (email,) = [m for m in mail.outbox if member.email in m.to and "18:30" in m.body]
    assert romanian in email.body


def test_a_meeting_discusses_only_a_published_brief() -> None:
    convenor = make_member()
    circle = make_circle(convenor=convenor)
    with pytest.raises(CircleRefused, match="published brief"):
        do_schedule_meeting(circle, _meeting_input(brief=make_resource("draft-brief")), acting_user=convenor)


def test_notes_come_after_the_meeting_and_members_are_told_the_first_time() -> None:
    convenor, member = make_member(), make_member()
    circle = make_circle(convenor=convenor)
    join(circle, member)
    with pytest.raises(CircleRefused, match="after the meeting"):
        do_post_notes(make_meeting(circle, days=3), "Too early.", acting_user=convenor)
    meeting = make_meeting(circle, days=-1)
    do_post_notes(meeting, "We read the brief's second part.", acting_user=convenor)
    do_post_notes(meeting, "We read the brief's second part, and agreed on a letter.", acting_user=convenor)
    assert told(member, "circle_notes_posted") == 1


def test_attendance_takes_only_the_circles_members_and_is_shown_only_inside_the_circle() -> None:
    convenor, member = make_member(), make_member()
    make_profile(member, name="Ioana Pop", name_visibility="public")
    circle = make_circle(convenor=convenor)
    join(circle, member)
    meeting = make_meeting(circle, days=-1)
    with pytest.raises(CircleRefused, match="members"):
        do_record_attendance(meeting, [make_member()], acting_user=convenor)
    do_record_attendance(meeting, [member], acting_user=convenor)
    assert list(meeting.present.all()) == [member]
    url = meeting.get_absolute_url()
    assert "Ioana Pop" in client_as(convenor).get(url).content.decode()
    outsider_page = client_as(make_member()).get(url).content.decode()
    assert "Ioana Pop" not in outsider_page and "seen by the circle's members" in outsider_page


def test_the_circle_page_names_members_only_as_their_profiles_allow() -> None:
    shown, hidden = make_member(), make_member()
    make_profile(shown, name="Ana Shown", name_visibility="public")
    make_profile(hidden, name="Bea Hidden", name_visibility="members")
    circle = make_circle(convenor=shown)
    join(circle, hidden)
    page = client_as(None).get(circle.get_absolute_url()).content.decode()
    assert "Ana Shown" in page and "Bea Hidden" not in page
    assert "name not shown" in page
    assert "Bea Hidden" in client_as(make_member()).get(circle.get_absolute_url()).content.decode()


def test_a_chapter_has_its_page_under_chapters_and_the_directory_filters_by_place_name() -> None:
    france = Jurisdiction.objects.get(code="FR")
    chapter = make_circle(kind=Circle.Kind.CHAPTER, campus="Université Lyon 2", jurisdiction=france)
    elsewhere = make_circle()
    assert chapter.get_absolute_url() == f"/chapters/{chapter.slug}/"
    response = client_as(None).get(f"/circles/{chapter.slug}/")
    assert response.status_code == 301 and response.headers["Location"] == f"/chapters/{chapter.slug}/"
    page = client_as(None).get(f"/chapters/{chapter.slug}/").content.decode()
    assert "Université Lyon 2" in page
    listed = client_as(None).get("/circles.json", {"place": "France"}).json()
    assert chapter.slug in {c["slug"] for c in listed["items"]}
    assert {c["jurisdiction"] for c in listed["items"]} <= {"FR", *france.children.values_list("code", flat=True)}
    assert elsewhere.slug in {c["slug"] for c in client_as(None).get("/circles.json").json()["items"]}
    chapters = client_as(None).get("/chapters.json").json()["items"]
    assert chapter.slug in {c["slug"] for c in chapters} and {c["kind"] for c in chapters} == {"chapter"}
    unknown = client_as(None).get("/circles/", {"place": "Nowhereland"})
    assert "Nowhereland" in unknown.content.decode()


def test_the_seed_has_a_local_circle_and_a_student_chapter_reading_published_briefs(seeded: None) -> None:
    from pathlib import Path

    from django.conf import settings

    from fourthp.circles.actions import do_load_circles

    circle = Circle.objects.get(slug="cluj-reading-circle")
    chapter = Circle.objects.get(slug="lyon-student-chapter")
    assert circle.kind == Circle.Kind.LOCAL and chapter.kind == Circle.Kind.CHAPTER and chapter.campus
    for seeded_circle in (circle, chapter):
        meetings = list(seeded_circle.meetings.all())
        assert len(meetings) >= 2 and all(m.brief.is_published and m.guide for m in meetings)
    assert do_load_circles(Path(settings.BASE_DIR) / "data" / "circles" / "circles.yaml") == (0, 2)


def test_the_programme_is_a_calendar_file() -> None:
    circle = make_circle(name="Iasi circle")
    make_meeting(circle, brief=make_resource("identification", published=True, title="The identification gap"))
    response = client_as(None).get(f"/circles/{circle.slug}/programme.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "Iasi circle: The identification gap" in body


def test_a_convenor_schedules_through_the_form_and_its_messages_are_clear() -> None:
    convenor = make_member()
    circle = make_circle(convenor=convenor)
    client = client_as(convenor)
    bad = client.post(f"/circles/{circle.slug}/meetings/new/", {"starts_at": "", "brief": "999999", "time_zone": "UTC"})
    text = bad.content.decode()
    assert "Choose one of the published briefs listed." in text and "This field is required." in text
    brief = make_brief()
    good = client.post(
        f"/circles/{circle.slug}/meetings/new/",
        {"starts_at": "2031-05-06T18:00", "time_zone": "Europe/Paris", "duration_minutes": "90", "brief": brief.pk},
    )
    meeting = circle.meetings.get()
    assert good.status_code == 302 and good.headers["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at == dt.datetime(2031, 5, 6, 16, 0, tzinfo=dt.UTC)


def test_the_api_lists_open_circles_alike_for_everyone_and_filters_by_place_name() -> None:
    open_circle = make_circle(kind=Circle.Kind.CHAPTER, campus="Babeș-Bolyai University",
                              jurisdiction=Jurisdiction.objects.get(code="RO"))  # fmt: skip
    proposal = make_circle(state=Circle.State.PROPOSED, proposed_by=make_member())
    anonymous = client_as(None).get("/api/v1/circles", {"place": "Romania", "kind": "chapter"}).json()
    slugs = {c["slug"] for c in anonymous["items"]}
    assert open_circle.slug in slugs and proposal.slug not in slugs
    by_proposer = client_as(proposal.proposed_by).get("/api/v1/circles").json()
    assert proposal.slug not in {c["slug"] for c in by_proposer["items"]}
    assert client_as(None).get("/api/v1/circles", {"place": "Nowhereland"}).status_code == 404


def test_a_convenor_makes_a_member_a_convenor_who_may_then_schedule() -> None:
    convenor, member = make_member(), make_member()
    circle = make_circle(convenor=convenor)
    membership = join(circle, member)
    assert client_as(member).get(f"/circles/{circle.slug}/meetings/new/").status_code == 403
    client_as(convenor).post(f"/circles/{circle.slug}/members/{membership.pk}/convenor/")
    membership.refresh_from_db()
    assert membership.is_convenor
    assert client_as(member).get(f"/circles/{circle.slug}/meetings/new/").status_code == 200
    do_leave_circle(circle, acting_user=convenor)  # another convenor remains, so she may leave


def test_the_directory_costs_the_same_few_queries_however_many_circles(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    client = client_as(None)
    client.get("/circles.json")  # warm the caches of the first request (site settings, jurisdictions)
    with django_assert_num_queries(QUERIES_OF_THE_DIRECTORY):
        client.get("/circles.json")
    for _ in range(3):
        make_circle()
    with django_assert_num_queries(QUERIES_OF_THE_DIRECTORY):
        client.get("/circles.json")


QUERIES_OF_THE_DIRECTORY = 1


def test_her_home_lists_her_circles_and_offers_to_find_one_otherwise() -> None:
    student = make_student()
    assert "You are not in a circle or chapter yet." in client_as(student).get("/home/").content.decode()
    circle = make_circle(name="Timisoara chapter", kind=Circle.Kind.CHAPTER, campus="West University")
    join(circle, student)
    assert "Timisoara chapter" in client_as(student).get("/home/").content.decode()


def test_a_convenor_edits_her_circle_and_a_bad_edit_says_what_is_wrong_and_changes_nothing() -> None:
    convenor = make_member()
    circle = make_circle(convenor=convenor)
    client = client_as(convenor)
    assert f"/circles/{circle.slug}/edit/" in client.get(circle.get_absolute_url()).text
    page = client.get(f"/circles/{circle.slug}/edit/").text
    assert f'value="{circle.name}"' in page
    form = {
        "name": "Cluj reading circle",
        "kind": "chapter",
        "place": "Romania",
        "city": "Cluj-Napoca",
        "campus": "",
        "description": "We meet monthly.",
        "time_zone": "Europe/Bucharest",
        "joining": "approval",
    }
    refused = client.post(f"/circles/{circle.slug}/edit/", form)
    assert refused.status_code == 200 and "A student chapter belongs to a campus" in refused.text
    circle.refresh_from_db()
    assert circle.name != "Cluj reading circle"
    saved = client.post(f"/circles/{circle.slug}/edit/", {**form, "campus": "Babeș-Bolyai University"})
    assert saved.status_code == 302
    circle.refresh_from_db()
    assert (circle.name, circle.kind, circle.jurisdiction.code, circle.campus, circle.joining) == (
        "Cluj reading circle",
        "chapter",
        "RO",
        "Babeș-Bolyai University",
        "approval",
    )
    assert client_as(make_member()).get(f"/circles/{circle.slug}/edit/").status_code == 403


def test_a_convenor_cancels_a_meeting_with_a_reason_and_the_members_are_told(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from fourthp.circles.actions import do_cancel_meeting

    convenor, member = make_member(), make_member()
    circle = make_circle(convenor=convenor)
    join(circle, member)
    meeting = do_schedule_meeting(circle, _meeting_input(), acting_user=convenor)
    client = client_as(convenor)
    url = f"/circles/{circle.slug}/meetings/{meeting.pk}/cancel/"
    assert url in client.get(meeting.get_absolute_url()).text
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 200 and "Say why the meeting is cancelled" in refused.text
    meeting.refresh_from_db()
    assert not meeting.is_cancelled and told(member, "circle_meeting_cancelled") == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"reason": "The library is closed"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.cancel_reason == "The library is closed"
    assert told(member, "circle_meeting_cancelled") == 1 and told(convenor, "circle_meeting_cancelled") == 0
    text = Notification.objects.get(recipient=member, kind="circle_meeting_cancelled").text
    assert "is cancelled (The library is closed)" in text and "(Europe/Bucharest)" in text
    page = client_as(member).get(meeting.get_absolute_url()).text
    assert "This meeting is cancelled: The library is closed" in page
    assert "cancelled" in client.get(circle.get_absolute_url()).text
    assert b"STATUS:CANCELLED" in client.get(f"/circles/{circle.slug}/programme.ics").content
    assert client.get(f"/circles/{circle.slug}/meetings/{meeting.pk}.json").json()["cancelled"] is True
    with pytest.raises(CircleRefused, match="already cancelled"):
        do_cancel_meeting(meeting, "again", acting_user=convenor)
    with pytest.raises(CircleRefused, match="schedule a new one"):
        do_update_meeting(meeting, _meeting_input(days=9, brief=meeting.brief), acting_user=convenor)
    past = make_meeting(circle, days=-2)
    with pytest.raises(CircleRefused, match="has begun"):
        do_cancel_meeting(past, "too late", acting_user=convenor)
