"""API endpoints of the drafting assistant, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from fourthp.api.common import ApiTokenAuth, ErrorOut, error_response
from fourthp.drafting.access import access_draft_create_for_drafter, access_draft_for_reader
from fourthp.drafting.actions import DraftChoices, do_create_draft
from fourthp.drafting.queries import ChoicesRefused, drafting_level, drafting_tradition, get_draft_version
from fourthp.drafting.schemas import DraftIn, DraftOut
from fourthp.jurisdictions.queries import find_jurisdiction_by_code_or_name

router = Router(tags=["drafting"])


@router.post(
    "/drafts",
    response={201: DraftOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=ApiTokenAuth(),
    url_name="api-drafts-create",
)
def drafts_create(request: HttpRequest, payload: DraftIn) -> Any:
    """Compose a bill for a legislator member, parliamentary staff, an analyst or the secretariat with a token.

    `provisions` left out drafts the gaps of the jurisdiction's report card (absent, partial, not yet assessed)
    that have a published model text; `tradition` and `level` left out are the jurisdiction's. Answers 201 with
    the draft and its composed bill (version 1); an unknown jurisdiction is a 404; a provision without a published
    model text, or an option not offered, a 422 naming it."""
    user = request.auth  # type: ignore[attr-defined]
    access_draft_create_for_drafter(user)
    jurisdiction = find_jurisdiction_by_code_or_name(payload.jurisdiction)
    choices = DraftChoices(
        provisions=payload.provisions,
        options=payload.options,
        tradition=payload.tradition or drafting_tradition(jurisdiction),
        level=payload.level or drafting_level(jurisdiction),
    )
    try:
        draft = do_create_draft(jurisdiction, choices, acting_user=user)
    except ChoicesRefused as exc:
        return error_response(request, 422, str(exc), "invalid")
    return Status(201, DraftOut.from_model(draft, get_draft_version(draft)))


@router.get(
    "/drafts/{draft_id}",
    response={200: DraftOut, 401: ErrorOut, 404: ErrorOut},
    auth=ApiTokenAuth(),
    url_name="api-drafts-detail",
)
def drafts_detail(request: HttpRequest, draft_id: int, version: int | None = None) -> Any:
    """A draft you may read (yours, your working group's; analysts and the secretariat read all), with the bill
    of its newest version or of `version`; any other answers 404."""
    draft = access_draft_for_reader(request.auth, draft_id)  # type: ignore[attr-defined]
    return DraftOut.from_model(draft, get_draft_version(draft, version))
