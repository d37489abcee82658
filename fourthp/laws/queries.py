"""Reads on instruments and sections, shared by the pages, their JSON twins and the API."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from fourthp.accounts.models import User
from fourthp.analyzer.readers import ParsedDocument, ParsedSection
from fourthp.core.errors import get_or_not_found
from fourthp.laws.models import Instrument, InstrumentImport, Section
from fourthp.lib.markup import query_terms, snippet

# Longest query accepted; longer input is cut here rather than sent to the index.
MAX_QUERY_LENGTH = 300


def list_instruments(*, jurisdiction_code: str = "", type: str = "") -> QuerySet[Instrument]:
    qs = Instrument.objects.select_related("jurisdiction").annotate(
        section_count=Count("sections", filter=Q(sections__is_current=True))
    )
    if jurisdiction_code:
        qs = qs.filter(jurisdiction__code=jurisdiction_code.upper())
    if type:
        qs = qs.filter(type=type)
    return qs.order_by("jurisdiction__name", "title")


def find_instrument(key: str) -> Instrument:
    """The instrument with its current sections in order (`current_sections`), or NotFound naming the key."""
    sections = Section.objects.current().order_by("order")
    return get_or_not_found(
        Instrument.objects.select_related("jurisdiction").prefetch_related(
            Prefetch("sections", queryset=sections, to_attr="current_sections")
        ),
        _("No instrument has the key %(key)s.") % {"key": key},
        key=key,
    )


def find_instrument_to_edit(key: str) -> Instrument:
    """The instrument alone (no sections: its edit and history pages show none), or NotFound naming the key."""
    return get_or_not_found(Instrument.objects.all(), _("No instrument has the key %(key)s.") % {"key": key}, key=key)


def find_section(key: str, version: int | None = None) -> Section:
    """A section by its key: the current text, or an earlier `version`; NotFound naming the key otherwise."""
    qs = Section.objects.select_related("instrument", "instrument__jurisdiction").filter(key=key)
    message = _("No section has the key %(key)s.") % {"key": key}
    if version is None:
        return get_or_not_found(qs, message, is_current=True)
    return get_or_not_found(qs, message, version=version)


def find_staged_import(import_id: int, *, state: InstrumentImport.State | None = None) -> InstrumentImport:
    """An upload (in `state` when given), or NotFound."""
    qs = InstrumentImport.objects.all()
    if state is not None:
        qs = qs.filter(state=state)
    return get_or_not_found(qs, _("There is no upload number %(id)s.") % {"id": import_id}, pk=import_id)


def list_recent_uploads(uploader: User, *, limit: int = 10) -> QuerySet[InstrumentImport]:
    """The uploads this analyst made last, newest first, as her upload page lists them."""
    return InstrumentImport.objects.filter(uploaded_by=uploader.pk).select_related("instrument")[:limit]


def staged_document(staged: InstrumentImport) -> ParsedDocument:
    """The document read from an upload, as the preview showed it."""
    parsed = staged.parsed
    return ParsedDocument(
        title=parsed.get("title", ""),
        language=parsed.get("language", "en"),
        sections=[
            ParsedSection(number=s["number"], heading=s["heading"], text=s["text"], citation=s.get("citation", ""))
            for s in parsed["sections"]
        ],
    )


def list_section_versions(key: str) -> list[int]:
    return list(Section.objects.filter(key=key).order_by("version").values_list("version", flat=True))


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    jurisdiction: str = ""
    type: str = ""
    language: str = ""


@dataclass(frozen=True)
class SearchHit:
    section: Section
    snippet_html: str


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    count: int
    terms: list[str]


def search_sections(filters: SearchFilters, *, limit: int = 20, offset: int = 0) -> SearchResults:
    """Full-text search over the current text of every section.

    One function serves the search page, its JSON twin and the API. It asks
    the database's own full-text index (SQLite FTS5 or PostgreSQL text
    search), then loads the matching sections in one query and marks the
    matches in escaped text. It runs three queries whatever the result size.
    """
    q = filters.q.strip()[:MAX_QUERY_LENGTH]
    terms = query_terms(q)
    if not terms:
        return SearchResults(hits=[], count=0, terms=[])
    where, params = _filter_sql(filters)
    if connection.vendor == "postgresql":
        ids, count = _search_postgresql(terms, where, params, limit, offset)
    else:
        ids, count = _search_sqlite(terms, where, params, limit, offset)
    by_id = Section.objects.select_related("instrument", "instrument__jurisdiction").in_bulk(ids)
    hits = [SearchHit(section=by_id[i], snippet_html=snippet(by_id[i].text, terms)) for i in ids if i in by_id]
    return SearchResults(hits=hits, count=count, terms=terms)


def _filter_sql(filters: SearchFilters) -> tuple[str, list[Any]]:
    clauses = ["s.is_current = %s"]
    params: list[Any] = [True]
    if filters.jurisdiction:
        clauses.append("j.code = %s")
        params.append(filters.jurisdiction.upper())
    if filters.type:
        clauses.append("i.type = %s")
        params.append(filters.type)
    if filters.language:
        clauses.append("s.language = %s")
        params.append(filters.language)
    return " AND ".join(clauses), params


_JOINS = (
    "JOIN laws_instrument i ON i.id = s.instrument_id JOIN jurisdictions_jurisdiction j ON j.id = i.jurisdiction_id "
)


def _fts5_query(terms: list[str]) -> str:
    # Every word or phrase is quoted, so that nothing a user types is read as
    # FTS5 syntax (NEAR, column filters, a stray quote); quoted terms are ANDed.
    parts = []
    for term in terms:
        words = re.findall(r"\w+", term)
        if words:
            parts.append('"' + " ".join(words) + '"')
    return " ".join(parts)


def _search_sqlite(terms: list[str], where: str, params: list[Any], limit: int, offset: int) -> tuple[list[int], int]:
    match = _fts5_query(terms)
    if not match:
        return [], 0
    base = f"FROM laws_section_fts JOIN laws_section s ON s.id = laws_section_fts.rowid {_JOINS} WHERE laws_section_fts MATCH %s AND {where}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base}", [match, *params])
        count = cursor.fetchone()[0]
        cursor.execute(
            # Heading and citation matches weigh more than a mention deep in the text.
            f"SELECT s.id {base} ORDER BY bm25(laws_section_fts, 4.0, 2.0, 1.0), s.id LIMIT %s OFFSET %s",
            [match, *params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return ids, count


def _pg_tsquery(terms: list[str]) -> tuple[str, list[Any]]:
    """The same query as on SQLite: every word and every quoted phrase must match.

    User text is passed as parameters to plainto_tsquery and phraseto_tsquery,
    so operators typed by a user ("or", "-") are words, as they are on SQLite.
    """
    parts: list[str] = []
    params: list[Any] = []
    for term in terms:
        words = re.findall(r"\w+", term)
        if not words:
            continue
        parts.append("phraseto_tsquery('english', %s)" if len(words) > 1 else "plainto_tsquery('english', %s)")
        params.append(" ".join(words))
    return " && ".join(parts), params


def _search_postgresql(
    terms: list[str], where: str, params: list[Any], limit: int, offset: int
) -> tuple[list[int], int]:
    tsquery, query_params = _pg_tsquery(terms)
    if not tsquery:
        return [], 0
    # search_document is a stored, generated and GIN-indexed column (laws migration 0002).
    base = (
        f"FROM laws_section s {_JOINS} CROSS JOIN (SELECT {tsquery} AS q) AS query "
        f"WHERE s.search_document @@ query.q AND {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base}", [*query_params, *params])
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT s.id {base} ORDER BY ts_rank(s.search_document, query.q) DESC, s.id LIMIT %s OFFSET %s",
            [*query_params, *params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return ids, count
