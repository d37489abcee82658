"""Reads on jurisdictions, shared by the pages, their JSON twins and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from fourthp.core.errors import NotFound
from fourthp.jurisdictions.models import Jurisdiction


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


def get_jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction with this code or alias; raises Jurisdiction.DoesNotExist."""
    return Jurisdiction.objects.select_related("parent").by_code(code)


def find_jurisdiction(code: str) -> Jurisdiction:
    """The jurisdiction with this code or alias, or NotFound naming the code: the one lookup pages and API use."""
    try:
        return get_jurisdiction(code)
    except Jurisdiction.DoesNotExist:
        raise NotFound(_("No jurisdiction has the code %(code)s.") % {"code": code}) from None


def list_regions() -> list[tuple[str, str]]:
    """UN M49 regions that have at least one jurisdiction, as (code, name)."""
    rows = (
        Jurisdiction.objects.exclude(region_code="")
        .values_list("region_code", "region_name")
        .distinct()
        .order_by("region_name")
    )
    return list(rows)
