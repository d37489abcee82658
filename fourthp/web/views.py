from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import defaults
from ninja import Schema

from fourthp.frameworks.models import Framework
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument, Section
from fourthp.web.pages import respond


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
    return respond(request, "web/home.html", {"counts": counts}, data, as_json=as_json)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400, except for a form too large to read (over DATA_UPLOAD_MAX_MEMORY_SIZE): 413 saying so in words.

    Django refuses such a body before any view or form sees it, so what was typed cannot be shown
    again; the page says what happened and how to go on. The API answers in its own error shape.
    """
    if isinstance(exception, RequestDataTooBig) and not request.path.startswith("/api/"):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return render(request, "413.html", {"limit": limit, "form_url": request.path}, status=413)
    return defaults.bad_request(request, exception)
