"""The supply-chain API: goods × countries, and procurement screens for a member with a token."""

from __future__ import annotations

from django.test import Client

from fourthp.accounts.actions import do_create_api_token
from fourthp.testing import make_member


def _bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_goods_are_listed_by_country_good_and_kind_with_year_and_source(seeded: None) -> None:
    client = Client()
    page = client.get("/api/v1/goods", {"country": "CN", "kind": "forced-labour", "limit": 5}).json()
    assert page["count"] > 5 and len(page["items"]) == 5
    assert all(item["country_code"] == "CN" and item["kind"] == "forced-labour" for item in page["items"])
    assert all(item["year"] and item["source"] for item in page["items"])
    cocoa = client.get("/api/v1/goods", {"good": "cacao", "country": "GH"}).json()
    assert cocoa["count"] and {item["good"] for item in cocoa["items"]} == {"Cocoa"}
    assert client.get("/api/v1/goods", {"kind": "slavery"}).status_code == 422
    assert client.get("/api/v1/goods", {"country": "XX"}).status_code == 404


def test_a_member_screens_lines_with_a_token_and_sees_only_her_screens(seeded: None) -> None:
    client = Client()
    lines = [
        {"good": "Cocoa beans", "country": "Ghana"},
        {"good": "Paper", "country": "GH"},
        {"good": "", "country": "GH"},
        {"good": "Cocoa", "country": "Atlantis"},
    ]
    body = {"buyer": "FR", "lines": lines}
    assert client.post("/api/v1/procurement-screens", body, content_type="application/json").status_code == 401
    _, raw = do_create_api_token(make_member(), name="script")
    response = client.post("/api/v1/procurement-screens", body, content_type="application/json", **_bearer(raw))
    assert response.status_code == 201
    screen = response.json()
    assert screen["state"] == "done" and screen["lines_clear"] == 1
    assert [r["line"] for r in screen["results"]] == [1]
    assert screen["bad_rows"] == [
        {"line": 3, "reason": "No good is given."},
        {"line": 4, "reason": "No country is called “Atlantis” or has it as its code."},
    ]
    assert {item["provision"] for item in screen["law"]} == {
        "prev.import-ban", "prev.public-procurement", "prev.supply-chain-disclosure",
    }  # fmt: skip
    url = f"/api/v1/procurement-screens/{screen['id']}"
    assert client.get(url, **_bearer(raw)).json()["results"] == screen["results"]
    _, other = do_create_api_token(make_member(), name="other")
    assert client.get(url, **_bearer(other)).status_code == 404


def test_a_large_list_answers_202_with_progress(seeded: None) -> None:
    _, raw = do_create_api_token(make_member(), name="script")
    body = {"buyer": "US", "lines": [{"good": "Tea", "country": "Kenya"}] * 501}
    response = Client().post("/api/v1/procurement-screens", body, content_type="application/json", **_bearer(raw))
    # Tests run tasks at once, so the queued screen is done by the time it is read again.
    assert response.status_code == 202
    assert response.json()["lines_total"] == 501
