"""API endpoints for statute suggestions and assessment requests, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Status
from ninja.pagination import paginate

from fourthp.api.common import ApiPagination, ApiTokenAuth, ErrorOut, LazyOut, error_response
from fourthp.api.middleware import over_rate
from fourthp.assessments.access import access_assessment_requests_for_staff
from fourthp.assessments.actions import DuplicateAssessmentRequest, do_create_assessment_request
from fourthp.assessments.inputs import RequestInput
from fourthp.assessments.models import AssessmentRequest
from fourthp.assessments.queries import get_assessment_request, search_assessment_requests
from fourthp.assessments.schemas import AssessmentRequestIn, AssessmentRequestOut
from fourthp.jurisdictions.queries import find_jurisdiction

router = Router(tags=["assessment requests"])


@router.get(
    "/assessment-requests",
    response={200: list[AssessmentRequestOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=ApiTokenAuth(),
    url_name="api-assessment-requests-list",
)
@paginate(ApiPagination)
def assessment_requests_list(
    request: HttpRequest, state: AssessmentRequest.State | None = None, jurisdiction: str = ""
) -> Any:
    """The queue of statute suggestions and assessment requests (the secretariat and analysts), open ones first.

    `state` keeps one state (`open`, `in_progress`, `done`, `declined`); `jurisdiction` is a code such as `US-DC`.
    """
    user = request.auth  # type: ignore[attr-defined]
    access_assessment_requests_for_staff(user)
    found = find_jurisdiction(jurisdiction) if jurisdiction.strip() else None
    qs = search_assessment_requests(state or "", found)
    return LazyOut(qs, lambda r: AssessmentRequestOut.from_model(r, staff=True))


@router.post(
    "/assessment-requests",
    response={
        201: AssessmentRequestOut,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    auth=ApiTokenAuth(),
    url_name="api-assessment-requests-create",
)
def assessment_requests_create(request: HttpRequest, payload: AssessmentRequestIn) -> Any:
    """Ask for an assessment of a jurisdiction without a report card, or suggest a statute for it by its address.

    Any member's token. A statute's file is uploaded on the jurisdiction's page, not here. A second open request
    for an assessment of the same jurisdiction answers 409 `duplicate`; more than ASSESSMENT_REQUESTS_RATE
    (10 an hour unless configured, pages and API together) answers 429 with Retry-After. The requester is
    e-mailed in the language of the request (`Accept-Language`) when the secretariat moves it on.
    """
    user = request.auth  # type: ignore[attr-defined]
    refused = over_rate(
        request, "assessment-requests", f"user:{user.pk}", settings.ASSESSMENT_REQUESTS_RATE, "assessment requests"
    )
    if refused is not None:
        return refused
    data = RequestInput(
        kind=payload.kind,
        jurisdiction_code=payload.jurisdiction,
        note=payload.note,
        url=payload.url,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    try:
        made = do_create_assessment_request(data, acting_user=user)
    except DuplicateAssessmentRequest as exc:
        return error_response(request, 409, str(exc), "duplicate")
    return Status(201, AssessmentRequestOut.from_model(get_assessment_request(made.pk), staff=False))
