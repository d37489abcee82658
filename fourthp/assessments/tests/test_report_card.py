"""Report cards, comparison, maps, downloads and counts across jurisdictions."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from fourthp.assessments.models import Assessment
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Section
from fourthp.lib.maps import codes, world_geometry
from fourthp.testing import make_instrument, make_jurisdiction, make_section, publish_assessment

publish = publish_assessment


@pytest.fixture
def land(seeded: None) -> tuple[Jurisdiction, Section]:
    jurisdiction = make_jurisdiction("QQ", name="Quuxland")
    instrument = make_instrument(jurisdiction, sections=0, key="qq-act", section_key_prefix="qq")
    section = make_section(instrument, number="1", text="Trafficking in persons is an offence punishable by 20 years.")
    return jurisdiction, section


def national_slugs() -> list[str]:
    return list(
        Provision.objects.filter(framework__slug="four-p", applies_national=True)
        .order_by("order")
        .values_list("slug", flat=True)
    )


@pytest.mark.parametrize("n", [1, 40])
def test_the_report_card_uses_a_constant_number_of_queries(
    land: tuple[Jurisdiction, Section], django_assert_num_queries, n: int
) -> None:
    jurisdiction, section = land
    for slug in national_slugs()[:n]:
        publish(jurisdiction, slug, "full", section)
    client = Client()
    # session-free visitor: jurisdiction, framework, pillars, provisions, assessments, evidence+sections, revisions,
    # and the jurisdiction's instruments (the law read)
    with django_assert_num_queries(8):
        response = client.get("/jurisdictions/QQ/report-card/")
    assert response.status_code == 200
    with django_assert_num_queries(8):
        assert client.get("/jurisdictions/QQ/report-card.json").status_code == 200


def test_the_report_card_puts_the_gaps_first_and_never_counts_unknown_as_absent(
    land: tuple[Jurisdiction, Section],
) -> None:
    jurisdiction, section = land
    slugs = national_slugs()
    publish(jurisdiction, slugs[0], "full", section)
    publish(jurisdiction, slugs[1], "partial", section)
    publish(jurisdiction, slugs[2], "absent")
    data = Client().get("/jurisdictions/QQ/report-card.json").json()
    assert data["gaps"] == [slugs[2], slugs[1]]  # absent first, then partial
    assert data["overall"]["assessed"] == 3
    assert data["overall"]["unknown"] == len(slugs) - 3
    assert data["overall"]["absent"] == 1
    assert data["overall"]["grade"] is None  # 3 of 40-odd assessed: not enough to grade
    w = [float(Provision.objects.get(framework__slug="four-p", slug=s).weight) for s in slugs[:3]]
    assert data["overall"]["score"] == round(100 * (w[0] + 0.5 * w[1]) / sum(w))  # weighted share of what is assessed
    page = Client().get("/jurisdictions/QQ/report-card/").content.decode()
    assert page.index("What this law lacks") < page.index("Every provision")
    assert "Not enough assessed to grade" in page
    assert f"3 of {len(slugs)} applicable provisions assessed" in page


def test_a_graded_card_shows_its_grade(land: tuple[Jurisdiction, Section]) -> None:
    jurisdiction, section = land
    for slug in national_slugs():
        publish(jurisdiction, slug, "full", section)
    data = Client().get("/api/v1/jurisdictions/QQ/report-card").json()
    assert data["overall"]["grade"] == "A" and data["overall"]["score"] == 100
    assert all(p["score"]["grade"] == "A" for p in data["pillars"])


def test_a_subnational_card_leaves_out_provisions_that_do_not_apply(seeded: None) -> None:
    data = Client().get("/jurisdictions/US-DC/report-card.json").json()
    national_only = set(
        Provision.objects.filter(framework__slug="four-p", applies_subnational=False).values_list("slug", flat=True)
    )
    assert national_only and set(data["not_applicable"]) == national_only
    assert not national_only & {p["provision"] for p in data["provisions"]}


def test_the_csv_and_json_downloads(land: tuple[Jurisdiction, Section]) -> None:
    jurisdiction, section = land
    publish(jurisdiction, national_slugs()[0], "full", section)
    rows = list(csv.DictReader(io.StringIO(Client().get("/jurisdictions/QQ/report-card.csv").content.decode())))
    assert (
        len(rows) == 1 and rows[0]["evidence_section_key"] == "qq-1" and rows[0]["evidence_quote"] == section.text[:10]
    )
    everything = Client().get("/assessments/published.json").json()
    assert everything["count"] == Assessment.objects.published().count()
    assert Client().get("/assessments/published.xml").status_code == 404


def test_the_csv_never_hands_a_spreadsheet_a_formula(land: tuple[Jurisdiction, Section]) -> None:
    jurisdiction, section = land
    assessment = publish(jurisdiction, national_slugs()[0], "full", section)
    assessment.rationale = '=HYPERLINK("http://example.org/x","see")'
    assessment.save()
    assessment.evidence.update(quote="-2+3 years")
    rows = list(csv.DictReader(io.StringIO(Client().get("/jurisdictions/QQ/report-card.csv").content.decode())))
    assert rows[0]["rationale"] == "'" + assessment.rationale
    assert rows[0]["evidence_quote"] == "'-2+3 years"
    assert rows[0]["evidence_start"] == "0" and rows[0]["jurisdiction"] == "QQ"


def test_compare_highlights_differences_and_limits_the_number(land: tuple[Jurisdiction, Section]) -> None:
    jurisdiction, section = land
    other = make_jurisdiction("QR", name="Quarland")
    slug = national_slugs()[0]
    publish(jurisdiction, slug, "full", section)
    publish(other, slug, "absent")
    page = Client().get("/compare/?j=QQ+QR").content.decode()
    assert 'class="differs"' in page and "Quarland" in page
    data = Client().get("/compare.json?j=QQ&j=QR").json()
    assert data["jurisdictions"] == ["QQ", "QR"]
    too_many = Client().get("/compare/?j=QQ+QR+US+CA+FR+DE+BR").content.decode()
    assert "Compare at most 6" in too_many
    unknown = Client().get("/compare/?j=ZZZ").content.decode()
    assert "No jurisdiction is called ZZZ or has it as its code." in unknown


def test_the_world_map_links_places_and_lists_those_without_a_shape(land: tuple[Jurisdiction, Section]) -> None:
    # QQ has no shape: it must be in the table, not lost.
    jurisdiction, section = land
    publish(jurisdiction, national_slugs()[0], "full", section)
    data = Client().get("/maps.json").json()
    by_code = {p["code"]: p for p in data["places"]}
    # One provision of 47 assessed: striped in the colour of its score on what is assessed, never a grade.
    assert by_code["QQ"]["on_map"] is False and by_code["QQ"]["css_class"] == "partly-grade-a"
    assert by_code["QQ"]["value"].startswith("1 of ")
    assert by_code["DE"]["on_map"] is True and by_code["DE"]["css_class"] == "unassessed"
    page = Client().get("/maps/").content.decode()
    assert '<a href="/jurisdictions/CA/report-card/"' in page
    assert "Quuxland" in page  # in the table
    assert set(by_code) - set(codes(world_geometry())) >= {"QQ"}


def test_the_us_map_shows_dc_and_a_provision_status(seeded: None) -> None:
    dc = Jurisdiction.objects.get(code="US-DC")
    slug = Provision.objects.filter(framework__slug="four-p", applies_subnational=True).order_by("order")[0].slug
    Assessment.objects.filter(jurisdiction=dc, provision__slug=slug).delete()
    publish(dc, slug, "partial")
    data = Client().get(f"/maps.json?map=us&measure=provision&provision={slug}").json()
    by_code = {p["code"]: p for p in data["places"]}
    assert by_code["US-DC"]["css_class"] == "status-partial" and by_code["US-DC"]["on_map"]
    assert by_code["US-TX"]["css_class"] == "unassessed"
    bad = Client().get("/maps/?measure=provision&provision=nope").content.decode()
    assert "Choose a provision" in bad


def test_coverage_counts_give_their_denominator(land: tuple[Jurisdiction, Section]) -> None:
    jurisdiction, _section = land
    slug = "prev.hotline"
    before = Client().get(f"/api/v1/provisions/{slug}/coverage?level=national").json()
    publish(jurisdiction, slug, "absent")
    after = Client().get(f"/api/v1/provisions/{slug}/coverage?level=national").json()
    assert after["absent"] == before["absent"] + 1
    assert after["jurisdictions"] == before["jurisdictions"]
    assert after["unknown"] == before["unknown"] - 1  # it was unknown before: never counted as absent
    assert after["full"] + after["partial"] + after["absent"] + after["unknown"] == after["jurisdictions"]
    page = Client().get(f"/frameworks/four-p/provisions/{slug}/").content.decode()
    assert f"Of {after['assessed']} assessed national jurisdiction" in page
    assert Client().get(f"/api/v1/provisions/{slug}/coverage?level=planet").status_code == 422


def test_the_map_speaks_the_readers_language(seeded: None) -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get("/maps/").content.decode()
    assert "<title>Canadá: " in page  # the tooltip of Canada's shape
    assert ">Canadá</a>" in page  # the table
    assert "2 016" not in page and "2.016" not in page  # years are not formatted as numbers
