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
