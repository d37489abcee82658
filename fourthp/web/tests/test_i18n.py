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
