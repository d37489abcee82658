"""Withdrawing before delivery, recording the delivery, and what a deleted account leaves behind."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from fourthp.accounts.actions import collect_personal_data, do_delete_account
from fourthp.campaigns.models import Campaign, Signature
from fourthp.campaigns.tests.factories import link_in, mail_to, make_campaign, make_signature
from fourthp.testing import client_as, make_legislator, make_secretariat

pytestmark = pytest.mark.django_db


def test_a_member_withdraws_her_signature_from_the_page() -> None:
    campaign = make_campaign()
    lena = make_legislator()
    client = client_as(lena)
    client.post(f"/campaigns/{campaign.slug}/sign/member/", {"show_name": "on"})
    response = client.post(f"/campaigns/{campaign.slug}/withdraw/", follow=True)
    assert "Your signature is withdrawn" in response.content.decode()
    signature = Signature.objects.get(campaign=campaign)
    assert signature.state == Signature.State.WITHDRAWN and signature.user is None and signature.name == ""
    assert "0 signatures" in Client().get(f"/campaigns/{campaign.slug}/signatures/").content.decode()


def test_a_public_signer_withdraws_by_the_link_in_her_email(sending: Any) -> None:
    campaign = make_campaign()
    with sending():
        Client().post(
            f"/campaigns/{campaign.slug}/sign/",
            {"name": "Ada", "jurisdiction": "CA", "email": "ada@example.net", "show_name": "on"},
        )
    (message,) = mail_to("ada@example.net")
    Client().post(link_in(message, "confirm"))
    withdraw = link_in(message, "withdraw")
    assert "Withdraw my signature" in Client().get(withdraw).content.decode()
    assert Client().post(withdraw).status_code == 302
    signature = Signature.objects.get(campaign=campaign)
    assert signature.state == Signature.State.WITHDRAWN and signature.email == "" and signature.name == ""
    # Withdrawn, the address may sign again.
    with sending():
        Client().post(
            f"/campaigns/{campaign.slug}/sign/", {"name": "Ada", "jurisdiction": "CA", "email": "ada@example.net"}
        )
    assert Signature.objects.filter(campaign=campaign, state=Signature.State.PENDING).count() == 1


def test_after_delivery_a_signature_can_no_longer_be_withdrawn() -> None:
    campaign = make_campaign()
    lena = make_legislator()
    client_as(lena).post(f"/campaigns/{campaign.slug}/sign/member/")
    client_as(make_secretariat()).post(
        f"/campaigns/{campaign.slug}/deliver/",
        {"delivered_to": "The Speaker's office, by hand", "delivered_at": "2024-05-02T10:00"},
    )
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DELIVERED and campaign.delivered_to == "The Speaker's office, by hand"
    response = client_as(lena).post(f"/campaigns/{campaign.slug}/withdraw/", follow=True)
    assert "can no longer be withdrawn" in response.content.decode()
    assert Signature.objects.get(campaign=campaign).state == Signature.State.CONFIRMED
    page = Client().get(f"/campaigns/{campaign.slug}/").content.decode()
    assert "The Speaker&#x27;s office, by hand" in page and "does not take signatures now" in page


def test_delivery_drops_signatures_never_confirmed() -> None:
    campaign = make_campaign()
    pending = make_signature(campaign, state=Signature.State.PENDING, confirmed_at=None)
    client_as(make_secretariat()).post(
        f"/campaigns/{campaign.slug}/deliver/", {"delivered_to": "By post", "delivered_at": "2024-05-02T10:00"}
    )
    pending.refresh_from_db()
    assert pending.state == Signature.State.WITHDRAWN and pending.email == ""


def test_a_delivery_in_the_future_is_refused() -> None:
    campaign = make_campaign()
    later = (timezone.now() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client_as(make_secretariat()).post(
        f"/campaigns/{campaign.slug}/deliver/", {"delivered_to": "By post", "delivered_at": later}
    )
    assert response.status_code == 200 and "in the future" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.OPEN


def test_a_deleted_account_is_anonymised_on_a_delivered_letter_and_withdrawn_elsewhere() -> None:
    delivered = make_campaign()
    open_one = make_campaign()
    lena = make_legislator()
    for campaign in (delivered, open_one):
        client_as(lena).post(f"/campaigns/{campaign.slug}/sign/member/", {"show_name": "on"})
    assert [s["campaign_slug"] for s in collect_personal_data(lena)["campaign_signatures"]] == [
        delivered.slug,
        open_one.slug,
    ]
    delivered.state = Campaign.State.DELIVERED
    delivered.delivered_at = timezone.now()
    delivered.save()
    do_delete_account(lena, acting_user=lena)
    kept = Signature.objects.get(campaign=delivered)
    assert kept.state == Signature.State.CONFIRMED and kept.anonymised_at is not None
    assert (kept.user, kept.name, kept.show_name, kept.is_legislator) == (None, "", False, True)
    assert Signature.objects.get(campaign=open_one).state == Signature.State.WITHDRAWN
    listed = Client().get(f"/campaigns/{delivered.slug}/signatures/").content.decode()
    assert "1 signature" in listed and "1 signatory chose not to be named." in listed


def test_the_secretariat_downloads_every_signature_as_csv() -> None:
    import csv

    campaign = make_campaign()
    make_signature(campaign, name="=HYPERLINK(1)", email="ada@example.net", show_name=True)
    make_signature(campaign, name="Ben", email="ben@example.net", state=Signature.State.PENDING)
    response = client_as(make_secretariat()).get(f"/campaigns/{campaign.slug}/signatures.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["name"], r["email"], r["state"]) for r in rows] == [
        ("'=HYPERLINK(1)", "ada@example.net", "confirmed"),
        ("Ben", "ben@example.net", "pending"),
    ]
