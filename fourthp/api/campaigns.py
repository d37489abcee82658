"""API endpoints for sign-on campaigns, inquiries and op-ed kits, mounted on the one API in `fourthp.api.api`.

Signatories are listed only where the signer chose to be named; no answer carries an e-mail address.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from ninja import Router
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, ErrorOut, LazyOut, caller
from fourthp.campaigns.access import access_campaign_view_for_audience
from fourthp.campaigns.queries import (
    counts_of,
    get_campaign,
    list_campaigns,
    list_inquiries,
    list_kits,
    listed_signatures,
)
from fourthp.campaigns.schemas import CampaignDetailOut, CampaignOut, InquiryOut, OpEdKitOut
from fourthp.jurisdictions.queries import find_jurisdiction

router = Router(tags=["campaigns"])


@router.get("/campaigns", response={200: list[CampaignOut], 401: ErrorOut}, url_name="api-campaigns-list")
@paginate(ApiPagination)
def campaigns_list(request: HttpRequest) -> Any:
    """Campaigns open, closed and delivered (drafts too for the secretariat), the latest first, with their counts."""
    return LazyOut(list_campaigns(caller(request)), CampaignOut.from_listed)


@router.get(
    "/campaigns/{slug}", response={200: CampaignDetailOut, 401: ErrorOut, **ERRORS}, url_name="api-campaigns-detail"
)
def campaigns_detail(request: HttpRequest, slug: str) -> Any:
    """One campaign: its statement, counts (`named` and `unnamed`) and the signatories who chose to be named.

    A draft answers 404 to all but the secretariat.
    """
    campaign = access_campaign_view_for_audience(caller(request), get_campaign(slug))
    return CampaignDetailOut.describe(campaign, counts_of(campaign), listed_signatures(campaign))


@router.get("/inquiries", response={200: list[InquiryOut], 401: ErrorOut, **ERRORS}, url_name="api-inquiries-list")
@paginate(ApiPagination)
def inquiries_list(request: HttpRequest, jurisdiction: str = "") -> Any:
    """Published inquiries of legislators to agencies, the latest sent first; `jurisdiction` is a code."""
    place = find_jurisdiction(jurisdiction) if jurisdiction else None
    return LazyOut(list_inquiries(None, jurisdiction=place), InquiryOut.from_model)


@router.get("/op-ed-kits", response={200: list[OpEdKitOut], 401: ErrorOut}, url_name="api-op-ed-kits-list")
@paginate(ApiPagination)
def op_ed_kits_list(request: HttpRequest, provision: str = "") -> Any:
    """Published awareness statements and op-ed kits, by title; `provision` (e.g. crim.debt-bondage) narrows them."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return LazyOut(list_kits(None, provision=provision[:100]), lambda kit: OpEdKitOut.from_model(kit, language))
