"""What every part of the API shares: the error shape, token authentication, the caller and lazy pages."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import LimitOffsetPagination
from ninja.security import HttpBearer

from fourthp.api.middleware import BAD_TOKEN, token_user


class ErrorOut(Schema):
    """The one shape of every 4xx answer."""

    detail: str
    code: str
    errors: list[dict[str, Any]] = []


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(request)
        if user is None or user is BAD_TOKEN:
            return None
        request.user = user
        return user


ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def caller(request: HttpRequest) -> Any:
    """The token's user when a valid token is sent, else the request's user (anonymous, or signed in by session).

    A token that is sent and refused is a 401, never anonymous access (RateLimitMiddleware answers it first)."""
    user = token_user(request)
    if user is BAD_TOKEN:
        raise AuthenticationError
    return user if user is not None else request.user


class LazyOut:
    """A queryset that the paginator can count and slice, converting only the page it returns."""

    def __init__(self, qs: Any, convert: Any) -> None:
        self.qs = qs
        self.convert = convert

    def count(self) -> int:
        return int(self.qs.count())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Any]:
        return [self.convert(obj) for obj in self.qs[item]]


# No list comes near a billion items; a larger offset is a mistake, and one past 2**63 - 1 a database error.
MAX_OFFSET = 1_000_000_000


class ApiPagination(LimitOffsetPagination):
    """`limit` and `offset` for every list, bounded so that an absurd value is a 422 naming it."""

    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


# Answers any operation may give, whatever its own: the refusals made before it runs, and a server error.
COMMON_ANSWERS = {
    "400": "A NUL character in the address, query string or body, or a request that cannot be read.",
    "401": "A token was sent and refused: unknown, revoked, or of a deactivated account.",
    "429": "Over API_RATE, counted per token's account or, without a token, per address; Retry-After says when.",
    "500": "An error on the server's side; it is logged.",
}


def document_common_answers(schema: dict[str, Any]) -> dict[str, Any]:
    """Add to every operation of an OpenAPI description the answers it may give besides its own, in ErrorOut:
    COMMON_ANSWERS, 413 when it takes a body, 422 when it takes parameters, 404 when its path names something."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            answers = dict(COMMON_ANSWERS)
            if "requestBody" in operation:
                answers["413"] = "The body is larger than API_MAX_REQUEST_BYTES."
            if operation.get("parameters") or "requestBody" in operation:
                answers["422"] = "A parameter or the body is not valid; `errors` names it."
            if "{" in path:
                answers["404"] = "Nothing has this address."
            responses = operation.setdefault("responses", {})
            # django-ninja keys an operation's own answers by number: an answer it already documents is
            # kept, never written again under the same status as text (JSON would then repeat the key).
            documented = {str(key) for key in responses}
            for status, description in answers.items():
                if status not in documented:
                    responses[status] = {"description": description, "content": error}
    return schema


def error_response(
    request: HttpRequest, status: int, detail: str, code: str, errors: list[dict[str, Any]] | None = None
) -> HttpResponse:
    """An answer in the API's error shape (`ErrorOut`), for an endpoint that refuses what it was sent."""
    from fourthp.api.api import api  # the one API renders it; imported here as it mounts this package's routers

    return api.create_response(request, {"detail": detail, "code": code, "errors": errors or []}, status=status)
