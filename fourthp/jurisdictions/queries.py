"""Reads on jurisdictions, shared by the pages, their JSON twins and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from fourthp.core.errors import NotFound
from fourthp.jurisdictions.models import Jurisdiction, JurisdictionAlias


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
        q = filters.q.strip()
        qs = qs.filter(Q(name__icontains=q) | Q(official_name__icontains=q) | Q(code__iexact=q))
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


def find_jurisdiction_by_code_or_name(text: str) -> Jurisdiction:
    """The jurisdiction a person typed: its code, an alias, or its name or official name in any case.

    Forms and imports use it; addresses (pages, the API) take a code or alias only (`find_jurisdiction`).
    A name two places share (Georgia) finds the national one; its code tells the other apart (US-GA).
    """
    text = text.strip()
    try:
        return find_jurisdiction(text)
    except NotFound:
        if "\x00" in text:  # no name holds one, and PostgreSQL refuses it even in a query
            raise _not_found(text) from None
    named = (
        Jurisdiction.objects.select_related("parent")
        .filter(Q(name__iexact=text) | Q(official_name__iexact=text))
        .order_by("level", "code")
        .first()
    )
    if named is None:
        raise _not_found(text)
    return named


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
