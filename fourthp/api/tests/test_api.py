from __future__ import annotations

import pycountry
import pytest
from django.test import Client

from fourthp.accounts.actions import do_create_api_token, do_revoke_api_token
from fourthp.testing import make_member

pytestmark = pytest.mark.django_db


def test_us_dc_answers_with_its_code_of_13_sections(seeded: None) -> None:
    data = Client().get("/api/v1/jurisdictions/US-DC").json()
    assert data["code"] == "US-DC"
    assert data["level"] == "subnational"
    (instrument,) = data["instruments"]
    detail = Client().get(f"/api/v1/instruments/{instrument['key']}").json()
    numbers = [s["number"] for s in detail["sections"]]
    assert numbers == [f"22-{n}" for n in range(1831, 1844)]


def test_every_iso_3166_1_code_and_every_us_subdivision_resolves(seeded: None) -> None:
    client = Client()
    codes = [c.alpha_2 for c in pycountry.countries]
    us = [s.code for s in pycountry.subdivisions.get(country_code="US")]
    assert (len(codes), len(us)) == (249, 57)
    for code in codes + us:
        response = client.get(f"/api/v1/jurisdictions/{code}")
        assert response.status_code == 200, code


def test_a_territory_in_both_standards_is_one_jurisdiction(seeded: None) -> None:
    client = Client()
    assert client.get("/api/v1/jurisdictions/US-PR").json()["code"] == "PR"
    assert client.get("/api/v1/jurisdictions/PR").json()["aliases"] == ["PRI", "US-PR"]


def test_lists_share_one_pagination_shape(seeded: None) -> None:
    data = Client().get("/api/v1/jurisdictions?kind=international_body&limit=2&offset=1").json()
    assert set(data) == {"items", "count"}
    assert data["count"] == 3
    assert len(data["items"]) == 2


def test_jurisdictions_filter_by_level_and_region(seeded: None) -> None:
    client = Client()
    subnational = client.get("/api/v1/jurisdictions?level=subnational&limit=500").json()
    assert "US-DC" in {j["code"] for j in subnational["items"]}
    europe = client.get("/api/v1/jurisdictions?region=150&limit=500").json()
    assert "FR" in {j["code"] for j in europe["items"]}
    assert "US" not in {j["code"] for j in europe["items"]}


def test_errors_share_one_shape(seeded: None) -> None:
    client = Client()
    missing = client.get("/api/v1/sections/no-such-section")
    invalid = client.get("/api/v1/jurisdictions?kind=planet")
    for response, status in ((missing, 404), (invalid, 422)):
        assert response.status_code == status
        assert {"detail", "code", "errors"} <= set(response.json())


def test_a_request_body_over_the_limit_is_answered_with_413(settings, seeded: None) -> None:
    settings.API_MAX_REQUEST_BYTES = 100
    response = Client().post("/api/v1/jurisdictions", data="x" * 101, content_type="text/plain")
    assert response.status_code == 413
    assert "limit is 100 bytes" in response.json()["detail"]


def test_sections_search_and_frameworks_answer(seeded: None) -> None:
    client = Client()
    section = client.get("/api/v1/sections/us-dc-22-1833").json()
    assert section["citation"] == "D.C. Code § 22-1833"
    hits = client.get("/api/v1/search?q=debt+bondage&jurisdiction=US-DC").json()
    assert hits["count"] >= 1
    assert all(item["jurisdiction"]["code"] == "US-DC" for item in hits["items"])
    provisions = client.get("/api/v1/frameworks/four-p/provisions?limit=100").json()
    assert provisions["count"] == 47
    assert client.get("/api/v1/frameworks/four-p/provisions?version=9").status_code == 404


def test_a_token_authenticates_until_it_is_revoked(seeded: None) -> None:
    user = make_member()
    token, raw = do_create_api_token(user, name="script")
    client = Client()
    assert client.get("/api/v1/me").status_code == 401
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert me.status_code == 200
    assert me.json()["roles"] == ["member"]
    do_revoke_api_token(token, acting_user=user)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert token.token_hash != raw and raw not in token.token_hash


def test_every_endpoint_has_a_typed_response_and_an_api_url_name() -> None:
    from django.urls import get_resolver

    schema = Client().get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            success = operation["responses"].get("200") or operation["responses"]["201"]
            content = success["content"]["application/json"]["schema"]
            assert content != {}, f"{method} {path} has an untyped response"
    names = [p.name for p in get_resolver().url_patterns if getattr(p, "app_name", None) == "api"]
    api_names = {
        p.name for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "api" for p in r.url_patterns
    }
    assert names == []
    assert all(n.startswith("api-") for n in api_names if n and "openapi" not in n), api_names


def test_reads_over_the_rate_get_429_per_caller(settings, seeded: None) -> None:
    settings.API_RATE = "3/m"
    here, there = Client(REMOTE_ADDR="192.0.2.10"), Client(REMOTE_ADDR="192.0.2.20")
    assert [here.get("/api/v1/jurisdictions/FR").status_code for _ in range(3)] == [200, 200, 200]
    refused = here.get("/api/v1/jurisdictions/FR")
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert "3 requests a minute" in refused.json()["detail"]
    assert int(refused["Retry-After"]) >= 1
    # Another address, and a token sent from the first address, each have their own count.
    assert there.get("/api/v1/jurisdictions/FR").status_code == 200
    _, raw = do_create_api_token(make_member(), name="script")
    assert here.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200


def test_an_empty_rate_turns_the_limit_off(settings, seeded: None) -> None:
    settings.API_RATE = ""
    client = Client(REMOTE_ADDR="192.0.2.30")
    assert {client.get("/api/v1/jurisdictions/FR").status_code for _ in range(5)} == {200}


def test_on_redis_the_count_is_kept_where_every_process_reads_it(settings, seeded: None, redis_cache) -> None:
    server, prefix = redis_cache
    settings.API_RATE = "2/m"
    client = Client(REMOTE_ADDR="192.0.2.40")
    statuses = [client.get("/api/v1/jurisdictions/FR").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    # The count is a Redis key under this test's prefix, not a number in this process's memory.
    (key,) = server.keys(f"{prefix}:*")
    assert int(server.get(key)) == 3


def test_when_the_cache_cannot_be_reached_requests_go_through_and_a_warning_is_logged(
    settings, seeded: None, caplog
) -> None:
    settings.API_RATE = "1/m"
    # A port nothing listens on: every cache call fails to connect.
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}}
    client = Client(REMOTE_ADDR="192.0.2.50")
    assert [client.get("/api/v1/jurisdictions/FR").status_code for _ in range(2)] == [200, 200]
    assert "API rate limit not applied" in caplog.text


def test_the_openapi_description_names_each_answer_of_an_operation_once() -> None:
    """Swagger UI (at /api/docs) refuses a description whose JSON repeats a key, as an answer's status would."""
    import json

    def no_repeated_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _value in pairs]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        assert not repeated, f"repeated keys: {repeated}"
        return dict(pairs)

    schema = json.loads(Client().get("/api/v1/openapi.json").content, object_pairs_hook=no_repeated_keys)
    # The answers every operation may give are documented, beside its own.
    answers = schema["paths"]["/api/v1/jurisdictions/{code}"]["get"]["responses"]
    assert {"200", "400", "404", "429", "500"} <= set(answers)
