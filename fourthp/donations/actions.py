"""Every write of the donations: pledges made, provider events applied once, monthly pledges cancelled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.numbers import format_currency
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from fourthp.accounts.mail import notify
from fourthp.accounts.models import AuditEvent
from fourthp.accounts.site import absolute_url
from fourthp.donations.models import Payment, Pledge, ProcessedEvent, major_units
from fourthp.donations.providers import Checkout, ProviderEvent, get_provider
from fourthp.donations.tokens import make_link_token


@dataclass(frozen=True)
class PledgeInput:
    email: str
    kind: str
    amount: int  # whole units of the currency, within DONATIONS_MIN_AMOUNT..DONATIONS_MAX_AMOUNT
    currency: str
    language: str
    list_publicly: bool = False
    public_name: str = ""


@transaction.atomic
def do_create_pledge(data: PledgeInput, *, donor: Any, success_url: str, cancel_url: str) -> tuple[Pledge, Checkout]:
    """Record a pending pledge and open the provider's checkout for it.

    If the provider cannot be reached, the pledge is not kept (ProviderError leaves the transaction)."""
    provider = get_provider()
    pledge = Pledge.objects.create(
        donor=donor if getattr(donor, "is_authenticated", False) else None,
        email=data.email.strip().lower(),
        language=data.language,
        kind=data.kind,
        amount=data.amount * 100,
        currency=data.currency,
        list_publicly=data.list_publicly and bool(data.public_name.strip()),
        public_name=data.public_name.strip() if data.list_publicly else "",
        provider=provider.name,
    )
    checkout = provider.create_checkout(pledge, success_url=success_url, cancel_url=cancel_url)
    pledge.checkout_id = checkout.id
    pledge.save(update_fields=["checkout_id"])
    AuditEvent.record(actor=donor, verb="donations.pledge_created", target=pledge)
    return pledge, checkout


def do_apply_event(event: ProviderEvent, *, provider: str) -> str:
    """Apply a verified provider event once; "replayed" when its id was applied before (nothing changes)."""
    try:
        with transaction.atomic():
            if ProcessedEvent.objects.filter(provider=provider, event_id=event.id).exists():
                return "replayed"
            ProcessedEvent.objects.create(provider=provider, event_id=event.id, kind=event.type)
            return _apply(event, provider)
    except IntegrityError:
        # The same event delivered twice at once: the other delivery holds the unique row and applied it.
        return "replayed"


def _find_pledge(event: ProviderEvent, provider: str) -> Pledge | None:
    pledges = Pledge.objects.select_for_update().filter(provider=provider)
    if event.pledge_id is not None:
        found = pledges.filter(pk=event.pledge_id).first()
        if found is not None:
            return found
    if event.checkout_id:
        found = pledges.filter(checkout_id=event.checkout_id).first()
        if found is not None:
            return found
    if event.subscription_id:
        return pledges.filter(subscription_id=event.subscription_id).first()
    return None


def _apply(event: ProviderEvent, provider: str) -> str:
    if event.kind == "ignored":
        return "ignored"
    pledge = _find_pledge(event, provider)
    if pledge is None:
        return "ignored"  # another product's event on the same provider account
    if event.subscription_id and not pledge.subscription_id and event.kind != "subscription_ended":
        pledge.subscription_id = event.subscription_id
    if event.kind == "checkout_completed":
        if pledge.status == Pledge.Status.PENDING and pledge.kind == Pledge.Kind.MONTHLY:
            pledge.status = Pledge.Status.ACTIVE
    elif event.kind in ("payment_succeeded", "invoice_paid"):
        _record_payment(pledge, event)
        if pledge.status == Pledge.Status.PENDING:
            pledge.status = Pledge.Status.PAID if pledge.kind == Pledge.Kind.ONE_OFF else Pledge.Status.ACTIVE
    elif event.kind == "subscription_ended":
        pledge.status = Pledge.Status.ENDED
        pledge.ends_at = pledge.ends_at or event.at or timezone.now()
    pledge.save()
    AuditEvent.record(actor=None, verb=f"donations.{event.kind}", target=pledge, event=event.id)
    return event.kind


def _record_payment(pledge: Pledge, event: ProviderEvent) -> None:
    if Payment.objects.filter(reference=event.reference).exists():
        return
    payment = Payment.objects.create(
        pledge=pledge,
        reference=event.reference,
        amount=event.amount or pledge.amount,
        currency=event.currency or pledge.currency,
        paid_at=event.at or timezone.now(),
        period_end=event.period_end,
    )
    send_receipt(payment)


def money(amount_minor: int, currency: str, language: str) -> str:
    """An amount as the donor's language writes it ("$25.00", "25,00 €")."""
    return format_currency(major_units(amount_minor), currency, locale=language.replace("-", "_") or "en")


def pledges_link(email: str) -> str:
    return absolute_url(reverse("donations-pledges", kwargs={"token": make_link_token(email)}))


def send_receipt(payment: Payment) -> None:
    """The receipt of one payment, in the donor's language, queued with the payment's write."""
    pledge = payment.pledge
    notify(
        "donations_receipt",
        [pledge.email],
        {
            "organisation": settings.SITE_NAME,
            "amount": money(payment.amount, payment.currency, pledge.language),
            "currency": payment.currency,
            "paid_at": payment.paid_at,
            "reference": payment.reference,
            "monthly": pledge.kind == Pledge.Kind.MONTHLY,
            "pledges_url": pledges_link(pledge.email),
        },
        language=pledge.language,
    )


@transaction.atomic
def do_cancel_pledge(pledge: Pledge, *, acting_user: Any) -> Pledge:
    """Stop a monthly pledge at the provider: nothing more is charged, the paid month runs out."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if not pledge.can_cancel:
        return pledge
    last = pledge.payments.exclude(period_end=None).order_by("-period_end").first()
    paid_until = last.period_end if last else None
    ends_at = get_provider().cancel_subscription(pledge.subscription_id, paid_until=paid_until)
    pledge.status = Pledge.Status.CANCELLING
    pledge.ends_at = ends_at
    pledge.save(update_fields=["status", "ends_at"])
    AuditEvent.record(actor=acting_user, verb="donations.pledge_cancelled", target=pledge)
    return pledge


def do_send_pledges_link(email: str) -> None:
    """E-mail the link to her pledges, only if the address has made any (the page never says which)."""
    email = email.strip().lower()
    language = Pledge.objects.of_email(email).values_list("language", flat=True).first()
    if language is not None:
        notify(
            "donations_link",
            [email],
            {"pledges_url": pledges_link(email), "days": max(1, settings.DONATIONS_LINK_MAX_AGE // 86400)},
            language=language,
        )


@transaction.atomic
def forget_account(user: Any) -> None:
    """Inside account deletion: her pledges keep their amounts for the accounts, but lose who she is."""
    Pledge.objects.filter(donor=user).update(donor=None, email="", public_name="", list_publicly=False)
