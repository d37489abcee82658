"""The payment-provider adapter: one interface, Stripe behind it in production and a test double elsewhere.

A provider (1) makes a hosted checkout for a pledge, once or monthly, and gives the address of its page, so
card data is typed on the provider's page and never reaches this server; (2) verifies a webhook's signature
and turns its body into a `ProviderEvent`; (3) cancels a monthly subscription at the end of the paid month.

Both providers speak the same events, in Stripe's shapes (checkout.session.completed, invoice.paid,
customer.subscription.deleted), and both sign them the same way: the header `t=<unix time>,v1=<hex HMAC-SHA256
of "<t>.<body>">`, refused when the signature is wrong or older than SIGNATURE_TOLERANCE seconds. So the
verification tested with the test double is the same kind of check Stripe's library makes.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

from fourthp.donations.models import Pledge

SIGNATURE_TOLERANCE = 300


class WebhookRefused(Exception):
    """The webhook's signature is missing, wrong or too old, or its body is not an event."""


class ProviderError(Exception):
    """The provider could not do what was asked (unreachable, refused); nothing was changed here."""


@dataclass(frozen=True)
class Checkout:
    id: str
    url: str


@dataclass(frozen=True)
class ProviderEvent:
    """What a webhook says happened, in the provider's neutral terms.

    `kind` is "checkout_completed", "payment_succeeded" (a one-off payment), "invoice_paid" (a month of a
    monthly pledge), "subscription_ended", or "ignored" for any other event.
    """

    id: str
    type: str
    kind: str
    pledge_id: int | None = None
    checkout_id: str = ""
    subscription_id: str = ""
    reference: str = ""
    amount: int = 0
    currency: str = ""
    at: datetime | None = None
    period_end: datetime | None = None


class PaymentProvider(Protocol):
    name: str

    def create_checkout(self, pledge: Pledge, *, success_url: str, cancel_url: str) -> Checkout: ...

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> ProviderEvent: ...

    def cancel_subscription(self, subscription_id: str, *, paid_until: datetime | None) -> datetime: ...


# --------------------------------------------------------------------------- the shared event reading


def _when(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value), tz=UTC) if isinstance(value, int | float) else None


def _pledge_id(metadata: Any) -> int | None:
    value = (metadata or {}).get("pledge") if isinstance(metadata, dict) else None
    return int(value) if isinstance(value, str | int) and str(value).isdigit() else None


