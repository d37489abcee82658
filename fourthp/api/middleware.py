from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from typing import Any

from allauth.account.adapter import get_adapter as get_account_adapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django_ratelimit.core import get_usage

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


def api_caller_key(request: HttpRequest) -> str:
    """Who is asking, for counting: the token sent (hashed; a bad token is counted like a good one), else the
    client's address as the sign-in rate limits read it (behind TRUSTED_PROXY_COUNT proxies)."""
    header = request.headers.get("Authorization", "")
    if header:
        return "token:" + hashlib.sha256(header.encode()).hexdigest()[:32]
    try:
        return "ip:" + str(get_account_adapter(request).get_client_ip(request))
    except PermissionDenied:
        return "ip:unknown"


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
    if not rate:
        return None
    try:
        usage: dict[str, Any] | None = get_usage(
            request, group=group, key=lambda _group, _request: key, rate=rate, increment=True
        )
    except Exception:
        logger.warning("API rate limit not applied: the cache could not be reached", exc_info=True)
        return None
    if usage is None or not usage["should_limit"]:
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
    """Count API requests per caller (API_RATE) and answer those over the rate with 429 and Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            refused = over_rate(request, "api", api_caller_key(request), settings.API_RATE, "the API")
            if refused is not None:
                return refused
        return self.get_response(request)
