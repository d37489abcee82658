"""Counting requests against a rate: the client's address as every limit reads it, and one counter.

The sign-in limits (allauth), the API's limits and the report-card PDF limit all count a client by the
address allauth reads behind TRUSTED_PROXY_COUNT proxies, and count in the cache through django-ratelimit.
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.adapter import get_adapter as get_account_adapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest) -> str:
    """The client's address as the sign-in rate limits read it (behind TRUSTED_PROXY_COUNT proxies)."""
    try:
        return str(get_account_adapter(request).get_client_ip(request))
    except PermissionDenied:
        return "unknown"


def over_rate_usage(request: HttpRequest, group: str, key: str, rate: str, *, name: str) -> dict[str, Any] | None:
    """Count this request against `rate` ("30/m") for `key` in `group`; over it, django-ratelimit's usage.

    `name` names the limit in the log ("API", "Report-card PDF").

    An empty rate counts nothing. If the cache cannot be reached the request is let through and the failure
    logged (RATELIMIT_FAIL_OPEN): a cache outage must not take the site down with it."""
    if not rate:
        return None
    try:
        usage: dict[str, Any] | None = get_usage(
            request, group=group, key=lambda _group, _request: key, rate=rate, increment=True
        )
    except Exception:
        logger.warning("%s rate limit not applied: the cache could not be reached", name, exc_info=True)
        return None
    if usage is None or not usage["should_limit"]:
        return None
    return usage
