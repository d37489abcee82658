"""Analysts write assessments through the API with their token; the public reads what is published."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from fourthp.accounts.actions import do_create_api_token
from fourthp.assessments.models import Assessment
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Section
from fourthp.testing import make_analyst, make_instrument, make_jurisdiction, make_member, make_reviewer, make_section

TEXT = "Whoever recruits a person by force for the purpose of forced labour commits an offence."
QUOTE = "recruits a person by force for the purpose of forced labour"


@pytest.fixture
def land(seeded: None) -> tuple[Jurisdiction, Section]:
    jurisdiction = make_jurisdiction("QQ", name="Quuxland")
    instrument = make_instrument(jurisdiction, sections=0, key="qq-act", section_key_prefix="qq")
    return jurisdiction, make_section(instrument, number="2", text=TEXT)


def bearer(user: Any) -> dict[str, str]:
    _, raw = do_create_api_token(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(url: str, body: dict[str, Any] | None, headers: dict[str, str]) -> Any:
    return Client().post(url, json.dumps(body or {}), content_type="application/json", **headers)


BODY = {
    "jurisdiction": "QQ",
    "provision": "crim.labour-trafficking",
    "status": "full",
    "rationale": "Section 2 covers recruitment by force for forced labour.",
    "evidence": [{"section_key": "qq-2", "quote": QUOTE}],
}


def test_an_analyst_writes_submits_and_a_reviewer_approves_through_the_api(land: tuple[Jurisdiction, Section]) -> None:
    analyst, reviewer = bearer(make_analyst()), bearer(make_reviewer())
    created = post("/api/v1/assessments", BODY, analyst)
    assert created.status_code == 201, created.content
    item = created.json()
    assert item["state"] == "draft"
    evidence = item["evidence"][0]
    assert (evidence["section_key"], evidence["start"], evidence["end"]) == (
        "qq-2",
        TEXT.index(QUOTE),
        TEXT.index(QUOTE) + len(QUOTE),
    )
    assert evidence["quote"] == QUOTE

    # A draft is not public: it answers 404, as a missing assessment does.
    assert Client().get(f"/api/v1/assessments/{item['id']}").status_code == 404
    assert Client().get("/api/v1/assessments?jurisdiction=QQ").json()["count"] == 0

    changed = Client().put(
        f"/api/v1/assessments/{item['id']}",
        json.dumps({**BODY, "status": "partial", "rationale": "Only recruitment is covered."}),
        content_type="application/json",
        **analyst,
    )
    assert changed.status_code == 200 and changed.json()["status"] == "partial"
    assert post(f"/api/v1/assessments/{item['id']}/submit", None, analyst).json()["state"] == "in_review"
    assert post(f"/api/v1/assessments/{item['id']}/approve", None, analyst).status_code == 403  # not her own
    approved = post(f"/api/v1/assessments/{item['id']}/approve", None, reviewer)
    assert approved.status_code == 200 and approved.json()["state"] == "published"

    listed = Client().get("/api/v1/assessments?jurisdiction=QQ&status=partial").json()
    assert listed["count"] == 1 and listed["items"][0]["evidence"][0]["quote"] == QUOTE
    assert Client().get("/api/v1/assessments?jurisdiction=QQ&status=full").json()["count"] == 0
    assert Client().get(f"/api/v1/assessments/{item['id']}").status_code == 200


def test_the_api_refuses_bad_writes_with_a_clear_error(land: tuple[Jurisdiction, Section]) -> None:
    analyst = bearer(make_analyst())
    no_quote = post(
        "/api/v1/assessments", {**BODY, "evidence": [{"section_key": "qq-2", "quote": "not there"}]}, analyst
    )
    assert no_quote.status_code == 400
    assert no_quote.json()["code"] == "refused" and "not in the text" in no_quote.json()["detail"]
    absent = post("/api/v1/assessments", {**BODY, "status": "absent", "evidence": []}, analyst)
    assert absent.status_code == 400 and "complete body of law" in absent.json()["detail"]
    assert post("/api/v1/assessments", {**BODY, "provision": "nope"}, analyst).status_code == 404
    assert post("/api/v1/assessments", BODY, {}).status_code == 401
    assert post("/api/v1/assessments", BODY, bearer(make_member())).status_code == 403
    assert post("/api/v1/assessments", BODY, {"HTTP_AUTHORIZATION": "Bearer wrong"}).status_code == 401
    assert not Assessment.objects.filter(jurisdiction__code="QQ").exists()
    # A second open assessment of the same provision is refused.
    assert post("/api/v1/assessments", BODY, analyst).status_code == 201
    again = post("/api/v1/assessments", BODY, analyst)
    assert again.status_code == 400 and "already an open assessment" in again.json()["detail"]


def test_the_report_card_api_gives_each_evidence_item_its_offsets(seeded: None) -> None:
    data = Client().get("/api/v1/jurisdictions/CA/report-card").json()
    assert {"overall", "pillars", "provisions", "gaps", "data_date", "methodology_url"} <= set(data)
    for provision in data["provisions"]:
        for evidence in provision["evidence"]:
            assert {"section_key", "start", "end", "quote"} <= set(evidence)
            section = (
                Client().get(f"/api/v1/sections/{evidence['section_key']}?version={evidence['section_version']}").json()
            )
            assert section["text"][evidence["start"] : evidence["end"]] == evidence["quote"]
    assert Client().get("/api/v1/jurisdictions/ZZZ/report-card").status_code == 404


def test_only_staff_see_who_assessed_and_reviewed(land: tuple[Jurisdiction, Section]) -> None:
    analyst_user, reviewer_user = make_analyst(), make_reviewer()
    analyst, reviewer = bearer(analyst_user), bearer(reviewer_user)
    item = post("/api/v1/assessments", BODY, analyst).json()
    assert item["assessor"] == str(analyst_user.display_name or analyst_user)
    post(f"/api/v1/assessments/{item['id']}/submit", None, analyst)
    post(f"/api/v1/assessments/{item['id']}/approve", None, reviewer)
    public = [
        Client().get(f"/api/v1/assessments/{item['id']}").json(),
        Client().get("/api/v1/assessments?jurisdiction=QQ").json()["items"][0],
        Client().get(f"/assessments/{item['id']}.json").json(),
        next(a for a in Client().get("/assessments/published.json").json()["items"] if a["id"] == item["id"]),
    ]
    for shown in public:
        assert (shown["assessor"], shown["reviewer"], shown["review_comment"]) == ("", "", "")
    staff = Client().get(f"/api/v1/assessments/{item['id']}", **reviewer).json()
    assert staff["assessor"] and staff["reviewer"]
