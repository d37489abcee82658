from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


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


def test_every_plural_message_has_each_form_its_language_counts() -> None:
    # A missing form is read as untranslated: the reader would get the English sentence for that count.
    import gettext
    from pathlib import Path

    catalogues = sorted((Path(__file__).resolve().parents[3] / "locale").glob("*/LC_MESSAGES/django.mo"))
    assert catalogues, "no compiled catalogue was found"
    for path in catalogues:
        with path.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)
        forms = max(catalogue.plural(n) for n in (0, 1, 2, 5, 21, 1_000_000)) + 1
        plural_ids = {key[0] for key in catalogue._catalog if isinstance(key, tuple)}  # type: ignore[attr-defined]
        assert plural_ids, f"{path}: no plural message"
        missing = sorted(
            msgid[:60] for msgid in plural_ids for n in range(forms) if (msgid, n) not in catalogue._catalog
        )  # type: ignore[attr-defined]
        assert not missing, f"{path}: plural forms missing for {missing}"
