"""Reads of the indicators: each one a series by year with its chart, table, source and caveats; funding ratios.

Every indicator is shown with its source and caveats, and every chart beside a table of the same numbers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from fourthp.findings import sources
from fourthp.findings.models import CountryFinding, FindingSource
from fourthp.indicators.models import FundingComparison, Offence, ReportedOffences
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.lib.charts import Series, category_chart, line_chart
from fourthp.statistics.models import Quality, Statistic

TIP_LEVELS = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3")

UCR_SOURCE = {
    "title": "Uniform Crime Reporting Program: human trafficking offences by agency, 2013–2020",
    "publisher": "US Federal Bureau of Investigation (FBI), Crime Data Explorer",
    "url": "https://cde.ucr.cjis.gov/",
    "citation": (
        "FBI Uniform Crime Reporting Program, human trafficking offences by agency and year, 2013–2020, from the "
        "Crime Data Explorer, as compiled in github.com/bakeralexan/human_trafficking_interactive_charts."
    ),
    "licence": "US government work, public domain; attributed to the FBI UCR Program.",
}


@dataclass(frozen=True)
class IndicatorSource:
    title: str
    publisher: str
    url: str
    citation: str
    licence: str


@dataclass(frozen=True)
class Point:
    """One cell of an indicator: a year, the series it belongs to, its value in words and, for a count, the number."""

    year: int
    series: str
    value: str
    number: int | None = None


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    unit: str
    columns: list[str]
    """The table's headers after the year: one per series."""
    points: list[Point]
    source: IndicatorSource
    caveats: list[str]
    svg: str
    """The chart, drawn by fourthp.lib.charts with every text escaped."""

    @property
    def rows(self) -> list[tuple[int, list[str]]]:
        """The table: one row per year, oldest first, a cell per column (empty where the source has none)."""
        cells: dict[int, dict[str, str]] = defaultdict(dict)
        for point in self.points:
            cells[point.year][point.series] = point.value
        return [(year, [cells[year].get(column, "") for column in self.columns]) for year in sorted(cells)]


def _source_of(source: FindingSource) -> IndicatorSource:
    return IndicatorSource(source.title, source.publisher, source.url, source.citation, source.licence)


def _findings_indicator(jurisdiction: Jurisdiction, indicator: str, findings: list[CountryFinding]) -> Indicator | None:
    if not findings:
        return None
    source = findings[0].source
    label = str(CountryFinding.Indicator(indicator).label)
    place = jurisdiction.name
    chart_id = f"chart-{indicator}"
    no_data = _("No finding to draw.")
    if indicator == sources.TIP_TIER:
        points = [Point(f.year_described, _("Tier"), f.value) for f in findings]
        levels = list(TIP_LEVELS)
        plotted = {f.year_described: f.value for f in findings}
        columns = [_("Tier")]
        caveats = [
            _(
                "A tier judges a government's efforts against the minimum standards of a US law, the Trafficking "
                "Victims Protection Act; it does not measure how much trafficking there is."
            ),
            _("Tier 1 is the best placement and Tier 3 the worst; a year without a tier was not ranked."),
        ]
    elif indicator == sources.ILAB_PALERMO:
        yes, no = _("Yes"), _("No")
        points = [Point(f.year_described, _("Ratified"), f.value) for f in findings]
        levels = [yes, no]
        plotted = {f.year_described: {"Yes": yes, "No": no}.get(f.value, "") for f in findings}
        columns = [_("Ratified")]
        caveats = [_("Ratification is a commitment in law, not a measure of how it is carried out.")]
    else:
        meets, fails = _("Meets international standards"), _("Does not meet them")
        words = {True: meets, False: fails, None: _("not stated")}
        points = [Point(f.year_described, _("Finding"), f.value) for f in findings] + [
            Point(f.year_described, _("Meets the standard"), str(words[f.conforms])) for f in findings
        ]
        levels = [meets, fails]
        plotted = {f.year_described: str(words[f.conforms]) for f in findings}
        columns = [_("Finding"), _("Meets the standard")]
        caveats = [
            _(
                "ILAB judges the law as written against international standards; it is not a measure of enforcement "
                "or of how much exploitation there is."
            )
        ]
    if source.notes:
        caveats.append(source.notes)
    description = _("%(indicator)s for %(place)s by year, %(first)s to %(last)s; the table beside gives each year.") % {
        "indicator": label,
        "place": place,
        "first": min(plotted),
        "last": max(plotted),
    }
    return Indicator(
        key=indicator,
        title=label,
        unit=_("as the source words it"),
        columns=columns,
        points=sorted(points, key=lambda p: p.year),
        source=_source_of(source),
        caveats=caveats,
        svg=category_chart(chart_id, f"{label}: {place}", description, levels, plotted, no_data=no_data),
    )


def ucr_caveats() -> list[str]:
    return [
        _(
            "These are offences that law enforcement agencies reported to the FBI, not a measure of how much "
            "trafficking there is. Reporting is voluntary, and more agencies reported each year: a rise is largely "
            "more agencies reporting."
        ),
        _(
            "The file lists only agencies with at least one offence in a year; agencies that reported none, or did "
            "not report, are not in it."
        ),
        _("The FBI began collecting these offences in 2013, so 2013 has very few reports."),
    ]


