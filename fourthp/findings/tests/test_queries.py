"""The country page, the maps and the API read findings through queries.py, newest first and by source."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from fourthp.findings import sources
from fourthp.findings.models import CountryFinding
from fourthp.findings.queries import findings_map_values, list_findings_for, list_indicators
from fourthp.findings.schemas import FindingOut, FindingSourceOut
from fourthp.jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db

ILAB_YEARS = [2022, 2020, 2019, 2018, 2017, 2016]


def test_a_countrys_findings_come_by_source_and_indicator_newest_year_first(
    seeded: None, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    afghanistan = Jurisdiction.objects.get(code="AF")
    with django_assert_num_queries(1):
        groups = list_findings_for(afghanistan)
    by_slug = {group.source.slug: group for group in groups}
    assert set(by_slug) == {"us-dol-ilab", "tip-tiers"}
    ilab = by_slug["us-dol-ilab"]
    assert [i.indicator for i in ilab.indicators] == [
        sources.ILAB_FORCED_LABOUR,
        sources.ILAB_CHILD_TRAFFICKING,
        sources.ILAB_CSEC,
        sources.ILAB_PALERMO,
    ]
    for indicator in ilab.indicators:
        assert [f.year_described for f in indicator.findings] == ILAB_YEARS
    tiers = by_slug["tip-tiers"].indicators[0].findings
    assert [f.year_described for f in tiers][:3] == [2015, 2014, 2013]
    assert tiers[-1].year_described == 2002  # Afghanistan was first ranked in the 2002 report
    assert len(ilab.standards) == 1


def test_a_place_without_findings_gets_an_empty_list(seeded: None) -> None:
    assert list_findings_for(Jurisdiction.objects.get(code="US-DC")) == []


def test_the_map_values_of_one_year_are_that_years_findings_by_code(seeded: None) -> None:
    tiers_2007 = findings_map_values(sources.TIP_TIER, 2007)
    assert tiers_2007["DZ"].value == "Tier 3"
    assert all(f.year_described == 2007 for f in tiers_2007.values())
    assert len(findings_map_values(sources.TIP_TIER, 2015)) == 185
    assert findings_map_values(sources.TIP_TIER, 1990) == {}


def test_without_a_year_the_map_shows_each_countrys_latest_finding(seeded: None) -> None:
    latest = findings_map_values(sources.ILAB_CSEC)
    assert latest["AF"].year_described == 2022
    assert latest["AF"].conforms is False
    # ILAB last reported Bahrain's legal standards in its findings on 2017.
    assert latest["BH"].year_described == 2017
    tiers = findings_map_values(sources.TIP_TIER)
    assert tiers["AW"].year_described == 2015  # Aruba is ranked in the 2015 report only
    assert (
        len(tiers)
        == CountryFinding.objects.filter(indicator=sources.TIP_TIER).values("jurisdiction").distinct().count()
    )


def test_the_indicators_list_their_years_for_the_map_selector(seeded: None) -> None:
    indicators = {i.indicator: i for i in list_indicators()}
    assert list(indicators) == [
        sources.TIP_TIER,
        sources.ILAB_FORCED_LABOUR,
        sources.ILAB_CHILD_TRAFFICKING,
        sources.ILAB_CSEC,
        sources.ILAB_PALERMO,
    ]
    assert indicators[sources.TIP_TIER].years == list(range(2015, 2000, -1))
    assert indicators[sources.ILAB_CSEC].years == ILAB_YEARS
    assert indicators[sources.ILAB_CSEC].source_slug == "us-dol-ilab"
    assert str(indicators[sources.TIP_TIER].label) == "Trafficking in Persons Report tier"


def test_a_finding_and_its_source_take_the_api_shape(seeded: None) -> None:
    finding = findings_map_values(sources.ILAB_CHILD_TRAFFICKING, 2019)["UG"]
    data = FindingOut.from_model(finding).model_dump()
    assert data == {
        "source_slug": "us-dol-ilab",
        "source_title": "Findings on the Worst Forms of Child Labor",
        "jurisdiction_code": "UG",
        "indicator": "ilab-child-trafficking-standard",
        "indicator_label": "Prohibition of child trafficking",
        "year_described": 2019,
        "published_year": 2020,
        "value": "Yes",
        "conforms": False,
        "standard": "whether the law meets international standards",
        "detail": "",
    }
    source = FindingSourceOut.from_model(finding.source).model_dump()
    assert source["url"].startswith("https://www.dol.gov/")
    assert "countries_2021.xml describes 2022" in source["notes"]


def test_the_partial_sets_the_findings_apart_with_source_and_years(seeded: None) -> None:
    with translation.override("en"):
        html = render_to_string(
            "findings/_jurisdiction_findings.html", {"findings": list_findings_for(Jurisdiction.objects.get(code="AF"))}
        )
    assert "Findings of others" in html
    assert "not Fourth P's assessments" in html
    assert '<a href="https://www.dol.gov/agencies/ilab/resources/reports/child-labor">' in html
    assert "<caption>" in html
    assert '<th scope="col">' in html
    assert '<th scope="rowgroup"' in html
    assert "<td>2022</td>" in html and "<td>2023</td>" in html  # described, published
    assert "2,022" not in html
    assert "Tier 2 Watch List" in html
    assert "Heiss" in html


def test_the_partial_renders_nothing_for_a_place_without_findings(seeded: None) -> None:
    assert render_to_string("findings/_jurisdiction_findings.html", {"findings": []}).strip() == ""
