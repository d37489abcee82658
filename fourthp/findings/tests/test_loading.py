"""The shipped ILAB and TIP-tier files load as their sources state them, once, with every place accounted for."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from fourthp.accounts.models import AuditEvent
from fourthp.findings import sources
from fourthp.findings.actions import do_load_findings
from fourthp.findings.models import CountryFinding, FindingSource
from fourthp.jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[3] / "data" / "findings"
ILAB_FILES = sorted((DATA / "us-dol-ilab").glob("countries_*.xml"))

# Places with no ISO 3166-1 code, so no jurisdiction; data/findings/README.md lists them.
DOCUMENTED_UNPLACED = {("us-dol-ilab", "Kosovo"), ("tip-tiers", "Kosovo")}


def _finding(code: str, indicator: str, year: int) -> CountryFinding:
    return CountryFinding.objects.select_related("source").get(
        jurisdiction__code=code, indicator=indicator, year_described=year
    )


def test_the_seed_holds_every_tier_and_ilab_finding_of_the_shipped_files(seeded: None) -> None:
    counts = {
        slug: CountryFinding.objects.filter(source__slug=slug).count() for slug in (sources.ILAB_SLUG, sources.TIP_SLUG)
    }
    # 2,251 country-years with a tier in the CSV, less Kosovo's 7.
    assert counts[sources.TIP_SLUG] == 2244
    assert counts[sources.ILAB_SLUG] == 3139
    assert CountryFinding.objects.filter(indicator=sources.TIP_TIER, year_described=2015).count() == 185


def test_a_tier_is_stored_in_the_state_departments_words_for_its_report_year(seeded: None) -> None:
    # heiss_kelley_tip_tiers_orig_2001-2015.csv, line 13: "Afghanistan","AFG",2010,700,"Watchlist    "
    watch = _finding("AF", sources.TIP_TIER, 2010)
    assert (watch.value, watch.conforms, watch.published_year) == ("Tier 2 Watch List", False, 2010)
    assert watch.source.slug == "tip-tiers"
    # line 44: "Algeria","DZA",2007,615,"Tier 3"; line 118: "Armenia","ARM",2013,371,"Tier 1    "
    assert _finding("DZ", sources.TIP_TIER, 2007).value == "Tier 3"
    tier_1 = _finding("AM", sources.TIP_TIER, 2013)
    assert (tier_1.value, tier_1.conforms) == ("Tier 1", True)


def test_an_ilab_standard_keeps_the_law_and_its_conformity_apart(seeded: None) -> None:
    # countries_2019.xml, Uganda: <Prohibition_Child_Trafficking><Standard>Yes</Standard>
    # ... <Conforms_To_Intl_Standard>No</Conforms_To_Intl_Standard>
    uganda = _finding("UG", sources.ILAB_CHILD_TRAFFICKING, 2019)
    assert (uganda.value, uganda.conforms, uganda.published_year) == ("Yes", False, 2020)
    # countries_2021.xml (which describes 2022), Afghanistan: Prohibition_CSEC No / No; Palermo Yes.
    afghanistan = _finding("AF", sources.ILAB_CSEC, 2022)
    assert (afghanistan.value, afghanistan.conforms, afghanistan.published_year) == ("No", False, 2023)
    assert _finding("AF", sources.ILAB_PALERMO, 2022).value == "Yes"
    assert _finding("AF", sources.ILAB_PALERMO, 2022).conforms is None


def test_a_country_with_several_legal_systems_shows_each_territory_and_claims_no_single_answer(seeded: None) -> None:
    # countries_2019.xml, Pakistan, Prohibition_Child_Trafficking: Federal Yes, Balochistan No, ...
    pakistan = _finding("PK", sources.ILAB_CHILD_TRAFFICKING, 2019)
    assert pakistan.value == "Varies by territory"
    assert pakistan.conforms is None
    assert "Federal: Yes" in pakistan.detail
    assert "Balochistan: No" in pakistan.detail
    # Tanzania's mainland and Zanzibar agree, so the answer is theirs.
    tanzania = _finding("TZ", sources.ILAB_CSEC, 2019)
    assert (tanzania.value, tanzania.conforms) == ("Yes", True)
    assert tanzania.detail == "Mainland: Yes; Zanzibar: Yes"


def test_loading_again_creates_nothing_and_records_no_new_event(seeded: None) -> None:
    before = (CountryFinding.objects.count(), FindingSource.objects.count())
    events = AuditEvent.objects.filter(verb="findings.loaded").count()
    assert events >= 1
    report = do_load_findings(DATA)
    assert report.created_total == 0
    assert report.existing == before[0]
    assert (CountryFinding.objects.count(), FindingSource.objects.count()) == before
    assert AuditEvent.objects.filter(verb="findings.loaded").count() == events


def test_a_first_load_creates_every_finding_and_records_one_event(seeded: None) -> None:
    CountryFinding.objects.all().delete()
    report = do_load_findings(DATA)
    assert dict(report.created) == {"us-dol-ilab": 3139, "tip-tiers": 2244}
    event = AuditEvent.objects.filter(verb="findings.loaded").first()
    assert event is not None
    assert event.data["created"] == {"us-dol-ilab": 3139, "tip-tiers": 2244}


def test_the_places_left_unplaced_are_exactly_the_documented_ones(seeded: None) -> None:
    report = do_load_findings(DATA)
    assert set(report.skipped) == DOCUMENTED_UNPLACED
    # Kosovo: three legal standards and Palermo in each of six ILAB files; seven tier years.
    assert report.skipped[("us-dol-ilab", "Kosovo")] == 24
    assert report.skipped[("tip-tiers", "Kosovo")] == 7
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for _, place in DOCUMENTED_UNPLACED:
        assert place in readme


def test_every_ilab_file_is_shown_for_the_year_its_own_text_describes(seeded: None) -> None:
    """Read the year from each file's raw text, not through the importer, and find the findings under it."""
    assert len(ILAB_FILES) == 6
    report = do_load_findings(DATA)
    countries = {j.name: j for j in Jurisdiction.objects.countries()}
    stated_years = set()
    for path in ILAB_FILES:
        raw = path.read_text(encoding="utf-8-sig")
        # Every country summary opens "In 2019, <country> made ...".
        years = set(re.findall(r"<Description>\s*In (\d{4}),", raw))
        assert len(years) == 1, f"{path.name} states the years {years}"
        year = int(years.pop())
        stated_years.add(year)
        assert report.ilab_years[path.name] == year
        checked = 0
        for block in raw.split("<Country>")[1:]:
            name = re.search(r"<Name>(.*?)</Name>", block)
            palermo = re.search(r"<Palermo_Ratified>(Yes|No)</Palermo_Ratified>", block)
            forced = re.search(r"<Prohibition_Forced_Labor>\s*<Standard>(Yes|No)</Standard>", block)
            if not (name and palermo and forced) or name.group(1) not in countries:
                continue
            jurisdiction = countries[name.group(1)]
            stored = {
                f.indicator: f.value
                for f in CountryFinding.objects.filter(jurisdiction=jurisdiction, year_described=year)
            }
            assert stored.get(sources.ILAB_PALERMO) == palermo.group(1), (path.name, name.group(1))
            assert stored.get(sources.ILAB_FORCED_LABOUR) == forced.group(1), (path.name, name.group(1))
            checked += 1
        assert checked > 100, f"only {checked} countries of {path.name} could be checked"
    ilab_years = set(
        CountryFinding.objects.filter(source__slug=sources.ILAB_SLUG).values_list("year_described", flat=True)
    )
    assert ilab_years == stated_years
    # The file named 2021 describes 2022: nothing is shown as describing 2021.
    assert report.ilab_years["countries_2021.xml"] == 2022
    assert 2021 not in ilab_years


