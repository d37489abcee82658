"""API endpoints for the indicators and the organisations directory, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, LazyOut
from fourthp.indicators.queries import funding_for, indicators_for
from fourthp.indicators.schemas import FundingOut, IndicatorOut
from fourthp.jurisdictions.queries import find_jurisdiction
from fourthp.organisations.queries import get_organisation, search_organisations
from fourthp.organisations.schemas import OrganisationOut

router = Router()


@router.get(
    "/indicators", response={200: list[IndicatorOut], **ERRORS}, url_name="api-indicators-list", tags=["indicators"]
)
@paginate(ApiPagination)
def indicators_list(request: HttpRequest, jurisdiction: str) -> Any:
    """The indicators of a jurisdiction by year (TIP tiers, ILAB findings, offences reported to the FBI), each with
    its points, source and caveats; an unknown jurisdiction is a 404."""
    return [IndicatorOut.from_indicator(i) for i in indicators_for(find_jurisdiction(jurisdiction))]


@router.get(
    "/jurisdictions/{code}/funding", response={200: FundingOut, **ERRORS}, url_name="api-funding-detail",
    tags=["indicators"],
)  # fmt: skip
def funding_detail(request: HttpRequest, code: str) -> Any:
    """Funding set against estimated illegal profits, both sides with their registry figure; a comparison with an
    unsourced side is not served, only counted in `withheld`."""
    jurisdiction = find_jurisdiction(code)
    return FundingOut.from_funding(jurisdiction.code, funding_for(jurisdiction))


@router.get(
    "/organisations", response={200: list[OrganisationOut], **ERRORS}, url_name="api-organisations-list",
    tags=["organisations"],
)  # fmt: skip
@paginate(ApiPagination)
def organisations_list(request: HttpRequest, jurisdiction: str = "", kind: str = "", provision: str = "") -> Any:
    """The organisations directory, filtered by jurisdiction code, kind and provision id; only the contact fields
    whose consent to be shown is recorded."""
    code = find_jurisdiction(jurisdiction).code if jurisdiction else ""
    return LazyOut(search_organisations(code, kind, provision), OrganisationOut.from_model)


@router.get(
    "/organisations/{slug}", response={200: OrganisationOut, **ERRORS}, url_name="api-organisations-detail",
    tags=["organisations"],
)  # fmt: skip
def organisations_detail(request: HttpRequest, slug: str) -> Any:
    return OrganisationOut.from_model(get_organisation(slug))
