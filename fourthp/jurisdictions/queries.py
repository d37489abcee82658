"""Reads on jurisdictions, shared by the pages, their JSON twins and the API."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from fourthp.core.errors import NotFound
from fourthp.jurisdictions.models import Jurisdiction, JurisdictionAlias
from fourthp.jurisdictions.names import local_name, qualified_name


@dataclass(frozen=True)
class JurisdictionFilters:
    kind: str = ""
    level: str = ""
    region: str = ""
    q: str = ""


def search_jurisdictions(filters: JurisdictionFilters) -> QuerySet[Jurisdiction]:
    qs = Jurisdiction.objects.select_related("parent").annotate(instrument_count=Count("instruments"))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.region:
        qs = qs.filter(Q(region_code=filters.region) | Q(subregion_code=filters.region))
    if filters.q:
        # Part of a name in the reader's language or in English (case and accents aside), or a code.
        typed = fold(filters.q.replace("\x00", "")[:MAX_TYPED_CHARS])
        matching = [
            place.jurisdiction.pk
            for place in list_places()
            if typed.upper() in place.codes
            or any(
                typed in fold(name) for name in (place.label, place.jurisdiction.name, place.jurisdiction.official_name)
            )
        ]
        qs = qs.filter(pk__in=matching)
    return qs.order_by("name")


def _not_found(text: str) -> NotFound:
    """The one sentence for a jurisdiction that is not there, however it was asked for."""
    return NotFound(_("No jurisdiction has the code %(code)s.") % {"code": text})


def get_jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction with this code or alias; raises Jurisdiction.DoesNotExist (prefer `find_jurisdiction`)."""
    return Jurisdiction.objects.select_related("parent").by_code(code)


def find_jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction with this code or alias, or NotFound naming the code: the one lookup pages and API use."""
    try:
        return get_jurisdiction(code)
    except Jurisdiction.DoesNotExist:
        raise _not_found(code) from None


MAX_TYPED_CHARS = 100
"""The longest text a person may type for a jurisdiction; longer is no name (the longest is under 60)."""
MAX_SUGGESTIONS = 10


class AmbiguousJurisdiction(NotFound):
    """A name several jurisdictions share, typed bare: the form lists them and asks which."""

    def __init__(self, message: str, choices: list[Place]) -> None:
        super().__init__(message)
        self.choices = choices


@dataclass(frozen=True)
class Place:
    """A jurisdiction as a person may type it, in the reader's language and in English."""

    jurisdiction: Jurisdiction
    label: str
    """The name in the reader's language, with its kind in brackets where another place shares it."""
    qualified: str
    """The name in the reader's language with its kind in brackets, always (for lists of choices)."""
    keys: frozenset[str]
    """Every name it answers to, folded: local and English names and labels, the official name."""
    codes: tuple[str, ...]
    """Its code and aliases."""

    @property
    def is_country(self) -> bool:
        return self.jurisdiction.kind in (Jurisdiction.Kind.SOVEREIGN_STATE, Jurisdiction.Kind.DEPENDENT_TERRITORY)


