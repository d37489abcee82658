"""The permission matrix of working groups: every page route and API operation, walked for each role.

`COVERED` is computed from `CASES`, the list the test walks, so that a route
cannot be claimed without being tested. The lead is not one of the matrix
roles: her rights (edit, answer requests, announce, publish) are tested in the
feature tests; here the working-group member is an ordinary member of the group.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from fourthp.groups.models import DocumentVersion, GroupDocument, GroupMembership, GroupOutput, WorkingGroup
from fourthp.groups.tests.helpers import PDF
from fourthp.testing import MATRIX_ROLES, Expect, assert_access_matrix, make_group, make_user, matrix_users


class Rereadable:
    """An upload the test client can send once per role (it reads files without rewinding them)."""

    def __init__(self, name: str, content: bytes) -> None:
        self.name = name
        self.content = content

    def read(self) -> bytes:
        return self.content


@dataclass
class World:
    group: WorkingGroup
    request: GroupMembership
    document: GroupDocument
    version: DocumentVersion
    users: dict[str, Any] = field(default_factory=dict)


def build_world(*, private: bool = False, published: bool = False) -> World:
    lead = make_user("lead")
    group = make_group(lead=lead, visibility="private" if private else "public")
    GroupMembership.objects.create(group=group, user=lead, state=GroupMembership.State.ACTIVE)
    request = GroupMembership.objects.create(group=group, user=make_user("asker"), message="Let me in.")
    document = GroupDocument.objects.create(group=group, title="Plan")
    version = DocumentVersion(
        document=document, number=1, filename="plan.pdf", content_type="application/pdf", size=len(PDF)
    )
    version.file.save("plan.pdf", ContentFile(PDF), save=False)
    version.save()
    if published:
        GroupOutput.objects.create(group=group, kind="brief", title="Brief", summary="S.", document_version=version)
    return World(group=group, request=request, document=document, version=version, users=matrix_users(group))


ALL: dict[str, Expect] = dict.fromkeys(MATRIX_ROLES, "ok")
SIGNED_IN: dict[str, Expect] = {**ALL, "visitor": "login"}
SPACE: dict[str, Expect] = {**SIGNED_IN, "member": 403, "legislator member": 403, "parliamentary staff": 403}
SECRETARIAT: dict[str, Expect] = {**SPACE, "working-group member": 403}
PRIVATE: dict[str, Expect] = {**ALL, "visitor": 404}


@dataclass(frozen=True)
class Case:
    name: str
    url: Callable[[World], str]
    expect: dict[str, Expect]
    method: str = "get"
    data: Callable[[World], dict[str, Any]] | None = None
    private: bool = False
    published: bool = False


def _g(name: str, **extra: Callable[[World], Any]) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"group": w.group.slug, **{k: f(w) for k, f in extra.items()}})


def _doc(w: World) -> int:
    return w.document.pk


def _group_form(w: World) -> dict[str, Any]:
    return {"title": f"Made by the matrix {w.group.pk}", "description": "D.", "visibility": "public"}


CASES: list[Case] = [
    Case("group-list", lambda w: reverse("group-list"), ALL),
    Case("group-list", lambda w: reverse("group-list") + "?provision=crim.debt-bondage", ALL),
    Case("group-detail", _g("group-detail"), ALL),
    Case("group-detail", _g("group-detail"), PRIVATE, private=True),
    Case("group-create", lambda w: reverse("group-create"), SECRETARIAT),
    Case("group-create", lambda w: reverse("group-create"), SECRETARIAT, method="post", data=_group_form),
    Case("group-edit", _g("group-edit"), SECRETARIAT),
    Case("group-edit", _g("group-edit"), SECRETARIAT, method="post", data=_group_form),
    Case("group-join", _g("group-join"), SIGNED_IN, method="post", data=lambda w: {"message": "Hello."}),
    Case("group-join", _g("group-join"), {**SIGNED_IN}, method="post", private=True),
    Case("group-leave", _g("group-leave"), SIGNED_IN, method="post"),
    Case(
        "group-request-decide",
        _g("group-request-decide", membership=lambda w: w.request.pk),
        SECRETARIAT,
        method="post",
        data=lambda w: {"decision": "approve"},
    ),
    Case("group-documents", _g("group-documents"), SPACE),
    Case("group-documents", _g("group-documents"), SPACE, private=True),
    Case(
        "group-documents",
        _g("group-documents"),
        SPACE,
        method="post",
        data=lambda w: {"title": "Notes", "file": Rereadable("notes.pdf", PDF)},
    ),
    Case("group-document", _g("group-document", document=_doc), SPACE),
    Case(
        "group-document",
        _g("group-document", document=_doc),
        SPACE,
        method="post",
        data=lambda w: {"file": Rereadable("plan-v2.pdf", PDF)},
    ),
    Case("group-document-download", _g("group-document-download", document=_doc, version=lambda w: 1), SPACE),
    Case(
        "group-document-download",
        _g("group-document-download", document=_doc, version=lambda w: 1),
        {**PRIVATE, "member": 403, "legislator member": 403, "parliamentary staff": 403},
        private=True,
    ),
    Case(
        "group-document-download",
        _g("group-document-download", document=_doc, version=lambda w: 1),
        ALL,
        published=True,
    ),
    Case("group-announce", _g("group-announce"), SECRETARIAT),
    Case(
        "group-announce",
        _g("group-announce"),
        SECRETARIAT,
        method="post",
        data=lambda w: {"title": "Meeting", "body": "Thursday."},
    ),
    Case("group-output-create", _g("group-output-create"), SECRETARIAT),
    Case(
        "group-output-create",
        _g("group-output-create"),
        SECRETARIAT,
        method="post",
        data=lambda w: {"kind": "brief", "title": "A brief", "summary": "It proposes."},
    ),
    Case("api-working-groups-list", lambda w: reverse("api:api-working-groups-list"), ALL),
    Case(
        "api-working-groups-detail",
        lambda w: reverse("api:api-working-groups-detail", kwargs={"slug": w.group.slug}),
        ALL,
    ),
    Case(
        "api-working-groups-detail",
        lambda w: reverse("api:api-working-groups-detail", kwargs={"slug": w.group.slug}),
        PRIVATE,
        private=True,
    ),
]

COVERED: set[str] = {case.name for case in CASES}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method}-{c.name}{'-private' if c.private else ''}")
def test_each_role_gets_what_the_matrix_says(case: Case, seeded: None) -> None:
    world = build_world(private=case.private, published=case.published)
    assert_access_matrix(
        case.url(world),
        case.expect,
        world.users,
        method=case.method,
        data=case.data(world) if case.data else None,
    )


@pytest.mark.django_db
def test_the_matrix_covers_every_route_of_the_app_and_the_api() -> None:
    from django.urls import get_resolver

    from fourthp.api.groups import router

    app_routes = {
        p.name for p in get_resolver("fourthp.groups.urls").url_patterns if p.name and not p.name.endswith("-json")
    }
    api_routes = {
        operation.url_name
        for path_view in router.path_operations.values()
        for operation in path_view.operations
        if operation.url_name
    }
    assert app_routes | api_routes == COVERED
