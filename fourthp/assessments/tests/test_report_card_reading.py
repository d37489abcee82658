"""What a reader sees first on a report card, its brief of the gaps, and the maps' words and colours."""

from __future__ import annotations

import re
from html import escape

import pytest
from django.test import Client

from fourthp.assessments.models import Assessment
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Section
from fourthp.lib.maps import world_geometry
from fourthp.lib.scoring import COVERAGE_THRESHOLD
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


def brief_of(page: str) -> str:
    """The "In brief" box at the top of a report card."""
    start = page.index('id="brief-h"')
    return page[start : page.index("</section>", start)]


def test_the_report_card_opens_with_the_coverage_in_its_heading_and_one_line_per_kind_of_gap(
    land: tuple[Jurisdiction, Section],
) -> None:
    jurisdiction, section = land
    slugs = national_slugs()
    publish(jurisdiction, slugs[0], "full", section)
    publish(jurisdiction, slugs[1], "partial", section)
    publish(jurisdiction, slugs[2], "absent")
    page = Client().get("/jurisdictions/QQ/report-card/").content.decode()
    h1 = re.search(r"<h1>(.*?)</h1>", page, re.S)
    assert h1 is not None and f"3 of {len(slugs)} applicable provisions assessed" in h1.group(1)
    brief = brief_of(page)
    assert "Lacks (1):" in brief and f'href="#{slugs[2]}"' in brief
    assert "Partial (1):" in brief and f'href="#{slugs[1]}"' in brief
    assert f"Not yet assessed ({len(slugs) - 3}):" in brief and f'href="#{slugs[3]}"' in brief
    assert f'href="#{slugs[0]}"' not in brief  # what is met in full is not a gap
    assert page.index('id="brief-h"') < page.index('id="scores-h"') < page.index('id="all-h"')
    assert f'id="{slugs[2]}"' in page  # the links land on the provision's card


