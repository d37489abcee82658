"""Public pages and their JSON twins.

Every public page is declared with `page()`, which adds a second route with
`.json` in place of the trailing slash (`/jurisdictions/US-DC/` and
`/jurisdictions/US-DC.json`), named `<name>-json`. The view builds its data
once, as the same schema the API uses, and `respond()` renders either the
template or that data as JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.safestring import SafeString, mark_safe
from pydantic import BaseModel

from fourthp.lib.markup import render_markdown

PUBLIC_PAGES: set[str] = set()
DOWNLOADS: set[str] = set()
"""Public routes that are files or page fragments, not pages: they have no JSON twin."""


def page(route: str, view: Callable[..., HttpResponse], name: str) -> list[URLPattern]:
    json_route = (route.rstrip("/") or "index") + ".json"
    PUBLIC_PAGES.add(name)
    return [
        path(route, view, name=name),
        path(json_route, view, {"as_json": True}, name=f"{name}-json"),
    ]


def download(route: str, view: Callable[..., HttpResponse], name: str) -> URLPattern:
    """A public file (PDF, CSV, JSON download) or htmx fragment: no JSON twin of its own."""
    DOWNLOADS.add(name)
    return path(route, view, name=name)


PUBLIC_FORMS: set[str] = set()
"""Public forms (an application, a reply at a secret link): a page to fill in, with no data to twin."""


def public_form(route: str, view: Callable[..., HttpResponse], name: str) -> URLPattern:
    PUBLIC_FORMS.add(name)
    return path(route, view, name=name)


def respond(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    data: BaseModel | dict[str, Any],
    *,
    as_json: bool,
) -> HttpResponse:
    if as_json:
        payload = data.model_dump(mode="json") if isinstance(data, BaseModel) else data
        return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    alternate = request.path.rstrip("/") + ".json" if request.path != "/" else "/index.json"
    return render(request, template, {**context, "json_url": alternate})


def markdown_html(text: str) -> SafeString:
    """Markdown written by members or the secretariat, as HTML a template may print unescaped.

    `render_markdown` sanitises its output with nh3, which is what makes marking it safe correct.
    """
    return mark_safe(render_markdown(text))  # noqa: S308


def query_int(request: HttpRequest, name: str, default: int, *, minimum: int = 1, maximum: int = 10_000) -> int:
    """An integer query parameter, clamped; anything that is not a number gives the default."""
    raw = request.GET.get(name, "")
    try:
        value = int(raw)
    except ValueError:
        return default
    return max(minimum, min(maximum, value))
