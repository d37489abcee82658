from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import defaults
from ninja import Schema

from fourthp.core.pages import respond
from fourthp.frameworks.models import Framework
from fourthp.jurisdictions.forms import FindPlaceForm
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument, Section


class StartingPointOut(Schema):
    audience: str
    title: str
    url: str


class HomeOut(Schema):
    name: str
    jurisdictions: int
    instruments: int
    sections: int
    frameworks: int
    starting_points: list[StartingPointOut]


def home(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    counts = {
        "jurisdictions": Jurisdiction.objects.count(),
        "instruments": Instrument.objects.count(),
        "sections": Section.objects.current().count(),
        "frameworks": Framework.objects.count(),
    }
    starting_points = [
        StartingPointOut(
            audience="legislator", title="Find your jurisdiction and its law", url=reverse("jurisdiction-list")
        ),
        StartingPointOut(audience="analyst", title="Search the text of the law", url=reverse("search")),
        StartingPointOut(audience="advocate", title="Read the Four-P framework", url=reverse("framework-list")),
        StartingPointOut(audience="developer", title="Use the open API", url="/api/docs"),
    ]
    data = HomeOut(name="Fourth P", starting_points=starting_points, **counts)
    find_form = FindPlaceForm(auto_id="home-%s")
    return respond(request, "web/home.html", {"counts": counts, "find_form": find_form}, data, as_json=as_json)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _api_error(detail: str, code: str, status: int) -> JsonResponse:
    """An answer in the API's error shape (docs/api.md) for errors Django handles before the API sees them."""
    return JsonResponse({"detail": detail, "code": code, "errors": []}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: the API's error shape under /api/, else the site's page (a request Django itself refused).

    A form too large to read (over DATA_UPLOAD_MAX_MEMORY_SIZE) gets 413 saying so in words: Django refuses
    such a body before any view or form sees it, so what was typed cannot be shown again; the page says what
    happened and how to go on.
    """
    if isinstance(exception, RequestDataTooBig) and not _is_api(request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return render(request, "413.html", {"limit": limit, "form_url": request.path}, status=413)
    if _is_api(request):
        return _api_error("The request could not be read: check its address, headers and body.", "invalid", 400)
    return render(request, "400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: the API's error shape under /api/, else the plain page. Django has logged the error already."""
    if _is_api(request):
        detail = "Something went wrong on our side; it has been logged. Please try again in a few minutes."
        return _api_error(detail, "server_error", 500)
    return defaults.server_error(request)
