"""What every part of the API shares: the error shape, token authentication, the caller and lazy pages."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
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
