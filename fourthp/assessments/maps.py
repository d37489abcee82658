"""Map pages: what colour and label each place gets, for the SVG and its table.

The geometry and SVG are made by `fourthp.lib.maps`; this module decides the
measure (overall grade, a pillar's grade, one provision's status, or a
third-party finding) and builds one `Place` per jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fourthp.assessments.queries import provision_statuses, score_all
from fourthp.findings.models import CountryFinding
from fourthp.findings.queries import findings_map_values
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.names import local_name
from fourthp.lib.maps import STRIPED_PREFIX, LegendItem, MapGeometry, Place, codes, us_geometry, world_geometry
from fourthp.lib.scoring import COVERAGE_THRESHOLD, GRADE_BANDS, Score, grade_for

MAPS = {"world": gettext_lazy("World"), "us": gettext_lazy("United States")}


@dataclass
class MapRow:
    jurisdiction: Jurisdiction
    place: Place
    value: str
    on_map: bool


@dataclass
class MapView:
    geometry: MapGeometry
    title: str
    legend: list[LegendItem]
    places: dict[str, Place]
    rows: list[MapRow] = field(default_factory=list)
    note: str = ""

    @property
    def small_places(self) -> list[MapRow]:
        """The places drawn as a small circle, too small to pick on a phone: offered again as a table."""
        marked = {marker.code for marker in self.geometry.markers}
        return [row for row in self.rows if row.jurisdiction.code in marked]


def geometry_for(which: str) -> MapGeometry:
    return us_geometry() if which == "us" else world_geometry()


def population(which: str) -> list[Jurisdiction]:
    """The jurisdictions a map is about, drawn or not: every country and territory, or every US state and DC.

    Dependent territories (Greenland, Puerto Rico, Hong Kong...) are in the atlas at the subnational
    level but have their own shape on the world map, so they belong to it too.
    """
    if which == "us":
        qs = Jurisdiction.objects.filter(parent__code="US", level=Jurisdiction.Level.SUBNATIONAL)
    else:
        qs = Jurisdiction.objects.filter(
            Q(level=Jurisdiction.Level.NATIONAL) | Q(kind=Jurisdiction.Kind.DEPENDENT_TERRITORY)
        ).exclude(kind=Jurisdiction.Kind.INTERNATIONAL_BODY)
    return list(qs.order_by("name"))


def _grade_legend() -> list[LegendItem]:
    items = []
    upper = 100
    for lowest, grade in GRADE_BANDS:
        items.append(
            LegendItem(
                f"grade-{grade.lower()}",
                _("%(grade)s (%(low)s–%(high)s)") % {"grade": grade, "low": lowest, "high": upper},
            )
        )
        upper = lowest - 1
    items.append(
        LegendItem(
            f"{STRIPED_PREFIX}grade-c",
            _(
                "Striped: under %(share)s%% of provisions assessed, so no grade; "
                "the colour is the score on what is assessed"
            )
            % {"share": int(COVERAGE_THRESHOLD * 100)},
        )
    )
    items.append(LegendItem("unassessed", _("Not yet assessed")))
    return items


def _score_place(name: str, score: Score | None, url: str) -> tuple[Place, str]:
    """A place's colour and words: a grade, or, on too little coverage, the coverage first.

    Under the coverage threshold the place is coloured by the band of its score on what is
    assessed, striped so that it never reads as a grade (methodology: "Coverage first").
    """
    if score is None or score.assessed == 0 or score.score is None:
        value = _("not yet assessed")
        return Place("unassessed", f"{name}: {value}", url), value
    coverage = _("%(assessed)s of %(applicable)s assessed") % {
        "assessed": score.assessed,
        "applicable": score.applicable,
    }
    if score.grade is None:
        value = _("%(coverage)s; %(score)s of 100 on what is assessed, too little to grade") % {
            "coverage": coverage,
            "score": score.score,
        }
        band = grade_for(score.score).lower()
        return Place(f"{STRIPED_PREFIX}grade-{band}", f"{name}: {value}", url), value
    value = _("grade %(grade)s, %(score)s of 100 (%(coverage)s)") % {
        "grade": score.grade,
        "score": score.score,
        "coverage": coverage,
    }
    return Place(f"grade-{score.grade.lower()}", f"{name}: {value}", url), value


STATUS_LABELS = {
    "full": gettext_lazy("full"),
    "partial": gettext_lazy("partial"),
    "absent": gettext_lazy("absent"),
}


def _tier_class(value: str) -> str:
    text = value.lower()
    if "watch" in text:
        return "tier-2wl"
    for number in ("3", "2", "1"):
        if f"tier {number}" in text:
            return f"tier-{number}"
    return "no-data"


def build_map(
    which: str,
    framework: Framework,
    *,
    pillar: str = "",
    provision: Provision | None = None,
    indicator: str = "",
    year: int | None = None,
) -> MapView:
    geometry = geometry_for(which)
    people = population(which)
    drawn = codes(geometry)
    places: dict[str, Place] = {}
    values: dict[str, str] = {}
    note = ""
    if indicator:
        label = CountryFinding.Indicator(indicator).label
        found = findings_map_values(indicator, year)
        title = _("%(indicator)s, %(when)s") % {
            "indicator": label,
            "when": year if year else _("latest year per country"),
        }
        if indicator == CountryFinding.Indicator.TIP_TIER:
            legend = [
                LegendItem("tier-1", _("Tier 1")),
                LegendItem("tier-2", _("Tier 2")),
                LegendItem("tier-2wl", _("Tier 2 Watch List")),
                LegendItem("tier-3", _("Tier 3")),
                LegendItem("no-data", _("No placement")),
            ]
        else:
            legend = [
                LegendItem("status-full", _("Yes")),
                LegendItem("status-absent", _("No")),
                LegendItem("no-data", _("No finding")),
            ]
        for j in people:
            finding = found.get(j.code)
            url = reverse("jurisdiction-detail", args=[j.code])
            if finding is None:
                places[j.code] = Place("no-data", f"{local_name(j)}: {_('no finding')}", url)
                values[j.code] = _("no finding")
                continue
            if indicator == CountryFinding.Indicator.TIP_TIER:
                css = _tier_class(finding.value)
            else:
                yes = (
                    finding.conforms
                    if finding.conforms is not None
                    else finding.value.strip().lower() in ("yes", "true")
                )
                css = "status-full" if yes else "status-absent"
            value = f"{finding.value} ({finding.year_described}; {finding.source.title})"
            places[j.code] = Place(css, f"{local_name(j)}: {value}", url)
            values[j.code] = value
        note = _("Findings of others, shown with their source and the year they describe; not Fourth P assessments.")
    elif provision is not None:
        level = Jurisdiction.Level.SUBNATIONAL if which == "us" else Jurisdiction.Level.NATIONAL
        title = _("%(provision)s: status by jurisdiction") % {"provision": provision.local("title")}
        legend = [
            LegendItem("status-full", _("Full")),
            LegendItem("status-partial", _("Partial")),
            LegendItem("status-absent", _("Absent")),
            LegendItem("unassessed", _("Not yet assessed")),
        ]
        if not provision.applies_to(level):
            note = _("This provision does not apply to jurisdictions at this level.")
        statuses = provision_statuses(provision)
        for j in people:
            status = statuses.get(j.code, "unknown")
            url = reverse("report-card", args=[j.code])
            if status in STATUS_LABELS:
                value = str(STATUS_LABELS[status])
                places[j.code] = Place(f"status-{status}", f"{local_name(j)}: {value}", url)
            else:
                value = _("not yet assessed")
                places[j.code] = Place("unassessed", f"{local_name(j)}: {value}", url)
            values[j.code] = value
    else:
        scores = score_all(framework, [j.code for j in people])
        pillar_obj = framework.pillars.filter(slug=pillar).first() if pillar else None
        if pillar_obj is not None:
            title = _("%(pillar)s pillar: grade by jurisdiction") % {"pillar": pillar_obj.local("title")}
        else:
            title = _("Overall grade by jurisdiction")
        legend = _grade_legend()
        for j in people:
            found_score = scores.get(j.code)
            score = None
            if found_score is not None:
                score = found_score.pillars.get(pillar_obj.slug) if pillar_obj else found_score.overall
            place, value = _score_place(local_name(j), score, reverse("report-card", args=[j.code]))
            places[j.code] = place
            values[j.code] = value
    rows = [MapRow(j, places[j.code], values[j.code], j.code in drawn) for j in people]
    return MapView(geometry=geometry, title=title, legend=legend, places=places, rows=rows, note=note)
