"""What every part of the API shares: the error shape, token authentication, the caller and lazy pages."""

from typing import Any

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from fourthp.accounts.actions import get_user_for_token


class ErrorOut(Schema):
    """The one shape of every 4xx answer."""

    detail: str
    code: str
    errors: list[dict[str, Any]] = []


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = get_user_for_token(token)
        if user is not None:
            request.user = user
        return user


ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def caller(request: HttpRequest) -> Any:
    """The token's user when a valid token is sent, else the anonymous request user."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = get_user_for_token(header[7:].strip())
        if user is None:
            raise AuthenticationError
        return user
    return request.user


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
