"""Reads shared by the donation pages and their JSON twin."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from fourthp.donations.models import Payment, Pledge, SpendingLine, major_units


def pledges_of(*, user: Any = None, email: str = "") -> list[Pledge]:
    """A donor's pledges with their payments: those of her account, or those made with her address."""
    found = Pledge.objects.of_user(user) if user is not None else Pledge.objects.of_email(email)
    return list(found.prefetch_related("payments"))


def received_by_month() -> list[dict[str, Any]]:
    """Money received, by year, month and currency, newest first (never who gave it)."""
    rows = (
        Payment.objects.annotate(year=ExtractYear("paid_at"), month=ExtractMonth("paid_at"))
        .values("year", "month", "currency")
        .annotate(total=Sum("amount"), payments=Count("pk"))
        .order_by("-year", "-month", "currency")
    )
    return [
        {
            "year": row["year"],
            "month": row["month"],
            "currency": row["currency"],
            "total": major_units(row["total"]),
            "payments": row["payments"],
        }
        for row in rows
    ]


def received_by_year(months: list[dict[str, Any]]) -> list[dict[str, Any]]:
    totals: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for row in months:
        totals[(row["year"], row["currency"])] += row["total"]
    return [
        {"year": year, "currency": currency, "total": total}
        for (year, currency), total in sorted(totals.items(), key=lambda item: (-item[0][0], item[0][1]))
    ]


def spending_lines() -> list[SpendingLine]:
    return list(SpendingLine.objects.all())


def public_donors() -> list[str]:
    """The names of donors who chose to be listed and whose pledge has been paid at least once."""
    names = (
        Pledge.objects.filter(list_publicly=True, payments__isnull=False)
        .exclude(public_name="")
        .values_list("public_name", flat=True)
        .distinct()
        .order_by("public_name")
    )
    return list(names)


def personal_data_of(user: Any) -> list[dict[str, Any]]:
    """Her pledges and payments, for her personal-data download."""
    return [
        {
            "kind": pledge.kind,
            "amount": str(pledge.amount_major),
            "currency": pledge.currency,
            "status": pledge.status,
            "email": pledge.email,
            "listed_publicly_as": pledge.public_name if pledge.list_publicly else None,
            "created_at": pledge.created_at.isoformat(),
            "ends_at": pledge.ends_at.isoformat() if pledge.ends_at else None,
            "payments": [
                {"amount": str(p.amount_major), "currency": p.currency, "paid_at": p.paid_at.isoformat()}
                for p in pledge.payments.all()
            ],
        }
        for pledge in pledges_of(user=user)
    ]
