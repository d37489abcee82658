"""Each expected notification reaches the right people once, on the site and by e-mail, as their switches say."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from fourthp.accounts.models import User
from fourthp.assessments.actions import (
    do_approve_assessment,
    do_create_assessment_request,
    do_return_assessment,
    do_submit_assessment,
)
from fourthp.assessments.inputs import RequestInput
from fourthp.assessments.models import Assessment
from fourthp.frameworks.models import Framework
from fourthp.groups.actions import do_request_join
from fourthp.members.actions import do_create_application
from fourthp.members.models import Visibility
from fourthp.notifications.actions import tell
from fourthp.notifications.models import AlertSettings, Notification, Preference
from fourthp.notifications.queries import unread_count
from fourthp.testing import (
    client_as,
    make_analyst,
    make_group,
    make_jurisdiction,
    make_member,
    make_profile,
    make_reviewer,
    make_secretariat,
)

pytestmark = pytest.mark.django_db


def _mails_to(user: User) -> list[Any]:
    return [m for m in mail.outbox if user.email in m.to]


def _draft(analyst: User, state: str = Assessment.State.DRAFT) -> Assessment:
    provision = Framework.objects.default().provisions.get(slug="crim.debt-bondage")
    return Assessment.objects.create(
        jurisdiction=make_jurisdiction("ZQ", name="Zedland"),
        provision=provision,
        status="unknown",
        rationale="Nothing found yet.",
        state=state,
        assessor=analyst,
    )


def test_tell_makes_a_row_and_an_email_and_obeys_each_switch(django_capture_on_commit_callbacks: Any) -> None:
    both, no_mail, no_row = make_member(), make_member(), make_member()
    Preference.objects.create(user=no_mail, kind="assessment_published", email=False)
    Preference.objects.create(user=no_row, kind="assessment_published", in_app=False)
    with django_capture_on_commit_callbacks(execute=True):
        tell([both, no_mail, no_row], "assessment_published", params={"provision": "P", "jurisdiction": "J"})
    assert Notification.objects.filter(recipient=both).count() == 1 and len(_mails_to(both)) == 1
    assert Notification.objects.filter(recipient=no_mail).count() == 1 and _mails_to(no_mail) == []
    assert Notification.objects.filter(recipient=no_row).count() == 0 and len(_mails_to(no_row)) == 1
    assert unread_count(both) == 1


def test_the_secretariat_is_told_once_when_a_legislator_applies(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    secretariat, member = make_secretariat(), make_member()
    with django_capture_on_commit_callbacks(execute=True):
        do_create_application(
            name="Ana Legis", email="ana@example.org", jurisdiction=make_jurisdiction("ZQ"), legislature="Senate",
            chamber="upper", role="legislator", message="", website="", ip="192.0.2.1",
        )  # fmt: skip
    notes = Notification.objects.filter(recipient=secretariat)
    assert [n.text for n in notes] == ["Ana Legis applied for membership as a legislator."]
    assert len(_mails_to(secretariat)) == 1
    assert not Notification.objects.filter(recipient=member).exists()


def test_the_secretariat_is_told_of_an_assessment_request_in_her_own_language(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    secretariat, member = make_secretariat(), make_member()
    AlertSettings.objects.create(user=secretariat, language="es")
    make_jurisdiction("ZQ", name="Zedland")
    with django_capture_on_commit_callbacks(execute=True):
        do_create_assessment_request(RequestInput(kind="assessment", jurisdiction_code="ZQ"), acting_user=member)
    assert Notification.objects.filter(recipient=secretariat, kind="assessment_request").count() == 1
    [message] = _mails_to(secretariat)
    assert message.subject != "" and "Zedland" in message.body
    from django.utils import translation

    from fourthp.accounts.mail import render_email

    with translation.override("en"):
        english, _ = render_email("assessments_request_received", {"found": None, "jurisdiction_name": "Zedland"})
    assert message.subject != english, "the secretariat reads Spanish: her e-mail is not the English one"


def test_reviewers_are_told_of_a_submission_and_the_analyst_of_its_return_and_publication(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    analyst, reviewer, other_reviewer, member = make_analyst(), make_reviewer(), make_reviewer(), make_member()
    assessment = _draft(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        do_submit_assessment(assessment, acting_user=analyst)
    for person in (reviewer, other_reviewer):
        assert Notification.objects.filter(recipient=person, kind="assessment_submitted").count() == 1
        assert len(_mails_to(person)) == 1
    assert not Notification.objects.filter(recipient__in=[analyst, member]).exists()

    with django_capture_on_commit_callbacks(execute=True):
        do_return_assessment(assessment, "Cite the section.", acting_user=reviewer)
    [returned] = Notification.objects.filter(recipient=analyst)
    assert returned.kind == "assessment_returned" and "Cite the section." in returned.text

    Preference.objects.create(user=analyst, kind="assessment_published", email=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        do_submit_assessment(assessment, acting_user=analyst)
        do_approve_assessment(assessment, acting_user=reviewer)
    assert Notification.objects.filter(recipient=analyst, kind="assessment_published").count() == 1
    assert _mails_to(analyst) == [], "she turned e-mails of publications off"


def test_a_groups_lead_is_told_who_asks_to_join(seeded: None, django_capture_on_commit_callbacks: Any) -> None:
    lead, asker = make_member(), make_member()
    make_profile(asker, name="Bea Asker", name_visibility=Visibility.MEMBERS)
    group = make_group(lead=lead, title="Debt bondage")
    with django_capture_on_commit_callbacks(execute=True):
        do_request_join(group, "Let me in.", acting_user=asker)
    [note] = Notification.objects.filter(recipient=lead)
    assert note.text == "Bea Asker asks to join the working group Debt bondage."
    assert len(_mails_to(lead)) == 1, "one e-mail, the group's own, not a second one"


def test_nobody_reads_or_marks_another_persons_notifications(seeded: None) -> None:
    owner, other = make_member(), make_member()
    tell(owner, "assessment_published", params={"provision": "P", "jurisdiction": "J"})
    note = Notification.objects.get(recipient=owner)
    assert client_as(other).post(f"/notifications/{note.pk}/read/").status_code == 404
    assert client_as(other).get("/notifications.json").json()["items"] == []
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_the_list_puts_unread_first_and_marks_read_one_at_a_time_or_all(seeded: None) -> None:
    owner = make_member()
    for name in ("one", "two", "three"):
        tell(owner, "membership_application", params={"name": name})
    first = Notification.objects.filter(recipient=owner).order_by("pk").first()
    assert first is not None
    client = client_as(owner)
    response = client.post(f"/notifications/{first.pk}/read/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Mark read" not in response.content.decode()
    data = client.get("/notifications.json").json()
    assert data["unread"] == 2 and data["items"][-1]["id"] == first.pk
    page = client.get("/notifications/").content.decode()
    assert "2 unread notifications." in page
    assert client.post("/notifications/read-all/").status_code == 302
    assert unread_count(owner) == 0
    assert Notification.objects.filter(recipient=owner, read_at__lte=timezone.now()).count() == 3


def test_the_preferences_page_saves_the_switches(seeded: None) -> None:
    member = make_member()
    client = client_as(member)
    assert client.get("/notifications/preferences/").status_code == 200
    response = client.post(
        "/notifications/preferences/",
        {"frequency": "weekly", "language": "fr", "followed_change-in_app": "on", "assessment_request-email": "on"},
    )
    assert response.status_code == 302
    assert AlertSettings.objects.get(user=member).frequency == "weekly"
    switch = Preference.objects.get(user=member, kind="followed_change")
    assert switch.in_app and not switch.email
    refused = client.post("/notifications/preferences/", {"frequency": "hourly"})
    assert "Choose at once, daily or weekly." in refused.content.decode()


def test_an_unread_count_of_a_visitor_is_zero() -> None:
    from django.contrib.auth.models import AnonymousUser

    assert unread_count(AnonymousUser()) == 0
    assert Client().get("/notifications/").status_code == 302


def test_the_link_at_the_foot_of_an_email_stops_that_kind_only_after_the_button(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    member = make_member()
    with django_capture_on_commit_callbacks(execute=True):
        tell(member, "assessment_published", params={"provision": "Debt bondage", "jurisdiction": "Zedland"})
    body = _mails_to(member)[0].body
    stop = next(line for line in body.splitlines() if "/notifications/stop/" in line)
    path = stop[stop.index("/notifications/stop/") :]

    visitor = Client()
    assert "Stop these e-mails" in visitor.get(path).content.decode()
    assert not Preference.objects.filter(user=member, email=False).exists(), "opening the link changes nothing"

    answer = visitor.post(path).content.decode()
    assert "You will no longer be e-mailed about this" in answer
    stopped = Preference.objects.get(user=member, email=False)
    assert stopped.kind == "assessment_published"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tell(member, "assessment_published", params={"provision": "Debt bondage", "jurisdiction": "Zedland"})
        tell(
            member,
            "assessment_returned",
            params={"provision": "Debt bondage", "jurisdiction": "Zedland", "comment": "x"},
        )
    assert len(_mails_to(member)) == 1, "only the stopped kind is silent"
    assert Notification.objects.filter(recipient=member, kind="assessment_published").count() == 2


def test_an_altered_stop_link_stops_nothing(seeded: None, django_capture_on_commit_callbacks: Any) -> None:
    from fourthp.notifications.tokens import stop_token

    member = make_member()
    token = stop_token(member.pk, "assessment_published")
    for bad in (token[:-2] + "xx", stop_token(member.pk, "no_such_kind"), "nonsense"):
        assert Client().post(f"/notifications/stop/{bad}/").status_code == 404
    assert not Preference.objects.filter(user=member).exists()
