"""Rows of a django-simple-history log, with what changed in each revision."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Revision:
    date: Any
    user: Any
    kind: str
    reason: str
    changes: list[Change]


def history_rows(records: Any) -> list[Revision]:
    """Newest first; each revision lists the fields it changed against the one before."""
    ordered = list(records.select_related("history_user").order_by("history_date", "history_id"))
    rows: list[Revision] = []
    previous = None
    for record in ordered:
        changes: list[Change] = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [Change(c.field, c.old, c.new) for c in delta.changes]
        rows.append(
            Revision(
                date=record.history_date,
                user=record.history_user,
                kind=record.get_history_type_display(),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    return list(reversed(rows))
