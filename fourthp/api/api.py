"""The public API, version 1, under /api/v1/ with its OpenAPI description at /api/docs.

Conventions every endpoint follows:
- a typed response schema (the same schemas as the pages' JSON twins);
- one error shape, `ErrorOut`, for every 4xx answer and for 500 (fourthp.web.views.server_error);
- one pagination shape, `{"items": [...], "count": N}` with `limit` and `offset`;
- URL names `api-<things>-<view>`;
- bodies over API_MAX_REQUEST_BYTES are answered with 413 (see middleware);
- reads are public; writes and `/me` need a token sent as `Authorization: Bearer <token>`, and a token that
  is sent is checked everywhere (a refused one is 401, see middleware);
- the answers every operation may give besides its own are added to the OpenAPI description
  (`document_common_answers`), which the suite probes with schemathesis.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.views import openapi_view

from fourthp.api.common import (
    document_common_answers,
    error_response,
)
from fourthp.assessments.actions import (
    AssessmentRefused,
)
from fourthp.core.errors import NotFound


class FourthPApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_common_answers(schema)


api = FourthPApi(
    title="Fourth P API",
    version="1",
    description=(
        "Open data on anti-trafficking law: jurisdictions, frameworks, instruments and their sections. "
        "Lists answer `{items, count}` and take `limit` and `offset`. Errors answer `{detail, code}`."
    ),
    urls_namespace="api",
    docs_url=None,
)


def _error(
    request: HttpRequest, status: int, detail: str, code: str, errors: list[dict[str, Any]] | None = None
) -> HttpResponse:
    return error_response(request, status, detail, code, errors)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or "Not found.", "not_found")


@api.exception_handler(NotFound)
def on_missing(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return _error(request, 404, exc.message or "Not found.", "not_found")


@api.exception_handler(NinjaValidationError)
def on_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    names = sorted({str(e["loc"][-1]) for e in exc.errors if e.get("loc")})
    detail = f"Not valid: {', '.join(names)}; see errors." if names else "Some parameters are not valid; see errors."
    return _error(request, 422, detail, "invalid", list(exc.errors))


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "A valid API token is needed: send 'Authorization: Bearer <token>'.", "unauthenticated")


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "Your account's roles do not allow this.", "forbidden")


@api.exception_handler(AssessmentRefused)
def on_refused(request: HttpRequest, exc: AssessmentRefused) -> HttpResponse:
    return _error(request, 400, str(exc), "refused")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc), "error")


def docs_view(request: HttpRequest) -> HttpResponse:
    return openapi_view(request, api)


# --- Each area's endpoints live in a router module of this package. -------------------------

from fourthp.api import account as _account  # noqa: E402
from fourthp.api import assessment_requests as _assessment_requests  # noqa: E402
from fourthp.api import assessments as _assessments  # noqa: E402
from fourthp.api import bills as _bills  # noqa: E402
from fourthp.api import briefs as _briefs  # noqa: E402
from fourthp.api import campaigns as _campaigns  # noqa: E402
from fourthp.api import circles as _circles  # noqa: E402
from fourthp.api import drafts as _drafts  # noqa: E402
from fourthp.api import events as _events  # noqa: E402
from fourthp.api import frameworks as _frameworks  # noqa: E402
from fourthp.api import groups as _groups  # noqa: E402
from fourthp.api import indicators as _indicators  # noqa: E402
from fourthp.api import jurisdictions as _jurisdictions  # noqa: E402
from fourthp.api import laws as _laws  # noqa: E402
from fourthp.api import members as _members  # noqa: E402
from fourthp.api import model_provisions as _model_provisions  # noqa: E402
from fourthp.api import notifications as _notifications  # noqa: E402
from fourthp.api import peers as _peers  # noqa: E402
from fourthp.api import statistics as _statistics  # noqa: E402
from fourthp.api import supplychains as _supplychains  # noqa: E402

api.add_router("", _jurisdictions.router)
api.add_router("", _frameworks.router)
api.add_router("", _laws.router)
api.add_router("", _assessments.router)
api.add_router("", _assessment_requests.router)
api.add_router("", _account.router)
api.add_router("", _members.router)
api.add_router("", _peers.router)
api.add_router("", _groups.router)
api.add_router("", _events.router)
api.add_router("", _circles.router)
api.add_router("", _campaigns.router)
api.add_router("", _bills.router)
api.add_router("", _statistics.router)
api.add_router("", _indicators.router)
api.add_router("", _briefs.router)
api.add_router("", _notifications.router)
api.add_router("", _model_provisions.router)
api.add_router("", _drafts.router)
api.add_router("", _supplychains.router)
