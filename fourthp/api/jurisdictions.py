"""API endpoints for jurisdictions, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fourthp.api.common import (
    ERRORS,
    ApiPagination,
    LazyOut,
)
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import JurisdictionFilters, find_jurisdiction, search_jurisdictions
from fourthp.jurisdictions.schemas import JurisdictionOut
from fourthp.laws.schemas import (
    JurisdictionDetailOut,
    describe_jurisdiction,
)

router = Router()


class JurisdictionQuery(Schema):
    kind: Jurisdiction.Kind | None = None
    level: Jurisdiction.Level | None = None
    region: str | None = None
    q: str | None = None


@router.get("/jurisdictions", response=list[JurisdictionOut], url_name="api-jurisdictions-list", tags=["atlas"])
@paginate(ApiPagination)
def jurisdictions_list(request: HttpRequest, filters: Query[JurisdictionQuery]) -> Any:
    """Every country (ISO 3166-1), US state and district (ISO 3166-2) and international body."""
    qs = search_jurisdictions(
        JurisdictionFilters(
            kind=filters.kind or "", level=filters.level or "", region=filters.region or "", q=filters.q or ""
        )
    )
    return LazyOut(qs, JurisdictionOut.from_model)


@router.get(
    "/jurisdictions/{code}",
    response={200: JurisdictionDetailOut, **ERRORS},
    url_name="api-jurisdictions-detail",
    tags=["atlas"],
)
def jurisdictions_detail(request: HttpRequest, code: str) -> Any:
    """One jurisdiction by code or alias (US-PR finds Puerto Rico), with its instruments."""
    return describe_jurisdiction(find_jurisdiction(code))