def _ucr_indicator(jurisdiction: Jurisdiction) -> Indicator | None:
    rows = ReportedOffences.objects.all()
    if jurisdiction.code != "US":
        rows = rows.filter(jurisdiction=jurisdiction)
    totals = list(
        rows.values("year", "offence").annotate(actual=Sum("actual"), cleared=Sum("cleared"), agencies=Sum("agencies"))
    )
    if not totals:
        return None
    names: dict[str, str] = {
        Offence.COMMERCIAL_SEX_ACTS: str(Offence.COMMERCIAL_SEX_ACTS.label),
        Offence.INVOLUNTARY_SERVITUDE: str(Offence.INVOLUNTARY_SERVITUDE.label),
    }
    cleared_name, agencies_name = _("Cleared (both offences)"), _("Agencies listed (both offences)")
    points: list[Point] = []
    by_offence: dict[str, dict[int, float | None]] = {name: {} for name in names.values()}
    cleared: dict[int, int] = defaultdict(int)
    agencies: dict[int, int] = defaultdict(int)
    for row in totals:
        name = names[row["offence"]]
        by_offence[name][row["year"]] = float(row["actual"])
        points.append(Point(row["year"], name, f"{row['actual']:,}", row["actual"]))
        cleared[row["year"]] += row["cleared"]
        agencies[row["year"]] += row["agencies"]
    for year in sorted(cleared):
        points.append(Point(year, cleared_name, f"{cleared[year]:,}", cleared[year]))
        points.append(Point(year, agencies_name, f"{agencies[year]:,}", agencies[year]))
    title = _("Human-trafficking offences reported to the FBI")
    years = sorted(cleared)
    description = _(
        "Offences reported by law enforcement agencies in %(place)s, %(first)s to %(last)s, one line per offence; "
        "reported offences, not how much trafficking there is."
    ) % {"place": jurisdiction.name, "first": years[0], "last": years[-1]}
    series = [Series(name, values) for name, values in by_offence.items()]
    return Indicator(
        key="fbi-ucr-human-trafficking",
        title=title,
        unit=_("offences reported"),
        columns=[*names.values(), cleared_name, agencies_name],
        points=sorted(points, key=lambda p: p.year),
        source=IndicatorSource(**UCR_SOURCE),
        caveats=ucr_caveats(),
        svg=line_chart(
            "chart-fbi-ucr",
            f"{title}: {jurisdiction.name}",
            description,
            series,
            no_data=_("No offence reported."),
            legend_label=_("Offence"),
        ),
    )


def indicators_for(jurisdiction: Jurisdiction) -> list[Indicator]:
    """Every indicator of a jurisdiction that has data: the TIP tier and ILAB findings of a country, and the FBI's
    reported offences of a US state (or of the United States, all states summed)."""
    by_indicator: dict[str, list[CountryFinding]] = defaultdict(list)
    for finding in CountryFinding.objects.filter(jurisdiction=jurisdiction).select_related("source"):
        by_indicator[finding.indicator].append(finding)
    found = [_findings_indicator(jurisdiction, i, by_indicator[i]) for i in CountryFinding.Indicator.values]
    if jurisdiction.code == "US" or (jurisdiction.parent is not None and jurisdiction.parent.code == "US"):
        found.append(_ucr_indicator(jurisdiction))
    return [indicator for indicator in found if indicator is not None]


# ---------------------------------------------------------------- funding


class UnsourcedSide(ValueError):
    """A side of a funding comparison that may not be shown: unsourced, or without a value."""


@dataclass(frozen=True)
class FundingRatio:
    comparison: FundingComparison
    funding: Statistic
    profits: Statistic

    @property
    def ratio(self) -> Decimal:
        assert self.funding.value is not None and self.profits.value
        return self.funding.value / self.profits.value

    @property
    def sides(self) -> list[tuple[str, Statistic]]:
        return [(_("Funding"), self.funding), (_("Estimated illegal profits"), self.profits)]

    @property
    def cents_per_dollar(self) -> Decimal:
        """US cents of funding for each dollar of profits, to two decimals."""
        return (self.ratio * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def funding_ratio(comparison: FundingComparison) -> FundingRatio:
    """The ratio of a comparison, refused (UnsourcedSide) when either side is unsourced or has no value."""
    for side in (comparison.funding, comparison.profits):
        if side.quality == Quality.UNSOURCED or not side.source.strip():
            raise UnsourcedSide(_("%(key)s has no source: no ratio is computed with it.") % {"key": side.key})
        if not side.value:
            raise UnsourcedSide(_("%(key)s has no value: no ratio is computed with it.") % {"key": side.key})
    return FundingRatio(comparison, comparison.funding, comparison.profits)


@dataclass(frozen=True)
class Funding:
    ratios: list[FundingRatio]
    withheld: int
    """Comparisons not shown because a side is unsourced: counted, never shown."""


def funding_for(jurisdiction: Jurisdiction) -> Funding:
    ratios, withheld = [], 0
    comparisons = FundingComparison.objects.filter(jurisdiction=jurisdiction).select_related(
        "funding__superseded_by", "profits__superseded_by"
    )
    for comparison in comparisons:
        try:
            ratios.append(funding_ratio(comparison))
        except UnsourcedSide:
            withheld += 1
    return Funding(ratios, withheld)
