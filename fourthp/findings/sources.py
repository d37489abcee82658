"""Readers for the third-party datasets in data/findings/: plain records, no database.

Each reader turns the files of one source into `FindingRecord`s that name the
country as the source does (``place``) and, where the source gives one, by an
ISO 3166-1 code (``code``). Matching places to jurisdictions is the loader's
job (`fourthp.findings.actions`), so that what cannot be matched is counted
there rather than dropped here.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from fourthp.analyzer.readers.base import parse_xml

ILAB_SLUG = "us-dol-ilab"
ILAB_GOODS_SLUG = "us-dol-ilab-goods"
TIP_SLUG = "tip-tiers"

ILAB_DIR = "us-dol-ilab"
TIP_DIR = "tip-tiers"
TIP_FILE = "heiss_kelley_tip_tiers_orig_2001-2015.csv"

# Indicator slugs, as stored in CountryFinding.indicator.
TIP_TIER = "tip-tier"
ILAB_FORCED_LABOUR = "ilab-forced-labour-standard"
ILAB_CHILD_TRAFFICKING = "ilab-child-trafficking-standard"
ILAB_CSEC = "ilab-csec-standard"
ILAB_PALERMO = "ilab-palermo-ratified"

# The ILAB legal standards we read, by their element under <Legal_Standards>.
ILAB_STANDARDS = {
    "Prohibition_Forced_Labor": ILAB_FORCED_LABOUR,
    "Prohibition_Child_Trafficking": ILAB_CHILD_TRAFFICKING,
    "Prohibition_CSEC": ILAB_CSEC,
}

# Where ILAB's country name is not an ISO 3166-1 name, the code it means.
# Every other name is matched on the ISO 3166-1 names (see the loader).
ILAB_NAMES = {
    "Burma": "MM",
    "Congo, Democratic Republic of the": "CD",
    "Congo, Republic of the": "CG",
    "Falkland Islands (Islas Malvinas)": "FK",
    "Gambia, The": "GM",
    "The Gambia": "GM",
    "Macedonia": "MK",
    "Russia": "RU",
    "Saint Helena, Ascension, and Tristan da Cunha": "SH",
    "Saint Helena, Ascensión, and Tristán da Cunha": "SH",
    "São Tomé and Príncipe": "ST",
    "Swaziland": "SZ",
    "Turkey": "TR",
    "Turkey (Türkiye)": "TR",
    "British Indian Ocean Territories": "IO",
    "Heard and McDonald Islands": "HM",
    "Pitcairn Islands": "PN",
    # ISO 3166-1 PS is the territory ILAB reports on: the West Bank and Gaza.
    "West Bank and the Gaza Strip": "PS",
}

# Heiss & Kelley code the four placements of the State Department's report;
# "Watchlist" is their short name for the report's "Tier 2 Watch List".
TIP_TIERS = {
    "Tier 1": "Tier 1",
    "Tier 2": "Tier 2",
    "Watchlist": "Tier 2 Watch List",
    "Tier 3": "Tier 3",
}

# The opening of an ILAB country summary: "In 2019, Afghanistan made ...", or
# "For the 2019 reporting period, no assessment has been made ...".
_ILAB_OPENING = re.compile(r"^\s*(?:In (\d{4})\b|For the (\d{4}) reporting period)")


class SourceDataError(ValueError):
    """A shipped source file does not have the shape its reader expects."""


@dataclass(frozen=True)
class FindingRecord:
    source: str
    place: str
    code: str
    indicator: str
    year_described: int
    published_year: int | None
    value: str
    conforms: bool | None
    detail: str = ""


# ------------------------------------------------------------------ ILAB


def ilab_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("countries_*.xml"))


def ilab_year_described(root: etree._Element, filename: str) -> int:
    """The year an ILAB country-findings file describes, read from its own text.

    1. Read the opening of every country summary ("In 2022, ...", "For the 2022
       reporting period, ...").
    2. Every opening that names a year must name the same one; the file's
       name is the app edition's year and is not evidence (countries_2021.xml
       describes 2022).
    """
    years: Counter[int] = Counter()
    for description in root.iterfind("Country/Description"):
        match = _ILAB_OPENING.match(description.text or "")
        if match:
            years[int(match.group(1) or match.group(2))] += 1
    if len(years) != 1:
        found = ", ".join(f"{year} ({n})" for year, n in sorted(years.items())) or "none"
        raise SourceDataError(f"{filename}: the country summaries should name one year; they name {found}")
    return next(iter(years))


def read_ilab(folder: Path) -> tuple[list[FindingRecord], dict[str, int]]:
    """Every ILAB legal-standard and Palermo finding, and the year each file describes."""
    records: list[FindingRecord] = []
    years: dict[str, int] = {}
    for path in ilab_files(folder):
        root = parse_xml(path.read_bytes(), path.name)
        year = ilab_year_described(root, path.name)
        years[path.name] = year
        records.extend(_ilab_country_records(root, year))
    return records, years


def _ilab_country_records(root: etree._Element, year: int) -> Iterator[FindingRecord]:
    # ILAB publishes its Findings on year N in the autumn of year N + 1 (the
    # summaries cite events of early N + 1); the files carry no date of their own.
    published = year + 1
    for country in root.iterfind("Country"):
        place = (country.findtext("Name") or "").strip()
        for element, indicator in ILAB_STANDARDS.items():
            standard = country.find(f"Legal_Standards/{element}")
            if standard is None:
                continue
            reading = _ilab_standard(standard)
            if reading is None:
                continue
            value, conforms, detail = reading
            yield FindingRecord(ILAB_SLUG, place, "", indicator, year, published, value, conforms, detail)
        palermo = (country.findtext("Conventions/Palermo_Ratified") or "").strip()
        if palermo:
            yield FindingRecord(ILAB_SLUG, place, "", ILAB_PALERMO, year, published, palermo, None)


def _yes_no(text: str) -> bool | None:
    return {"Yes": True, "No": False}.get(text)


def _ilab_standard(element: etree._Element) -> tuple[str, bool | None, str] | None:
    """(value, conforms, detail) of one legal standard, or None when the source is silent.

    A country with one law reports <Standard> and <Conforms_To_Intl_Standard>
    directly. A country with several legal systems (Bosnia and Herzegovina's
    entities, Pakistan's provinces) reports them per <Territory>: the value is
    theirs when every territory that answers agrees, else "Varies by
    territory", and the detail lists each territory as ILAB does.
    """
    territories = element.findall("Territory")
    if not territories:
        value = (element.findtext("Standard") or "").strip()
        if not value:
            return None
        return value, _yes_no((element.findtext("Conforms_To_Intl_Standard") or "").strip()), ""
    answers = [
        (
            (t.findtext("Territory_Display_Name") or t.findtext("Territory_Name") or "").strip(),
            (t.findtext("Standard") or "").strip(),
            (t.findtext("Conforms_To_Intl_Standard") or "").strip(),
        )
        for t in territories
    ]
    answered = [(value, conforms) for _, value, conforms in answers if value and value != "N/A"]
    if not answered:
        return None
    detail = "; ".join(f"{name}: {value or 'N/A'}" for name, value, _ in answers) if len(answers) > 1 else ""
    if len(set(answered)) == 1:
        value, conforms = answered[0]
        return value, _yes_no(conforms), detail
    return "Varies by territory", None, detail


# ------------------------------------------------------------------ TIP tiers


def read_tip_tiers(path: Path) -> list[FindingRecord]:
    """One record per country and report year with a tier; "NA" (not in that report) is no finding."""
    records: list[FindingRecord] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            raw = (row.get("tier") or "").strip()
            if raw in ("", "NA"):
                continue
            if raw not in TIP_TIERS:
                raise SourceDataError(f"{path.name}, line {line}: unknown tier {raw!r}")
            year = int(row["year"])
            value = TIP_TIERS[raw]
            records.append(
                FindingRecord(
                    TIP_SLUG,
                    place=row["countryname"].strip(),
                    code=row["iso"].strip(),
                    indicator=TIP_TIER,
                    # The dataset's year is the report's: the June report of that
                    # year, on roughly the twelve months to the previous spring.
                    year_described=year,
                    published_year=year,
                    value=value,
                    # TVPA § 110(b): only Tier 1 governments fully meet its minimum standards.
                    conforms=value == "Tier 1",
                )
            )
    return records


# ------------------------------------------------------------------ ILAB goods

# ILAB's List of Goods Produced by Child Labor or Forced Labor: the kinds of finding, as stored in GoodFinding.kind.
GOOD_CHILD_LABOUR = "child-labour"
GOOD_FORCED_LABOUR = "forced-labour"
GOOD_FORCED_CHILD_LABOUR = "forced-child-labour"
GOOD_INPUTS = "inputs"
"""Produced with inputs made with forced or child labour (ILAB's 'derived' goods, from its 2022 list)."""

# Element of a <Country> entry -> the kind it marks when it says "Yes".
GOOD_KINDS = {
    "Child_Labor": GOOD_CHILD_LABOUR,
    "Forced_Labor": GOOD_FORCED_LABOUR,
    "Forced_Child_Labor": GOOD_FORCED_CHILD_LABOUR,
    "Derived_Labor_Exploitation": GOOD_INPUTS,
}


@dataclass(frozen=True)
class GoodRecord:
    good: str
    sector: str
    place: str
    kind: str
    year_described: int
    input_place: str = ""
    """For an ILAB 'derived' good: the country where its inputs are made with forced or child labour."""


def ilab_goods_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("goods_*.xml"))


def companion_countries_file(goods: Path) -> Path:
    """The country-findings file of the same app edition: goods_2021.xml ships with countries_2021.xml."""
    return goods.with_name(goods.name.replace("goods_", "countries_", 1))


def read_ilab_goods(folder: Path) -> tuple[list[GoodRecord], dict[str, int]]:
    """Every (good, country, kind) of ILAB's goods files, and the year each file describes.

    A goods file names no year of its own. It ships in the same edition of ILAB's app as a country-findings
    file, whose summaries name the year both describe (`ilab_year_described`); the number in the file names is
    the edition's, not the data's (goods_2021.xml is the list of 2022). A goods file without its companion is
    refused rather than guessed.
    """
    records: list[GoodRecord] = []
    years: dict[str, int] = {}
    for path in ilab_goods_files(folder):
        companion = companion_countries_file(path)
        if not companion.is_file():
            raise SourceDataError(f"{path.name}: no {companion.name} beside it to read its year from")
        year = ilab_year_described(parse_xml(companion.read_bytes(), companion.name), companion.name)
        years[path.name] = year
        root = parse_xml(path.read_bytes(), path.name)
        records.extend(_ilab_good_records(root, year, path.name))
    return records, years


def _ilab_good_records(root: etree._Element, year: int, filename: str) -> Iterator[GoodRecord]:
    for good in root.iterfind("Good"):
        name = " ".join((good.findtext("Good_Name") or "").split())
        sector = (good.findtext("Good_Sector") or "").strip()
        if not name:
            raise SourceDataError(f"{filename}: a good without a name")
        for country in good.iterfind("Countries/Country"):
            place = (country.findtext("Country_Name") or "").strip()
            kinds = [kind for element, kind in GOOD_KINDS.items() if (country.findtext(element) or "") == "Yes"]
            if not place or not kinds:
                raise SourceDataError(f"{filename}: {name} has a country entry without a country or a finding")
            inputs = (country.findtext("Derived_Country") or "").strip()
            for kind in kinds:
                yield GoodRecord(
                    good=name,
                    sector=sector,
                    place=place,
                    kind=kind,
                    year_described=year,
                    input_place=inputs if kind == GOOD_INPUTS and inputs != "No" else "",
                )
