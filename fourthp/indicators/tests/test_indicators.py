"""Indicators by jurisdiction and year: charts with a table, source and caveats; funding ratios from the registry."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from fourthp.indicators.models import FundingComparison, ReportedOffences
from fourthp.indicators.queries import UnsourcedSide, funding_for, funding_ratio
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.statistics.models import Quality, Statistic
from fourthp.statistics.tests.factories import make_statistic


@pytest.mark.django_db
def test_a_state_page_draws_the_fbi_counts_with_a_table_its_source_and_caveat(seeded: None) -> None:
    page = Client().get("/jurisdictions/US-TX/indicators/").content.decode()
    assert '<svg class="chart"' in page and '<title id="chart-fbi-ucr-title">' in page and "<desc " in page
    assert '<table class="data">' in page and "Commercial sex acts" in page
    texas_2020 = ReportedOffences.objects.get(jurisdiction__code="US-TX", year=2020, offence="commercial-sex-acts")
    assert f"{texas_2020.actual:,}" in page  # the same number in the table as in the data
    assert "Uniform Crime Reporting Program" in page and "https://cde.ucr.cjis.gov/" in page
    assert "not a measure of how much trafficking there is" in page
    assert "Reporting is voluntary" in page


@pytest.mark.django_db
def test_a_country_page_charts_its_tip_tiers_and_ilab_findings_with_sources(seeded: None) -> None:
    page = Client().get("/jurisdictions/UA/indicators/").content.decode()
    assert page.count('<svg class="chart"') >= 2
    assert "Trafficking in Persons Report tier" in page and "Tier 2" in page
    assert "Heiss" in page  # the TIP compilers are cited
    assert "Bureau of International Labor Affairs" in page
    data = Client().get("/jurisdictions/UA/indicators.json").json()
    keys = {item["key"] for item in data["items"]}
    assert "tip-tier" in keys and data["count"] == len(data["items"])
    tip = next(item for item in data["items"] if item["key"] == "tip-tier")
    assert tip["source"]["publisher"] and tip["caveats"] and any(p["year"] == 2015 for p in tip["points"])


@pytest.mark.django_db
def test_the_jurisdiction_page_links_to_its_indicators(seeded: None) -> None:
    assert b'href="/jurisdictions/RO/indicators/"' in Client().get("/jurisdictions/RO/").content


@pytest.mark.django_db
def test_the_api_serves_the_indicators_of_a_jurisdiction_with_the_fbi_caveat(seeded: None) -> None:
    data = Client().get("/api/v1/indicators?jurisdiction=US-TX").json()
    ucr = next(item for item in data["items"] if item["key"] == "fbi-ucr-human-trafficking")
    assert any("Reporting is voluntary" in caveat for caveat in ucr["caveats"])
    assert Client().get("/api/v1/indicators?jurisdiction=ZZ").status_code == 404


@pytest.mark.django_db
def test_the_funding_ratio_is_computed_from_both_registry_figures(seeded: None) -> None:
    us = Jurisdiction.objects.get(code="US")
    ratios = {r.profits.key: r for r in funding_for(us).ratios}
    world = ratios["forced-labour-profits-2024"]
    expected = (Decimal(248_000_000) / Decimal(236_000_000_000) * 100).quantize(Decimal("0.01"))
    assert world.cents_per_dollar == expected == Decimal("0.11")
    page = Client().get("/jurisdictions/US/funding/").content.decode()
    assert "0.11 cents for each dollar of profits" in page
    assert "Congressional Budget Office" in page and "Profits and Poverty" in page
    data = Client().get("/jurisdictions/US/funding.json").json()
    assert {item["profits"]["key"] for item in data["items"]} >= {"forced-labour-profits-2024"}


@pytest.mark.django_db
def test_a_comparison_with_an_unsourced_side_is_refused_and_never_shown(seeded: None) -> None:
    us = Jurisdiction.objects.get(code="US")
    unsourced = Statistic.objects.get(key="us-federal-antitrafficking-spending")
    assert unsourced.quality == Quality.UNSOURCED
    profits = Statistic.objects.get(key="forced-labour-profits-2024")
    comparison = FundingComparison(jurisdiction=us, year=2020, funding=unsourced, profits=profits)
    with pytest.raises(ValidationError):
        comparison.full_clean()
    comparison.save()  # as if the figure had been regraded unsourced after the comparison was recorded
    with pytest.raises(UnsourcedSide):
        funding_ratio(comparison)
    assert funding_for(us).withheld == 1
    page = Client().get("/jurisdictions/US/funding/").content.decode()
    assert "150,000,000" not in page and "150000000" not in page
    assert "1 comparison is not shown because one of its figures has no source." in page
    assert Client().get("/api/v1/jurisdictions/US/funding").json()["withheld"] == 1


@pytest.mark.django_db
def test_a_regraded_figure_withdraws_its_comparison(seeded: None) -> None:
    figure = make_statistic("walk-funding", unit="USD per year", value=Decimal(1000))
    profits = make_statistic("walk-profits", unit="USD per year", value=Decimal(100000))
    comparison = FundingComparison.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="FR"), year=2024, funding=figure, profits=profits
    )
    assert funding_ratio(comparison).cents_per_dollar == Decimal("1.00")
    Statistic.objects.filter(pk=figure.pk).update(quality=Quality.UNSOURCED, source="")
    comparison.refresh_from_db()
    with pytest.raises(UnsourcedSide):
        funding_ratio(comparison)
