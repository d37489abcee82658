"""Each assessment rule is written once: the predicates, their queryset twin and the page's controls agree."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import timezone

from fourthp.accounts.access import Viewer
from fourthp.accounts.models import User
from fourthp.assessments.access import can_see_assessment
from fourthp.assessments.models import Assessment
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG, Provision
from fourthp.testing import (
    make_analyst,
    make_jurisdiction,
    make_legislator,
    make_member,
    make_reviewer,
    make_secretariat,
    make_staff,
    make_student,
)


@pytest.fixture
def people(seeded: None) -> dict[str, Viewer]:
    """Every example user: a visitor, each role, and the analyst who wrote the assessments below."""
    return {
        "visitor": AnonymousUser(),
        "member": make_member(),
        "legislator": make_legislator(),
        "staff": make_staff(),
        "student": make_student(),
        "author": make_analyst(),
        "other analyst": make_analyst(),
        "reviewer": make_reviewer(),
        "secretariat": make_secretariat(),
    }


@pytest.fixture
def by_state(people: dict[str, Viewer]) -> dict[str, Assessment]:
    """One assessment in each state, each of a different provision of one jurisdiction, written by `author`."""
    jurisdiction = make_jurisdiction("QQ", name="Quuxland")
    provisions = Provision.objects.filter(framework__slug=DEFAULT_FRAMEWORK_SLUG, applies_national=True).order_by(
        "order"
    )
    found = {}
    for provision, state in zip(provisions, Assessment.State.values, strict=False):
        found[state] = Assessment.objects.create(
            jurisdiction=jurisdiction,
            provision=provision,
            status="unknown",
            rationale="Not settled by the law reviewed.",
            state=state,
            assessor=people["author"],
            published_at=timezone.now() if state in Assessment.PUBLIC_STATES else None,
        )
    return found


def test_who_sees_an_assessment_is_the_same_in_the_predicate_and_the_queryset(
    people: dict[str, Viewer], by_state: dict[str, Assessment]
) -> None:
    mine = Assessment.objects.filter(pk__in=[a.pk for a in by_state.values()])
    for name, user in people.items():
        listed = set(mine.visible_to(user).values_list("pk", flat=True))
        allowed = {a.pk for a in by_state.values() if can_see_assessment(user, a)}
        assert listed == allowed, name


def test_work_in_progress_is_seen_by_assessment_staff_only(
    people: dict[str, Viewer], by_state: dict[str, Assessment]
) -> None:
    staff = {"author", "other analyst", "reviewer", "secretariat"}
    for name, user in people.items():
        for state, assessment in by_state.items():
            expected = state in ("published", "superseded") or name in staff
            assert can_see_assessment(user, assessment) is expected, (name, state)


# --- the assessment page shows each control to exactly the right people ------------------------

CONTROLS = {
    "edit": "Edit draft",
    "submit": "Send for review",
    "approve": "Approve and publish",
    "return": "Return with comment",
    "revise": "Revise this finding",
    "history": "History of changes",
    "own": "another reviewer must approve it",
}

# state → person → the controls she is shown; None: the page answers 404 (she may not know it exists).
EXPECTED: dict[str, dict[str, set[str] | None]] = {
    "draft": {
        "visitor": None,
        "member": None,
        "legislator": None,
        "staff": None,
        "student": None,
        "author": {"edit", "submit", "history"},
        "other analyst": {"history"},
        "reviewer": {"history"},
        "secretariat": {"edit", "submit", "history"},
    },
    "in_review": {
        "visitor": None,
        "member": None,
        "legislator": None,
        "staff": None,
        "student": None,
        "author": {"own", "history"},
        "other analyst": {"history"},
        "reviewer": {"approve", "return", "history"},
        "secretariat": {"approve", "return", "history"},
    },
    "published": {
        "visitor": set(),
        "member": set(),
        "legislator": set(),
        "staff": set(),
        "student": set(),
        "author": {"revise", "history"},
        "other analyst": {"revise", "history"},
        "reviewer": {"history"},
        "secretariat": {"revise", "history"},
    },
    "superseded": {
        "visitor": set(),
        "member": set(),
        "legislator": set(),
        "staff": set(),
        "student": set(),
        "author": {"history"},
        "other analyst": {"history"},
        "reviewer": {"history"},
        "secretariat": {"history"},
    },
}


def _page(user: Viewer, assessment: Assessment) -> tuple[int, str]:
    client = Client()
    if isinstance(user, User):
        client.force_login(user)
    response = client.get(f"/assessments/{assessment.pk}/")
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("state", list(EXPECTED))
def test_the_assessment_page_shows_its_controls_to_exactly_the_right_people(
    state: str, people: dict[str, Viewer], by_state: dict[str, Assessment]
) -> None:
    assessment = by_state[state]
    for name, expected in EXPECTED[state].items():
        status, html = _page(people[name], assessment)
        if expected is None:
            assert status == 404, (state, name)
            continue
        assert status == 200, (state, name)
        shown = {control for control, words in CONTROLS.items() if words in html}
        assert shown == expected, (state, name)


def test_the_json_twin_names_the_people_only_to_assessment_staff(
    people: dict[str, Viewer], by_state: dict[str, Assessment]
) -> None:
    published = by_state["published"]
    for name, user in people.items():
        client = Client()
        if isinstance(user, User):
            client.force_login(user)
        data = client.get(f"/assessments/{published.pk}.json").json()
        staff = name in {"author", "other analyst", "reviewer", "secretariat"}
        assert (data["assessor"] != "") is staff, name
