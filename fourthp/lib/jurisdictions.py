"""Every jurisdiction the atlas knows, built from the international standards.

- ISO 3166-1 (through pycountry): the 249 countries and territories, with their
  alpha-2 code as the jurisdiction code and their numeric code for map geometry.
- ISO 3166-2:US (through pycountry): the 50 states, the District of Columbia and
  the 6 outlying areas. The outlying areas are also ISO 3166-1 entries (US-PR is
  PR), so each is one record under its alpha-2 code, with the ISO 3166-2 code as
  an alias.
- UN M49 (``data/jurisdictions/m49_regions.yaml``, names from Babel's CLDR
  data): the region and subregion of each country.
- ``data/jurisdictions/dependent_territories.yaml``: which ISO 3166-1 entries are
  not sovereign states, and which state each depends on. Its header states the
  rule.
- Three international bodies that make anti-trafficking law: UN, COE, EU.

Pure functions over shipped data; nothing here touches a database.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml
from babel import Locale

__all__ = [
    "DATA_DIR",
    "INTERNATIONAL_BODIES",
    "KINDS",
    "LEGAL_TRADITIONS",
    "LEVELS",
    "JurisdictionDataError",
    "JurisdictionRecord",
    "UnknownJurisdictionError",
    "build_jurisdictions",
    "load_details",
    "resolve_code",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "jurisdictions"

KINDS = ("sovereign_state", "dependent_territory", "subnational", "international_body")
LEVELS = ("national", "subnational")
LEGAL_TRADITIONS = ("common_law", "civil_law", "mixed", "customary", "religious", "international")

# Codes chosen for the bodies; none is an ISO 3166-1 alpha-2 or alpha-3 code.
INTERNATIONAL_BODIES: tuple[tuple[str, str], ...] = (
    ("UN", "United Nations"),
    ("COE", "Council of Europe"),
    ("EU", "European Union"),
)

# ISO 3166-2:US files American Samoa, Guam, etc. under this subdivision type.
_OUTLYING_AREA = "Outlying area"

# Aliases that are codes (alpha-3, ISO 3166-2) rather than names, for resolve_code.
_ALIAS_CODE = re.compile(r"[A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3}")


@dataclass(frozen=True)
class JurisdictionRecord:
    """One jurisdiction, as the standards describe it."""

    code: str
    name: str
    official_name: str
    kind: str
    level: str
    parent_code: str | None
    region_code: str
    region_name: str
    subregion_code: str
    subregion_name: str
    numeric: str | None
    aliases: tuple[str, ...]


class UnknownJurisdictionError(LookupError):
    """No jurisdiction has this code."""


class JurisdictionDataError(ValueError):
    """A shipped data file is malformed or disagrees with the standards."""


def build_jurisdictions(data_dir: Path = DATA_DIR) -> list[JurisdictionRecord]:
    """All jurisdictions: ISO 3166-1, the US subdivisions, then the international bodies."""
    parents = _load_dependent_territories(data_dir / "dependent_territories.yaml")
    regions = _load_regions(data_dir / "m49_regions.yaml")
    region_names: Mapping[str, str] = Locale("en").territories

    outlying, states = _us_subdivisions(parents)
    records = [
        _country_record(country, parents, regions, region_names, outlying.get(country.alpha_2))
        for country in sorted(pycountry.countries, key=lambda c: str(c.alpha_2))
    ]
    us = next(record for record in records if record.code == "US")
    records += [_state_record(subdivision, us) for subdivision in states]
    records += [_body_record(code, name) for code, name in INTERNATIONAL_BODIES]
    return records


def resolve_code(code: str) -> str:
    """The jurisdiction code for any code it is known by, in any case.

    Accepts ISO 3166-1 alpha-2 ("pr") and alpha-3 ("PRI"), ISO 3166-2:US codes
    ("US-PR", "us-dc") and the body codes ("COE"). Bare US postal codes are not
    accepted: many of them are other countries' alpha-2 codes (CA, DE, GA, IN).
    """
    try:
        return _code_index()[code.strip().upper()]
    except KeyError:
        raise UnknownJurisdictionError(f"no jurisdiction has the code {code!r}") from None


def load_details(path: Path = DATA_DIR / "details.yaml") -> dict[str, dict[str, str]]:
    """Legislature and legal tradition by jurisdiction code.

    Raises JurisdictionDataError (a ValueError) if the file is malformed.
    """
    document = _read_yaml(path)
    if not isinstance(document, dict):
        raise JurisdictionDataError(f"{path.name}: expected a mapping of jurisdiction code to details")
    details: dict[str, dict[str, str]] = {}
    for code, entry in document.items():
        if not isinstance(entry, dict) or set(entry) != {"legislature", "legal_tradition"}:
            raise JurisdictionDataError(f"{path.name}: {code!r} must have exactly legislature and legal_tradition")
        legislature, tradition = entry["legislature"], entry["legal_tradition"]
        if not isinstance(legislature, str) or not legislature.strip():
            raise JurisdictionDataError(f"{path.name}: {code!r} has an empty legislature")
        if tradition not in LEGAL_TRADITIONS:
            raise JurisdictionDataError(
                f"{path.name}: {code!r} has legal_tradition {tradition!r}; "
                f"expected one of {', '.join(LEGAL_TRADITIONS)}"
            )
        details[str(code)] = {"legislature": legislature.strip(), "legal_tradition": tradition}
    return details


# ------------------------------------------------------------------ records


def _country_record(
    country: pycountry.db.Country,
    parents: Mapping[str, str | None],
    regions: Mapping[str, tuple[str, str]],
    region_names: Mapping[str, str],
    subdivision_code: str | None,
) -> JurisdictionRecord:
    code = str(country.alpha_2)
    iso_name = str(country.name)
    # pycountry's common_name is the short form people use ("Bolivia" for
    # "Bolivia, Plurinational State of"); ISO 3166-1 gives an official name
    # only where it differs from the short name.
    name = str(getattr(country, "common_name", iso_name))
    official_name = str(getattr(country, "official_name", iso_name))
    region, subregion = regions.get(code, ("", ""))
    dependent = code in parents
    parent = parents.get(code)
    return JurisdictionRecord(
        code=code,
        name=name,
        official_name=official_name,
        kind="dependent_territory" if dependent else "sovereign_state",
        # A territory under another state's law is assessed like a state or
        # province ("territories with their own criminal law" in the framework);
        # one with no parent state stands on its own.
        level="subnational" if parent else "national",
        parent_code=parent,
        region_code=region,
        region_name=region_names.get(region, "") if region else "",
        subregion_code=subregion,
        subregion_name=region_names.get(subregion, "") if subregion else "",
        numeric=str(country.numeric),
        aliases=_unique([str(country.alpha_3), subdivision_code, iso_name, official_name], exclude={code, name}),
    )


def _state_record(subdivision: pycountry.db.Subdivision, us: JurisdictionRecord) -> JurisdictionRecord:
    # States and DC have no ISO 3166-1 entry, so no numeric code, and lie in the
    # UN M49 region of the United States.
    name = str(subdivision.name)
    return JurisdictionRecord(
        code=str(subdivision.code),
        name=name,
        official_name=name,
        kind="subnational",
        level="subnational",
        parent_code=us.code,
        region_code=us.region_code,
        region_name=us.region_name,
        subregion_code=us.subregion_code,
        subregion_name=us.subregion_name,
        numeric=None,
        aliases=(),
    )


def _body_record(code: str, name: str) -> JurisdictionRecord:
    # An international body legislates for its members, not a territory: no
    # region, no map geometry. "national" because it legislates at that level.
    return JurisdictionRecord(
        code=code,
        name=name,
        official_name=name,
        kind="international_body",
        level="national",
        parent_code=None,
        region_code="",
        region_name="",
        subregion_code="",
        subregion_name="",
        numeric=None,
        aliases=(),
    )


def _us_subdivisions(
    parents: Mapping[str, str | None],
) -> tuple[dict[str, str], list[pycountry.db.Subdivision]]:
    """Split ISO 3166-2:US into outlying areas (alpha-2 -> US-xx) and the states and DC."""
    outlying: dict[str, str] = {}
    states: list[pycountry.db.Subdivision] = []
    us_subdivisions = pycountry.subdivisions.get(country_code="US")  # type: ignore[no-untyped-call]
    for subdivision in sorted(us_subdivisions, key=lambda s: str(s.code)):
        code = str(subdivision.code)
        if subdivision.type != _OUTLYING_AREA:
            states.append(subdivision)
            continue
        alpha_2 = code.removeprefix("US-")
        if parents.get(alpha_2) != "US":
            raise JurisdictionDataError(
                f"{code} is an outlying area in ISO 3166-2:US, but {alpha_2} is not "
                "listed as a dependent territory of US"
            )
        outlying[alpha_2] = code
    return outlying, states


# ------------------------------------------------------------------ lookups


@functools.cache
def _code_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for record in build_jurisdictions():
        codes = [
            record.code,
            *(alias for alias in record.aliases if _ALIAS_CODE.fullmatch(alias)),
        ]
        for code in codes:
            if index.setdefault(code, record.code) != record.code:
                raise JurisdictionDataError(f"the code {code} would name both {index[code]} and {record.code}")
    return index


# ------------------------------------------------------------------ data files


def _read_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _load_dependent_territories(path: Path) -> dict[str, str | None]:
    document = _read_yaml(path)
    territories = document.get("territories") if isinstance(document, dict) else None
    if not isinstance(territories, dict):
        raise JurisdictionDataError(f"{path.name}: expected a 'territories' mapping")
    parents: dict[str, str | None] = {}
    for code, parent in territories.items():
        _check_alpha_2(code, path)
        if parent is not None:
            _check_alpha_2(parent, path)
            if parent in territories:
                raise JurisdictionDataError(f"{path.name}: the parent of {code}, {parent}, is itself dependent")
        parents[code] = parent
    return parents


def _load_regions(path: Path) -> dict[str, tuple[str, str]]:
    """alpha-2 -> (UN M49 region, subregion)."""
    document = _read_yaml(path)
    tree = document.get("regions") if isinstance(document, dict) else None
    if not isinstance(tree, dict):
        raise JurisdictionDataError(f"{path.name}: expected a 'regions' mapping")
    regions: dict[str, tuple[str, str]] = {}
    for region, subregions in tree.items():
        if not isinstance(subregions, dict):
            raise JurisdictionDataError(f"{path.name}: region {region!r} must map subregions to codes")
        for subregion, codes in subregions.items():
            for code in str(codes).split():
                _check_alpha_2(code, path)
                if code in regions:
                    raise JurisdictionDataError(f"{path.name}: {code} is listed in two subregions")
                regions[code] = (str(region), str(subregion))
    return regions


def _check_alpha_2(code: object, path: Path) -> None:
    if not isinstance(code, str) or pycountry.countries.get(alpha_2=code) is None:
        raise JurisdictionDataError(f"{path.name}: {code!r} is not an ISO 3166-1 alpha-2 code")


def _unique(values: Iterable[str | None], exclude: set[str]) -> tuple[str, ...]:
    seen = set(exclude)
    unique: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            unique.append(value)
    return tuple(unique)
