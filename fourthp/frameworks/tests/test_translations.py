"""The framework's texts in every interface language: files, loading, and the pages that show them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from fourthp.analyzer.framework import (
    TRANSLATED_FIELDS,
    FrameworkError,
    load_framework,
    load_translation,
    translation_paths,
)
from fourthp.assessments.models import Assessment
from fourthp.frameworks.actions import do_load_framework
from fourthp.frameworks.checks import translation_problems
from fourthp.frameworks.models import Framework, Provision
from fourthp.testing import client_as, make_analyst, make_jurisdiction

pytestmark = pytest.mark.django_db

FRAMEWORKS = Path(settings.DATA_DIR) / "frameworks"
SHIPPED = FRAMEWORKS / "four-p-v1.yaml"
SPANISH = FRAMEWORKS / "translations" / "four-p-v1.es.yaml"
TITLE_ES = "La trata con fines de explotación sexual es delito"
TITLE_EN = "Sex trafficking is a crime"
QUESTION_ES = "¿Tipifica la ley como delito la captación"


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.mark.parametrize("language", other_languages())
def test_every_interface_language_has_every_text_of_the_framework(language: str) -> None:
    framework = load_framework(SHIPPED)
    files = translation_paths(SHIPPED)
    assert language in files, f"data/frameworks/translations/four-p-v1.{language}.yaml is missing"
    translation = load_translation(files[language], framework, language)  # refuses missing or extra ids
    assert set(translation.provisions) == {p.id for p in framework.provisions}
    assert set(translation.pillars) == {p.id for p in framework.pillars}
    for texts in translation.provisions.values():
        assert set(texts) == set(TRANSLATED_FIELDS["provisions"])
    # A copy of the English is no translation.
    english = {p.id: p.title for p in framework.provisions}
    same = sorted(i for i, texts in translation.provisions.items() if texts["title"] == english[i])
    assert len(same) < 3, f"{language}: titles left in English: {same}"


def test_the_system_check_finds_the_shipped_translations_complete() -> None:
    assert [f"{m.id}: {m.msg}" for m in translation_problems(FRAMEWORKS)] == []


def _framework_with(tmp_path: Path, spanish: str) -> Path:
    (tmp_path / "translations").mkdir()
    shutil.copy(SHIPPED, tmp_path / "four-p-v1.yaml")
    (tmp_path / "translations" / "four-p-v1.es.yaml").write_text(spanish, encoding="utf-8")
    return tmp_path / "four-p-v1.yaml"


def _spanish_data() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(SPANISH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_translation_that_misses_a_provision_is_refused_and_names_it(tmp_path: Path) -> None:
    data = _spanish_data()
    del data["provisions"]["prot.vacatur"]
    path = _framework_with(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(
        FrameworkError, match=r"four-p-v1\.es\.yaml: 'provisions' lacks the framework's 'prot\.vacatur'"
    ):
        do_load_framework(path)
    problems = translation_problems(tmp_path)
    assert [m.id for m in problems if m.id.startswith("frameworks.E")] == ["frameworks.E002"]


def test_a_translation_with_an_unknown_provision_is_refused_and_names_it(tmp_path: Path) -> None:
    data = _spanish_data()
    data["provisions"]["crim.no-such-thing"] = dict(data["provisions"]["prot.vacatur"])
    path = _framework_with(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(FrameworkError, match=r"'crim\.no-such-thing', which the framework does not have"):
        do_load_framework(path)


def test_a_translation_missing_a_field_is_refused_and_names_it(tmp_path: Path) -> None:
    data = _spanish_data()
    del data["provisions"]["crim.penalties"]["partial"]
    path = _framework_with(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(FrameworkError, match=r"provision 'crim\.penalties'.* is missing the field 'partial'"):
        do_load_framework(path)


def test_load_seed_stops_with_a_clear_message_on_a_broken_translation(tmp_path: Path) -> None:
    data = _spanish_data()
    del data["pillars"]["prevention"]
    data_dir = tmp_path / "data"
    shutil.copytree(Path(settings.DATA_DIR) / "jurisdictions", data_dir / "jurisdictions")
    (data_dir / "frameworks").mkdir()
    _framework_with(data_dir / "frameworks", yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(CommandError, match=r"four-p-v1\.yaml could not be loaded: .*'pillars' lacks .*'prevention'"):
        call_command("load_seed", data_dir=str(data_dir), verbosity=0)


def test_a_better_wording_replaces_the_loaded_one_without_a_new_version(seeded: None, tmp_path: Path) -> None:
    data = _spanish_data()
    data["provisions"]["crim.sex-trafficking"]["title"] = "La trata sexual constituye delito"
    path = _framework_with(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    framework, created = do_load_framework(path)
    assert not created and Framework.objects.filter(slug="four-p").count() == 1
    provision = Provision.objects.get(framework=framework, slug="crim.sex-trafficking")
    assert provision.local("title", "es") == "La trata sexual constituye delito"
    assert provision.local("title", "en") == TITLE_EN
    do_load_framework(SHIPPED)
    provision.refresh_from_db()
    assert provision.local("title", "es-mx") == TITLE_ES


def test_a_text_not_yet_translated_reads_in_english(seeded: None) -> None:
    provision = Provision.objects.get(framework__slug="four-p", slug="crim.sex-trafficking")
    provision.translations = {"es": {"title": TITLE_ES}}
    provision.save(update_fields=["translations"])
    assert provision.local("question", "es").startswith("Does the law criminalise")
    assert provision.local("title", "xx") == TITLE_EN
    with pytest.raises(ValueError, match="no translated field 'slug'"):
        provision.local("slug")


SPANISH_PAGES = [
    "/frameworks/four-p/",
    "/frameworks/four-p/pillars/prosecution/",
    "/frameworks/four-p/provisions/crim.sex-trafficking/",
    "/frameworks/four-p/crosswalk/",
    "/jurisdictions/US-DC/report-card/",
    "/compare/?j=US+CA",
    "/maps/?measure=provision&provision=crim.sex-trafficking",
]


@pytest.mark.parametrize("url", SPANISH_PAGES)
def test_pages_show_the_framework_in_the_readers_language(seeded: None, url: str) -> None:
    spanish = Client(HTTP_ACCEPT_LANGUAGE="es").get(url)
    assert spanish.status_code == 200
    page = spanish.content.decode()
    assert TITLE_ES in page
    assert TITLE_EN not in page
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(url).content.decode()
    assert TITLE_EN in english and TITLE_ES not in english


def test_the_provision_page_gives_question_and_criteria_in_spanish(seeded: None) -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get("/frameworks/four-p/provisions/crim.sex-trafficking/").content.decode()
    assert QUESTION_ES in page
    assert "Un tipo penal específico abarca las conductas" in page
    assert "Solo existen delitos conexos" in page
    assert "Persecución" in page and "Marco jurídico Cuatro P" in page


def test_the_methodology_page_has_a_heading_and_the_pillars_in_the_readers_language(seeded: None) -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="es").get("/methodology/").content.decode()
    assert page.count("<h1>") == 1
    for title in ("Persecución", "Protección", "Prevención", "Cooperación"):
        assert title in page
    assert "Prosecution" not in page
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/methodology/").content.decode()
    assert "<h1>Methodology" in english and "85 to 100" in english and "at least 60%" in english


def test_the_assessment_form_shows_the_provision_in_the_analysts_language(seeded: None) -> None:
    analyst = make_analyst()
    provision = Provision.objects.get(framework__slug="four-p", slug="crim.sex-trafficking")
    draft = Assessment.objects.create(
        jurisdiction=make_jurisdiction("QQ", name="Quuxland"),
        provision=provision,
        status="unknown",
        rationale="",
        state=Assessment.State.DRAFT,
        assessor=analyst,
    )
    client = client_as(analyst)
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    page = client.get(f"/assessments/{draft.pk}/edit/").content.decode()
    assert TITLE_ES in page and QUESTION_ES in page
