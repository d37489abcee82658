"""Tests for the jurisdiction list built from ISO 3166, UN M49 and the shipped data."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pycountry
import pytest

from fourthp.lib.jurisdictions import (
    DATA_DIR,
    KINDS,
    LEGAL_TRADITIONS,
    LEVELS,
    JurisdictionDataError,
    JurisdictionRecord,
    UnknownJurisdictionError,
    build_jurisdictions,
    load_details,
    resolve_code,
)

ALPHA_2 = sorted(country.alpha_2 for country in pycountry.countries)
US_SUBDIVISIONS = sorted(
    s.code
    for s in pycountry.subdivisions.get(country_code="US")  # type: ignore[no-untyped-call]
)
US_OUTLYING_AREAS = ["AS", "GU", "MP", "PR", "UM", "VI"]

# ISO 3166-1 entries that UN M49 places in no region, and why.
NO_M49_REGION = {
    "AQ": "M49 lists Antarctica under World only, in no region",
}

M49_REGIONS = {
    "002": "Africa",
    "009": "Oceania",
    "019": "Americas",
    "142": "Asia",
    "150": "Europe",
}


@pytest.fixture(scope="module")
def records() -> list[JurisdictionRecord]:
    return build_jurisdictions()


@pytest.fixture(scope="module")
def by_code(records: list[JurisdictionRecord]) -> dict[str, JurisdictionRecord]:
    return {record.code: record for record in records}


# ------------------------------------------------------------ counts


def test_pycountry_has_the_expected_iso_entries() -> None:
    assert len(ALPHA_2) == 249
    assert len(US_SUBDIVISIONS) == 57


def test_there_are_303_jurisdictions_with_unique_codes(
    records: list[JurisdictionRecord],
) -> None:
    # 249 ISO 3166-1 + 57 ISO 3166-2:US - 6 outlying areas listed in both + 3 bodies.
    assert len(records) == 303
    assert len({record.code for record in records}) == 303


def test_the_kinds_add_up(records: list[JurisdictionRecord]) -> None:
    kinds = Counter(record.kind for record in records)
    assert kinds == {
        "sovereign_state": 195,  # 193 UN members + the Holy See + the State of Palestine
        "dependent_territory": 54,
        "subnational": 51,  # 50 states + the District of Columbia
        "international_body": 3,
    }


def test_every_kind_and_level_is_one_of_the_allowed_values(
    records: list[JurisdictionRecord],
) -> None:
    assert {record.kind for record in records} <= set(KINDS)
    assert {record.level for record in records} <= set(LEVELS)


# ------------------------------------------------------------ codes


@pytest.mark.parametrize("code", ALPHA_2)
def test_every_iso_3166_1_code_resolves_to_itself(code: str) -> None:
    assert resolve_code(code) == code
    assert resolve_code(code.lower()) == code


def test_every_us_subdivision_code_resolves(
    by_code: dict[str, JurisdictionRecord],
) -> None:
    for code in US_SUBDIVISIONS:
        resolved = resolve_code(code)
        assert resolved in by_code
        suffix = code.removeprefix("US-")
        assert resolved == (suffix if suffix in US_OUTLYING_AREAS else code)


def test_alpha_3_codes_resolve_to_the_alpha_2_record() -> None:
    for country in pycountry.countries:
        assert resolve_code(country.alpha_3) == country.alpha_2
    assert resolve_code("usa") == "US"


def test_puerto_rico_is_one_record_under_both_codes(
    by_code: dict[str, JurisdictionRecord],
) -> None:
    assert resolve_code("PR") == resolve_code("US-PR") == resolve_code("us-pr") == "PR"
    puerto_rico = by_code["PR"]
    assert puerto_rico.kind == "dependent_territory"
    assert puerto_rico.parent_code == "US"
    assert "US-PR" in puerto_rico.aliases
    assert "US-PR" not in by_code


def test_every_us_outlying_area_is_a_dependent_territory_of_the_us(
    by_code: dict[str, JurisdictionRecord],
) -> None:
    for code in US_OUTLYING_AREAS:
        record = by_code[code]
        assert (record.kind, record.parent_code, record.level) == (
            "dependent_territory",
            "US",
            "subnational",
        )
        assert f"US-{code}" in record.aliases


def test_the_district_of_columbia_is_subnational_under_the_us(
    by_code: dict[str, JurisdictionRecord],
) -> None:
    district = by_code["US-DC"]
    assert district.name == "District of Columbia"
    assert (district.kind, district.level, district.parent_code) == (
        "subnational",
        "subnational",
        "US",
    )
    assert district.region_code == by_code["US"].region_code == "019"
    assert district.subregion_code == by_code["US"].subregion_code == "021"


def test_us_postal_codes_are_not_read_as_states() -> None:
    # "CA" is Canada in ISO 3166-1; California is only ever "US-CA".
    assert resolve_code("CA") == "CA"
    assert resolve_code("US-CA") == "US-CA"
    with pytest.raises(UnknownJurisdictionError, match="'DC'"):
        resolve_code("DC")


def test_an_unknown_code_is_refused() -> None:
    for code in ["XK", "", "US-XX", "ZZZ"]:
        with pytest.raises(UnknownJurisdictionError):
            resolve_code(code)


def test_every_iso_3166_1_record_has_its_numeric_code(
    by_code: dict[str, JurisdictionRecord],
) -> None:
    numerics = [by_code[code].numeric for code in ALPHA_2]
    assert all(n is not None and len(n) == 3 and n.isdigit() for n in numerics)
    assert len(set(numerics)) == 249
    assert by_code["US"].numeric == "840"
    assert by_code["US-DC"].numeric is None


# ------------------------------------------------------------ sovereignty


def test_every_parent_is_a_sovereign_state(
    records: list[JurisdictionRecord], by_code: dict[str, JurisdictionRecord]
) -> None:
    for record in records:
        if record.parent_code is not None:
            assert by_code[record.parent_code].kind == "sovereign_state", record.code


def test_observer_states_are_sovereign(by_code: dict[str, JurisdictionRecord]) -> None:
    assert by_code["VA"].kind == by_code["PS"].kind == "sovereign_state"


def test_territories_of_disputed_status_have_no_parent(
    by_code: dict[str, JurisdictionRecord],
) -> None:
    for code in ["AQ", "EH", "TW"]:
        record = by_code[code]
        assert (record.kind, record.parent_code, record.level) == (
            "dependent_territory",
            None,
            "national",
        )


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("PR", "US"),
        ("GL", "DK"),
        ("FO", "DK"),
        ("HK", "CN"),
        ("AW", "NL"),
        ("SJ", "NO"),
        ("CK", "NZ"),
    ],
)
def test_a_dependent_territory_names_the_state_it_depends_on(
    by_code: dict[str, JurisdictionRecord], code: str, parent: str
) -> None:
    assert by_code[code].parent_code == parent


def test_sovereign_states_have_no_parent_and_are_national(
    records: list[JurisdictionRecord],
) -> None:
    for record in records:
        if record.kind == "sovereign_state":
            assert (record.parent_code, record.level) == (None, "national"), record.code


# ------------------------------------------------------------ regions


def test_every_country_has_a_un_m49_region_except_the_listed_ones(
    by_code: dict[str, JurisdictionRecord],
) -> None:
    without = {code for code in ALPHA_2 if not by_code[code].region_code}
    assert without == set(NO_M49_REGION)
    for code in ALPHA_2:
        record = by_code[code]
        if code in NO_M49_REGION:
            assert (
                record.region_name,
                record.subregion_code,
                record.subregion_name,
            ) == ("", "", "")
        else:
            assert M49_REGIONS[record.region_code] == record.region_name
            assert record.subregion_code and record.subregion_name, code


def test_each_subregion_lies_in_one_region(records: list[JurisdictionRecord]) -> None:
    regions_of: dict[str, set[str]] = {}
    for record in records:
        if record.subregion_code:
            regions_of.setdefault(record.subregion_code, set()).add(record.region_code)
    assert all(len(regions) == 1 for regions in regions_of.values())
    assert len(regions_of) == 22


def test_region_names_come_from_cldr(by_code: dict[str, JurisdictionRecord]) -> None:
    assert (by_code["BR"].region_name, by_code["BR"].subregion_name) == (
        "Americas",
        "South America",
    )
    assert (by_code["KE"].region_name, by_code["KE"].subregion_name) == (
        "Africa",
        "Eastern Africa",
    )
    assert by_code["PR"].subregion_name == "Caribbean"


# ------------------------------------------------------------ bodies and names


@pytest.mark.parametrize(
    ("code", "name"),
    [("UN", "United Nations"), ("COE", "Council of Europe"), ("EU", "European Union")],
)
def test_the_international_bodies_exist(by_code: dict[str, JurisdictionRecord], code: str, name: str) -> None:
    body = by_code[code]
    assert (body.name, body.kind, body.level, body.parent_code) == (
        name,
        "international_body",
        "national",
        None,
    )
    assert (body.region_code, body.numeric) == ("", None)
    assert resolve_code(code.lower()) == code


def test_body_codes_are_not_iso_country_codes() -> None:
    iso_codes = {c.alpha_2 for c in pycountry.countries} | {c.alpha_3 for c in pycountry.countries}
    assert not {"UN", "COE", "EU"} & iso_codes


def test_names_use_the_common_short_form(
    by_code: dict[str, JurisdictionRecord],
) -> None:
    bolivia = by_code["BO"]
    assert bolivia.name == "Bolivia"
    assert bolivia.official_name == "Plurinational State of Bolivia"
    assert "Bolivia, Plurinational State of" in bolivia.aliases
    assert by_code["FR"].official_name == "French Republic"
    assert by_code["JP"].official_name == "Japan"  # ISO gives no separate full name


def test_no_alias_repeats_the_code_or_name(records: list[JurisdictionRecord]) -> None:
    for record in records:
        assert record.code not in record.aliases
        assert record.name not in record.aliases
        assert len(set(record.aliases)) == len(record.aliases)


# ------------------------------------------------------------ details


def test_the_details_file_names_only_existing_codes(
    by_code: dict[str, JurisdictionRecord],
) -> None:
    details = load_details()
    assert set(details) == {"US", "US-DC", "CA", "UN", "COE", "EU"}
    assert set(details) <= set(by_code)
    assert {entry["legal_tradition"] for entry in details.values()} <= set(LEGAL_TRADITIONS)
    assert details["US-DC"]["legislature"] == "Council of the District of Columbia"


def test_details_with_an_unknown_legal_tradition_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "details.yaml"
    path.write_text(
        "US:\n  legislature: Congress\n  legal_tradition: napoleonic\n",
        encoding="utf-8",
    )
    with pytest.raises(JurisdictionDataError, match="'US' has legal_tradition 'napoleonic'"):
        load_details(path)


def test_details_missing_a_field_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "details.yaml"
    path.write_text("US:\n  legislature: Congress\n", encoding="utf-8")
    with pytest.raises(JurisdictionDataError, match="exactly legislature and legal_tradition"):
        load_details(path)


# ------------------------------------------------------------ data file checks


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "jurisdictions"
    shutil.copytree(DATA_DIR, target)
    return target


def test_an_unquoted_no_for_norway_is_refused_not_read_as_false(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "dependent_territories.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('SJ: "NO"', "SJ: NO"), encoding="utf-8")
    with pytest.raises(JurisdictionDataError, match="False is not an ISO 3166-1 alpha-2 code"):
        build_jurisdictions(data)


def test_a_country_in_two_subregions_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "m49_regions.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("BM CA GL", "BM CA FR GL"),
        encoding="utf-8",
    )
    with pytest.raises(JurisdictionDataError, match="FR is listed in two subregions"):
        build_jurisdictions(data)


def test_a_us_outlying_area_not_marked_as_dependent_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "dependent_territories.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  GU: US  # Guam\n", ""),
        encoding="utf-8",
    )
    with pytest.raises(JurisdictionDataError, match="US-GU is an outlying area"):
        build_jurisdictions(data)