def test_a_file_whose_summaries_name_two_years_is_refused(seeded: None, tmp_path: Path) -> None:
    shutil.copytree(DATA / "tip-tiers", tmp_path / "tip-tiers")
    (tmp_path / "us-dol-ilab").mkdir()
    (tmp_path / "us-dol-ilab" / "countries_2030.xml").write_text(
        "<Countries>"
        "<Country><Name>Chad</Name><Description>In 2029, Chad made ...</Description></Country>"
        "<Country><Name>Mali</Name><Description>In 2030, Mali made ...</Description></Country>"
        "</Countries>",
        encoding="utf-8",
    )
    with pytest.raises(sources.SourceDataError, match=r"countries_2030\.xml.*2029 \(1\), 2030 \(1\)"):
        do_load_findings(tmp_path)


def test_an_unknown_tier_is_refused_with_its_line(seeded: None, tmp_path: Path) -> None:
    (tmp_path / "us-dol-ilab").mkdir()
    (tmp_path / "tip-tiers").mkdir()
    (tmp_path / "tip-tiers" / sources.TIP_FILE).write_text(
        '"countryname","iso","year","ccode","tier"\n"Chad","TCD",2016,483,"Tier 4"\n', encoding="utf-8"
    )
    with pytest.raises(sources.SourceDataError, match=r"line 2: unknown tier 'Tier 4'"):
        do_load_findings(tmp_path)
