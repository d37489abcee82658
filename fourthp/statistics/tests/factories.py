"""Plain factories for the registry's tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fourthp.statistics.models import Quality, Statistic


def make_statistic(key: str, *, quality: str = Quality.PRIMARY, **fields: Any) -> Statistic:
    defaults: dict[str, Any] = {
        "measure": f"Measure of {key}",
        "value": Decimal("1234567"),
        "unit": "people",
        "period": "2021",
        "source": "" if quality == Quality.UNSOURCED else f"Report on {key}",
        "publisher": "" if quality == Quality.UNSOURCED else "A statistics office",
    }
    statistic = Statistic(key=key, quality=quality, **{**defaults, **fields})
    statistic.full_clean()
    statistic.save()
    return statistic
