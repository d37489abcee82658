"""API endpoints for instruments, their sections and search, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from fourthp.analysis.queries import search_law
from fourthp.api.common import (
    ERRORS,
    MAX_OFFSET,
    ApiPagination,
    LazyOut,
)
from fourthp.laws.models import Instrument
from fourthp.laws.queries import SearchFilters, find_instrument, find_section, list_instruments
from fourthp.laws.schemas import (
    InstrumentDetailOut,
    InstrumentOut,
    SearchOut,
    SectionOut,
    describe_instrument,
    describe_search,
)

router = Router()


@router.get("/instruments", response=list[InstrumentOut], url_name="api-instruments-list", tags=["atlas"])
@paginate(ApiPagination)
def instruments_list(request: HttpRequest, jurisdiction: str = "", type: Instrument.Type | None = None) -> Any:
    qs = list_instruments(jurisdiction_code=jurisdiction, type=type or "")
    return LazyOut(qs, lambda i: InstrumentOut.from_model(i, section_count=i.section_count))


@router.get(
    "/instruments/{key}",
    response={200: InstrumentDetailOut, **ERRORS},
    url_name="api-instruments-detail",
    tags=["atlas"],
)
def instruments_detail(request: HttpRequest, key: str) -> Any:
    return describe_instrument(find_instrument(key))


@router.get("/sections/{key}", response={200: SectionOut, **ERRORS}, url_name="api-sections-detail", tags=["atlas"])
def sections_detail(request: HttpRequest, key: str, version: int | None = None) -> Any:
    """A section's current text, or an earlier `version` of it."""
    return SectionOut.from_model(find_section(key, version))


@router.get("/search", response={200: SearchOut, **ERRORS}, url_name="api-search-list", tags=["atlas"])
def search(
    request: HttpRequest,
    q: str,
    jurisdiction: str = "",
    type: Instrument.Type | None = None,
    language: str = "",
    provision: str = "",
    limit: int = Query(20, ge=1, le=100),  # type: ignore[type-arg]
    offset: int = Query(0, ge=0, le=MAX_OFFSET),  # type: ignore[type-arg]
) -> Any:
    """Full-text search over the current text of every section; `snippet_html` is escaped text with <mark>s."""
    filters = SearchFilters(q=q, jurisdiction=jurisdiction, type=type or "", language=language, provision=provision)
    return describe_search(q, search_law(filters, limit=limit, offset=offset).results)
