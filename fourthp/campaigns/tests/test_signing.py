"""Signing a campaign: a legislator in one click, the public by a confirmed e-mail address, and the guards."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from fourthp.campaigns.models import Campaign, Signature
from fourthp.campaigns.tests.factories import link_in, mail_to, make_campaign
from fourthp.testing import client_as, make_legislator, make_member, make_profile

pytestmark = pytest.mark.django_db

EMAIL = "ada.signer@example.net"


@pytest.fixture
def sign(sending: Any) -> Any:
    """Post the public form as a visitor would; the e-mails it queues are sent."""

    def post(client: Client, campaign: Campaign, **fields: Any) -> Any:
        data = {"name": "Ada Signer", "organisation": "Harbour Aid", "jurisdiction": "Canada", "email": EMAIL}
        data.update(fields)
        with sending():
            return client.post(f"/campaigns/{campaign.slug}/sign/", data)

    return post


def test_a_legislator_signs_in_one_click_and_is_counted_as_a_legislator() -> None:
    campaign = make_campaign(audience=Campaign.Audience.LEGISLATORS)
    lena = make_legislator()
    make_profile(lena, name="Lena Lawmaker")
    client = client_as(lena)
    response = client.post(f"/campaigns/{campaign.slug}/sign/member/", {"show_name": "on"})
    assert response.status_code == 302
    signature = Signature.objects.get(campaign=campaign)
    assert (signature.user, signature.name, signature.is_legislator, signature.state) == (
        lena,
        "Lena Lawmaker",
        True,
        Signature.State.CONFIRMED,
    )
    page = client.get(f"/campaigns/{campaign.slug}/").content.decode()
    assert "1 signature" in page and "Lena Lawmaker" in page and "You signed on" in page
    again = client.post(f"/campaigns/{campaign.slug}/sign/member/", {"show_name": "on"}, follow=True)
    assert "You have already signed this statement." in again.content.decode()
    assert Signature.objects.filter(campaign=campaign).count() == 1


def test_a_member_who_is_not_a_legislator_cannot_sign_a_legislators_statement() -> None:
    campaign = make_campaign(audience=Campaign.Audience.LEGISLATORS)
    client = client_as(make_member())
    assert client.post(f"/campaigns/{campaign.slug}/sign/member/").status_code == 403
    assert "signed by legislator members only" in client.get(f"/campaigns/{campaign.slug}/").content.decode()
    assert not Signature.objects.exists()


def test_a_member_who_keeps_her_name_hidden_is_counted_but_not_listed() -> None:
    campaign = make_campaign(audience=Campaign.Audience.MEMBERS)
    maria = make_member()
    client_as(maria).post(f"/campaigns/{campaign.slug}/sign/member/")
    page = Client().get(f"/campaigns/{campaign.slug}/signatures/").content.decode()
    assert "1 signature" in page and "1 signatory chose not to be named." in page
    assert maria.display_name not in page


def test_a_public_signature_counts_only_after_the_emailed_link_is_followed(sign: Any) -> None:
    campaign = make_campaign()
    response = sign(Client(), campaign, show_name="on")
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    signature = Signature.objects.get(campaign=campaign)
    assert signature.state == Signature.State.PENDING and signature.jurisdiction.code == "CA"
    assert "0 signatures" in Client().get(f"/campaigns/{campaign.slug}/signatures/").content.decode()
    (message,) = mail_to(EMAIL)
    confirm = link_in(message, "confirm")
    assert "/campaigns/withdraw/" in message.body  # the withdrawal link comes with it
    page = Client().get(confirm)
    assert page.status_code == 200 and "Confirm my signature" in page.content.decode()
    signature.refresh_from_db()
    assert signature.state == Signature.State.PENDING  # a link checker's visit confirms nothing
    assert Client().post(confirm).status_code == 302
    signature.refresh_from_db()
    assert signature.state == Signature.State.CONFIRMED
    listed = Client().get(f"/campaigns/{campaign.slug}/signatures/").content.decode()
    assert "1 signature" in listed and "Ada Signer" in listed and "Harbour Aid" in listed and EMAIL not in listed


def test_a_second_attempt_with_the_same_address_is_told_by_email_not_on_the_page(sign: Any) -> None:
    campaign = make_campaign()
    sign(Client(), campaign)
    Client().post(link_in(mail_to(EMAIL)[0], "confirm"))
    mail.outbox.clear()
    response = sign(Client(), campaign, name="Someone Else", email=EMAIL.upper())
    page = response.content.decode()
    assert response.status_code == 200 and "Check your e-mail" in page
    assert "already" not in page.lower()
    (message,) = mail_to(EMAIL)
    assert message.subject.startswith("You have already signed")
    assert Signature.objects.filter(campaign=campaign).count() == 1
    assert Signature.objects.get(campaign=campaign).name == "Ada Signer"


def test_a_pending_address_that_signs_again_gets_a_new_link_not_a_second_signature(sign: Any) -> None:
    campaign = make_campaign()
    sign(Client(), campaign)
    sign(Client(), campaign, name="Ada B. Signer")
    assert len(mail_to(EMAIL)) == 2
    assert Signature.objects.get(campaign=campaign).name == "Ada B. Signer"


def test_an_expired_confirmation_link_counts_nothing_and_says_so(sign: Any, settings: Any) -> None:
    campaign = make_campaign()
    sign(Client(), campaign)
    confirm = link_in(mail_to(EMAIL)[0], "confirm")
    settings.CAMPAIGN_CONFIRMATION_MAX_AGE = -1
    response = Client().post(confirm)
    assert response.status_code == 410 and "has expired" in response.content.decode()
    assert Signature.objects.get(campaign=campaign).state == Signature.State.PENDING


def test_an_altered_link_is_refused(sign: Any) -> None:
    campaign = make_campaign()
    sign(Client(), campaign)
    confirm = link_in(mail_to(EMAIL)[0], "confirm")
    assert Client().post(confirm.replace(":", "x:", 1)).status_code == 404
    withdraw = link_in(mail_to(EMAIL)[0], "withdraw")
    # A withdrawal link does not confirm.
    assert Client().post(withdraw.replace("/withdraw/", "/confirm/")).status_code == 404
    assert Signature.objects.get(campaign=campaign).state == Signature.State.PENDING


def test_a_filled_honeypot_looks_like_success_but_stores_and_sends_nothing(sign: Any) -> None:
    campaign = make_campaign()
    response = sign(Client(), campaign, website="http://spam.example")
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    assert not Signature.objects.exists() and mail.outbox == []


def test_signatures_from_one_address_are_limited(sign: Any, settings: Any) -> None:
    settings.CAMPAIGN_SIGNATURES_RATE = "2/h"
    campaign = make_campaign()
    client = Client()
    assert sign(client, campaign, email="one@example.net").status_code == 200
    assert sign(client, campaign, email="two@example.net").status_code == 200
    refused = sign(client, campaign, email="three@example.net")
    assert refused.status_code == 429 and "Too many signatures" in refused.content.decode()
    assert set(Signature.objects.values_list("email", flat=True)) == {"one@example.net", "two@example.net"}


def test_the_form_says_what_is_wrong(sign: Any) -> None:
    campaign = make_campaign()
    response = sign(Client(), campaign, jurisdiction="Atlantis", email="not-an-address", name="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Atlantis" in page and "valid email" in page and "This field is required." in page
    assert not Signature.objects.exists()


def test_a_closed_campaign_takes_no_signature(sign: Any) -> None:
    campaign = make_campaign(state=Campaign.State.CLOSED)
    response = sign(Client(), campaign)
    assert response.status_code == 400 and "This campaign is closed" in response.content.decode()
    assert not Signature.objects.exists() and mail.outbox == []
    assert "does not take signatures now" in Client().get(f"/campaigns/{campaign.slug}/").content.decode()


def test_the_public_form_is_not_offered_for_a_members_campaign(sign: Any) -> None:
    campaign = make_campaign(audience=Campaign.Audience.MEMBERS)
    assert sign(Client(), campaign).status_code == 404
    assert "Members: sign in to sign." in Client().get(f"/campaigns/{campaign.slug}/").content.decode()