def fold(text: str) -> str:
    """Text for comparing names: case, accents, apostrophes and spacing do not count ("roumanie" = "Roumanie")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("\u2019", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _shared(names: dict[int, str]) -> set[int]:
    counts = Counter(fold(name) for name in names.values())
    return {pk for pk, name in names.items() if counts[fold(name)] > 1}


def list_places() -> list[Place]:
    """Every jurisdiction with the names it answers to in the active language (two queries)."""
    rows = list(Jurisdiction.objects.select_related("parent").prefetch_related("aliases").order_by("name"))
    local = {j.pk: local_name(j) for j in rows}
    english = {j.pk: j.name for j in rows}
    # A name shared in either language is labelled with its kind, so the label alone always tells them apart.
    local_shared = _shared(local) | _shared(english)
    with translation.override("en"):
        english_qualified = {j.pk: qualified_name(j.name, j) for j in rows}
    places = []
    for j in rows:
        qualified = qualified_name(local[j.pk], j)
        label = qualified if j.pk in local_shared else local[j.pk]
        names = (local[j.pk], j.name, j.official_name, qualified, english_qualified[j.pk])
        keys = frozenset(fold(name) for name in names if name)
        codes = (j.code, *(alias.code for alias in j.aliases.all()))
        places.append(Place(j, label, qualified, keys, codes))
    return places


def place_label(jurisdiction: Jurisdiction) -> str:
    """The name a picker shows for this jurisdiction: its local name, with its kind where another shares it."""
    return next((place.label for place in list_places() if place.jurisdiction.pk == jurisdiction.pk), jurisdiction.name)


def find_jurisdiction_by_code_or_name(text: str) -> Jurisdiction:
    """The jurisdiction a person typed: its code, an alias, or a name in her language or in English.

    Forms and imports use it; addresses (pages, the API) take a code or alias only (`find_jurisdiction`).
    Case, accents and spacing do not count. A name two places share (Georgia) is refused with the
    choices (`AmbiguousJurisdiction`), each of which answers to its label: "Georgia (US state)".
    """
    text = text.strip()
    if "\x00" in text or len(text) > MAX_TYPED_CHARS:  # no name holds one, and PostgreSQL refuses it
        raise _unknown(text[:MAX_TYPED_CHARS])
    try:
        return find_jurisdiction(text)
    except NotFound:
        pass
    typed = fold(text)
    found = [place for place in list_places() if typed in place.keys]
    if len(found) == 1:
        return found[0].jurisdiction
    if found:
        choices = sorted(found, key=lambda place: (not place.is_country, place.qualified))
        raise AmbiguousJurisdiction(
            _("Several jurisdictions are called %(name)s; choose one: %(choices)s.")
            % {"name": text, "choices": "; ".join(place.qualified for place in choices)},
            choices,
        )
    raise _unknown(text)


def _unknown(text: str) -> NotFound:
    return NotFound(_("No jurisdiction is called %(name)s or has it as its code.") % {"name": text})


def suggest_places(text: str, *, limit: int = MAX_SUGGESTIONS) -> list[Place]:
    """Jurisdictions whose code, alias or a word of one of their names starts with what was typed.

    Ordered: the exact code first, then names that start with it, then names with a word that does;
    countries before subnational places when tied, then by label.
    """
    typed = fold(text.replace("\x00", "")[:MAX_TYPED_CHARS])
    if not typed:
        return []
    code = typed.upper()
    ranked: list[tuple[int, bool, str, Place]] = []
    for place in list_places():
        if code in place.codes:
            rank = 0
        elif any(key.startswith(typed) for key in place.keys):
            rank = 1
        elif any(
            word.startswith(typed) for key in place.keys for word in key.replace("(", " ").replace("-", " ").split()
        ) or any(c.startswith(code) for c in place.codes):
            rank = 2
        else:
            continue
        ranked.append((rank, not place.is_country, fold(place.label), place))
    ranked.sort(key=lambda row: row[:3])
    return [row[3] for row in ranked[:limit]]


def map_countries_by_code() -> dict[str, Jurisdiction]:
    """Countries and territories by their code and every other code they are known by (alpha-3).

    For loaders that place thousands of rows at once; one lookup by what a person typed is
    `find_jurisdiction_by_code_or_name`.
    """
    countries = {j.pk: j for j in Jurisdiction.objects.countries()}
    by_code = {j.code: j for j in countries.values()}
    for alias, jurisdiction_id in JurisdictionAlias.objects.values_list("code", "jurisdiction_id"):
        if jurisdiction_id in countries:
            by_code.setdefault(alias, countries[jurisdiction_id])
    return by_code


def list_regions() -> list[tuple[str, str]]:
    """UN M49 regions that have at least one jurisdiction, as (code, name)."""
    rows = (
        Jurisdiction.objects.exclude(region_code="")
        .values_list("region_code", "region_name")
        .distinct()
        .order_by("region_name")
    )
    return list(rows)
