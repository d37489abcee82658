"""API endpoints for members, mounted on the one API in `fourthp.api.api`.

Each member comes with only the fields the caller may see; the others are
absent from the JSON (not null), and a profile the caller may not see is not
listed and answers 404.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, LazyOut, caller
from fourthp.members.models import Profile
from fourthp.members.queries import MemberFilters, get_member, search_members
from fourthp.members.schemas import MemberOut

router = Router(tags=["members"])


class MemberQuery(Schema):
    q: str = ""
    jurisdiction: str = ""
    region: str = ""
    role: Profile.Role | None = None
    topic: str = ""
    language: str = ""


@router.get("/members", response=list[MemberOut], url_name="api-members-list", exclude_unset=True)
@paginate(ApiPagination)
def members_list(request: HttpRequest, filters: Query[MemberQuery]) -> Any:
    """The member directory: profiles the caller may see, each with only the fields she may see.

    Filters (`q` over names, `jurisdiction` code, `region` UN M49 code or name, `role`, `topic` provision or
    pillar id, `language` ISO 639 code) match only on fields the caller may see.
    """
    viewer = caller(request)
    qs = search_members(
        viewer,
        MemberFilters(
            q=filters.q,
            jurisdiction=filters.jurisdiction,
            region=filters.region,
            role=filters.role or "",
            topic=filters.topic,
            language=filters.language,
        ),
    )
    # Dicts, not models: the paginator rebuilds its items, and only the keys given count as set.
    return LazyOut(qs, lambda p: MemberOut.from_model(p, viewer).as_json())


@router.get(
    "/members/{member_id}",
    response={200: MemberOut, **ERRORS},
    url_name="api-members-detail",
    exclude_unset=True,
)
def members_detail(request: HttpRequest, member_id: int) -> Any:
    """One member's profile with the fields the caller may see; 404 when she may see none of it."""
    viewer = caller(request)
    return MemberOut.from_model(get_member(viewer, member_id), viewer)
