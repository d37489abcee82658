"""API endpoints for local circles and student chapters, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, LazyOut
from fourthp.circles.queries import list_circles
from fourthp.circles.schemas import CircleSummaryOut
from fourthp.jurisdictions.queries import find_jurisdiction_by_code_or_name

router = Router(tags=["circles"])


@router.get("/circles", response={200: list[CircleSummaryOut], **ERRORS}, url_name="api-circles-list")
@paginate(ApiPagination)
def circles_list(request: HttpRequest, place: str = "", kind: str = "") -> Any:
    """The open local circles and student chapters, the same for every caller (a proposal is never listed).

    `place` is a country or state by code or name (its states' circles are included); `kind` is `local` or
    `chapter`. An unknown place answers 404 with one sentence.
    """
    jurisdiction = find_jurisdiction_by_code_or_name(place) if place.strip() else None
    kind = kind if kind in ("local", "chapter") else ""
    return LazyOut(list_circles(None, jurisdiction=jurisdiction, kind=kind), CircleSummaryOut.from_model)
