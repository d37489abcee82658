"""API endpoints for the goods at risk and procurement screens, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, ApiTokenAuth, ErrorOut, LazyOut, error_response
from fourthp.api.middleware import over_rate
from fourthp.findings.models import GoodFinding
from fourthp.jurisdictions.queries import find_jurisdiction
from fourthp.supplychains.access import SCREENS_RATE_GROUP, access_screen_for_owner, access_screens_for_member
from fourthp.supplychains.actions import INLINE_LINES, do_create_screen
from fourthp.supplychains.queries import GoodsFilters, search_goods, supply_chain_law
from fourthp.supplychains.reading import MAX_LINES, BadRow, Line, Upload
from fourthp.supplychains.schemas import GoodFindingOut, ScreenIn, ScreenOut

router = Router(tags=["supply chains"])


@router.get("/goods", response={200: list[GoodFindingOut], **ERRORS}, url_name="api-goods-list")
@paginate(ApiPagination)
def goods_list(request: HttpRequest, country: str = "", good: str = "", kind: GoodFinding.Kind | None = None) -> Any:
    """Goods × countries on ILAB's list of goods produced with forced or child labour, newest year first, each
    with its finding, the year the list describes and its source. `country` is a code such as `CN`; `good` a
    name (case, accents and plurals do not count); `kind` one of `child-labour`, `forced-labour`,
    `forced-child-labour`, `inputs`."""
    found = find_jurisdiction(country) if country.strip() else None
    return LazyOut(search_goods(GoodsFilters(good=good, country=found, kind=kind or "")), GoodFindingOut.from_model)


@router.post(
    "/procurement-screens",
    response={
        201: ScreenOut,
        202: ScreenOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    auth=ApiTokenAuth(),
    url_name="api-procurement-screens-create",
)
def procurement_screens_create(request: HttpRequest, payload: ScreenIn) -> Any:
    """Screen purchased goods (good, country of origin, optional HS code) for a member with a token.

    Up to 500 lines answer 201 with the results; a larger list answers 202 with the screen's progress, to be
    read again at `GET /procurement-screens/{id}`. Lines without a good or a country, and countries not known,
    are listed in `bad_rows` with their line number (from 1), never dropped. More than PROCUREMENT_SCREENS_RATE
    screens (20 an hour unless configured, pages and API together) answers 429 with Retry-After."""
    user = request.auth  # type: ignore[attr-defined]
    access_screens_for_member(user)
    refused = over_rate(
        request, SCREENS_RATE_GROUP, f"user:{user.pk}", settings.PROCUREMENT_SCREENS_RATE, "procurement screens"
    )
    if refused is not None:
        return refused
    if len(payload.lines) > MAX_LINES:
        return error_response(
            request, 422, _("More than %(limit)s lines; send them in smaller lists.") % {"limit": MAX_LINES}, "invalid"
        )
    buyer = find_jurisdiction(payload.buyer)
    upload = Upload()
    for number, line in enumerate(payload.lines, start=1):
        if not line.good.strip():
            upload.bad_rows.append(BadRow(number, _("No good is given.")))
        elif not line.country.strip():
            upload.bad_rows.append(BadRow(number, _("No country of origin is given.")))
        else:
            upload.lines.append(Line(number, line.good.strip(), line.country.strip(), line.hs_code.strip()))
    screen = do_create_screen(user, payload.name, upload, buyer)
    return Status(
        202 if len(upload.lines) > INLINE_LINES else 201, ScreenOut.from_model(screen, supply_chain_law(buyer))
    )


@router.get(
    "/procurement-screens/{screen_id}",
    response={200: ScreenOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=ApiTokenAuth(),
    url_name="api-procurement-screens-detail",
)
def procurement_screens_detail(request: HttpRequest, screen_id: int) -> Any:
    """One of your screens: its progress, then its results; another's is a 404."""
    screen = access_screen_for_owner(request.auth, screen_id)  # type: ignore[attr-defined]
    return ScreenOut.from_model(screen, supply_chain_law(screen.buyer))
