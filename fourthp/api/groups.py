"""API endpoints for working groups, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, ErrorOut, LazyOut, caller
from fourthp.groups.access import access_group_view_for_audience
from fourthp.groups.queries import get_group, list_groups
from fourthp.groups.schemas import GroupDetailOut, GroupSummaryOut

router = Router(tags=["working groups"])


@router.get(
    "/working-groups",
    response={200: list[GroupSummaryOut], 401: ErrorOut, **ERRORS},
    url_name="api-working-groups-list",
)
@paginate(ApiPagination)
def working_groups_list(request: HttpRequest, provision: str = "") -> Any:
    """Working groups: public ones to everyone, private ones too (title, description, provisions) with a token.

    `provision` keeps the groups that study a provision of the Fourth P framework, e.g. `crim.debt-bondage`.
    """
    return LazyOut(list_groups(caller(request), provision=provision or None), GroupSummaryOut.from_model)


@router.get(
    "/working-groups/{slug}",
    response={200: GroupDetailOut, 401: ErrorOut, **ERRORS},
    url_name="api-working-groups-detail",
)
def working_groups_detail(request: HttpRequest, slug: str) -> Any:
    """One working group with its published outputs; `members` is filled in only for its members and the secretariat.

    A private group answers 404 without a token; with one it shows its title, description and provisions,
    and its lead, outputs and members to those in the group.
    """
    user = caller(request)
    return GroupDetailOut.describe(access_group_view_for_audience(user, get_group(slug)), user)
