"""What one may not see answers exactly as what does not exist: 404, the same page, so numbers tell nothing.

Each test asks for a private object as someone who may not know of it, and for a number that no object has,
and compares the two answers.
"""

from __future__ import annotations

import re

from django.test import Client

from fourthp.accounts.actions import do_create_api_token
from fourthp.analysis.models import AnalysisRun
from fourthp.assessments.models import Assessment
from fourthp.events.models import Event
from fourthp.events.tests.factories import make_event
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.peers.models import ContactRequest
from fourthp.testing import make_analyst, make_group, make_member, make_secretariat

MISSING = 987654


def _client(user: object = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)  # type: ignore[arg-type]
    return client


def _same(client: Client, private: str, missing: str, method: str = "get", **extra: object) -> None:
    """Both answers are 404 and read the same once the number is taken out."""
    one = getattr(client, method)(private, **extra)
    two = getattr(client, method)(missing, **extra)
    assert one.status_code == two.status_code == 404, (one.status_code, two.status_code)
    assert _message(one, private) == _message(two, missing)


def _message(response: object, url: str) -> str:
    """What the page says (its heading and first paragraph), with the number asked for taken out."""
    number = re.search(r"/(\d+)(?:[/.]|$)", url).group(1)  # type: ignore[union-attr]
    said = re.search(r"<h1>.*?</p>", response.content.decode(), re.S)  # type: ignore[attr-defined]
    assert said is not None
    return re.sub(rf"\b{number}\b", "N", said.group(0))


def _draft(analyst: object) -> Assessment:
    return Assessment.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="US-DC"),
        provision=Provision.objects.filter(framework__slug="four-p").first(),
        status="full",
        rationale="Work in progress.",
        state=Assessment.State.DRAFT,
        assessor=analyst,
    )


def test_a_draft_assessment_answers_a_visitor_and_a_member_as_a_missing_one(seeded: None) -> None:
    draft = _draft(make_analyst())
    for client in (_client(), _client(make_member())):
        _same(client, f"/assessments/{draft.pk}/", f"/assessments/{MISSING}/")
        _same(client, f"/assessments/{draft.pk}.json", f"/assessments/{MISSING}.json")
    member = _client(make_member())
    for step in ("submit", "approve", "return"):
        _same(member, f"/assessments/{draft.pk}/{step}/", f"/assessments/{MISSING}/{step}/", method="post")


def test_a_draft_assessment_answers_the_api_as_a_missing_one(seeded: None) -> None:
    draft = _draft(make_analyst())
    _, raw = do_create_api_token(make_member(), name="script")
    for headers in ({}, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}):
        one = Client().get(f"/api/v1/assessments/{draft.pk}", **headers)
        two = Client().get(f"/api/v1/assessments/{MISSING}", **headers)
        assert one.status_code == two.status_code == 404
        assert one.json()["code"] == two.json()["code"] == "not_found"
    for step in ("submit", "approve"):
        one = Client().post(f"/api/v1/assessments/{draft.pk}/{step}", HTTP_AUTHORIZATION=f"Bearer {raw}")
        two = Client().post(f"/api/v1/assessments/{MISSING}/{step}", HTTP_AUTHORIZATION=f"Bearer {raw}")
        assert one.status_code == two.status_code == 404


def test_another_analysts_run_answers_as_a_missing_one(seeded: None) -> None:
    run = AnalysisRun.objects.create(created_by=make_analyst(), text="Article 1. A draft bill.")
    colleague = _client(make_analyst())
    _same(colleague, f"/analyze/{run.pk}/", f"/analyze/{MISSING}/")
    _same(colleague, f"/analyze/{run.pk}/by-provision/", f"/analyze/{MISSING}/by-provision/")
    _same(colleague, f"/analyze/{run.pk}/draft/", f"/analyze/{MISSING}/draft/", method="post")
    _same(colleague, f"/analyze/{run.pk}/reject/", f"/analyze/{MISSING}/reject/", method="post")
    # Without the analyzer's role, any number is refused alike: the page itself is known, not the run.
    member = _client(make_member())
    assert member.get(f"/analyze/{run.pk}/").status_code == member.get(f"/analyze/{MISSING}/").status_code == 403


def test_a_contact_request_between_others_answers_as_a_missing_one(seeded: None) -> None:
    request = ContactRequest.objects.create(sender=make_member(), recipient=make_member(), message="Hello.")
    outsider = _client(make_member())
    _same(outsider, f"/peers/requests/{request.pk}/", f"/peers/requests/{MISSING}/")
    _same(outsider, f"/peers/requests/{request.pk}/", f"/peers/requests/{MISSING}/", method="post")


def test_an_event_outside_her_audience_answers_registration_as_a_missing_one(seeded: None) -> None:
    group_event = make_event(audience=Event.Audience.GROUP, working_group=make_group())
    draft = make_event(state=Event.State.DRAFT)
    member = _client(make_member())
    for event in (group_event, draft):
        _same(member, f"/events/{event.pk}/register/", f"/events/{MISSING}/register/", method="post")
        _same(member, f"/events/{event.pk}/cancel/", f"/events/{MISSING}/cancel/", method="post")
    # The secretariat's pages for an event: a draft is not there for a member; a published event is known, so 403.
    _same(member, f"/events/{draft.pk}/edit/", f"/events/{MISSING}/edit/")
    public = make_event()
    assert member.get(f"/events/{public.pk}/edit/").status_code == 403
    assert _client(make_secretariat()).get(f"/events/{draft.pk}/edit/").status_code == 200


def test_another_persons_token_answers_as_a_missing_one(seeded: None) -> None:
    token, _ = do_create_api_token(make_member(), name="laptop")
    stranger = _client(make_member())
    _same(stranger, f"/profile/tokens/{token.pk}/revoke/", f"/profile/tokens/{MISSING}/revoke/", method="post")
