"""Following things, and the alerts a follower gets when they change: once each, at once or in one digest."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from fourthp.accounts.models import User
from fourthp.bills.actions import do_add_action, do_save_version
from fourthp.bills.inputs import ActionInput, VersionInput
from fourthp.bills.models import Bill
from fourthp.bills.tests.factories import make_bill, make_session
from fourthp.campaigns.models import Campaign
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.notifications.actions import do_follow
from fourthp.notifications.models import AlertSettings, Delivery, Follow, Notification
from fourthp.notifications.sending import send_alerts, send_due_alerts
from fourthp.testing import client_as, make_analyst, make_group, make_member, make_secretariat

pytestmark = pytest.mark.django_db


@pytest.fixture
def bill(seeded: None) -> Bill:
    return make_bill(make_session(Jurisdiction.objects.get(code="US-DC"), name="2025-2026"), number="B26-0001")


def _mails_to(user: User) -> list[Any]:
    return [m for m in mail.outbox if user.email in m.to]


def test_a_member_follows_and_unfollows_a_bill_from_its_page(bill: Bill) -> None:
    member = make_member()
    client = client_as(member)
    page = client.get(f"/bills/{bill.pk}/").content.decode()
    assert f'action="/follows/bill/{bill.pk}/"' in page and ">Follow<" in page
    response = client.post(f"/follows/bill/{bill.pk}/", {"next": f"/bills/{bill.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/bills/{bill.pk}/"
    client.post(f"/follows/bill/{bill.pk}/")  # a second click changes nothing
    assert Follow.objects.filter(user=member).count() == 1
    listed = client.get("/follows.json").json()
    assert listed["count"] == 1 and listed["items"][0]["type"] == "bill" and listed["items"][0]["id"] == bill.pk
    swapped = client.post(f"/follows/bill/{bill.pk}/", {"action": "unfollow"}, HTTP_HX_REQUEST="true")
    assert swapped.status_code == 200 and ">Follow<" in swapped.content.decode()
    assert not Follow.objects.filter(user=member).exists()


def test_a_new_version_of_a_followed_bill_alerts_once_on_the_site_and_once_by_email(
    bill: Bill, django_capture_on_commit_callbacks: Any
) -> None:
    follower, bystander = make_member(), make_member()
    do_follow(bill, acting_user=follower)
    with django_capture_on_commit_callbacks(execute=True):
        do_save_version(bill, VersionInput(label="Engrossed"), acting_user=make_analyst())
    [alert] = Notification.objects.filter(recipient=follower)
    assert alert.text == f"{bill} has a new version: Engrossed."
    [message] = _mails_to(follower)
    assert "Engrossed" in message.subject
    assert not Notification.objects.filter(recipient=bystander).exists() and _mails_to(bystander) == []
    # The task, or the sweep, run again: nothing new is sent.
    assert send_alerts(follower.pk) == 0
    assert send_due_alerts() == 0
    assert len(_mails_to(follower)) == 1 and Notification.objects.filter(recipient=follower).count() == 1


def test_a_weekly_digest_lists_a_weeks_changes_in_one_email(
    bill: Bill, django_capture_on_commit_callbacks: Any
) -> None:
    follower = make_member()
    AlertSettings.objects.create(user=follower, frequency="weekly")
    do_follow(bill, acting_user=follower)
    analyst = make_analyst()
    with django_capture_on_commit_callbacks(execute=True):
        do_save_version(bill, VersionInput(label="Introduced text"), acting_user=analyst)
        do_add_action(bill, ActionInput(date=dt.date(2025, 3, 4), description="Hearing held"), acting_user=analyst)
        do_save_version(bill, VersionInput(label="Committee print"), acting_user=analyst)
    assert _mails_to(follower) == [], "nothing is sent before the digest is due"
    assert Notification.objects.filter(recipient=follower).count() == 3, "each change is on the site at once"
    due = Delivery.objects.filter(user=follower).latest("due_at").due_at
    assert due.astimezone(dt.UTC).weekday() == 0 and due.astimezone(dt.UTC).hour == 8  # Monday 08:00 in UTC
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_alerts(now=due + dt.timedelta(minutes=1)) == 1
        assert send_due_alerts(now=due + dt.timedelta(days=1)) == 0
    [digest] = _mails_to(follower)
    assert "3 changes to what you follow" in digest.subject
    for words in ("Introduced text", "Hearing held", "Committee print"):
        assert words in digest.body


def test_a_daily_digest_is_due_at_eight_in_her_time_zone(bill: Bill) -> None:
    follower = make_member()
    follower.time_zone = "America/New_York"
    follower.save()
    AlertSettings.objects.create(user=follower, frequency="daily")
    do_follow(bill, acting_user=follower)
    do_save_version(bill, VersionInput(label="Engrossed"), acting_user=make_analyst())
    due = Delivery.objects.get(user=follower).due_at
    assert due.astimezone(dt.timezone(dt.timedelta(hours=-5))).hour in (8, 9)  # 08:00 local, EST or EDT


def test_nobody_sees_what_another_follows_nor_follows_what_she_may_not_see(seeded: None) -> None:
    owner, other, secretariat = make_member(), make_member(), make_secretariat()
    draft = Campaign.objects.create(title="Draft", slug="draft", statement="We ask.", state="draft")
    group = make_group(visibility="public")
    assert Client().post(f"/follows/group/{group.pk}/").status_code == 302  # a visitor is sent to sign in
    assert not Follow.objects.exists()
    assert client_as(owner).post(f"/follows/group/{group.pk}/").status_code == 302
    assert client_as(other).get("/follows.json").json()["count"] == 0
    assert "nothing yet" in client_as(other).get("/follows/").content.decode()
    assert client_as(other).post(f"/follows/campaign/{draft.pk}/").status_code == 404, "a draft is not hers to see"
    assert client_as(secretariat).post(f"/follows/campaign/{draft.pk}/").status_code == 302
    assert client_as(other).post("/follows/group/999999/").status_code == 404
    assert client_as(other).post(f"/follows/nothing/{group.pk}/").status_code == 404


def test_followers_of_a_jurisdiction_a_provision_a_campaign_and_a_group_hear_of_their_changes(seeded: None) -> None:
    from fourthp.assessments.actions import do_approve_assessment
    from fourthp.assessments.models import Assessment
    from fourthp.campaigns.actions import CampaignInput, do_record_delivery, do_save_campaign
    from fourthp.frameworks.models import Framework
    from fourthp.groups.actions import OutputInput, do_publish_output
    from fourthp.testing import make_jurisdiction, make_reviewer

    follower, secretariat = make_member(), make_secretariat()
    place = make_jurisdiction("ZQ", name="Zedland")
    provision = Framework.objects.default().provisions.get(slug="crim.debt-bondage")
    draft = Campaign.objects.create(title="Ratify", slug="ratify", statement="We ask.", state="draft")
    group = make_group(visibility="public", title="Debt bondage")
    for thing in (place, provision, group):
        do_follow(thing, acting_user=follower)
    do_follow(draft, acting_user=secretariat)
    assessment = Assessment.objects.create(
        jurisdiction=place, provision=provision, status="unknown", rationale="Nothing found yet.",
        state=Assessment.State.IN_REVIEW, assessor=make_analyst(),
    )  # fmt: skip
    do_approve_assessment(assessment, acting_user=make_reviewer())
    fields = {"title": "Ratify", "slug": "ratify", "statement": "We ask.", "language": "en", "audience": "public"}
    do_save_campaign(
        draft, CampaignInput(**fields, goal=None, opens_on=None, closes_on=None, state="open"), acting_user=secretariat
    )
    do_follow(draft, acting_user=follower)
    do_record_delivery(draft, delivered_to="The Senate", delivered_at=dt.datetime.now(dt.UTC), acting_user=secretariat)
    do_publish_output(group, OutputInput(kind="brief", title="A brief", summary="Short."), acting_user=follower)
    texts = sorted(n.text for n in Notification.objects.filter(recipient=follower))
    assert texts == sorted(
        [
            f"Zedland has a newly published assessment of {provision}.",
            f"The finding on {provision} changed in Zedland: unknown.",
            "Ratify was delivered.",
            "Debt bondage published A brief.",
        ]
    )
    assert sorted(n.text for n in Notification.objects.filter(recipient=secretariat)) == [
        "Ratify is open for signatures.",
        "Ratify was delivered.",
    ]


def test_an_import_tells_followers_of_new_bills_sponsors_and_new_versions(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    from fourthp.bills.actions import do_import_bills
    from fourthp.bills.importers import read_openstates
    from fourthp.bills.tests.factories import SAMPLES
    from fourthp.members.models import Profile, Visibility
    from fourthp.testing import make_legislator, make_profile

    district = Jurisdiction.objects.get(code="US-DC")
    jo = make_profile(
        make_legislator(), name="Jo Chen", jurisdiction=district, role=Profile.Role.LEGISLATOR,
        name_visibility=Visibility.MEMBERS,
    )  # fmt: skip
    place_follower, jo_follower = make_member(), make_member()
    do_follow(district, acting_user=place_follower)
    do_follow(jo, acting_user=jo_follower)
    bills, problems = read_openstates((SAMPLES / "openstates_bills.json").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        do_import_bills(district, bills, acting_user=None, problems=problems)
    assert sorted(n.text for n in Notification.objects.filter(recipient=place_follower)) == [
        f"{district} has a new bill: {bill}." for bill in Bill.objects.filter(jurisdiction=district).order_by("number")
    ]
    assert len(Notification.objects.filter(recipient=jo_follower)) == 2  # she sponsors both
    assert all("Jo Chen sponsors a new bill" in n.text for n in Notification.objects.filter(recipient=jo_follower))

    # The same file again changes nothing, and tells nobody anything.
    before = Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        do_import_bills(district, bills, acting_user=None, problems=problems)
    assert Notification.objects.count() == before

    # A later file with a new version of a followed bill tells the bill's followers once.
    bill_follower = make_member()
    followed = Bill.objects.get(number="B26-0101")
    do_follow(followed, acting_user=bill_follower)
    later = [
        dataclasses.replace(b, versions=(*b.versions, VersionInput(label="Engrossed", text="Sec. 1. Short title.")))
        if b.number == "B26-0101"
        else b
        for b in bills
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        do_import_bills(district, later, acting_user=None, problems=problems)
    [alert] = Notification.objects.filter(recipient=bill_follower)
    assert alert.text == f"{followed} has a new version: Engrossed."
    assert len(_mails_to(bill_follower)) == 1


def test_a_changed_finding_reads_in_the_readers_language_not_the_reviewers(seeded: None) -> None:
    from django.utils import translation

    from fourthp.assessments.actions import do_approve_assessment
    from fourthp.assessments.models import Assessment
    from fourthp.frameworks.models import Framework
    from fourthp.testing import make_jurisdiction, make_reviewer

    follower = make_member()
    place = make_jurisdiction("ZQ", name="Zedland")
    provision = Framework.objects.default().provisions.get(slug="crim.debt-bondage")
    do_follow(provision, acting_user=follower)
    assessment = Assessment.objects.create(
        jurisdiction=place, provision=provision, status="unknown", rationale="Nothing found yet.",
        state=Assessment.State.IN_REVIEW, assessor=make_analyst(),
    )  # fmt: skip
    with translation.override("es"):  # the reviewer works in Spanish
        do_approve_assessment(assessment, acting_user=make_reviewer())
    alert = Notification.objects.get(recipient=follower, kind="followed_change")
    assert alert.params["status"] == "unknown", "stored in the source language, not the reviewer's"
    with translation.override("fr"):
        assert alert.text.endswith("a changé pour Zedland : inconnue."), alert.text
    assert alert.text.endswith("in Zedland: unknown.")
