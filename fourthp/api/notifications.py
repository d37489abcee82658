"""API endpoints for the caller's own notifications and follows, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from fourthp.api.common import ApiPagination, ApiTokenAuth, ErrorOut, LazyOut
from fourthp.core.errors import NotFound
from fourthp.notifications.actions import do_follow, do_unfollow
from fourthp.notifications.queries import follows_of, notifications_of
from fourthp.notifications.schemas import FollowOut, NotificationOut
from fourthp.notifications.targets import find_target, type_of

router = Router(tags=["notifications"])


class FollowIn(Schema):
    type: str
    id: int


class UnfollowOut(Schema):
    type: str
    id: int
    following: bool


def _target(type_name: str, pk: int, user: Any) -> Any:
    found = find_target(type_name, pk, user)
    if found is None:
        raise NotFound(f"There is no {type_name} {pk} to follow.")
    return found


@router.get(
    "/notifications",
    response={200: list[NotificationOut], 401: ErrorOut, 422: ErrorOut},
    auth=ApiTokenAuth(),
    url_name="api-notifications-list",
)
@paginate(ApiPagination)
def notifications_list(request: HttpRequest, unread: bool = False) -> Any:
    """The token's owner's notifications, unread first, newest first; `unread=true` keeps the unread ones.

    `text` is written in the language of the request (`Accept-Language`)."""
    qs = notifications_of(request.auth)  # type: ignore[attr-defined]
    if unread:
        qs = qs.filter(read_at__isnull=True)
    return LazyOut(qs, NotificationOut.of)


@router.get(
    "/follows",
    response={200: list[FollowOut], 401: ErrorOut, 422: ErrorOut},
    auth=ApiTokenAuth(),
    url_name="api-follows-list",
)
@paginate(ApiPagination)
def follows_list(request: HttpRequest) -> Any:
    """What the token's owner follows, newest first: `type` is bill, jurisdiction, provision, legislator, group or
    campaign, and `id` its number."""
    return [FollowOut.of(f, type_of(f.target) or "") for f in follows_of(request.auth)]  # type: ignore[attr-defined, arg-type]


@router.post(
    "/follows",
    response={201: FollowOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=ApiTokenAuth(),
    url_name="api-follows-create",
)
def follows_create(request: HttpRequest, payload: FollowIn) -> Any:
    """Follow a thing; following it again answers the same follow. One the caller may not see answers 404."""
    user = request.auth  # type: ignore[attr-defined]
    follow = do_follow(_target(payload.type, payload.id, user), acting_user=user)
    return Status(201, FollowOut.of(follow, payload.type))


@router.delete(
    "/follows/{type_name}/{pk}",
    response={200: UnfollowOut, 401: ErrorOut, 404: ErrorOut},
    auth=ApiTokenAuth(),
    url_name="api-follows-delete",
)
def follows_delete(request: HttpRequest, type_name: str, pk: int) -> Any:
    """Stop following a thing (the same answer when it was not followed)."""
    user = request.auth  # type: ignore[attr-defined]
    do_unfollow(_target(type_name, pk, user), acting_user=user)
    return UnfollowOut(type=type_name, id=pk, following=False)
