"""POST /api/v1/analyze: text in, findings out, for any member with a token; size-limited with 413."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from fourthp.accounts.actions import do_create_api_token
from fourthp.testing import make_member

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "A person who recruits, transports or harbours another person by force, fraud or coercion "
    "for the purpose of sexual exploitation commits the offence of trafficking in persons."
)


def bearer(user: Any) -> dict[str, str]:
    _, raw = do_create_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def analyze(body: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post("/api/v1/analyze", json.dumps(body), content_type="application/json", **headers)


def test_a_member_with_a_token_gets_the_findings_of_a_trafficking_paragraph(seeded: None) -> None:
    response = analyze({"text": PARAGRAPH}, bearer(make_member()))
    assert response.status_code == 200, response.content
    data = response.json()
    assert {"engine", "threshold", "framework", "framework_version", "sections", "findings"} <= set(data)
    assert (data["framework"], data["framework_version"]) == ("four-p", 1)
    finding = next(f for f in data["findings"] if f["provision"] == "crim.sex-trafficking")
    assert finding["confidence"] >= data["threshold"]
    assert set(finding) == {"provision", "confidence", "start", "end", "section", "reason", "excerpt"}
    assert 0 <= finding["start"] < finding["end"] <= len(PARAGRAPH)
    assert all(f["confidence"] >= data["threshold"] for f in data["findings"])
    everything = analyze({"text": PARAGRAPH, "all": True}, bearer(make_member())).json()
    assert len(everything["findings"]) >= len(data["findings"])


def test_it_needs_a_token(seeded: None) -> None:
    response = analyze({"text": PARAGRAPH}, {})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_a_text_over_the_limit_gets_413_saying_the_limit(seeded: None, settings: Any) -> None:
    settings.ANALYZER_SYNC_MAX_BYTES = 100
    response = analyze({"text": PARAGRAPH}, bearer(make_member()))
    assert response.status_code == 413
    body = response.json()
    assert body["code"] == "request_too_large" and body["errors"] == []
    assert "100 bytes" in body["detail"]


def test_a_missing_or_empty_text_is_refused(seeded: None) -> None:
    headers = bearer(make_member())
    missing = analyze({"framework": "four-p"}, headers)
    assert missing.status_code == 422
    assert missing.json()["code"] == "invalid" and missing.json()["errors"]
    assert analyze({"text": "  "}, headers).status_code == 400
    unknown = analyze({"text": PARAGRAPH, "framework": "no-such"}, headers)
    assert unknown.status_code == 404 and unknown.json()["code"] == "not_found"


RESIDENCE = (
    "The Secretary shall grant victims of trafficking in persons a period of recovery and reflection and a "
    "temporary residence permit and immigration status, whether or not they cooperate with the prosecution."
)


def test_naming_the_jurisdiction_leaves_out_what_its_level_of_law_cannot_do(seeded: None) -> None:
    headers = bearer(make_member())

    def provisions(body: dict[str, Any]) -> set[str]:
        response = analyze(body, headers)
        assert response.status_code == 200, response.content
        return {f["provision"] for f in response.json()["findings"]}

    assert "prot.immigration-relief" in provisions({"text": RESIDENCE})
    assert "prot.immigration-relief" in provisions({"text": RESIDENCE, "jurisdiction": "ca"})
    assert "prot.immigration-relief" not in provisions({"text": RESIDENCE, "jurisdiction": "US-DC", "all": True})
    unknown = analyze({"text": RESIDENCE, "jurisdiction": "XX-NOWHERE"}, headers)
    assert unknown.status_code == 400
    assert unknown.json()["code"] == "invalid" and "XX-NOWHERE" in unknown.json()["detail"]


def test_one_persons_analyses_over_the_rate_get_429_with_retry_after(seeded: None, settings: Any) -> None:
    settings.ANALYZER_API_RATE = "2/m"
    member, other = make_member(), make_member()
    assert [analyze({"text": PARAGRAPH}, bearer(member)).status_code for _ in range(2)] == [200, 200]
    refused = analyze({"text": PARAGRAPH}, bearer(member))
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "rate_limited"
    assert "2 requests a minute" in body["detail"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    # The allowance is each person's, whichever of her tokens she uses (each call above made a new one), and hers alone.
    assert analyze({"text": PARAGRAPH}, bearer(other)).status_code == 200


def test_a_nul_character_in_the_text_or_the_jurisdiction_is_refused_with_400(seeded: None) -> None:
    headers = bearer(make_member())
    text = analyze({"text": PARAGRAPH + "\x00"}, headers)
    assert text.status_code == 400 and text.json()["code"] == "invalid"
    jurisdiction = analyze({"text": PARAGRAPH, "jurisdiction": "US\x00"}, headers)
    assert jurisdiction.status_code == 400 and jurisdiction.json()["code"] == "invalid"
