"""A NUL character anywhere a request is read is refused with 400, on pages and in the API."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fourthp.accounts.actions import do_create_api_token
from fourthp.testing import make_analyst


def _assert_page_refuses(response, where: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "This request could not be read" in text
    assert f"The request has a NUL character (\\x00, or %00 in an address) in its {where}." in text


def _assert_api_refuses(response, where: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert f"The request has a NUL character (\\x00, or %00 in an address) in its {where}." in body["detail"]


@pytest.mark.parametrize("path", ["/jurisdictions/US%00DC/", "/search/%00/", "/members/%00/"])
def test_it_refuses_a_nul_in_a_page_address(path: str, seeded: None) -> None:
    _assert_page_refuses(Client().get(path), "address")


def test_it_refuses_a_nul_in_an_api_address(seeded: None) -> None:
    _assert_api_refuses(Client().get("/api/v1/jurisdictions/US%00DC"), "address")


def test_it_refuses_a_nul_in_a_query_string(seeded: None) -> None:
    _assert_page_refuses(Client().get("/search/", {"q": "traffick\x00ing"}), "query string")
    _assert_page_refuses(Client().get("/search/?q%00=x"), "query string")
    _assert_api_refuses(Client().get("/api/v1/search", {"q": "a\x00"}), "query string")
    _assert_api_refuses(Client().get("/api/v1/jurisdictions?region=%00"), "query string")


def test_it_refuses_a_nul_in_form_fields(seeded: None) -> None:
    urlencoded = Client().post("/accounts/login/", {"login": "a\x00@example.org", "password": "x"})
    _assert_page_refuses(urlencoded, "form fields")
    client = Client()
    client.force_login(make_analyst())
    multipart = client.post("/analyze/", {"text": "Article 1\x00", "jurisdiction": ""}, format="multipart")
    _assert_page_refuses(multipart, "form fields")


def test_it_refuses_a_nul_in_a_json_body(seeded: None) -> None:
    _, raw = do_create_api_token(make_analyst(), name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    escaped = json.dumps({"text": "Article 1. Trafficking\u0000", "framework": "four-p"})
    assert "\\u0000" in escaped
    _assert_api_refuses(client.post("/api/v1/analyze", escaped, content_type="application/json"), "JSON body")
    nested = json.dumps({"jurisdiction": "US-DC", "evidence": [{"section_key": "x\u0000"}]})
    _assert_api_refuses(client.post("/api/v1/assessments", nested, content_type="application/json"), "JSON body")
    raw_nul = b'{"text": "a\x00"}'
    _assert_api_refuses(client.post("/api/v1/analyze", raw_nul, content_type="application/json"), "JSON body")


def test_an_escaped_backslash_before_u0000_is_not_a_nul(seeded: None) -> None:
    """`\\\\u0000` in JSON is a backslash followed by "u0000": text, which the API reads as usual."""
    _, raw = do_create_api_token(make_analyst(), name="script")
    body = json.dumps({"text": "A path C:\\u0000 in an Article 1 on trafficking in persons.", "framework": "four-p"})
    response = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").post("/api/v1/analyze", body, content_type="application/json")
    assert response.status_code == 200


def test_the_refusal_speaks_the_visitors_language(seeded: None) -> None:
    response = Client().get("/search/", {"q": "\x00"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "carácter NUL" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_on_any_database_a_nul_is_a_400_not_a_server_error(seeded: None) -> None:
    """Run on SQLite and on PostgreSQL (DATABASE_URL); on PostgreSQL a NUL that reached a query was a 500."""
    client = Client(raise_request_exception=False)
    assert client.get("/instruments/x%00y/").status_code == 400
    assert client.get("/api/v1/instruments/x%00y").status_code == 400
    assert client.get("/api/v1/members", {"q": "\x00"}).status_code == 400
    assert client.post("/accounts/signup/", {"email": "\x00@example.org"}).status_code == 400
