"""Refusals made for every request before any view reads it."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"


def _has_nul(value: Any) -> bool:
    """A NUL anywhere in a decoded JSON value: its strings, its keys, at any depth."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _pairs_have_nul(pairs: Iterable[tuple[str, list[str]]]) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in pairs)


def where_nul(request: HttpRequest) -> str:
    """Which part of the request holds a NUL character (\\x00, or %00 once decoded): "" when none does."""
    if NUL in request.path_info:
        return _("address")
    if _pairs_have_nul(request.GET.lists()):
        return _("query string")
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return ""
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        body = request.body
        # "\u0000" is a NUL once the JSON is decoded; only then is the body decoded to make sure.
        if b"\x00" in body:
            return _("JSON body")
        if b"\\u0000" in body:
            try:
                if _has_nul(json.loads(body)):
                    return _("JSON body")
            except ValueError:
                return ""  # Not JSON: the view's parser says so.
        return ""
    # The form's fields only: the contents of uploaded files are read, and judged, by the views that take them.
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data") and _pairs_have_nul(
        request.POST.lists()
    ):
        return _("form fields")
    return ""


class RefuseNulMiddleware:
    """Answer 400 to a request with a NUL character in its address, query string, form fields or JSON body.

    No text the site keeps or looks up contains a NUL, and PostgreSQL cannot store or compare one: refusing it
    here, once, spares every view a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        where = where_nul(request)
        if not where:
            return self.get_response(request)
        message = _(
            "The request has a NUL character (\\x00, or %%00 in an address) in its %(where)s. Remove it and try again."
        ) % {"where": where}
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "invalid", "errors": []}, status=400)
        return render(request, "400.html", {"message": message}, status=400)
