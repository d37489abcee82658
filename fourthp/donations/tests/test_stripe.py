"""The Stripe adapter, without the network: its checkout parameters and its webhook verification."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fourthp.donations.models import Pledge
from fourthp.donations.providers import StripeProvider, WebhookRefused, sign

pytestmark = pytest.mark.django_db


class _Sessions:
    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def create(self, params: dict[str, Any]) -> Any:
        self.params = params
        return type("Session", (), {"id": "cs_live_1", "url": "https://checkout.stripe.com/c/pay/cs_live_1"})()


def _pledge(kind: str) -> Pledge:
    return Pledge.objects.create(
        email="ana@example.net", language="en", kind=kind, amount=2500, currency="EUR", provider="stripe"
    )


@pytest.mark.parametrize(("kind", "mode"), [("monthly", "subscription"), ("one_off", "payment")])
def test_a_pledge_opens_a_hosted_checkout_in_the_right_mode(kind: str, mode: str, monkeypatch: Any) -> None:
    sessions = _Sessions()
    client = type("Client", (), {"v1": type("V1", (), {"checkout": type("C", (), {"sessions": sessions})()})()})()
    monkeypatch.setattr(StripeProvider, "_client", lambda self: client)
    pledge = _pledge(kind)
    checkout = StripeProvider().create_checkout(pledge, success_url="https://s/ok", cancel_url="https://s/no")
    assert checkout.url.startswith("https://checkout.stripe.com/")
    params = sessions.params
    assert params["mode"] == mode and params["metadata"] == {"pledge": str(pledge.pk)}
    [item] = params["line_items"]
    assert item["price_data"]["unit_amount"] == 2500 and item["price_data"]["currency"] == "eur"
    assert ("recurring" in item["price_data"]) == (kind == "monthly")


def test_stripe_webhooks_are_verified_with_stripes_library(settings: Any) -> None:
    settings.STRIPE_WEBHOOK_SECRET = "whsec_example"
    event = {
        "id": "evt_1",
        "object": "event",
        "type": "invoice.paid",
        "created": 1764806400,
        "data": {"object": {"id": "in_1", "amount_paid": 2500, "currency": "eur", "subscription": "sub_1"}},
    }
    body = json.dumps(event).encode()
    parsed = StripeProvider().parse_webhook(body, {"Stripe-Signature": sign(body, "whsec_example")})
    assert (parsed.kind, parsed.reference, parsed.amount, parsed.currency) == ("invoice_paid", "in_1", 2500, "EUR")
    assert parsed.subscription_id == "sub_1"
    with pytest.raises(WebhookRefused):
        StripeProvider().parse_webhook(body + b" ", {"Stripe-Signature": sign(body, "whsec_example")})
    with pytest.raises(WebhookRefused):
        StripeProvider().parse_webhook(body, {"Stripe-Signature": sign(body, "whsec_other")})
