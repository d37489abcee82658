"""Pledges through the test provider, end to end through the pages and the webhook."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from fourthp.accounts.actions import do_delete_account
from fourthp.donations.models import Payment, Pledge, ProcessedEvent, SpendingLine
from fourthp.donations.providers import (
    TestProvider,
    sign,
    simulated_checkout_events,
    simulated_invoice_event,
    simulated_subscription_ended,
)
from fourthp.donations.tokens import make_link_token
from fourthp.testing import client_as, make_member

pytestmark = pytest.mark.django_db

WEBHOOK = "/donate/webhook/"


def _pledge(client: Client, **fields: Any) -> tuple[Pledge, str]:
    """Fill in the pledge form; the pledge and the address of the provider's checkout page."""
    data = {"kind": "monthly", "amount": "25", "currency": "USD", "email": "ana@example.net", **fields}
    response = client.post("/donate/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Pledge.objects.latest("pk"), response["Location"]


def _post_event(client: Client, event: dict[str, Any]) -> Any:
    body, headers = TestProvider().signed(event)
    return client.post(WEBHOOK, body, content_type="application/json", headers=headers)


def _without_csrf(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def _links_in(message: Any) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_a_monthly_pledge_is_created_renewed_and_cancelled_through_the_test_provider(sending: Any) -> None:
    client = Client()
    pledge, checkout = _pledge(client)
    assert checkout == f"/donate/test-checkout/{pledge.checkout_id}/"
    assert (pledge.status, pledge.amount, pledge.currency, pledge.kind) == ("pending", 2500, "USD", "monthly")

    page = client.get(checkout)
    assert page.status_code == 200 and "Test payment provider" in page.content.decode()
    with sending():
        paid = client.post(checkout, {"choice": "pay"})
    assert paid["Location"] == "/donate/thanks/"
    pledge.refresh_from_db()
    assert pledge.status == "active" and pledge.subscription_id.startswith("sub_test_")
    [first] = pledge.payments.all()
    assert first.amount == 2500 and first.period_end is not None
    [receipt] = mail.outbox
    assert receipt.to == ["ana@example.net"] and "Fourth P" in receipt.subject
    assert "$25.00" in receipt.body and "(USD)" in receipt.body
    # The checkout page was for one payment: it is gone once paid.
    assert client.get(checkout).status_code == 404

    # The provider charges the next month and says so by webhook: a second payment and a second receipt.
    with sending():
        renewal = _post_event(client, simulated_invoice_event(pledge, pledge.subscription_id, start=first.period_end))
    assert renewal.status_code == 200 and renewal.json() == {"outcome": "invoice_paid"}
    assert pledge.payments.count() == 2 and len(mail.outbox) == 2
    second = pledge.payments.order_by("-paid_at").first()
    assert second is not None and second.paid_at == first.period_end

    # She follows the receipt's link and cancels: nothing more is charged, the paid month runs out.
    [link] = _links_in(mail.outbox[-1])
    own_page = client.get(link.removeprefix("http://testserver"))
    assert own_page.status_code == 200 and own_page.content.decode().count("25.00 USD") == 3
    cancelled = client.post(link.removeprefix("http://testserver"), {"pledge": pledge.pk})
    assert cancelled.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == "cancelling" and pledge.ends_at == second.period_end
    assert "Ends on" in client.get(cancelled["Location"]).content.decode()

    # At the month's end the provider ends the subscription.
    ended = _post_event(client, simulated_subscription_ended(pledge.subscription_id, ended_at=second.period_end))
    assert ended.json() == {"outcome": "subscription_ended"}
    pledge.refresh_from_db()
    assert pledge.status == "ended" and pledge.ends_at == second.period_end
    assert not pledge.can_cancel


def test_a_tampered_webhook_is_refused_and_changes_nothing(sending: Any) -> None:
    client = Client()
    pledge, _checkout = _pledge(client, kind="one_off")
    [event] = simulated_checkout_events(pledge)
    body, headers = TestProvider().signed(event)
    tampered = body.replace(b'"amount_total": 2500', b'"amount_total": 1')
    assert tampered != body
    old = json.dumps(event).encode()
    forged = [
        (tampered, headers),  # the body changed after signing
        (body, {TestProvider.header: sign(body, "not-the-secret")}),  # signed with another secret
        (old, {TestProvider.header: sign(old, TestProvider.secret(), timestamp=int(time.time()) - 3600)}),  # too old
        (body, {}),  # not signed
    ]
    with sending():
        for forged_body, forged_headers in forged:
            response = client.post(WEBHOOK, forged_body, content_type="application/json", headers=forged_headers)
            assert response.status_code == 400
    pledge.refresh_from_db()
    assert pledge.status == "pending"
    assert not Payment.objects.exists() and not ProcessedEvent.objects.exists() and not mail.outbox


def test_a_replayed_webhook_changes_nothing(sending: Any) -> None:
    client = Client()
    pledge, _checkout = _pledge(client, kind="one_off", amount="40", currency="EUR")
    [event] = simulated_checkout_events(pledge)
    body, headers = TestProvider().signed(event)
    with sending():
        first = client.post(WEBHOOK, body, content_type="application/json", headers=headers)
        replay = client.post(WEBHOOK, body, content_type="application/json", headers=headers)
    assert first.json() == {"outcome": "payment_succeeded"} and replay.json() == {"outcome": "replayed"}
    pledge.refresh_from_db()
    assert pledge.status == "paid"
    assert Payment.objects.get().amount == 4000 and ProcessedEvent.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_receipt_is_written_in_the_donors_language(sending: Any) -> None:
    client = Client()
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    pledge, checkout = _pledge(client, kind="one_off", amount="1234", currency="EUR")
    assert pledge.language == "es"
    with sending():
        client.post(checkout, {"choice": "pay"})
    [receipt] = mail.outbox
    assert "1234,00\xa0€" in receipt.body or "1.234,00\xa0€" in receipt.body


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"amount": "0"}, "Amount must be a whole number between 1 and 10,000."),
        ({"amount": "10001"}, "Amount must be a whole number between 1 and 10,000."),
        ({"amount": "12.50"}, "Amount must be a whole number between 1 and 10,000."),
        ({"currency": "XYZ"}, "Choose one of the currencies offered."),
        ({"list_publicly": "on"}, "Give the name to list, or leave the box unticked."),
    ],
)
def test_a_pledge_outside_the_bounds_is_refused_in_plain_words(fields: dict[str, str], message: str) -> None:
    data = {"kind": "one_off", "amount": "25", "currency": "USD", "email": "ana@example.net", **fields}
    response = Client().post("/donate/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Pledge.objects.exists()


def test_starting_pledges_is_rate_limited(settings: Any) -> None:
    settings.DONATIONS_PLEDGES_RATE = "2/h"
    client = Client()
    data = {"kind": "one_off", "amount": "25", "currency": "USD", "email": "ana@example.net"}
    statuses = [client.post("/donate/", data, REMOTE_ADDR="203.0.113.9").status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Pledge.objects.count() == 2


def test_a_donors_pledges_are_shown_only_to_her() -> None:
    maria, other = make_member(), make_member()
    other.username, other.email = "olga", "olga@example.net"
    other.save()
    pledge, _checkout = _pledge(client_as(maria), email="maria-gives@example.net")
    assert pledge.donor == maria
    Payment.objects.create(pledge=pledge, reference="in_1", amount=2500, currency="USD", paid_at=datetime.now(UTC))
    pledge.status, pledge.subscription_id = "active", "sub_1"
    pledge.save()

    assert "maria-gives@example.net" not in client_as(other).get("/donate/mine/").content.decode()
    assert client_as(other).post("/donate/mine/", {"pledge": pledge.pk}).status_code == 404
    assert client_as(maria).get("/donate/mine/").content.decode().count("25.00 USD") == 2
    # A link made for another address does not reach her pledge, and neither does an altered one.
    olgas = f"/donate/pledges/{make_link_token('olga@example.net')}/"
    assert "25.00 USD" not in Client().get(olgas).content.decode()
    assert Client().post(olgas, {"pledge": pledge.pk}).status_code == 404
    assert Client().get(f"/donate/pledges/{make_link_token('maria-gives@example.net')}x/").status_code == 404
    pledge.refresh_from_db()
    assert pledge.status == "active"


def test_an_expired_link_is_refused(settings: Any) -> None:
    token = make_link_token("ana@example.net")
    settings.DONATIONS_LINK_MAX_AGE = -1
    assert Client().get(f"/donate/pledges/{token}/").status_code == 410


def test_asking_for_the_link_never_says_whether_the_address_gave(sending: Any) -> None:
    client = Client()
    _pledge(client, email="ana@example.net")
    with sending():
        gave = client.post("/donate/link/", {"email": "ANA@example.net"})
        did_not = client.post("/donate/link/", {"email": "nobody@example.net"})
    assert gave.status_code == did_not.status_code == 200
    assert _without_csrf(gave.content.decode()) == _without_csrf(did_not.content.decode())
    [message] = mail.outbox
    assert message.to == ["ana@example.net"]
    [link] = _links_in(message)
    assert Client().get(link.removeprefix("http://testserver")).content.decode().count("25.00 USD") == 1


def test_the_use_of_resources_page_names_only_donors_who_chose_to_be_named() -> None:
    client = Client()
    listed, _ = _pledge(client, email="a@example.net", list_publicly="on", public_name="Ana Díaz")
    unlisted, _ = _pledge(client, email="b@example.net", public_name="Bea Secret")
    paid_at = datetime(2026, 3, 5, tzinfo=UTC)
    for number, pledge in enumerate([listed, unlisted]):
        Payment.objects.create(pledge=pledge, reference=f"pi_{number}", amount=2500, currency="USD", paid_at=paid_at)
    Payment.objects.create(
        pledge=listed, reference="pi_9", amount=1000, currency="USD", paid_at=paid_at + timedelta(days=40)
    )
    SpendingLine.objects.create(
        year=2026, purpose="Translation of briefs", amount="45.00", currency="USD", source="2026 accounts"
    )
    page = client.get("/use-of-resources/").content.decode()
    assert "Ana Díaz" in page and "Bea Secret" not in page and "b@example.net" not in page
    assert "Translation of briefs" in page and "2026 accounts" in page
    data = client.get("/use-of-resources.json").json()
    assert data["received_by_year"] == [{"year": 2026, "currency": "USD", "total": "60.00"}]
    assert [(m["month"], m["total"], m["payments"]) for m in data["received_by_month"]] == [
        (4, "10.00", 1),
        (3, "50.00", 2),
    ]
    assert data["donors_listed_by_choice"] == ["Ana Díaz"]


def test_her_pledges_are_in_her_personal_data_and_anonymised_with_her_account() -> None:
    maria = make_member()
    pledge, _ = _pledge(client_as(maria), email="maria@example.net", list_publicly="on", public_name="Maria")
    Payment.objects.create(pledge=pledge, reference="in_1", amount=2500, currency="USD", paid_at=datetime.now(UTC))
    [record] = client_as(maria).get("/profile/data.json").json()["donations"]
    assert record["email"] == "maria@example.net" and record["payments"][0]["amount"] == "25.00"

    do_delete_account(maria, acting_user=maria)

    pledge.refresh_from_db()
    assert (pledge.donor, pledge.email, pledge.public_name, pledge.list_publicly) == (None, "", "", False)
    assert Payment.objects.get().amount == 2500  # the accounts keep what was received
