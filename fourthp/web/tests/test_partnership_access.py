"""Every page and endpoint of the partnership areas has an entry in a permission matrix.

The routes are found from the URL resolver and the OpenAPI document, not listed
by hand; each area's `tests/test_access.py` exports `COVERED`, the names its
matrix walks. A route added without an entry fails here.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from fourthp.api.api import api

AREAS = ("members", "peers", "groups", "events")
API_TAGS = {"members", "peers", "working groups", "events"}


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        else:
            yield route, entry


def _shape(route: str) -> str:
    """A route with its parameters written alike, whether Django's `<int:x>` or OpenAPI's `{x}`."""
    return re.sub(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", lambda m: "{" + (m.group(1) or m.group(2)) + "}", route).strip("/")


def partnership_page_routes() -> set[str]:
    names = set()
    for _route, pattern in _walk(get_resolver().url_patterns):
        module = getattr(pattern.callback, "__module__", "")
        if any(module.startswith(f"fourthp.{area}.") for area in AREAS):
            assert pattern.name, f"{_route} has no URL name"
            if not pattern.name.endswith("-json"):  # a JSON twin answers as its page does
                names.add(pattern.name)
    return names


def partnership_api_routes() -> set[str]:
    by_shape = {
        _shape(route[len("api/v1/") :]): pattern.name
        for route, pattern in _walk(get_resolver().url_patterns)
        if route.startswith("api/v1/")
    }
    names = set()
    for path, operations in api.get_openapi_schema()["paths"].items():
        for operation in operations.values():
            if API_TAGS & set(operation.get("tags", [])):
                name = by_shape[_shape(path[len("/api/v1/") :])]
                assert name, f"{path} has no url_name"
                names.add(name)
    return names


def covered() -> set[str]:
    names: set[str] = set()
    for area in AREAS:
        module = importlib.import_module(f"fourthp.{area}.tests.test_access")
        names |= module.COVERED
    return names


def test_the_walk_finds_the_partnership_routes() -> None:
    pages = partnership_page_routes()
    apis = partnership_api_routes()
    assert {"peer-finder", "member-directory", "group-list", "event-list", "application-create"} <= pages
    assert {"api-peers-list", "api-members-list", "api-working-groups-list", "api-events-list"} <= apis


@pytest.mark.parametrize("kind", ["pages", "api"])
def test_every_partnership_route_has_an_entry_in_a_permission_matrix(kind: str) -> None:
    routes = partnership_page_routes() if kind == "pages" else partnership_api_routes()
    missing = sorted(routes - covered())
    assert not missing, f"no permission-matrix entry for: {missing}"
