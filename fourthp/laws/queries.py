"""Reads on instruments and sections, shared by the pages, their JSON twins and the API."""

from __future__ import annotations

from collections.abc import Sequence
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
from fourthp.lib.searchtext import (
    CONFIGS,
    SIMPLE,
    STEMMERS,
    config_for,
    highlight_terms,
    spelling_alternatives,
    stem,
    term_alternatives,
    words,
)

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
    # A provision of the default framework: its sections are listed first (see search_for_provision).
    provision: str = ""


@dataclass(frozen=True)
class SearchHit:
    section: Section
    snippet_html: str
    # Why it is listed ahead of the text matches, if it is: one of FIRST_REASONS' values.
    reason: str = ""


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    count: int
    terms: list[str]


def search_sections(
    filters: SearchFilters, *, limit: int = 20, offset: int = 0, first: Sequence[tuple[int, str]] = ()
) -> SearchResults:
    """Full-text search over the current text of every section.

    One function serves the search page, its JSON twin and the API. It asks
    the database's own full-text index (SQLite FTS5 or PostgreSQL text
    search), then loads the matching sections in one query and marks the
    matches in escaped text. It runs three queries whatever the result size
    (four when `first` is given).

    1. Every word, and every quoted phrase, must match. Each is stemmed in
       the language of the section it is matched against, and a British or
       American spelling also finds the other (fourthp.lib.searchtext).
    2. Sections that only name, start, amend or repeal law come after the
       others (`Section.boilerplate`); then the best matches come first.
    3. `first`, section ids with the reason each is there, are listed ahead
       of the text matches when they pass the filters, each once, in the
       order given. A search for a provision puts there the sections cited
       as evidence for it and those the analyzer ranks highest.
    """
    q = filters.q.strip()[:MAX_QUERY_LENGTH]
    terms = query_terms(q)
    if not terms and not first:
        return SearchResults(hits=[], count=0, terms=[])
    where, params = _filter_sql(filters)
    reasons = dict(first)
    leading = _passing_filters([section_id for section_id, _reason in first], where, params)
    text_offset = max(0, offset - len(leading))
    text_limit = max(0, limit - max(0, len(leading) - offset))
    if leading:
        where += f" AND s.id NOT IN ({', '.join(['%s'] * len(leading))})"
        params = [*params, *leading]
    alternatives = [term_alternatives(term) for term in terms]
    ids, count = _search_text(alternatives, filters.language, where, params, text_limit, text_offset)
    ids = leading[offset : offset + limit] + ids
    by_id = Section.objects.select_related("instrument", "instrument__jurisdiction").in_bulk(ids)
    marked = highlight_terms(terms)
    hits = [
        SearchHit(section=by_id[i], snippet_html=snippet(by_id[i].text, marked), reason=reasons.get(i, ""))
        for i in ids
        if i in by_id
    ]
    return SearchResults(hits=hits, count=count + len(leading), terms=terms)


def search_any_word(q: str, *, limit: int) -> list[int]:
    """The current sections matching any word of `q` (or its other spelling), best first."""
    alternatives = [[[a] for a in spelling_alternatives(w)] for w in dict.fromkeys(words(q))]
    where, params = _filter_sql(SearchFilters())
    ids, _count = _search_text(alternatives, "", where, params, limit, 0, any_term=True)
    return ids


def _passing_filters(ids: list[int], where: str, params: list[Any]) -> list[int]:
    """`ids` that are current sections passing the filters, in the order given."""
    if not ids:
        return []
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.id FROM laws_section s {_JOINS} WHERE s.id IN ({placeholders}) AND {where}", [*ids, *params]
        )
        passing = {row[0] for row in cursor.fetchall()}
    return [i for i in dict.fromkeys(ids) if i in passing]


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


def _search_text(
    alternatives: list[list[list[str]]],
    language: str,
    where: str,
    params: list[Any],
    limit: int,
    offset: int,
    *,
    any_term: bool = False,
) -> tuple[list[int], int]:
    """Ids of the page asked for, and how many match.

    `alternatives` holds, for each term, the word sequences that stand for it (its British and American
    spellings); every term must match, or any one of them for `any_term`.
    """
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return [], 0
    configs = (config_for(language),) if language else CONFIGS
    if connection.vendor == "postgresql":
        return _search_postgresql(alternatives, configs, any_term, where, params, limit, offset)
    return _search_sqlite(alternatives, configs, any_term, where, params, limit, offset)