def _invoice_subscription(invoice: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The subscription of an invoice and its metadata, in the API's older and newer shapes."""
    details = ((invoice.get("parent") or {}).get("subscription_details")) or {}
    subscription = details.get("subscription") or invoice.get("subscription") or ""
    metadata = details.get("metadata") or invoice.get("subscription_details", {}).get("metadata") or {}
    return str(subscription), metadata


def read_event(event: dict[str, Any]) -> ProviderEvent:
    """A verified event's body (Stripe's shape) as a ProviderEvent."""
    try:
        event_id, event_type, thing = str(event["id"]), str(event["type"]), event["data"]["object"]
    except (KeyError, TypeError) as exc:
        raise WebhookRefused("The body is not an event.") from exc
    if not isinstance(thing, dict):
        raise WebhookRefused("The event has no object.")
    base = ProviderEvent(id=event_id, type=event_type, kind="ignored", at=_when(event.get("created")))
    # A one-off payment by a slow method (a bank debit) completes the checkout unpaid and succeeds later.
    if event_type in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        pledge_id = _pledge_id(thing.get("metadata"))
        if thing.get("mode") == "payment" and thing.get("payment_status") == "paid":
            return replace(
                base,
                kind="payment_succeeded",
                pledge_id=pledge_id,
                checkout_id=str(thing.get("id") or ""),
                reference=str(thing.get("payment_intent") or thing.get("id") or ""),
                amount=int(thing.get("amount_total") or 0),
                currency=str(thing.get("currency") or "").upper(),
            )
        return replace(
            base,
            kind="checkout_completed",
            pledge_id=pledge_id,
            checkout_id=str(thing.get("id") or ""),
            subscription_id=str(thing.get("subscription") or ""),
        )
    if event_type == "invoice.paid":
        subscription, metadata = _invoice_subscription(thing)
        lines = (thing.get("lines") or {}).get("data") or [{}]
        period = (lines[0] or {}).get("period") or {}
        return replace(
            base,
            kind="invoice_paid",
            pledge_id=_pledge_id(metadata),
            subscription_id=subscription,
            reference=str(thing.get("id") or ""),
            amount=int(thing.get("amount_paid") or 0),
            currency=str(thing.get("currency") or "").upper(),
            period_end=_when(period.get("end")),
        )
    if event_type == "customer.subscription.deleted":
        return replace(
            base,
            kind="subscription_ended",
            pledge_id=_pledge_id(thing.get("metadata")),
            subscription_id=str(thing.get("id") or ""),
            at=_when(thing.get("ended_at")) or base.at,
        )
    return base


# --------------------------------------------------------------------------- the test double


def sign(body: bytes, secret: str, *, timestamp: int | None = None) -> str:
    """The signature header of `body`: `t=<time>,v1=<HMAC-SHA256 of "<time>.<body>">`."""
    moment = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{moment}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={moment},v1={digest}"


def verify(body: bytes, header: str, secret: str) -> None:
    """Refuse a body whose signature header is missing, wrong, or older than SIGNATURE_TOLERANCE."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    moment = parts.get("t", "")
    if not secret or not moment.isdigit() or "v1" not in parts:
        raise WebhookRefused("The signature is missing.")
    if abs(time.time() - int(moment)) > SIGNATURE_TOLERANCE:
        raise WebhookRefused("The signature is too old.")
    expected = sign(body, secret, timestamp=int(moment)).rsplit("v1=", 1)[1]
    if not hmac.compare_digest(expected, parts["v1"]):
        raise WebhookRefused("The signature does not match.")


class TestProvider:
    """A provider that moves no money and needs no network: its "hosted page" is a page of this site,
    labelled as a test, and its webhooks are signed with DONATIONS_TEST_WEBHOOK_SECRET."""

    __test__ = False  # a provider, not a test class

    name = "test"
    header = "X-Test-Provider-Signature"

    @staticmethod
    def secret() -> str:
        configured: str = settings.DONATIONS_TEST_WEBHOOK_SECRET
        return configured or salted_hmac("fourthp.donations.test-provider", "webhook").hexdigest()

    def create_checkout(self, pledge: Pledge, *, success_url: str, cancel_url: str) -> Checkout:
        checkout_id = f"cs_test_{secrets.token_hex(12)}"
        return Checkout(checkout_id, reverse("donations-test-checkout", kwargs={"checkout_id": checkout_id}))

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> ProviderEvent:
        verify(body, headers.get(self.header, ""), self.secret())
        try:
            event = json.loads(body)
        except ValueError as exc:
            raise WebhookRefused("The body is not JSON.") from exc
        return read_event(event)

    def cancel_subscription(self, subscription_id: str, *, paid_until: datetime | None) -> datetime:
        # As Stripe does with cancel_at_period_end: nothing more is charged, the paid month runs out.
        return paid_until or datetime.now(tz=UTC)

    def signed(self, event: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
        """An event as the test provider delivers it: its body and signature header."""
        body = json.dumps(event).encode()
        return body, {self.header: sign(body, self.secret())}


def simulated_event(event_type: str, thing: dict[str, Any]) -> dict[str, Any]:
    """A new event of the test provider, in Stripe's shape."""
    return {
        "id": f"evt_test_{secrets.token_hex(12)}",
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": thing},
    }


# --------------------------------------------------------------------------- Stripe


class StripeProvider:
    """Stripe Checkout (hosted pages) through the official `stripe` package, keyed by STRIPE_SECRET_KEY."""

    name = "stripe"
    header = "Stripe-Signature"

    def _client(self) -> Any:
        import stripe

        if not settings.STRIPE_SECRET_KEY:
            raise ProviderError("STRIPE_SECRET_KEY is not set.")
        return stripe.StripeClient(settings.STRIPE_SECRET_KEY)

    def create_checkout(self, pledge: Pledge, *, success_url: str, cancel_url: str) -> Checkout:
        import stripe

        metadata = {"pledge": str(pledge.pk)}
        price: dict[str, Any] = {
            "currency": pledge.currency.lower(),
            "unit_amount": pledge.amount,
            "product_data": {"name": f"{settings.SITE_NAME} donation"},
        }
        params: dict[str, Any] = {
            "success_url": success_url,
            "cancel_url": cancel_url,
            "client_reference_id": str(pledge.pk),
            "customer_email": pledge.email,
            "metadata": metadata,
            "locale": "auto",
        }
        if pledge.kind == Pledge.Kind.MONTHLY:
            price["recurring"] = {"interval": "month"}
            params |= {"mode": "subscription", "subscription_data": {"metadata": metadata}}
        else:
            params |= {"mode": "payment", "payment_intent_data": {"metadata": metadata}}
        params["line_items"] = [{"price_data": price, "quantity": 1}]
        try:
            session = self._client().v1.checkout.sessions.create(params=params)
        except stripe.StripeError as exc:
            raise ProviderError(str(exc)) from exc
        return Checkout(str(session.id), str(session.url))

    def parse_webhook(self, body: bytes, headers: dict[str, str]) -> ProviderEvent:
        import stripe

        secret = settings.STRIPE_WEBHOOK_SECRET
        if not secret:
            raise WebhookRefused("STRIPE_WEBHOOK_SECRET is not set.")
        try:
            event = stripe.Webhook.construct_event(body, headers.get(self.header, ""), secret)
        except (stripe.SignatureVerificationError, ValueError) as exc:
            raise WebhookRefused(str(exc)) from exc
        return read_event(event.to_dict())

    def cancel_subscription(self, subscription_id: str, *, paid_until: datetime | None) -> datetime:
        import stripe

        try:
            subscription = self._client().v1.subscriptions.update(
                subscription_id, params={"cancel_at_period_end": True}
            )
        except stripe.StripeError as exc:
            raise ProviderError(str(exc)) from exc
        return _when(subscription.get("cancel_at")) or paid_until or datetime.now(tz=UTC)


def get_provider() -> PaymentProvider:
    """The provider DONATIONS_PROVIDER names."""
    if settings.DONATIONS_PROVIDER == "stripe":
        return StripeProvider()
    return TestProvider()


def one_month_after(start: datetime) -> datetime:
    """The same day of the next month (the month's last day when it has fewer days), as monthly billing counts."""
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return start.replace(year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1]))


