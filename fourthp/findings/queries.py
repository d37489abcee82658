"""Reads on third-party findings, shared by the jurisdiction page, the maps and the API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.functional import Promise

from fourthp.findings.models import STANDARD_MET, CountryFinding, FindingSource
from fourthp.jurisdictions.models import Jurisdiction


@dataclass(frozen=True)
class IndicatorFindings:
    """One indicator's findings for one country, newest year first."""

    indicator: str
    label: str | Promise
    standard: str | Promise
    findings: list[CountryFinding]


@dataclass(frozen=True)
class SourceFindings:
    """One source's findings for one country, grouped by indicator."""

    source: FindingSource
    indicators: list[IndicatorFindings]

    @property
    def standards(self) -> list[str | Promise]:
        """What "meets the standard" shows in this source's findings, each once."""
        seen: list[str | Promise] = []
        for group in self.indicators:
            if group.standard and group.standard not in seen:
                seen.append(group.standard)
        return seen


@dataclass(frozen=True)
class IndicatorYears:
    """An indicator that has findings, with the years they describe (newest first), for a map selector."""

    indicator: str
    label: str | Promise
    source_slug: str
    source_title: str
    years: list[int]


def _label(indicator: str) -> str | Promise:
    return CountryFinding.Indicator(indicator).label


def list_findings_for(jurisdiction: Jurisdiction) -> list[SourceFindings]:
    """Every finding about this jurisdiction, by source (by title) and indicator, newest year first."""
    findings = (
        CountryFinding.objects.filter(jurisdiction=jurisdiction).select_related("source", "jurisdiction").newest_first()
    )
    grouped: dict[FindingSource, dict[str, list[CountryFinding]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        grouped[finding.source][finding.indicator].append(finding)
    order = list(CountryFinding.Indicator.values)
    return [
        SourceFindings(
            source=source,
            indicators=[
                IndicatorFindings(
                    indicator=indicator,
                    label=_label(indicator),
                    standard=STANDARD_MET.get(indicator, ""),
                    findings=rows,
                )
                for indicator, rows in sorted(by_indicator.items(), key=lambda item: order.index(item[0]))
            ],
        )
        for source, by_indicator in grouped.items()
    ]


def findings_map_values(indicator: str, year: int | None = None) -> dict[str, CountryFinding]:
    """Jurisdiction code -> its finding on ``indicator`` for ``year``, or its latest one if ``year`` is None.

    With no year, countries are shown as of different years; each finding
    carries its own ``year_described`` for the map's key and table.
    """
    findings = CountryFinding.objects.for_indicator(indicator).select_related("source", "jurisdiction")
    if year is not None:
        return {f.jurisdiction.code: f for f in findings.filter(year_described=year)}
    latest: dict[str, CountryFinding] = {}
    for finding in findings.order_by("jurisdiction__code", "-year_described"):
        latest.setdefault(finding.jurisdiction.code, finding)
    return latest


def list_indicators() -> list[IndicatorYears]:
    """Each indicator with findings, in the order of `CountryFinding.Indicator`, with its years."""
    rows = (
        CountryFinding.objects.values_list("indicator", "source__slug", "source__title", "year_described")
        .distinct()
        .order_by("indicator", "-year_described")
    )
    years: dict[str, list[int]] = defaultdict(list)
    source_of: dict[str, tuple[str, str]] = {}
    for indicator, slug, title, year in rows:
        years[indicator].append(year)
        source_of[indicator] = (slug, title)
    return [
        IndicatorYears(
            indicator=indicator,
            label=_label(indicator),
            source_slug=source_of[indicator][0],
            source_title=source_of[indicator][1],
            years=years[indicator],
        )
        for indicator in CountryFinding.Indicator.values
        if indicator in years
    ]
