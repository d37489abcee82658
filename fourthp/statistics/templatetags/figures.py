"""Numbers of the statistics registry, written as the reader's language writes them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from fourthp.assessments.queries import Coverage
from fourthp.statistics.queries import ProvisionShare

register = template.Library()


@register.filter
def figure(value: Decimal | int | None, decimal_pos: Any = None) -> str:
    """`{{ figure.shown_value|figure }}`: 49,600,000 in English, 49.600.000 in Spanish, 99,5 in French."""
    if value is None or value == "":
        return ""
    return number_format(
        value, decimal_pos=int(decimal_pos) if decimal_pos not in (None, "") else None, force_grouping=True
    )


@register.filter
def lacking_share(coverage: Coverage) -> ProvisionShare:
    """A provision's coverage at one level as the share of assessed jurisdictions lacking it."""
    return ProvisionShare(coverage)