def simulated_checkout_events(pledge: Pledge, *, paid_at: datetime | None = None) -> list[dict[str, Any]]:
    """What the test provider sends when its checkout page is paid: the completed checkout, and for a monthly
    pledge the first month's invoice."""
    metadata = {"pledge": str(pledge.pk)}
    if pledge.kind == Pledge.Kind.ONE_OFF:
        session = {
            "id": pledge.checkout_id,
            "object": "checkout.session",
            "mode": "payment",
            "payment_status": "paid",
            "payment_intent": f"pi_test_{secrets.token_hex(12)}",
            "amount_total": pledge.amount,
            "currency": pledge.currency.lower(),
            "metadata": metadata,
        }
        return [simulated_event("checkout.session.completed", session)]
    subscription = f"sub_test_{secrets.token_hex(12)}"
    session = {
        "id": pledge.checkout_id,
        "object": "checkout.session",
        "mode": "subscription",
        "payment_status": "paid",
        "subscription": subscription,
        "metadata": metadata,
    }
    return [
        simulated_event("checkout.session.completed", session),
        simulated_invoice_event(pledge, subscription, start=paid_at or datetime.now(tz=UTC)),
    ]


def simulated_invoice_event(pledge: Pledge, subscription: str, *, start: datetime) -> dict[str, Any]:
    """The test provider's invoice.paid for the month of a monthly pledge that begins at `start`."""
    end = one_month_after(start)
    invoice = {
        "id": f"in_test_{secrets.token_hex(12)}",
        "object": "invoice",
        "amount_paid": pledge.amount,
        "currency": pledge.currency.lower(),
        "parent": {"subscription_details": {"subscription": subscription, "metadata": {"pledge": str(pledge.pk)}}},
        "lines": {"data": [{"period": {"start": int(start.timestamp()), "end": int(end.timestamp())}}]},
    }
    event = simulated_event("invoice.paid", invoice)
    event["created"] = int(start.timestamp())
    return event


def simulated_subscription_ended(subscription: str, *, ended_at: datetime) -> dict[str, Any]:
    thing = {"id": subscription, "object": "subscription", "status": "canceled", "ended_at": int(ended_at.timestamp())}
    return simulated_event("customer.subscription.deleted", thing)
