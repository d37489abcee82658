"""Following things, and the alerts a follower gets when they change: once each, at once or in one digest."""

from __future__ import annotations

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
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.notifications.actions import do_follow
from fourthp.notifications.models import AlertSettings, Delivery, Follow, Notification
from fourthp.notifications.sending import send_alerts, send_due_alerts
from fourthp.testing import client_as, make_analyst, make_group, make_member

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
    owner, other = make_member(), make_member()
    group = make_group(visibility="members")
    make_group(visibility="public")
    assert Client().post(f"/follows/group/{group.pk}/").status_code == 302  # a visitor is sent to sign in
    assert client_as(owner).post(f"/follows/group/{group.pk}/").status_code == 302
    assert client_as(other).get("/follows.json").json()["count"] == 0
    assert client_as(other).post("/follows/group/999999/").status_code == 404
    assert client_as(other).post(f"/follows/nothing/{group.pk}/").status_code == 404
