"""Writes on third-party findings: loading the shipped datasets of data/findings/."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from fourthp.accounts.models import AuditEvent
from fourthp.findings import sources
from fourthp.findings.models import CountryFinding, FindingSource, GoodFinding
from fourthp.jurisdictions.queries import map_countries_by_code
from fourthp.lib.jurisdictions import build_jurisdictions

# How each source is described wherever its findings are shown.
SOURCES: dict[str, dict[str, str]] = {
    sources.ILAB_SLUG: {
        "title": "Findings on the Worst Forms of Child Labor",
        "publisher": "US Department of Labor, Bureau of International Labor Affairs (ILAB)",
        "url": "https://www.dol.gov/agencies/ilab/resources/reports/child-labor",
        "licence": "US government work, public domain; attributed to US DOL ILAB.",
        "citation": (
            "US Department of Labor, Bureau of International Labor Affairs, Findings on the Worst Forms of "
            "Child Labor (reports on 2016 to 2020 and 2022), country data as shipped in the "
            "USDepartmentofLabor/Child-Labor-Android app."
        ),
        "notes": (
            "Legal standards (prohibition of forced labour, of child trafficking and of the commercial sexual "
            "exploitation of children, each with whether ILAB finds it meets international standards) and "
            "Palermo Protocol ratification. The year described is the year each file's own country summaries "
            "name ('In 2022, ...'), not the year in the file's name: countries_2021.xml describes 2022. Each "
            "report is published the year after the one it describes."
        ),
    },
    sources.TIP_SLUG: {
        "title": "Trafficking in Persons Report tier placements, 2001–2015",
        "publisher": "US Department of State; dataset compiled by Andrew Heiss and Judith G. Kelley",
        "url": "https://github.com/andrewheiss/From-the-Trenches-Anti-TIP-NGOs-and-US",
        "licence": "Tier placements are US government work, public domain; cite the compilers when shown.",
        "citation": (
            "Andrew Heiss and Judith G. Kelley, 'From the Trenches: A Global Survey of Anti-TIP NGOs and their "
            "Views of US Efforts', Journal of Human Trafficking, 2017, doi:10.1080/23322705.2016.1199241."
        ),
        "notes": (
            "The tier each annual Trafficking in Persons Report gave each country, 2001–2015. The year is the "
            "report's: each June report covers roughly the twelve months to the previous spring. Tier 1 means the "
            "government fully meets the minimum standards of the Trafficking Victims Protection Act; Tier 2, Tier 2 "
            "Watch List and Tier 3 mean it does not."
        ),
    },
}


@dataclass
class LoadReport:
    """What a load did: rows created per source, rows already there, and what could not be placed."""

    created: Counter[str] = field(default_factory=Counter)
    existing: int = 0
    # (source slug, place as the source names it) -> findings not loaded because
    # the place has no ISO 3166-1 code; data/findings/README.md lists them.
    skipped: Counter[tuple[str, str]] = field(default_factory=Counter)
    # ILAB file name -> the year its own text describes.
    ilab_years: dict[str, int] = field(default_factory=dict)

    @property
    def created_total(self) -> int:
        return sum(self.created.values())

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())


@transaction.atomic
def do_load_findings(data_dir: Path) -> LoadReport:
    """Load the ILAB and TIP-tier findings shipped in ``data_dir`` (data/findings/).

    Goes by natural key (source, jurisdiction, indicator, year described): a
    finding already present is left as it is, so running it again creates
    nothing. A place that matches no jurisdiction is counted in
    ``LoadReport.skipped``, never dropped silently.
    """
    report = LoadReport()
    ilab_records, report.ilab_years = sources.read_ilab(data_dir / sources.ILAB_DIR)
    tip_records = sources.read_tip_tiers(data_dir / sources.TIP_DIR / sources.TIP_FILE)
    by_slug = {slug: _source(slug) for slug in SOURCES}
    by_code = map_countries_by_code()
    by_name = _codes_by_name()

    existing = set(CountryFinding.objects.values_list("source_id", "jurisdiction_id", "indicator", "year_described"))
    this_load: set[tuple[int, int, str, int]] = set()
    new: list[CountryFinding] = []
    for record in [*ilab_records, *tip_records]:
        code = record.code or sources.ILAB_NAMES.get(record.place) or by_name.get(record.place.casefold(), "")
        jurisdiction = by_code.get(code.upper())
        if jurisdiction is None:
            report.skipped[(record.source, record.place)] += 1
            continue
        source = by_slug[record.source]
        key = (source.pk, jurisdiction.pk, record.indicator, record.year_described)
        if key in this_load:
            raise sources.SourceDataError(
                f"{record.source}: {record.place} has two findings on {record.indicator} for {record.year_described}"
            )
        this_load.add(key)
        if key in existing:
            report.existing += 1
            continue
        new.append(
            CountryFinding(
                source=source,
                jurisdiction=jurisdiction,
                indicator=record.indicator,
                year_described=record.year_described,
                published_year=record.published_year,
                value=record.value,
                conforms=record.conforms,
                detail=record.detail,
            )
        )
        report.created[record.source] += 1
    CountryFinding.objects.bulk_create(new, batch_size=500)
    if report.created_total:
        AuditEvent.record(
            actor=None,
            verb="findings.loaded",
            created=dict(report.created),
            skipped=sorted([source, place, n] for (source, place), n in report.skipped.items()),
            ilab_years=report.ilab_years,
        )
    return report


def _source(slug: str) -> FindingSource:
    source, _ = FindingSource.objects.get_or_create(slug=slug, defaults=SOURCES[slug])
    return source


def _codes_by_name() -> dict[str, str]:
    """ISO 3166-1 short, common and official names (casefolded) -> alpha-2 code."""
    names: dict[str, str] = {}
    for record in build_jurisdictions():
        if record.kind not in ("sovereign_state", "dependent_territory"):
            continue
        for name in (record.name, record.official_name, *record.aliases):
            names.setdefault(name.casefold(), record.code)
    return names


GOODS_SOURCE = {
    "title": "List of Goods Produced by Child Labor or Forced Labor",
    "publisher": "US Department of Labor, Bureau of International Labor Affairs (ILAB)",
    "url": "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods",
    "licence": "US government work, public domain; attributed to US DOL ILAB.",
    "citation": (
        "US Department of Labor, Bureau of International Labor Affairs, List of Goods Produced by Child Labor or "
        "Forced Labor, as shipped in the USDepartmentofLabor/Child-Labor-Android app (editions 2016 to 2019, 2021)."
    ),
    "notes": (
        "Goods and the countries where ILAB finds them produced with child labour, forced labour or forced child "
        "labour, and (from the list on 2022) goods made with inputs produced that way. A goods file names no year: "
        "its year is the one its edition's country file describes (goods_2021.xml: 2022)."
    ),
}


@dataclass
class GoodsReport:
    """What a goods load did: findings created, already there, places not placed, and each file's year."""

    created: int = 0
    existing: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    years: dict[str, int] = field(default_factory=dict)


