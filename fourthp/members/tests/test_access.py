"""The permission matrix of the members area: every route and API operation, for each of the six roles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.actions import do_ask_for_information, do_create_application, do_write_testimonial
from fourthp.members.models import VISIBLE_FIELDS, Application, Testimonial
from fourthp.members.tests.conftest import all_visible
from fourthp.testing import (
    MATRIX_ROLES,
    Expect,
    assert_access_matrix,
    make_group,
    make_member,
    make_profile,
    make_secretariat,
    matrix_users,
)


@dataclass
class World:
    users: dict[str, Any]
    public_profile: Any
    hidden_profile: Any
    application: Application
    respond_token: str
    testimonial: Testimonial


def build_world() -> World:
    users = matrix_users(make_group())
    application = do_create_application(
        name="Ines Lawmaker",
        email="ines@parliament.example",
        jurisdiction=Jurisdiction.objects.get(code="CA"),
        legislature="House of Commons",
        chamber="",
        role=Application.Role.LEGISLATOR,
        message="",
        website="",
        ip="203.0.113.7",
    )
    waiting = do_create_application(
        name="Wanda Waiting",
        email="wanda@parliament.example",
        jurisdiction=Jurisdiction.objects.get(code="US"),
        legislature="Congress",
        chamber="",
        role=Application.Role.STAFF,
        message="",
        website="",
        ip="203.0.113.8",
    )
    token = do_ask_for_information(waiting, "Which office?", acting_user=make_secretariat())
    return World(
        users=users,
        public_profile=make_profile(name="Public Pat", **all_visible()),
        hidden_profile=make_profile(name="Hidden Hana"),
        application=application,
        respond_token=token,
        testimonial=do_write_testimonial("It helped.", show_role=False, acting_user=make_member()),
    )


def each(value: Expect) -> dict[str, Expect]:
    return dict.fromkeys(MATRIX_ROLES, value)


EVERYONE = each("ok")
SIGNED_IN = {**each("ok"), "visitor": "login"}
SECRETARIAT_ONLY = {**each(403), "visitor": "login", "secretariat": "ok"}
SECRETARIAT_SEES = {**each(404), "secretariat": "ok"}


def profile_payload(world: World) -> dict[str, Any]:
    return {
        "kind": "person",
        "name": "A member",
        "languages": "en",
        **{f"{name}_visibility": "members" for name in VISIBLE_FIELDS},
    }


@dataclass(frozen=True)
class Case:
    name: str
    url: Callable[[World], str]
    expect: dict[str, Expect]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = field(default=lambda world: {})
    why: str = ""


CASES: list[Case] = [
    Case("testimonial-list", lambda w: reverse("testimonial-list"), EVERYONE),
    Case("testimonial-write", lambda w: reverse("testimonial-write"), SIGNED_IN),
    Case(
        "testimonial-write",
        lambda w: reverse("testimonial-write"),
        SIGNED_IN,
        "post",
        lambda w: {"text": "Useful work.", "consent": "on"},
    ),
    Case(
        "testimonial-withdraw",
        lambda w: reverse("testimonial-withdraw", args=[w.testimonial.pk]),
        {**each(404), "visitor": "login"},
        "post",
        why="only its author withdraws it",
    ),
    Case("testimonial-review", lambda w: reverse("testimonial-review"), SECRETARIAT_ONLY),
    Case(
        "testimonial-review",
        lambda w: reverse("testimonial-review"),
        SECRETARIAT_ONLY,
        "post",
        lambda w: {"testimonial": w.testimonial.pk},
    ),
    Case("member-directory", lambda w: reverse("member-directory"), EVERYONE),
    Case("member-countries", lambda w: reverse("member-countries"), EVERYONE),
    Case("member-detail", lambda w: reverse("member-detail", args=[w.public_profile.pk]), EVERYONE, why="public"),
    Case(
        "member-detail",
        lambda w: reverse("member-detail", args=[w.hidden_profile.pk]),
        SECRETARIAT_SEES,
        why="secretariat-only profile: 404 hides that it exists",
    ),
    Case("member-profile-edit", lambda w: reverse("member-profile-edit"), SIGNED_IN),
    Case("member-profile-edit", lambda w: reverse("member-profile-edit"), SIGNED_IN, "post", profile_payload),
    Case("member-consents", lambda w: reverse("member-consents"), SIGNED_IN),
    Case(
        "member-consents",
        lambda w: reverse("member-consents"),
        SIGNED_IN,
        "post",
        lambda w: {"kind": "peer contact", "action": "give"},
    ),
    Case("member-data-export", lambda w: reverse("member-data-export"), SIGNED_IN),
    Case("application-create", lambda w: reverse("application-create"), EVERYONE),
    Case(
        "application-create",
        lambda w: reverse("application-create"),
        EVERYONE,
        "post",
        lambda w: {
            "accept_mission": "on",
            "name": "N",
            "email": "n@example.org",
            "jurisdiction": "CA",
            "legislature": "Senate",
            "role": "legislator",
        },
    ),
    Case(
        "application-respond",
        lambda w: reverse("application-respond", args=[w.respond_token]),
        EVERYONE,
        why="the secret link is the credential",
    ),
    Case("application-respond", lambda w: reverse("application-respond", args=["not-a-token" * 4]), each(404)),
    Case("application-list", lambda w: reverse("application-list"), SECRETARIAT_ONLY),
    Case("application-review", lambda w: reverse("application-review", args=[w.application.pk]), SECRETARIAT_ONLY),
    Case(
        "application-review",
        lambda w: reverse("application-review", args=[w.application.pk]),
        SECRETARIAT_ONLY,
        "post",
        lambda w: {"decision": "ask", "note": "Which committee?"},
    ),
    Case("api-members-list", lambda w: reverse("api:api-members-list"), EVERYONE),
    Case("api-members-detail", lambda w: reverse("api:api-members-detail", args=[w.public_profile.pk]), EVERYONE),
    Case(
        "api-members-detail",
        lambda w: reverse("api:api-members-detail", args=[w.hidden_profile.pk]),
        SECRETARIAT_SEES,
    ),
]

COVERED: set[str] = {case.name for case in CASES}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[f"{c.method} {c.name} {c.why}".strip() for c in CASES])
def test_each_role_gets_the_answer_the_matrix_gives(case: Case, seeded: None) -> None:
    world = build_world()
    assert_access_matrix(case.url(world), case.expect, world.users, method=case.method, data=case.data(world))


@pytest.mark.django_db
def test_a_review_refused_to_every_other_role_changes_nothing(seeded: None) -> None:
    world = build_world()
    others = {role: (None if role == "secretariat" else user) for role, user in world.users.items()}
    assert_access_matrix(
        reverse("application-review", args=[world.application.pk]),
        {**SECRETARIAT_ONLY, "secretariat": "login"},
        others,
        method="post",
        data={"decision": "decline", "note": "No."},
    )
    world.application.refresh_from_db()
    assert world.application.state == Application.State.SUBMITTED
