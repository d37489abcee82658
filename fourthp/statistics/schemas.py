"""The shapes of the registry's figures and of the computed statistics, in the API and the pages' JSON twins."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema

from fourthp.statistics.models import Statistic
from fourthp.statistics.queries import ProvisionShare


class SuccessorOut(Schema):
    id: int
    key: str
    url: str


class StatisticOut(Schema):
    id: int
    key: str
    url: str
    measure: str
    value: Decimal | None
    unit: str
    period: str
    geography: str
    source: str
    source_url: str
    publisher: str
    published: str
    """As precise as it was recorded: 2022, 2022-09 or 2022-09-15."""
    method: str
    caveats: str
    quality: str
    claimed_by: str
    superseded_by: SuccessorOut | None
    updated_at: dt.datetime

    @classmethod
    def from_model(cls, s: Statistic) -> StatisticOut:
        successor = s.superseded_by
        return cls(
            id=s.pk,
            key=s.key,
            url=s.get_absolute_url(),
            measure=s.measure,
            value=s.value,
            unit=s.unit,
            period=s.period,
            geography=s.geography,
            source=s.source,
            source_url=s.source_url,
            publisher=s.publisher,
            published=s.published,
            method=s.method,
            caveats=s.caveats,
            quality=s.quality,
            claimed_by=s.claimed_by,
            superseded_by=(
                SuccessorOut(id=successor.pk, key=successor.key, url=successor.get_absolute_url())
                if successor is not None
                else None
            ),
            updated_at=s.updated_at,
        )


class StatisticListOut(Schema):
    items: list[StatisticOut]
    count: int


class ProvisionShareOut(Schema):
    provision: str
    """The provision's id in its framework, e.g. prot.non-punishment."""
    title: str
    level: str
    jurisdictions: int
    """National jurisdictions the provision applies to."""
    assessed: int
    """Of them, those with a published finding of full, partial or absent."""
    lacking: int
    """Of the assessed, those whose law lacks it (a published finding of absent; unknown is never absent)."""
    partial: int
    not_assessed: int
    percent_lacking: Decimal | None
    """lacking / assessed in percent, to one decimal; null when none is assessed."""

    @classmethod
    def from_share(cls, share: ProvisionShare) -> ProvisionShareOut:
        return cls(
            provision=share.provision.slug,
            title=share.provision.title,
            level=share.coverage.level,
            jurisdictions=share.population,
            assessed=share.assessed,
            lacking=share.lacking,
            partial=share.partial,
            not_assessed=share.not_assessed,
            percent_lacking=share.percent,
        )


class ProvisionSharesOut(Schema):
    framework: str
    version: int
    items: list[ProvisionShareOut]
