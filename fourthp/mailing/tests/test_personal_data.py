"""Her mailing-list records in her personal-data download, and gone with her account."""

from __future__ import annotations

import json

import pytest

from fourthp.accounts.actions import do_delete_account
from fourthp.accounts.models import AuditEvent
from fourthp.mailing.models import Consent, Delivery, Subscriber, Subscription, Suppression
from fourthp.mailing.tests.factories import make_list, make_newsletter, make_subscriber
from fourthp.testing import client_as, make_member

pytestmark = pytest.mark.django_db


def _subscribed(email: str, list_name: str = "Policy news", **fields: object) -> Subscriber:
    news = make_list(name=list_name)
    subscriber = make_subscriber(news, email=email, **fields)
    Consent.objects.create(subscriber=subscriber, list_name=news.name, action="subscribed", method="signup")
    return subscriber


def test_her_lists_and_consent_records_are_in_her_personal_data_download() -> None:
    maria = make_member()
    _subscribed(maria.email)  # her account's address, though the record was made before she had an account
    make_subscriber(make_list(), email="someone-else@example.net")
    response = client_as(maria).get("/profile/data.json")
    assert response.status_code == 200
    [record] = json.loads(response.content)["mailing_list"]
    assert record["email"] == maria.email and record["lists"] == ["Policy news"]
    [consent] = record["consents"]
    assert (consent["list"], consent["action"], consent["method"]) == ("Policy news", "subscribed", "signup")
    assert consent["recorded_at"]


def test_deleting_her_account_erases_her_subscriptions_and_consent_records() -> None:
    maria = make_member()
    linked = _subscribed("old-address@example.net", user=maria)
    by_address = make_subscriber(make_list(), email=maria.email)
    newsletter = make_newsletter(linked.subscriptions.get().mailing_list, state="sent")
    Delivery.objects.create(newsletter=newsletter, subscriber=linked, email=linked.email, state="sent")
    Suppression.objects.create(email=linked.email, kind="bounce")
    other = _subscribed("someone-else@example.net", list_name="Events")

    do_delete_account(maria, acting_user=maria)

    assert list(Subscriber.objects.all()) == [other]
    assert not Subscriber.objects.filter(pk__in=[linked.pk, by_address.pk]).exists()
    assert set(Subscription.objects.values_list("subscriber_id", flat=True)) == {other.pk}
    assert set(Consent.objects.values_list("subscriber_id", flat=True)) == {other.pk}
    # The newsletter keeps its count of recipients without her address; a bounce stays suppressed.
    assert Delivery.objects.get().email == "" and Delivery.objects.get().subscriber is None
    assert Suppression.objects.filter(email="old-address@example.net").exists()
    assert AuditEvent.objects.filter(verb="mailing.subscriber_erased").count() == 2