def _fts5_query(alternatives: list[list[list[str]]], configs: Sequence[str], any_term: bool) -> str:
    """An FTS5 query: for each configuration, the terms stemmed its way, on its sections only.

    Every stem is quoted, so nothing a user types is read as FTS5 syntax
    (NEAR, column filters, a stray quote). Configurations that stem the
    query alike share one clause.
    """
    joiner = " OR " if any_term else " AND "
    by_query: dict[str, list[str]] = {}
    for config in configs:
        clauses = []
        for term in alternatives:
            phrases = dict.fromkeys('"' + " ".join(stem(w, config) for w in words_) + '"' for words_ in term)
            clauses.append("(" + " OR ".join(phrases) + ")")
        by_query.setdefault(joiner.join(clauses), []).append(config)
    return " OR ".join(
        f"(config : ({' OR '.join(chr(34) + c + chr(34) for c in names)}) AND {{heading citation text}} : ({match}))"
        for match, names in by_query.items()
    )


def _search_sqlite(
    alternatives: list[list[list[str]]],
    configs: Sequence[str],
    any_term: bool,
    where: str,
    params: list[Any],
    limit: int,
    offset: int,
) -> tuple[list[int], int]:
    match = _fts5_query(alternatives, configs, any_term)
    base = f"FROM laws_section_fts JOIN laws_section s ON s.id = laws_section_fts.rowid {_JOINS} WHERE laws_section_fts MATCH %s AND {where}"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base}", [match, *params])
        count = cursor.fetchone()[0]
        cursor.execute(
            # Heading and citation matches weigh more than a mention deep in the text; the config column not at all.
            f"SELECT s.id {base} ORDER BY s.boilerplate, bm25(laws_section_fts, 0.0, 4.0, 2.0, 1.0), s.id "
            "LIMIT %s OFFSET %s",
            [match, *params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return ids, count


def _pg_tsquery(alternatives: list[list[list[str]]], config: str, any_term: bool) -> tuple[str, list[Any]]:
    """The same query as on SQLite for one configuration: every term (any, for `any_term`) must match.

    User text is passed as parameters to plainto_tsquery and phraseto_tsquery,
    so operators typed by a user ("or", "-") are words, as they are on SQLite.
    """
    clauses: list[str] = []
    params: list[Any] = []
    for term in alternatives:
        parts = []
        for words_ in term:
            function = "phraseto_tsquery" if len(words_) > 1 else "plainto_tsquery"
            parts.append(f"{function}('{config}'::regconfig, %s)")
            params.append(" ".join(words_))
        clauses.append("(" + " || ".join(parts) + ")")
    return (" || " if any_term else " && ").join(clauses), params


def _row_query(configs: Sequence[str]) -> str:
    """SQL picking, for a row, the query stemmed in its language (as postgres_config_case picks its index)."""
    whens = " ".join(
        f"WHEN '{code}' THEN query.{config}" for code, config in sorted(STEMMERS.items()) if config in configs
    )
    fallback = f"query.{SIMPLE}" if SIMPLE in configs else "NULL"
    if not whens:
        return fallback
    return f"(CASE lower(substr(s.language, 1, 2)) {whens} ELSE {fallback} END)"


def _search_postgresql(
    alternatives: list[list[list[str]]],
    configs: Sequence[str],
    any_term: bool,
    where: str,
    params: list[Any],
    limit: int,
    offset: int,
) -> tuple[list[int], int]:
    # One tsquery per configuration; each row is matched with that of its own language. The first
    # test (any configuration's query) lets PostgreSQL use the GIN index; the second picks the row's own.
    selects, query_params = [], []
    for config in configs:
        sql, values = _pg_tsquery(alternatives, config, any_term)
        selects.append(f"{sql} AS {config}")
        query_params.extend(values)
    union = " || ".join(f"query.{config}" for config in configs)
    row_query = _row_query(configs)
    # search_document is a stored, generated and GIN-indexed column (laws migration 0003).
    base = (
        f"FROM laws_section s {_JOINS} CROSS JOIN (SELECT {', '.join(selects)}) AS query "
        f"WHERE s.search_document @@ ({union}) AND s.search_document @@ ({row_query}) AND {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base}", [*query_params, *params])
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT s.id {base} ORDER BY s.boilerplate, ts_rank(s.search_document, {row_query}) DESC, s.id "
            "LIMIT %s OFFSET %s",
            [*query_params, *params, limit, offset],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return ids, count
