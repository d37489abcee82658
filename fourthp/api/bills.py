"""API endpoints for bills and legislative sessions, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, LazyOut
from fourthp.bills.models import Bill
from fourthp.bills.queries import BillFilters, find_default_provision, get_bill, list_sessions, search_bills
from fourthp.bills.schemas import BillDetailOut, BillOut, SessionOut
from fourthp.jurisdictions.queries import find_jurisdiction

router = Router(tags=["bills"])


class BillQuery(Schema):
    jurisdiction: str = ""
    status: Bill.Status | None = None
    provision: str = ""


class SessionQuery(Schema):
    jurisdiction: str = ""


@router.get("/bills", response={200: list[BillOut], **ERRORS}, url_name="api-bills-list")
@paginate(ApiPagination)
def bills_list(request: HttpRequest, filters: Query[BillQuery]) -> Any:
    """Bills, latest action first. Filter by jurisdiction code, `status` and `provision` (a provision id of the
    default framework that some version's text touches, as the analyzer suggests). An unknown jurisdiction or
    provision is a 404."""
    qs = search_bills(
        BillFilters(
            jurisdiction=find_jurisdiction(filters.jurisdiction) if filters.jurisdiction else None,
            status=filters.status.value if filters.status else "",
            provision=find_default_provision(filters.provision) if filters.provision else None,
        )
    )
    return LazyOut(qs, BillOut.from_model)


@router.get("/bills/{bill_id}", response={200: BillDetailOut, **ERRORS}, url_name="api-bills-detail")
def bills_detail(request: HttpRequest, bill_id: int) -> Any:
    """One bill with its sponsors, actions, versions and the provisions the analyzer suggests they touch
    (suggestions, never findings)."""
    return BillDetailOut.describe(get_bill(bill_id))


@router.get("/sessions", response={200: list[SessionOut], **ERRORS}, url_name="api-sessions-list")
@paginate(ApiPagination)
def sessions_list(request: HttpRequest, filters: Query[SessionQuery]) -> Any:
    """Legislative sessions, by jurisdiction code then latest first; filter by `jurisdiction`."""
    jurisdiction = find_jurisdiction(filters.jurisdiction) if filters.jurisdiction else None
    return LazyOut(list_sessions(jurisdiction), SessionOut.from_model)
