"""The working-group API: what each caller gets."""

from __future__ import annotations

import pytest
from django.test import Client

from fourthp.accounts.actions import do_create_api_token
from fourthp.groups.models import GroupOutput
from fourthp.testing import make_group, make_group_member, make_member, make_profile, make_secretariat, make_user

pytestmark = pytest.mark.django_db


def bearer(user: object) -> dict[str, str]:
    _token, raw = do_create_api_token(user, name="test")  # type: ignore[arg-type]
    return {"Authorization": f"Bearer {raw}"}


def test_the_list_shows_public_groups_to_everyone_and_private_ones_with_a_token() -> None:
    make_group(title="Open", slug="open")
    make_group(title="Closed", slug="closed", visibility="private")
    anonymous = Client().get("/api/v1/working-groups").json()
    assert anonymous["count"] == 1
    assert anonymous["items"] == [
        {
            "slug": "open",
            "title": "Open",
            "description": "A group that studies one part of the law.",
            "visibility": "public",
            "provisions": [],
            "url": "/groups/open/",
        }
    ]
    signed = Client().get("/api/v1/working-groups", headers=bearer(make_member())).json()
    assert [g["slug"] for g in signed["items"]] == ["closed", "open"]
    assert set(signed["items"][0]) == {"slug", "title", "description", "visibility", "provisions", "url"}


def test_a_bad_token_is_refused() -> None:
    response = Client().get("/api/v1/working-groups", headers={"Authorization": "Bearer fp_nonsense"})
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_the_detail_shows_members_only_to_the_group_and_the_secretariat() -> None:
    lead = make_user("lia")
    make_profile(lead, name="Lia Leader", name_visibility="public")
    group = make_group(lead=lead, slug="open")
    make_group_member(group, lead)
    GroupOutput.objects.create(group=group, kind="brief", title="A brief", summary="It proposes.")
    anonymous = Client().get("/api/v1/working-groups/open").json()
    assert anonymous["lead"] == "Lia Leader"
    assert anonymous["members"] is None
    assert [o["title"] for o in anonymous["outputs"]] == ["A brief"]
    assert set(anonymous["outputs"][0]) == {
        "id", "kind", "title", "summary", "body", "provisions", "published_at", "document_url",
    }  # fmt: skip
    member = make_group_member(group)
    assert Client().get("/api/v1/working-groups/open", headers=bearer(member)).json()["members"] == [
        "Lia Leader",
        "a member (name not shown)",
    ]
    assert len(Client().get("/api/v1/working-groups/open", headers=bearer(make_secretariat())).json()["members"]) == 2


def test_a_private_group_is_not_found_without_a_token_and_shown_briefly_with_one() -> None:
    lead = make_user("lia")
    make_profile(lead, name="Lia Leader", name_visibility="public")
    group = make_group(lead=lead, slug="closed", visibility="private")
    GroupOutput.objects.create(group=group, kind="brief", title="A brief", summary="It proposes.")
    response = Client().get("/api/v1/working-groups/closed")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    data = Client().get("/api/v1/working-groups/closed", headers=bearer(make_member())).json()
    assert (data["title"], data["lead"], data["outputs"], data["members"]) == (group.title, None, [], None)
    assert Client().get("/api/v1/working-groups/nothing-here").status_code == 404
