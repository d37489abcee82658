"""Pledges, the payments made on them, the provider events already handled, and the spending lines.

Amounts are kept in the currency's minor unit (cents), as payment providers count them; every currency
offered has two decimal places. Card data never reaches this database: the provider's hosted page takes it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def major_units(amount_minor: int) -> Decimal:
    return (Decimal(amount_minor) / 100).quantize(Decimal("0.01"))


class PledgeQuerySet(models.QuerySet["Pledge"]):
    def of_user(self, user: Any) -> PledgeQuerySet:
        return self.filter(donor=user)

    def of_email(self, email: str) -> PledgeQuerySet:
        return self.filter(email__iexact=email) if email else self.none()


class Pledge(models.Model):
    """A donor's promise to give once or every month, made real by the provider's payments."""

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("Once")
        MONTHLY = "monthly", _("Every month")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for payment")
        PAID = "paid", _("Paid")
        ACTIVE = "active", _("Active")
        CANCELLING = "cancelling", _("Cancelled, ends at the end of the paid month")
        ENDED = "ended", _("Ended")

    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pledges",
        help_text="The account that made the pledge, if she was signed in; empty once the account is deleted.",
    )
    email = models.EmailField(blank=True, help_text="Where receipts are sent; erased with the donor's account.")
    language = models.CharField(max_length=10, help_text="The language receipts are written in.")
    kind = models.CharField(max_length=10, choices=Kind.choices, help_text="Once, or every month until cancelled.")
    amount = models.PositiveIntegerField(help_text="The pledged amount in the currency's minor unit (cents).")
    currency = models.CharField(max_length=3, help_text="ISO 4217 code, one of DONATIONS_CURRENCIES.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    list_publicly = models.BooleanField(
        default=False, help_text="The donor chose to be named on the public use-of-resources page."
    )
    public_name = models.CharField(
        max_length=120, blank=True, help_text="The name she chose to be listed under (only when list_publicly)."
    )
    provider = models.CharField(max_length=20, help_text="The payment provider that took the pledge.")
    checkout_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True, help_text="The provider's checkout session."
    )
    subscription_id = models.CharField(
        max_length=255, blank=True, db_index=True, help_text="The provider's subscription of a monthly pledge."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="When a cancelled monthly pledge stops: the end of the last paid month."
    )

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {major_units(self.amount)} {self.currency}"

    @property
    def amount_major(self) -> Decimal:
        return major_units(self.amount)

    @property
    def can_cancel(self) -> bool:
        return self.kind == self.Kind.MONTHLY and self.status == self.Status.ACTIVE and bool(self.subscription_id)


class Payment(models.Model):
    """Money received on a pledge: the one payment of a one-off pledge, one per month of a monthly one."""

    pledge = models.ForeignKey(Pledge, on_delete=models.PROTECT, related_name="payments")
    reference = models.CharField(
        max_length=255, unique=True, help_text="The provider's payment or invoice; one payment per reference."
    )
    amount = models.PositiveIntegerField(help_text="The amount received in the currency's minor unit (cents).")
    currency = models.CharField(max_length=3, help_text="ISO 4217 code.")
    paid_at = models.DateTimeField(help_text="When the provider says the payment succeeded.")
    period_end = models.DateTimeField(
        null=True, blank=True, help_text="For a monthly pledge, the end of the month this payment covers."
    )

    class Meta:
        ordering = ["-paid_at", "-pk"]

    def __str__(self) -> str:
        return f"{major_units(self.amount)} {self.currency} on {self.paid_at:%Y-%m-%d}"

    @property
    def amount_major(self) -> Decimal:
        return major_units(self.amount)


class ProcessedEvent(models.Model):
    """A provider event already handled: a replay of the same event id changes nothing."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255, help_text="The provider's event id.")
    kind = models.CharField(max_length=80, help_text="The provider's event type.")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="donations_event_once")]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id}"


class SpendingLine(models.Model):
    """How received resources were used, one line per purpose and year (edited in the admin)."""

    year = models.PositiveIntegerField(help_text="The year the money was spent.")
    purpose = models.CharField(max_length=200, help_text="What the money paid for, in plain words.")
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="The amount spent.")
    currency = models.CharField(max_length=3, help_text="ISO 4217 code.")
    source = models.CharField(
        max_length=300, help_text="Where the figure comes from (the accounts, an audit report, an invoice)."
    )
    source_url = models.URLField(blank=True, help_text="A link to the source, if it is published.")
    funded_by = models.CharField(
        max_length=200, blank=True, help_text="Which resources paid for it (donations, a named grant)."
    )

    class Meta:
        ordering = ["-year", "purpose"]

    def __str__(self) -> str:
        return f"{self.year} {self.purpose}"