def test_under_the_coverage_threshold_the_coverage_comes_first_and_no_grade_is_shown(
    land: tuple[Jurisdiction, Section],
) -> None:
    # The threshold is the grading one: 60% of the applicable provisions (methodology, "Coverage first").
    jurisdiction, section = land
    slugs = national_slugs()
    below = -(-len(slugs) * COVERAGE_THRESHOLD.numerator // COVERAGE_THRESHOLD.denominator) - 1
    for slug in slugs[:below]:
        publish(jurisdiction, slug, "full", section)
    brief = brief_of(Client().get("/jurisdictions/QQ/report-card/").content.decode())
    coverage = f"{below} of {len(slugs)} applicable provisions assessed"
    assert coverage in brief
    assert 'class="grade' not in brief
    assert brief.index(coverage) < brief.index("(100 of 100 on what is assessed)")
    assert "Not enough assessed to grade" in brief

    # One more provision assessed reaches the threshold: now the grade is the headline.
    publish(jurisdiction, slugs[below], "full", section)
    brief = brief_of(Client().get("/jurisdictions/QQ/report-card/").content.decode())
    assert '<span class="grade grade-a">A</span>' in brief
    assert "on what is assessed" not in brief
    assert f"{below + 1} of {len(slugs)} applicable provisions assessed" in brief


def test_rationales_are_rendered_as_markdown_and_sanitised(land: tuple[Jurisdiction, Section]) -> None:
    jurisdiction, section = land
    slug = national_slugs()[0]
    assessment = publish(jurisdiction, slug, "partial", section)
    assessment.rationale = "Art. 1 is **narrow**: see `s. 2`.<script>alert(1)</script>"
    assessment.save(update_fields=["rationale"])
    for url in ("/jurisdictions/QQ/report-card/", f"/assessments/{assessment.pk}/"):
        page = Client().get(url).content.decode()
        assert "<strong>narrow</strong>" in page and "<code>s. 2</code>" in page, url
        assert "**narrow**" not in page and "<script>alert(1)" not in page, url


def test_the_brief_of_the_gaps_gives_the_peers_full_on_each_gap_and_their_words(
    land: tuple[Jurisdiction, Section],
) -> None:
    jurisdiction, _section = land
    slugs = national_slugs()
    gap = "prev.hotline"
    assert gap in slugs
    Assessment.objects.filter(provision__slug=gap, status="full").delete()
    publish(jurisdiction, gap, "absent")
    peer = make_jurisdiction("PP", name="Peerland")
    instrument = make_instrument(peer, sections=0, key="pp-act", section_key_prefix="pp")
    words = make_section(instrument, number="7", text="A national hotline answers day and night in every language.")
    publish(peer, gap, "full", words)
    card = Client().get("/jurisdictions/QQ/report-card/").content.decode()
    assert 'href="/jurisdictions/QQ/report-card/gaps/"' in card

    page = Client().get("/jurisdictions/QQ/report-card/gaps/").content.decode()
    assert "Peerland" in page and "“A national”" in page  # the peer's quoted evidence (its first ten characters)
    evidence = Assessment.objects.get(jurisdiction=peer, provision__slug=gap).evidence.get()
    assert f'href="{escape(evidence.get_absolute_url())}"' in page  # the quote links to its section
    assert 'href="/jurisdictions/PP/report-card/#prev.hotline"' in page
    data = Client().get("/jurisdictions/QQ/report-card/gaps.json").json()
    [row] = [g for g in data["gaps"] if g["provision"] == gap]
    assert row["status"] == "absent"
    assert [p["jurisdiction"] for p in row["peers"]] == ["PP"]
    assert row["peers"][0]["evidence"][0]["quote"] == "A national"


def test_a_card_without_gaps_has_no_brief_link_and_the_brief_says_so(land: tuple[Jurisdiction, Section]) -> None:
    jurisdiction, section = land
    publish(jurisdiction, national_slugs()[0], "full", section)
    assert "report-card/gaps/" not in Client().get("/jurisdictions/QQ/report-card/").content.decode()
    page = Client().get("/jurisdictions/QQ/report-card/gaps/").content.decode()
    assert "No provision has been found absent or partial." in page


def test_the_world_map_calls_places_of_the_atlas_not_yet_assessed_never_not_in_the_atlas(seeded: None) -> None:
    data = Client().get("/maps.json").json()
    by_code = {p["code"]: p for p in data["places"]}
    # Greenland is a dependent territory in the atlas with its own shape on the world map.
    assert Jurisdiction.objects.filter(code="GL").exists()
    assert by_code["GL"]["value"] == "not yet assessed" and by_code["GL"]["on_map"]
    page = Client().get("/maps/").content.decode()
    labels = re.findall(r"<title>([^<]*): not in the atlas</title>", page)
    in_atlas = set(Jurisdiction.objects.values_list("name", flat=True))
    assert not [name for name in labels if name in in_atlas]
    assert "Greenland: not yet assessed" in page


def test_the_member_countries_are_coloured_by_their_score_on_what_is_assessed_never_as_a_grade(seeded: None) -> None:
    data = Client().get("/maps.json").json()
    by_code = {p["code"]: p for p in data["places"]}
    for code in ("RO", "UA", "HU", "FR"):
        place = by_code[code]
        assert place["css_class"].startswith("partly-grade-"), (code, place)
        assert re.match(r"\d+ of \d+ assessed; \d+ of 100 on what is assessed", place["value"]), place
        assert "grade " not in place["value"]
    page = Client().get("/maps/").content.decode()
    assert 'id="map-world-partly-grade-b"' in page  # the striped pattern is defined in the map
    assert "Striped: under 60% of provisions assessed" in page


def test_the_map_legend_is_text_and_small_places_can_be_chosen_from_a_table(seeded: None) -> None:
    page = Client().get("/maps/").content.decode()
    assert 'class="map-legend"' not in page  # not drawn into the SVG, where it shrinks with the map
    key = page[page.index('<ul class="map-key"') : page.index("</ul>", page.index('<ul class="map-key"'))]
    assert "A (85–100)" in key and "Not yet assessed" in key
    table = page[page.index('id="small-places"') : page.index("</table>", page.index('id="small-places"'))]
    small = {m.code for m in world_geometry().markers}
    hong_kong = Jurisdiction.objects.get(code="HK")
    assert "HK" in small and f'href="/jurisdictions/{hong_kong.code}/report-card/"' in table
    # The map comes first in the page, its controls after it.
    assert page.index('<figure class="map">') < page.index('class="filters map-controls"')


def test_the_methodology_page_has_one_main_heading_and_states_the_coverage_first_rule(seeded: None) -> None:
    page = Client().get("/methodology/").content.decode()
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert len(headings) == 1 and headings[0].startswith("Methodology")
    assert f"Coverage first: under that same {int(COVERAGE_THRESHOLD * 100)}%" in page
