"""Every page and endpoint of every app that is not public has an entry in an access walk.

The routes are found from the URL resolver and the OpenAPI document, not listed by hand; each app's
`tests/test_access.py` exports `COVERED`, the URL names its walk (or permission matrix) visits. A route
added without an entry fails here, unless it is public or in the short list of exemptions below, each
with its reason.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator

import pytest
from django.urls import URLPattern

from fourthp.api.api import api
from fourthp.core.pages import DOWNLOADS, PUBLIC_FORMS, PUBLIC_PAGES
from fourthp.testing import url_routes

# The areas whose permission matrix walks every route, public ones too: what each role sees there differs
# (a members-only group, an event outside one's audience), so a public page is not exempt.
FULL_MATRIX_AREAS = ("members", "peers", "groups", "events")
FULL_MATRIX_API_TAGS = {"members", "peers", "working groups", "events"}

# Routes that are not the project's pages, by where they are mounted, with the reason each is exempt.
EXEMPT_PREFIXES = {
    "admin/": "Django's admin; only the secretariat enters (walked in accounts/tests/test_accounts.py)",
    "accounts/": "django-allauth's sign-in, sign-up and two-factor forms, open to all by design",
    "i18n/": "the language switch: public, keeps only the visitor's choice of language",
}
EXEMPT_NAMES = {
    "api-docs": "the API's documentation page, public",
    None: "the bare /api/ address, a redirect to the public API documentation",
}
# API operations that answer everyone alike: the public atlas, frameworks and published findings
# (the JSON of public pages), read without a token.
PUBLIC_API = {
    "api-goods-list": "public list of goods at risk (US DOL ILAB)",
    "api-circles-list": "open circles and chapters only, the same for every caller",
    "api-jurisdictions-list": "public atlas",
    "api-jurisdictions-detail": "public atlas",
    "api-frameworks-list": "public frameworks",
    "api-provisions-list": "public frameworks",
    "api-instruments-list": "public atlas",
    "api-instruments-detail": "public atlas",
    "api-sections-detail": "public atlas",
    "api-search-list": "public search of the atlas",
    "api-report-cards-detail": "published report cards",
    "api-findings-list": "published country findings",
    "api-assessments-list": "published assessments only (the assessors' names are shown to staff)",
    "api-provisions-coverage": "counts of published assessments",
    "api-bills-list": "public record of bills before legislatures",
    "api-bills-detail": "public record of bills before legislatures",
    "api-sessions-list": "public legislative calendars",
    "api-indicators-list": "public indicators, each with its source (an unsourced figure is never served)",
    "api-funding-detail": "public funding comparisons of sourced registry figures only",
    "api-organisations-list": "public directory; a contact field only where its consent is recorded",
    "api-organisations-detail": "public directory; a contact field only where its consent is recorded",
    "api-inquiries-list": "published inquiries only",
    "api-op-ed-kits-list": "published op-ed kits only",
}


def _area(pattern: URLPattern) -> str:
    module = getattr(pattern.callback, "__module__", "")
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "fourthp" else ""


def apps() -> list[str]:
    """The project's apps that serve a route, found from the resolver."""
    found = {_area(pattern) for route, pattern in url_routes() if not route.startswith("api/v1/")}
    return sorted(found - {""})


def page_routes() -> set[str]:
    """The URL names of every page that must be walked: not public, not exempt (all routes of the matrix areas)."""
    public = PUBLIC_PAGES | DOWNLOADS | PUBLIC_FORMS
    names = set()
    for route, pattern in url_routes():
        if route.startswith("api/v1/") or route.startswith(tuple(EXEMPT_PREFIXES)) or pattern.name in EXEMPT_NAMES:
            continue
        assert pattern.name, f"{route} has no URL name"
        if pattern.name.endswith("-json"):  # a JSON twin answers as its page does
            continue
        if pattern.name not in public or _area(pattern) in FULL_MATRIX_AREAS:
            names.add(pattern.name)
    return names


def api_operations() -> Iterator[tuple[str, set[str], bool]]:
    """Each operation of the API: its url_name, its tags and whether it asks for a token."""
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                tags = set(operation.tags or router.tags or [])
                yield operation.url_name or "", tags, bool(operation.auth_callbacks)


def api_routes() -> set[str]:
    """The URL names of every API operation that must be walked: all but the public reads."""
    names = set()
    for name, tags, token in api_operations():
        assert name, f"an API operation tagged {sorted(tags)} has no url_name"
        if token or FULL_MATRIX_API_TAGS & tags or name not in PUBLIC_API:
            names.add(name)
    return names


def test_the_api_walk_sees_every_operation_of_the_openapi_document() -> None:
    documented = sum(len(operations) for operations in api.get_openapi_schema()["paths"].values())
    assert documented >= 20 and len(list(api_operations())) == documented


def covered() -> set[str]:
    names: set[str] = set()
    for app in apps():
        name = f"fourthp.{app}.tests.test_access"
        if importlib.util.find_spec(f"fourthp.{app}.tests") and importlib.util.find_spec(name):
            names |= importlib.import_module(name).COVERED
    return names


def test_the_walk_finds_the_routes_of_every_app() -> None:
    assert {"web", "jurisdictions", "laws", "frameworks", "assessments", "analysis", "accounts"} <= set(apps())
    assert {"members", "peers", "groups", "events"} <= set(apps())
    pages, apis = page_routes(), api_routes()
    assert {"peer-finder", "member-directory", "group-list", "event-list", "application-create"} <= pages
    assert {"jurisdiction-edit", "instrument-import", "assessment-edit", "analysis-detail", "profile"} <= pages
    assert {"api-peers-list", "api-members-list", "api-working-groups-list", "api-events-list"} <= apis
    assert {"api-assessments-create", "api-assessments-approve", "api-analysis-create", "api-me-detail"} <= apis
    assert not {"home", "jurisdiction-list", "framework-list", "search"} & pages, "public pages are not walked"


def test_every_exemption_names_a_route_that_exists() -> None:
    routes = list(url_routes())
    names = {pattern.name for _route, pattern in routes}
    for prefix in EXEMPT_PREFIXES:
        assert any(route.startswith(prefix) for route, _pattern in routes), f"nothing is mounted at {prefix}"
    assert set(EXEMPT_NAMES) <= names
    operations = {name for name, _tags, _token in api_operations()}
    assert set(PUBLIC_API) <= operations, f"no such API operation: {sorted(set(PUBLIC_API) - operations)}"


@pytest.mark.parametrize("kind", ["pages", "api"])
def test_every_route_that_is_not_public_has_an_entry_in_an_access_walk(kind: str) -> None:
    routes = page_routes() if kind == "pages" else api_routes()
    assert len(routes) >= (60 if kind == "pages" else 15), f"only {len(routes)} {kind} routes were found"
    missing = sorted(routes - covered())
    assert not missing, f"no access-walk entry (an app's tests/test_access.py COVERED) for: {missing}"
