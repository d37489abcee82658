"""A finding's rationale can be given in more than one language; the reader sees hers when it exists."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from fourthp.assessments.actions import do_load_seed_assessments
from fourthp.assessments.models import Assessment
from fourthp.assessments.tests.test_report_card import land  # noqa: F401
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Section
from fourthp.testing import publish_assessment

ENGLISH = "Section 1 makes trafficking an offence."
SPANISH = "La sección 1 tipifica la trata como delito."


@pytest.fixture
def translated(land: tuple[Jurisdiction, Section]) -> Assessment:  # noqa: F811
    jurisdiction, section = land
    assessment = publish_assessment(jurisdiction, "crim.sex-trafficking", "full", section)
    assessment.rationale = ENGLISH
    assessment.rationale_translations = {"es": SPANISH}
    assessment.save()
    return assessment


def test_the_rationale_is_given_in_the_language_asked_for_when_translated() -> None:
    assessment = Assessment(rationale=ENGLISH, rationale_translations={"es": SPANISH})
    assert assessment.rationale_in("es") == SPANISH
    assert assessment.rationale_in("es-ar") == SPANISH
    assert assessment.rationale_in("en") == ENGLISH
    assert assessment.rationale_in("fr") == ENGLISH
    assert Assessment(rationale=ENGLISH).rationale_in("es") == ENGLISH


@pytest.mark.parametrize(("language", "shown", "hidden"), [("es", SPANISH, ENGLISH), ("en", ENGLISH, SPANISH)])
def test_the_report_card_and_the_assessment_page_show_the_readers_rationale(
    translated: Assessment, language: str, shown: str, hidden: str
) -> None:
    client = Client(headers={"Accept-Language": language})
    for url in ("/jurisdictions/QQ/report-card/", translated.get_absolute_url()):
        page = client.get(url).content.decode()
        assert shown in page, url
        assert hidden not in page, url


def test_an_untranslated_rationale_is_shown_as_written_to_a_spanish_reader(
    land: tuple[Jurisdiction, Section],  # noqa: F811
) -> None:
    jurisdiction, section = land
    assessment = publish_assessment(jurisdiction, "crim.sex-trafficking", "full", section)
    page = Client(headers={"Accept-Language": "es"}).get(assessment.get_absolute_url()).content.decode()
    assert "Finding for crim.sex-trafficking." in page


def test_the_json_twins_and_the_api_carry_every_language(translated: Assessment) -> None:
    client = Client(headers={"Accept-Language": "es"})
    card = client.get("/jurisdictions/QQ/report-card.json").json()
    row = next(p for p in card["provisions"] if p["provision"] == "crim.sex-trafficking")
    assert (row["rationale"], row["rationale_translations"]) == (ENGLISH, {"es": SPANISH})
    untouched = next(p for p in card["provisions"] if p["provision"] == "crim.penalties")
    assert untouched["rationale_translations"] == {}
    for url in (f"/api/v1/assessments/{translated.pk}", f"/assessments/{translated.pk}.json"):
        response = client.get(url)
        assert response.status_code == 200, url
        data = response.json()
        data = data.get("assessment", data)
        assert (data["rationale"], data["rationale_translations"]) == (ENGLISH, {"es": SPANISH}), url


SEED = """\
framework: four-p
version: 1
assessed_on: 2026-11-22
assessments:
  - jurisdiction: QQ
    provision: crim.sex-trafficking
    status: full
    rationale: {english}
    rationale_es: {spanish}
    evidence:
      - section: qq-1
        quote: "Trafficking in persons is an offence"
  - jurisdiction: QQ
    provision: crim.penalties
    status: unknown
    rationale: Penalties are set elsewhere.
"""


def test_the_seed_loader_reads_the_spanish_rationale(
    land: tuple[Jurisdiction, Section],  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "qq-seed.yaml"
    path.write_text(SEED.format(english=ENGLISH, spanish=SPANISH), encoding="utf-8")
    assert do_load_seed_assessments(path, acting_user=None).created == 2
    found = {a.provision.slug: a for a in Assessment.objects.filter(jurisdiction__code="QQ")}
    assert found["crim.sex-trafficking"].rationale == ENGLISH
    assert found["crim.sex-trafficking"].rationale_translations == {"es": SPANISH}
    assert found["crim.penalties"].rationale_translations == {}
    assert found["crim.sex-trafficking"].history.first().rationale_translations == {"es": SPANISH}
