"""The shapes of the indicators and funding ratios, in the API and the pages' JSON twins."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema

from fourthp.indicators.queries import Funding, FundingRatio, Indicator
from fourthp.statistics.schemas import StatisticOut


class IndicatorSourceOut(Schema):
    title: str
    publisher: str
    url: str
    citation: str
    licence: str


class PointOut(Schema):
    year: int
    series: str
    value: str
    """The value as the page shows it: a count with its thousands separator, or the source's words."""
    number: int | None
    """The count as a number, for a count; null for words."""


class IndicatorOut(Schema):
    key: str
    title: str
    unit: str
    series: list[str]
    points: list[PointOut]
    source: IndicatorSourceOut
    caveats: list[str]

    @classmethod
    def from_indicator(cls, indicator: Indicator) -> IndicatorOut:
        s = indicator.source
        return cls(
            key=indicator.key,
            title=indicator.title,
            unit=indicator.unit,
            series=indicator.columns,
            points=[PointOut(year=p.year, series=p.series, value=p.value, number=p.number) for p in indicator.points],
            source=IndicatorSourceOut(
                title=s.title, publisher=s.publisher, url=s.url, citation=s.citation, licence=s.licence
            ),
            caveats=indicator.caveats,
        )


class IndicatorsOut(Schema):
    jurisdiction: str
    items: list[IndicatorOut]
    count: int


class FundingRatioOut(Schema):
    jurisdiction: str
    year: int
    funding: StatisticOut
    profits: StatisticOut
    ratio: Decimal
    cents_per_dollar: Decimal
    note: str

    @classmethod
    def from_ratio(cls, r: FundingRatio) -> FundingRatioOut:
        return cls(
            jurisdiction=r.comparison.jurisdiction.code,
            year=r.comparison.year,
            funding=StatisticOut.from_model(r.funding),
            profits=StatisticOut.from_model(r.profits),
            ratio=r.ratio.quantize(Decimal("0.000001")),
            cents_per_dollar=r.cents_per_dollar,
            note=r.comparison.note,
        )


class FundingOut(Schema):
    jurisdiction: str
    items: list[FundingRatioOut]
    count: int
    withheld: int
    """Comparisons not shown because one side has no source."""

    @classmethod
    def from_funding(cls, code: str, funding: Funding) -> FundingOut:
        items = [FundingRatioOut.from_ratio(r) for r in funding.ratios]
        return cls(jurisdiction=code, items=items, count=len(items), withheld=funding.withheld)
