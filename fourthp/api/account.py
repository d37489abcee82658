"""API endpoint for the caller: who a token belongs to, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema

from fourthp.accounts.access import roles_of
from fourthp.api.common import (
    ApiTokenAuth,
    ErrorOut,
)

router = Router()


class MeOut(Schema):
    username: str
    display_name: str
    roles: list[str]
    profile_url: str


@router.get(
    "/me", response={200: MeOut, 401: ErrorOut}, auth=ApiTokenAuth(), url_name="api-me-detail", tags=["account"]
)
def me(request: HttpRequest) -> Any:
    """Who the token belongs to and the roles it acts with."""
    user = request.auth  # type: ignore[attr-defined]
    return MeOut(
        username=user.username,
        display_name=user.display_name,
        roles=sorted(roles_of(user)),
        profile_url=reverse("profile"),
    )
