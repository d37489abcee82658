"""Reads of the supply-chain pages, their JSON twins and the API: ILAB's goods by good, sector, country and year,
the provisions of the framework that bear on buying goods at risk, and a member's screens."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fourthp.accounts.models import User
from fourthp.assessments.models import Assessment, Status
from fourthp.core.errors import NotFound
from fourthp.findings.models import GoodFinding
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.supplychains.matching import GoodIndex, good_key, read_pairs
from fourthp.supplychains.models import ProcurementScreen

DATA = Path(settings.BASE_DIR) / "data" / "supplychains"
SYNONYMS_FILE = DATA / "synonyms.csv"
HS_CODES_FILE = DATA / "hs_codes.csv"

# The framework's provisions on buying goods made with forced labour (its prevention pillar), and the kind of
# law each one is: an import ban, public procurement, due diligence and disclosure (one provision covers both).
SUPPLY_CHAIN_PROVISIONS: dict[str, Promise] = {
    "prev.import-ban": gettext_lazy("import ban"),
    "prev.public-procurement": gettext_lazy("public procurement"),
    "prev.supply-chain-disclosure": gettext_lazy("due diligence and disclosure"),
}


@dataclass(frozen=True)
class GoodsFilters:
    good: str = ""
    country: Jurisdiction | None = None
    kind: str = ""
    sector: str = ""
    year: int | None = None


def search_goods(filters: GoodsFilters) -> QuerySet[GoodFinding]:
    """ILAB's findings on goods, newest year first; `good` matches any name with the same key (case, accents and
    plurals do not count), so "cocoa bean" finds "Cocoa Beans"."""
    qs = GoodFinding.objects.select_related("jurisdiction", "source").newest_first()
    if filters.country is not None:
        qs = qs.filter(jurisdiction=filters.country)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.year is not None:
        qs = qs.filter(year_described=filters.year)
    if filters.good.strip():
        names = goods_names()
        matched, _how = good_index(names).match(filters.good)
        key = f" {good_key(filters.good)} "
        # The names it matches as a purchase would be matched, and the names that contain it as words.
        qs = qs.filter(good__in={*matched, *(name for name in names if key in f" {good_key(name)} ")})
    return qs


def good_index(names: Iterable[str]) -> GoodIndex:
    """ILAB's names with the shipped synonyms and HS codes (data/supplychains/), as purchases are matched."""
    return GoodIndex.build(
        names, read_pairs(SYNONYMS_FILE, "synonym", "good"), read_pairs(HS_CODES_FILE, "hs_code", "good")
    )


def goods_names() -> list[str]:
    return list(GoodFinding.objects.order_by("good").values_list("good", flat=True).distinct())


def list_sectors() -> list[str]:
    return list(GoodFinding.objects.order_by("sector").values_list("sector", flat=True).distinct())


def list_years() -> list[int]:
    return list(GoodFinding.objects.order_by("-year_described").values_list("year_described", flat=True).distinct())


def count_by_year(qs: QuerySet[GoodFinding]) -> dict[str, dict[int, int]]:
    """Findings per kind and year, for the chart and its table."""
    counts: dict[str, Counter[int]] = {kind: Counter() for kind in GoodFinding.Kind.values}
    for kind, year in qs.values_list("kind", "year_described"):
        counts[kind][year] += 1
    return {kind: dict(years) for kind, years in counts.items() if years}


def kind_label(kind: str) -> str:
    return str(GoodFinding.Kind(kind).label) if kind in GoodFinding.Kind.values else kind


@dataclass(frozen=True)
class ProvisionStatus:
    provision: Provision
    kind: str
    status: str
    """full, partial, absent, or "" when no published assessment says."""
    applies: bool

    @property
    def status_label(self) -> str:
        if not self.applies:
            return _("not scored at this level")
        return str(Status(self.status).label) if self.status else _("not assessed")


def supply_chain_law(buyer: Jurisdiction, framework: Framework | None = None) -> list[ProvisionStatus]:
    """The framework's supply-chain provisions, each with the buyer's published status on it."""
    framework = framework or Framework.objects.default()
    provisions = {p.slug: p for p in Provision.objects.filter(framework=framework, slug__in=SUPPLY_CHAIN_PROVISIONS)}
    statuses = dict(
        Assessment.objects.published()
        .filter(jurisdiction=buyer, provision__in=provisions.values())
        .values_list("provision__slug", "status")
    )
    return [
        ProvisionStatus(
            provision=provisions[slug],
            kind=str(kind),
            status=statuses.get(slug, ""),
            applies=provisions[slug].applies_to(buyer.level),
        )
        for slug, kind in SUPPLY_CHAIN_PROVISIONS.items()
        if slug in provisions
    ]


def get_screen(screen_id: int) -> ProcurementScreen:
    screen = ProcurementScreen.objects.select_related("buyer").filter(pk=screen_id).first()
    if screen is None:
        raise NotFound(_("There is no procurement screen number %(id)s.") % {"id": screen_id})
    return screen


def list_screens(owner: User) -> QuerySet[ProcurementScreen]:
    return ProcurementScreen.objects.filter(owner=owner).select_related("buyer").defer("lines", "results")
