"""Writes on the statistics registry: each in one transaction, each recorded as an AuditEvent.

The model's `clean()` holds the registry's rules (a graded figure has a source and a value; a superseded
one names a sourced successor; no loop of successors); every write goes through `full_clean`, so a form,
the seed loader and any later caller meet the same rules.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as RowError

from fourthp.accounts.models import AuditEvent, User
from fourthp.statistics.inputs import FIELDS, StatisticInput
from fourthp.statistics.models import Statistic

MAX_SEED_ROWS = 1000


class StatisticsRefused(Exception):
    """A registry file that cannot be loaded; nothing of it was written. The message names the rows at fault."""


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in errs[0].messages)}" for field, errs in error.error_dict.items()
        )
    return " ".join(error.messages)


def _apply(statistic: Statistic, data: StatisticInput) -> None:
    for name in FIELDS:
        setattr(statistic, name, getattr(data, name))
    statistic.superseded_by = Statistic.objects.filter(key=data.superseded_by).first() if data.superseded_by else None


@transaction.atomic
def do_save_statistic(statistic: Statistic | None, data: StatisticInput, *, acting_user: User) -> Statistic:
    """Record a new figure or change one; raises ValidationError when it breaks a rule of the registry."""
    saved = statistic or Statistic()
    _apply(saved, data)
    saved.full_clean()
    saved.save()
    AuditEvent.record(
        actor=acting_user, verb="statistic.created" if statistic is None else "statistic.edited", target=saved
    )
    return saved


# ---------------------------------------------------------------- the seed file


class _Row(BaseModel):
    """One figure of data/statistics/statistics.yaml, as written there."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=120)
    measure: str = Field(min_length=1, max_length=300)
    quality: str
    value: int | float | str | None = None
    unit: str = ""
    period: str | int = ""
    geography: str = ""
    source: str = ""
    source_url: str = ""
    publisher: str = ""
    published: str | int = ""
    method: str = ""
    caveats: str = ""
    claimed_by: str = ""
    superseded_by: str = ""

    def to_input(self) -> StatisticInput:
        try:
            value = Decimal(str(self.value)) if self.value is not None else None
        except InvalidOperation as exc:
            raise ValueError(f"value: {self.value!r} is not a number") from exc
        return StatisticInput(
            key=self.id,
            measure=self.measure,
            quality=self.quality,
            value=value,
            unit=self.unit,
            period=str(self.period),
            geography=self.geography,
            source=self.source,
            source_url=self.source_url,
            publisher=self.publisher,
            published=str(self.published),
            method=self.method,
            caveats=self.caveats,
            claimed_by=self.claimed_by,
            superseded_by=self.superseded_by,
        )


def _read_rows(path: Path) -> list[StatisticInput]:
    """Every row of the file as an input, or StatisticsRefused naming each row that is not one."""
    try:
        document: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise StatisticsRefused(f"{path.name} is not valid YAML: {exc}") from exc
    rows = document.get("statistics") if isinstance(document, dict) else None
    if not isinstance(rows, list):
        raise StatisticsRefused(f"{path.name} has no list under 'statistics'.")
    if len(rows) > MAX_SEED_ROWS:
        raise StatisticsRefused(f"{path.name} has {len(rows)} figures; at most {MAX_SEED_ROWS} are loaded at once.")
    inputs, problems, seen = [], [], set()
    for number, row in enumerate(rows, start=1):
        name = row.get("id", "?") if isinstance(row, dict) else "?"
        try:
            data = _Row.model_validate(row).to_input()
        except (RowError, ValueError) as exc:
            detail = (
                "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}" for e in exc.errors())
                if isinstance(exc, RowError)
                else str(exc)
            )
            problems.append(f"figure {number} ({name}): {detail}")
            continue
        if data.key in seen:
            problems.append(f"figure {number} ({name}): the id is used by an earlier figure")
        seen.add(data.key)
        inputs.append(data)
    if problems:
        raise StatisticsRefused(f"{path.name}: " + " | ".join(problems))
    return inputs


@transaction.atomic
def do_load_statistics(path: Path) -> tuple[int, int]:
    """Load the figures of a registry file that are not yet in the registry; returns (created, kept).

    Loading goes by each figure's id, so running it again neither duplicates a figure nor overwrites what an
    analyst has changed since. The file is loaded whole or not at all:
    1. every row is read and typed; a row that is not a figure refuses the file;
    2. the new figures are created without successors, so that a figure may name one written after it;
    3. each new figure's successor is set and the registry's rules are checked (a superseded figure names a
       sourced successor, in the file or already in the registry; no loop).
    """
    inputs = _read_rows(path)
    existing = set(Statistic.objects.filter(key__in=[d.key for d in inputs]).values_list("key", flat=True))
    new = [d for d in inputs if d.key not in existing]
    created: list[tuple[int, Statistic, StatisticInput]] = []
    for number, data in enumerate(inputs, start=1):
        if data.key in existing:
            continue
        statistic = Statistic(**{name: getattr(data, name) for name in FIELDS})
        statistic.save()
        created.append((number, statistic, data))
    keys = {s.key for s in Statistic.objects.filter(key__in=[d.superseded_by for d in new if d.superseded_by])}
    problems = []
    for number, statistic, data in created:
        if data.superseded_by and data.superseded_by not in keys:
            problems.append(
                f"figure {number} ({data.key}): superseded_by names {data.superseded_by!r}, which is no figure"
            )
            continue
        _apply(statistic, data)
        try:
            statistic.full_clean()
        except ValidationError as exc:
            problems.append(f"figure {number} ({data.key}): {_messages(exc)}")
            continue
        if statistic.superseded_by_id is not None:
            statistic.save(update_fields=["superseded_by"])
    if problems:
        raise StatisticsRefused(f"{path.name}: " + " | ".join(problems))
    if created:
        AuditEvent.record(actor=None, verb="statistics.loaded", file=path.name, created=len(created))
    return len(created), len(existing)
