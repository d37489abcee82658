"""The typed input of the registry's actions, built by the form and by the seed loader."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal


@dataclass(frozen=True)
class StatisticInput:
    key: str
    measure: str
    quality: str
    value: Decimal | None = None
    unit: str = ""
    period: str = ""
    geography: str = ""
    source: str = ""
    source_url: str = ""
    publisher: str = ""
    published: str = ""
    method: str = ""
    caveats: str = ""
    claimed_by: str = ""
    superseded_by: str = ""
    """The key of the newer figure, for a superseded one."""


FIELDS = tuple(f.name for f in fields(StatisticInput) if f.name != "superseded_by")
"""The input's fields that are the model's own columns."""
