"""Who may write, review and see assessments, walked visitor → wrong role → right role, on pages and the API.

The world holds a draft and an assessment in review, both by `owner` (an analyst), and a published one;
"analyst" is another analyst, who may see both but edit neither.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from fourthp.assessments.actions import do_create_assessment_request
from fourthp.assessments.inputs import RequestInput
from fourthp.assessments.models import Assessment, AssessmentRequest, Evidence
from fourthp.frameworks.models import Framework
from fourthp.testing import (
    Step,
    World,
    example_users,
    make_analyst,
    make_instrument,
    make_jurisdiction,
    make_member,
    make_section,
    walk_step,
)

OUTSIDERS = ("member", "legislator", "staff", "student")
STAFF = ("analyst", "reviewer", "secretariat")
TEXT = (
    "(1) A person who recruits, transports or harbours another person by force, fraud or coercion "
    "for the purpose of sexual exploitation commits an offence."
)
QUOTE = "recruits, transports or harbours another person by force, fraud or coercion"
START = "/assessments/new/?jurisdiction=QQ&provision=crim.labour-trafficking"
BODY = {
    "jurisdiction": "QQ",
    "provision": "crim.labour-trafficking",
    "status": "partial",
    "rationale": "Section 5 covers recruitment by force.",
    "evidence": [{"section_key": "qq-5", "quote": QUOTE}],
}


def _detail(key: str) -> Callable[[World], str]:
    return lambda w: f"/assessments/{w[key].pk}/"


STEPS = [
    Step("assessment-work", lambda w: "/assessments/", wrong=OUTSIDERS, right=STAFF),
    Step("assessment-start", lambda w: START, wrong=(*OUTSIDERS, "reviewer"), right=("analyst", "secretariat")),
    # Work in progress is not shown to exist outside assessment staff: 404, as for a missing number.
    Step("assessment-detail", _detail("draft"), hidden=OUTSIDERS, visitor_status=404, right=(*STAFF, "owner")),
    Step(
        "assessment-edit",
        lambda w: f"/assessments/{w['draft'].pk}/edit/",
        hidden=OUTSIDERS,
        wrong=("reviewer", "analyst"),
        right=("owner", "secretariat"),
    ),
    Step(
        "assessment-submit",
        lambda w: f"/assessments/{w['draft'].pk}/submit/",
        method="post",
        hidden=OUTSIDERS,
        wrong=("reviewer", "analyst"),
        right=("owner",),
        redirects_to=lambda w: f"/assessments/{w['draft'].pk}/",
    ),
    # Nobody approves or returns her own work.
    Step(
        "assessment-approve",
        lambda w: f"/assessments/{w['in_review'].pk}/approve/",
        method="post",
        hidden=OUTSIDERS,
        wrong=("owner", "analyst"),
        right=("reviewer",),
        redirects_to=lambda w: f"/assessments/{w['in_review'].pk}/",
    ),
    Step(
        "assessment-return",
        lambda w: f"/assessments/{w['in_review'].pk}/return/",
        method="post",
        data=lambda w: {"comment": "Please cite the penalty."},
        hidden=OUTSIDERS,
        wrong=("owner", "analyst"),
        right=("reviewer",),
        redirects_to=lambda w: f"/assessments/{w['in_review'].pk}/",
    ),
    Step(
        "assessment-revise",
        lambda w: f"/assessments/{w['published'].pk}/revise/",
        method="post",
        wrong=(*OUTSIDERS, "reviewer"),
        right=("analyst",),
        redirects_to=lambda w: lambda location: re.fullmatch(r"/assessments/\d+/edit/", location) is not None,
    ),
    Step("assessment-history", lambda w: f"/assessments/{w['draft'].pk}/history/", wrong=OUTSIDERS, right=STAFF),
    # The API, with tokens.
    Step(
        "api-assessments-detail",
        lambda w: f"/api/v1/assessments/{w['draft'].pk}",
        method="get",
        hidden=OUTSIDERS,
        visitor_status=404,
        right=STAFF,
        api=True,
    ),
    Step(
        "api-assessments-create",
        lambda w: "/api/v1/assessments",
        method="post",
        data=lambda w: BODY,
        wrong=(*OUTSIDERS, "reviewer"),
        right=("analyst",),
        api=True,
    ),
    Step(
        "api-assessments-update",
        lambda w: f"/api/v1/assessments/{w['draft'].pk}",
        method="put",
        data=lambda w: {k: v for k, v in BODY.items() if k not in ("jurisdiction", "provision")},
        hidden=OUTSIDERS,
        wrong=("reviewer", "analyst"),
        right=("owner",),
        api=True,
    ),
    Step(
        "api-assessments-submit",
        lambda w: f"/api/v1/assessments/{w['draft'].pk}/submit",
        method="post",
        hidden=OUTSIDERS,
        wrong=("reviewer", "analyst"),
        right=("owner",),
        api=True,
    ),
    Step(
        "api-assessments-approve",
        lambda w: f"/api/v1/assessments/{w['in_review'].pk}/approve",
        method="post",
        hidden=OUTSIDERS,
        wrong=("owner", "analyst"),
        right=("reviewer",),
        api=True,
    ),
    Step(
        "api-assessments-return",
        lambda w: f"/api/v1/assessments/{w['in_review'].pk}/return",
        method="post",
        data=lambda w: {"comment": "Please cite the penalty."},
        hidden=OUTSIDERS,
        wrong=("owner", "analyst"),
        right=("reviewer",),
        api=True,
    ),
]

# Statute suggestions and assessment requests: every member may make one; analysts and the secretariat read
# the queue and the files; only the secretariat moves a request on.
NOT_QUEUE = (*OUTSIDERS, "reviewer")
EVERY_MEMBER = (*OUTSIDERS, *STAFF)
REQUEST_STEPS = [
    Step("assessment-request-ask", lambda w: "/jurisdictions/ZQ/ask-for-assessment/", right=EVERY_MEMBER),
    Step(
        "assessment-request-ask",
        lambda w: "/jurisdictions/ZQ/ask-for-assessment/",
        method="post",
        data=lambda w: {"note": "Its new law of 2024 is not in the atlas."},
        right=EVERY_MEMBER,
        redirects_to=lambda w: "/jurisdictions/ZQ/",
    ),
    Step("assessment-request-suggest", lambda w: "/jurisdictions/ZQ/suggest-statute/", right=EVERY_MEMBER),
    Step(
        "assessment-request-suggest",
        lambda w: "/jurisdictions/ZQ/suggest-statute/",
        method="post",
        data=lambda w: {"url": "https://laws.example.org/zq/act-5", "format": "auto"},
        right=EVERY_MEMBER,
        redirects_to=lambda w: "/jurisdictions/ZQ/",
    ),
    Step(
        "assessment-request-list", lambda w: "/assessment-requests/", wrong=NOT_QUEUE, right=("analyst", "secretariat")
    ),
    Step(
        "assessment-request-detail",
        lambda w: f"/assessment-requests/{w['request'].pk}/",
        wrong=NOT_QUEUE,
        right=("analyst", "secretariat"),
    ),
    Step(
        "assessment-request-detail",
        lambda w: f"/assessment-requests/{w['request'].pk}/",
        method="post",
        data=lambda w: {"state": "in_progress"},
        wrong=(*NOT_QUEUE, "analyst"),
        right=("secretariat",),
        redirects_to=lambda w: "/assessment-requests/",
    ),
    Step(
        "assessment-request-file",
        lambda w: f"/assessment-requests/{w['statute'].pk}/file/",
        wrong=NOT_QUEUE,
        right=("analyst", "secretariat"),
    ),
    Step(
        "api-assessment-requests-list",
        lambda w: "/api/v1/assessment-requests",
        wrong=NOT_QUEUE,
        right=("analyst", "secretariat"),
        api=True,
    ),
    Step(
        "api-assessment-requests-create",
        lambda w: "/api/v1/assessment-requests",
        method="post",
        data=lambda w: {"kind": "assessment", "jurisdiction": "ZQ", "note": "Please."},
        right=EVERY_MEMBER,
        api=True,
    ),
]

COVERED: set[str] = {step.name for step in STEPS} | {step.name for step in REQUEST_STEPS}

# What the one allowed step changes: every other step leaves the three assessments as they were.
EFFECTS = {
    "assessment-submit": ("draft", Assessment.State.IN_REVIEW),
    "api-assessments-submit": ("draft", Assessment.State.IN_REVIEW),
    "assessment-approve": ("in_review", Assessment.State.PUBLISHED),
    "api-assessments-approve": ("in_review", Assessment.State.PUBLISHED),
    "assessment-return": ("in_review", Assessment.State.DRAFT),
    "api-assessments-return": ("in_review", Assessment.State.DRAFT),
}


def _assessment(owner: object, slug: str, state: str) -> Assessment:
    jurisdiction = make_jurisdiction_once()
    provision = Framework.objects.default().provisions.get(slug=slug)
    published = state == Assessment.State.PUBLISHED
    assessment = Assessment.objects.create(
        jurisdiction=jurisdiction,
        provision=provision,
        status="full",
        rationale="Section 5 covers the acts, the means and the purpose.",
        state=state,
        assessor=None if published else owner,
        published_at=timezone.now() if published else None,
    )
    section = jurisdiction.instruments.get().sections.get()
    start = section.text.index(QUOTE)
    Evidence.objects.create(assessment=assessment, section=section, start=start, end=start + len(QUOTE), quote=QUOTE)
    return assessment


def make_jurisdiction_once() -> object:
    from fourthp.jurisdictions.models import Jurisdiction

    found = Jurisdiction.objects.filter(code="QQ").first()
    if found is not None:
        return found
    jurisdiction = make_jurisdiction("QQ", name="Quuxland")
    instrument = make_instrument(jurisdiction, sections=0, key="qq-act", section_key_prefix="qq")
    make_section(instrument, number="5", text=TEXT, heading="Trafficking")
    return jurisdiction


def world() -> World:
    owner = make_analyst()
    return {
        **example_users(),
        "owner": owner,
        "draft": _assessment(owner, "crim.sex-trafficking", Assessment.State.DRAFT),
        "in_review": _assessment(owner, "crim.debt-bondage", Assessment.State.IN_REVIEW),
        "published": _assessment(owner, "crim.slavery-forced-labour", Assessment.State.PUBLISHED),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_assessment_route_refuses_the_wrong_roles_and_admits_the_right(step: Step, seeded: None) -> None:
    w = world()
    before = {key: w[key].state for key in ("draft", "in_review", "published")}
    walk_step(step, w)
    changed = dict(before)
    if step.name in EFFECTS:
        key, state = EFFECTS[step.name]
        changed[key] = state
    assert {key: Assessment.objects.get(pk=w[key].pk).state for key in before} == changed


@pytest.mark.django_db
def test_the_draft_shows_its_edit_and_review_controls_only_to_whoever_may_use_them(seeded: None) -> None:
    w = world()
    draft, in_review = w["draft"], w["in_review"]
    edit, submit = f"/assessments/{draft.pk}/edit/", f"/assessments/{draft.pk}/submit/"
    approve = f"/assessments/{in_review.pk}/approve/"

    def page(user: str, assessment: Assessment) -> str:
        client = Client()
        client.force_login(w[user])
        return client.get(f"/assessments/{assessment.pk}/").content.decode()

    for user in ("owner", "secretariat"):
        shown = page(user, draft)
        assert edit in shown and submit in shown, f"{user} does not see the controls of a draft she may edit"
    for user in ("analyst", "reviewer"):
        shown = page(user, draft)
        assert edit not in shown and submit not in shown, f"{user} sees the edit controls of another's draft"
    for user in ("reviewer", "secretariat"):
        assert approve in page(user, in_review), f"{user} does not see the review controls"
    for user in ("owner", "analyst"):
        assert approve not in page(user, in_review), f"{user} sees review controls she may not use"


def request_world() -> World:
    """A jurisdiction without a report card, an open assessment request and a statute suggested as a file."""
    asker = make_member()
    jurisdiction = make_jurisdiction("ZQ", name="Zedland")
    made = {
        key: do_create_assessment_request(
            RequestInput(kind=kind, jurisdiction_code=jurisdiction.code, data=data, filename=name, format=fmt),
            acting_user=asker,
        )
        for key, kind, data, name, fmt in (
            ("request", AssessmentRequest.Kind.ASSESSMENT, b"", "", ""),
            ("statute", AssessmentRequest.Kind.STATUTE, b"Section 1. Trafficking is an offence.", "act.txt", "text"),
        )
    }
    return {**example_users(), "asker": asker, **made}


@pytest.mark.django_db
@pytest.mark.parametrize("step", REQUEST_STEPS, ids=str)
def test_each_request_route_refuses_the_wrong_roles_and_admits_the_right(step: Step, seeded: None) -> None:
    w = request_world()
    walk_step(step, w)
    moved = AssessmentRequest.objects.get(pk=w["request"].pk).state
    expected = "in_progress" if step.name == "assessment-request-detail" and step.method == "post" else "open"
    assert moved == expected
