from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from fourthp.accounts.actions import get_user_for_token
from fourthp.accounts.limits import client_address, over_rate_usage

logger = logging.getLogger(__name__)


class RequestSizeLimitMiddleware:
    """Answer an API request whose body is larger than the limit with 413, before reading it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            limit = settings.API_MAX_REQUEST_BYTES
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return JsonResponse(
                    {
                        "detail": f"The request body is {length:,} bytes; the limit is {limit:,} bytes.",
                        "code": "request_too_large",
                    },
                    status=413,
                )
        return self.get_response(request)


# What `token_user` answers when a token is sent and refused.
BAD_TOKEN = object()


def token_user(request: HttpRequest) -> Any:
    """The active user of the bearer token sent, None when none is sent, or BAD_TOKEN when one is sent and refused.

    Verified once per request and kept on it, so the rate limit, the API's authentication and its caller agree.
    """
    if not hasattr(request, "_fourthp_token_user"):
        header = request.headers.get("Authorization", "").strip()
        user: Any = None
        if header:
            scheme, _, raw = header.partition(" ")
            user = get_user_for_token(raw.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                user = BAD_TOKEN
        request._fourthp_token_user = user  # type: ignore[attr-defined]
    return request._fourthp_token_user  # type: ignore[attr-defined]


def api_caller_key(request: HttpRequest) -> str:
    """Who is asking, for counting: the account of a verified token, else the client's address.

    A token that is refused counts against the address it came from, so sending a new made-up token with
    each request gains nothing."""
    user = token_user(request)
    if user is not None and user is not BAD_TOKEN:
        return f"user:{user.pk}"
    return "ip:" + client_address(request)


def unauthenticated_response() -> JsonResponse:
    return JsonResponse(
        {
            "detail": "A valid API token is needed: send 'Authorization: Bearer <token>'. "
            "This one is unknown, revoked or belongs to a deactivated account.",
            "code": "unauthenticated",
            "errors": [],
        },
        status=401,
        headers={"WWW-Authenticate": "Bearer"},
    )


_UNITS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def describe_rate(rate: str) -> str:
    """A django-ratelimit rate in words: "30/m" is "30 requests a minute", "10/5m" "10 requests in 5 minutes"."""
    count, _, period = rate.partition("/")
    match = re.fullmatch(r"(\d*)([smhd])", period)
    if match is None:
        return rate
    number, unit = match.groups()
    if number in ("", "1"):
        return f"{count} requests a {_UNITS[unit]}"
    return f"{count} requests in {number} {_UNITS[unit]}s"


def over_rate(request: HttpRequest, group: str, key: str, rate: str, what: str) -> JsonResponse | None:
    """Count this request against `rate` ("30/m") for `key` in `group`; over it, the 429 to answer with.

    An empty rate counts nothing. If the cache cannot be reached the request is let through and the
    failure logged: a cache outage must not take the API down with it."""
    usage = over_rate_usage(request, group, key, rate, name="API")
    if usage is None:
        return None
    wait = max(1, int(usage["time_left"]))
    response = JsonResponse(
        {
            "detail": f"Too many requests: {what} answers one caller at most {describe_rate(rate)}. "
            f"Try again in {wait} second{'s' if wait != 1 else ''}.",
            "code": "rate_limited",
            "errors": [],
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


class RateLimitMiddleware:
    """Count API requests per caller (API_RATE), answering those over the rate with 429 and Retry-After, and
    refuse a request whose token is not valid with 401, whatever the endpoint."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            refused = over_rate(request, "api", api_caller_key(request), settings.API_RATE, "the API")
            if refused is not None:
                return refused
            # A token that is sent is checked on every endpoint, reads included: a bad one is never anonymous.
            if token_user(request) is BAD_TOKEN:
                return unauthenticated_response()
        return self.get_response(request)
