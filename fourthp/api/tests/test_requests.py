"""The API under requests it did not expect: made-up tokens, absurd pages, errors of its own."""

from __future__ import annotations

import logging
import secrets

import pytest
from django.test import Client
from django.urls import reverse

from fourthp.accounts.actions import do_create_api_token, do_revoke_api_token
from fourthp.api.api import api
from fourthp.testing import make_member, make_secretariat


def _bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_made_up_tokens_are_counted_against_the_address_they_come_from(settings, seeded: None) -> None:
    settings.API_RATE = "3/m"
    client = Client(REMOTE_ADDR="192.0.2.60")
    statuses = [
        client.get("/api/v1/jurisdictions/FR", **_bearer(f"fp_{secrets.token_hex(16)}")).status_code for _ in range(4)
    ]
    assert statuses == [401, 401, 401, 429]
    # The address is spent, with or without a made-up token; another address is not.
    assert client.get("/api/v1/jurisdictions/FR").status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.61").get("/api/v1/jurisdictions/FR").status_code == 200


def test_the_address_is_read_behind_the_trusted_proxies(settings, seeded: None) -> None:
    settings.API_RATE = "1/m"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    assert proxy.get("/api/v1/frameworks", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert proxy.get("/api/v1/frameworks", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200
    assert proxy.get("/api/v1/frameworks", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429


def test_a_verified_tokens_requests_count_against_its_account_from_any_address(settings, seeded: None) -> None:
    settings.API_RATE = "2/m"
    member = make_member()
    _, first = do_create_api_token(member, name="laptop")
    _, second = do_create_api_token(member, name="server")
    assert Client(REMOTE_ADDR="192.0.2.70").get("/api/v1/me", **_bearer(first)).status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.71").get("/api/v1/frameworks", **_bearer(second)).status_code == 200
    assert Client(REMOTE_ADDR="192.0.2.72").get("/api/v1/frameworks", **_bearer(first)).status_code == 429
    # Her account's count is not the address's: the address still answers without a token.
    assert Client(REMOTE_ADDR="192.0.2.70").get("/api/v1/frameworks").status_code == 200


@pytest.mark.parametrize(
    "header",
    ["Bearer fp_not-a-token", "Bearer nonsense", "Basic dXNlcjpwYXNz", "Bearer fp_\x00", "Bearer"],
)
def test_an_invalid_token_on_a_read_endpoint_is_401_in_the_error_shape(header: str, seeded: None) -> None:
    response = Client().get("/api/v1/jurisdictions/FR", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "unauthenticated"
    assert "valid API token" in body["detail"]
    assert body["errors"] == []
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_token_on_a_list_is_401_not_anonymous(seeded: None) -> None:
    token, raw = do_create_api_token(make_member(), name="old")
    do_revoke_api_token(token, acting_user=token.user)
    response = Client().get("/api/v1/members", **_bearer(raw))
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


# --- Pagination --------------------------------------------------------------------------

# A value for each path parameter of a paginated list, so that the walk reaches the list itself.
PATH_VALUES = {"code": "US-DC", "framework_id": "four-p"}
ABSURD = [
    ("offset", "99999999999999999999"),
    ("offset", str(2**63)),
    ("offset", "-1"),
    ("offset", "1000000000000"),
    ("limit", "99999999999999999999"),
    ("limit", "-5"),
    ("limit", "0"),
]


def _paginated_lists() -> list[str]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get and {p["name"] for p in get.get("parameters", [])} >= {"limit", "offset"}:
            found.append(path.format(**PATH_VALUES))
    return found


def _needs_token(path: str) -> bool:
    """Whether the list at `path` is read only with a token (the secretariat's opens every such list)."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return any(
        "security" in operations["get"] and route.format(**PATH_VALUES) == path
        for route, operations in schema["paths"].items()
        if "get" in operations and {p["name"] for p in operations["get"].get("parameters", [])} >= {"limit", "offset"}
    )


def test_the_walk_finds_every_paginated_list() -> None:
    lists = _paginated_lists()
    assert "/api/v1/jurisdictions" in lists
    assert "/api/v1/events" in lists
    assert "/api/v1/search" in lists
    assert len(lists) >= 10, lists


@pytest.mark.parametrize("path", _paginated_lists())
def test_an_absurd_offset_or_limit_is_422_naming_the_parameter(path: str, seeded: None) -> None:
    client = Client()
    if _needs_token(path):
        token = do_create_api_token(make_secretariat(), name="lists")[1]
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    # The lists that need a filter to answer at all get one.
    extra = {"/api/v1/search": {"q": "trafficking"}, "/api/v1/indicators": {"jurisdiction": "US"}}.get(path, {})
    assert client.get(path, extra).status_code == 200
    for name, value in ABSURD:
        response = client.get(path, {**extra, name: value})
        assert response.status_code == 422, f"{path}?{name}={value}: {response.status_code}"
        body = response.json()
        assert body["code"] == "invalid"
        assert name in body["detail"], body["detail"]
        assert [e["loc"][-1] for e in body["errors"]] == [name]


def test_the_largest_offset_allowed_answers_an_empty_page(seeded: None) -> None:
    response = Client().get("/api/v1/jurisdictions", {"offset": "1000000000"})
    assert response.status_code == 200
    assert response.json()["items"] == []


# --- Server errors -----------------------------------------------------------------------


def test_a_server_error_in_the_api_answers_in_its_error_shape_and_is_logged(monkeypatch, seeded: None, caplog) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr("fourthp.api.frameworks.list_frameworks", broken)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get("/api/v1/frameworks")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "server_error"
    assert "logged" in body["detail"]
    assert body["errors"] == []
    assert "the database went away" in caplog.text


def test_a_server_error_on_a_page_is_still_the_sites_page(monkeypatch, seeded: None) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("fourthp.web.views.Framework.objects.count", broken)
    response = Client(raise_request_exception=False).get(reverse("home"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert response["Content-Type"].startswith("text/html")


def test_a_request_django_refuses_answers_400_in_the_error_shape_under_the_api(seeded: None) -> None:
    """A Host the site does not serve is refused by Django itself (handler400): JSON for the API, a page elsewhere."""
    client = Client(raise_request_exception=False)
    api_answer = client.get("/api/v1/frameworks", HTTP_HOST="attacker.example")
    assert api_answer.status_code == 400
    assert api_answer.json()["code"] == "invalid"
    page = client.get("/jurisdictions/", HTTP_HOST="attacker.example")
    assert page.status_code == 400
    assert "This request could not be read" in page.content.decode()
