"""`/api/v1/assessment-requests`: members ask with a token, the secretariat reads the queue."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from fourthp.accounts.actions import do_create_api_token
from fourthp.accounts.models import User
from fourthp.assessments.models import AssessmentRequest
from fourthp.testing import make_analyst, make_jurisdiction, make_member, make_reviewer, make_secretariat

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessment-requests"


def _token(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {do_create_api_token(user, name='test')[1]}"}


def _post(user: User, body: dict[str, Any], **headers: str) -> Any:
    return Client().post(URL, json.dumps(body), content_type="application/json", **_token(user), **headers)


@pytest.fixture
def place(seeded: None) -> None:
    make_jurisdiction("ZQ", name="Zedland")


def test_a_member_asks_with_a_token_and_the_secretariat_is_emailed(
    place: None, django_capture_on_commit_callbacks: Any
) -> None:
    secretariat = make_secretariat()
    member = make_member()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            member, {"kind": "assessment", "jurisdiction": "zq", "note": "Please."}, HTTP_ACCEPT_LANGUAGE="fr"
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["state"], body["jurisdiction"]["code"], body["requester"]) == (
        "assessment",
        "open",
        "ZQ",
        "",
    )
    assert AssessmentRequest.objects.get().language == "fr"
    assert [m.to for m in mail.outbox] == [[secretariat.email]]


def test_a_second_open_request_answers_409_in_the_error_shape(place: None) -> None:
    member = make_member()
    assert _post(member, {"kind": "assessment", "jurisdiction": "ZQ"}).status_code == 201
    response = _post(member, {"kind": "assessment", "jurisdiction": "ZQ"})
    assert response.status_code == 409
    assert response.json()["code"] == "duplicate" and "already asked" in response.json()["detail"]
    assert AssessmentRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"kind": "statute", "jurisdiction": "ZQ", "url": "ftp://example.org/act"}, 400, "refused"),
        ({"kind": "statute", "jurisdiction": "ZQ"}, 400, "refused"),
        ({"kind": "assessment", "jurisdiction": "US-DC"}, 400, "refused"),  # it has a report card
        ({"kind": "assessment", "jurisdiction": "NOWHERE"}, 404, "not_found"),
        ({"kind": "opinion", "jurisdiction": "ZQ"}, 422, "invalid"),
    ],
)
def test_what_cannot_be_taken_is_refused_in_the_error_shape(
    place: None, body: dict[str, str], status: int, code: str
) -> None:
    response = _post(make_member(), body)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code and response.json()["detail"]
    assert not AssessmentRequest.objects.exists()


def test_a_statute_is_suggested_by_its_address(place: None) -> None:
    response = _post(make_member(), {"kind": "statute", "jurisdiction": "ZQ", "url": "https://laws.example.org/act"})
    assert response.status_code == 201 and response.json()["url"] == "https://laws.example.org/act"


def test_the_pages_and_the_api_count_against_one_rate(place: None, settings: Any) -> None:
    settings.ASSESSMENT_REQUESTS_RATE = "2/h"
    member = make_member()
    page = Client()
    page.force_login(member)
    page.post("/jurisdictions/ZQ/suggest-statute/", {"url": "https://laws.example.org/1", "format": "auto"})
    assert (
        _post(member, {"kind": "statute", "jurisdiction": "ZQ", "url": "https://laws.example.org/2"}).status_code == 201
    )
    response = _post(member, {"kind": "statute", "jurisdiction": "ZQ", "url": "https://laws.example.org/3"})
    assert response.status_code == 429 and response.json()["code"] == "rate_limited" and response["Retry-After"]
    assert AssessmentRequest.objects.count() == 2


def test_the_queue_is_read_by_the_secretariat_and_analysts_with_filters(place: None) -> None:
    member = make_member()
    make_jurisdiction("ZR", name="Ruritania")
    _post(member, {"kind": "assessment", "jurisdiction": "ZQ"})
    _post(member, {"kind": "assessment", "jurisdiction": "ZR"})
    for user in (make_secretariat(), make_analyst()):
        everything = Client().get(URL, **_token(user)).json()
        assert everything["count"] == 2 and everything["items"][0]["requester"] == member.display_name
        only = Client().get(f"{URL}?jurisdiction=ZR&state=open", **_token(user)).json()
        assert [item["jurisdiction"]["code"] for item in only["items"]] == ["ZR"]
        assert Client().get(f"{URL}?state=done", **_token(user)).json()["count"] == 0
    assert Client().get(URL, **_token(make_reviewer())).status_code == 403
    assert Client().get(f"{URL}?state=closed", **_token(make_secretariat())).status_code == 422
