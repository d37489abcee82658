"""Who may open one's own account pages and tokens, walked visitor → another member → the owner."""

from __future__ import annotations

import pytest

from fourthp.accounts.actions import do_create_api_token
from fourthp.accounts.models import ApiToken
from fourthp.testing import Step, World, example_users, make_member, walk_step

STEPS = [
    Step("profile", lambda w: "/profile/", right=("member", "secretariat")),
    Step(
        "token-create", lambda w: "/profile/tokens/", method="post", data=lambda w: {"name": "notes"}, right=("member",)
    ),
    # Another person's token is not shown to exist.
    Step(
        "token-revoke",
        lambda w: f"/profile/tokens/{w['token'].pk}/revoke/",
        method="post",
        hidden=("member", "secretariat"),
        right=("owner",),
        redirects_to=lambda w: "/profile/",
    ),
    Step("account-delete", lambda w: "/profile/delete/", right=("member",)),
    Step("api-me-detail", lambda w: "/api/v1/me", method="get", right=("member", "analyst"), api=True),
]

COVERED: set[str] = {step.name for step in STEPS}


def world() -> World:
    owner = make_member()
    return {**example_users(), "owner": owner, "token": do_create_api_token(owner, name="script")[0]}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_account_route_is_the_owners_alone(step: Step, seeded: None) -> None:
    w = world()
    walk_step(step, w)
    revoked = ApiToken.objects.get(pk=w["token"].pk).revoked_at is not None
    assert revoked == (step.name == "token-revoke"), "only the owner's revoke revokes her token"
