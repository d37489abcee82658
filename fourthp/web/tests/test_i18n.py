from __future__ import annotations

import datetime as dt
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"


def test_a_visitor_switches_to_spanish_and_sees_the_navigation_and_home_page_in_spanish(seeded: None) -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="es">' in page
    for text in ("Jurisdicciones", "Leyes", "Marco", "Buscar", "Iniciar sesión", "Por dónde empezar",
                 "La legislación contra la trata, lado a lado"):  # fmt: skip
        assert text in page, text
    assert "Where to start" not in page


def test_urls_carry_no_language_prefix(seeded: None) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    assert client.get("/jurisdictions/US-DC/").status_code == 200
    assert client.get("/es/jurisdictions/US-DC/").status_code == 404
    assert "Jurisdicciones" in client.get("/jurisdictions/").content.decode()


def test_country_and_region_names_follow_the_readers_language(seeded: None) -> None:
    spanish = Client(HTTP_ACCEPT_LANGUAGE="es").get("/jurisdictions/US/").content.decode()
    assert "<h1>Estados Unidos" in spanish
    assert "América" in spanish
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/jurisdictions/US/").content.decode()
    assert "<h1>United States" in english
    data = Client(HTTP_ACCEPT_LANGUAGE="es").get("/jurisdictions/US.json").json()
    assert data["name"] == "United States"  # the data keeps one stable name


def _translated_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.mark.parametrize("language", _translated_languages())
def test_every_interface_language_has_a_compiled_catalogue_with_each_plural_form(language: str) -> None:
    # A missing form is read as untranslated: the reader would get the English sentence for that count.
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.mo"
    assert path.is_file(), f"{language} is offered in LANGUAGES but {path} is missing: run `make messages`"
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    forms = max(catalogue.plural(n) for n in (0, 1, 2, 5, 11, 21, 101, 1_000_000)) + 1
    plural_ids = {key[0] for key in catalogue._catalog if isinstance(key, tuple)}  # type: ignore[attr-defined]
    assert plural_ids, f"{path}: no plural message"
    missing = sorted(msgid[:60] for msgid in plural_ids for n in range(forms) if (msgid, n) not in catalogue._catalog)  # type: ignore[attr-defined]
    assert not missing, f"{path}: plural forms missing for {missing}"


def test_the_language_switcher_offers_every_language_by_its_own_name() -> None:
    page = Client().get("/").content.decode()
    for code, own_name in (("en", "English"), ("es", "español"), ("fr", "français"), ("ro", "Română"),
                           ("uk", "Українська")):  # fmt: skip
        assert f'<option value="{code}"' in page, code
        assert own_name in page, own_name
    assert {code for code, _name in settings.LANGUAGES} == {"en", "es", "fr", "ro", "uk"}


@pytest.mark.parametrize(
    ("language", "date_text", "datetime_text"),
    [
        ("en", "22 November 2026", "22 November 2026, 14:30 UTC"),
        ("es", "22 de noviembre de 2026", "22 de noviembre de 2026, 14:30 UTC"),
        ("fr", "22 novembre 2026", "22 novembre 2026, 14:30 UTC"),
        # Lower case, as Romanian writes months (Django's own catalogue capitalises them).
        ("ro", "22 noiembrie 2026", "22 noiembrie 2026, 14:30 UTC"),
        ("uk", "22 листопада 2026 р.", "22 листопада 2026 р., 14:30 UTC"),
    ],
)
def test_dates_read_in_the_format_of_the_readers_language(language: str, date_text: str, datetime_text: str) -> None:
    moment = dt.datetime(2026, 11, 22, 14, 30, tzinfo=dt.UTC)
    template = Template('{{ moment|date:"DATE_FORMAT" }}|{{ moment|date:"DATETIME_FORMAT" }}|{{ moment|date }}')
    with translation.override(language):
        rendered = template.render(Context({"moment": moment}))
    assert rendered == f"{date_text}|{datetime_text}|{date_text}"


def test_no_template_shown_to_people_hard_codes_a_date_format() -> None:
    # Month names and word order differ by language ("22 de noviembre de 2026"): pages use the
    # locale's DATE_FORMAT / DATETIME_FORMAT; only times ("H:i T"), weekdays and machine stamps are spelt out.
    allowed = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT", "H:i T", "H:i",
               "l", "Ymd", "c"}  # fmt: skip
    templates = Path(settings.BASE_DIR) / "templates"
    offending = [
        f"{path.relative_to(templates)}: {fmt}"
        for path in sorted(templates.rglob("*.*"))
        for fmt in re.findall(r"""\|date:["']([^"']*)["']""", path.read_text(encoding="utf-8"))
        if fmt not in allowed
    ]
    assert not offending, offending