@transaction.atomic
def do_load_goods(data_dir: Path) -> GoodsReport:
    """Load ILAB's goods produced with forced or child labour from ``data_dir`` (data/findings/).

    By natural key (source, jurisdiction, good, kind, year), so a second run creates nothing; a place that
    matches no jurisdiction is counted in ``GoodsReport.skipped``.
    """
    report = GoodsReport()
    records, report.years = sources.read_ilab_goods(data_dir / sources.ILAB_DIR)
    source, _ = FindingSource.objects.get_or_create(slug=sources.ILAB_GOODS_SLUG, defaults=GOODS_SOURCE)
    by_code = map_countries_by_code()
    by_name = _codes_by_name()
    existing = set(
        GoodFinding.objects.filter(source=source).values_list("jurisdiction_id", "good", "kind", "year_described")
    )
    new: list[GoodFinding] = []
    for record in records:
        code = sources.ILAB_NAMES.get(record.place) or by_name.get(record.place.casefold(), "")
        jurisdiction = by_code.get(code.upper())
        if jurisdiction is None:
            report.skipped[record.place] += 1
            continue
        key = (jurisdiction.pk, record.good, record.kind, record.year_described)
        if key in existing:
            report.existing += 1
            continue
        existing.add(key)
        new.append(
            GoodFinding(
                source=source,
                jurisdiction=jurisdiction,
                good=record.good,
                sector=record.sector,
                kind=record.kind,
                year_described=record.year_described,
                input_place=record.input_place,
            )
        )
    GoodFinding.objects.bulk_create(new, batch_size=500)
    report.created = len(new)
    if new:
        AuditEvent.record(
            actor=None, verb="findings.goods_loaded", created=report.created, skipped=dict(report.skipped),
            years=report.years,
        )  # fmt: skip
    return report
