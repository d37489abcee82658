"""The citizen's journey: five steps for one place (measure, identify, reach out, plan, execute), each a summary
of pages that already exist, read through their apps' queries and linking to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from fourthp.assessments.models import Status
from fourthp.assessments.queries import ProvisionRow, default_framework, get_report_card, has_report_card
from fourthp.bills.queries import Plan, get_plan
from fourthp.briefs.models import Resource
from fourthp.briefs.queries import ResourceFilters, search_resources
from fourthp.campaigns.models import Campaign
from fourthp.campaigns.queries import legislators_in, letter_gaps, list_campaigns
from fourthp.frameworks.models import Framework
from fourthp.indicators.queries import Indicator, funding_for, indicators_for
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Profile
from fourthp.organisations.models import Organisation
from fourthp.organisations.queries import search_organisations

STEPS: tuple[tuple[str, Any], ...] = (
    # Verbs: each step is something the citizen does ("measure" is not a statistic's measure).
    ("measure", pgettext_lazy("journey step", "Measure")),
    ("identify", pgettext_lazy("journey step", "Identify")),
    ("reach-out", pgettext_lazy("journey step", "Reach out")),
    ("plan", pgettext_lazy("journey step", "Plan")),
    ("execute", pgettext_lazy("journey step", "Execute")),
)
STEP_NAMES = tuple(slug for slug, _label in STEPS)
SHOWN = 5
"""How many gaps, organisations, campaigns, bills or resources a step shows before linking to the full page."""


@dataclass
class Measure:
    has_card: bool
    counts: dict[str, int]
    gaps: list[ProvisionRow]
    gap_count: int
    indicators: list[Indicator]
    funding_count: int


@dataclass
class Identify:
    organisations: list[Organisation]
    organisation_count: int
    national: list[Organisation]
    legislators: list[Profile]


@dataclass
class ReachOut:
    legislators: list[Profile]
    letter_gap_count: int
    campaigns: list[Campaign]


@dataclass
class Execute:
    resources: list[Resource] = field(default_factory=list)
    resource_count: int = 0


def measure(place: Jurisdiction) -> Measure:
    counts = {s: 0 for s in (Status.FULL, Status.PARTIAL, Status.ABSENT, Status.UNKNOWN)}
    gaps: list[ProvisionRow] = []
    has_card = False
    try:
        framework: Framework | None = default_framework()
    except Framework.DoesNotExist:
        framework = None
    if framework is not None and has_report_card(place, framework):
        has_card = True
        card = get_report_card(place, framework)
        for row in card.rows:
            counts[Status(row.status)] += 1
        gaps = card.gaps
    return Measure(
        has_card=has_card,
        counts={str(status.value): n for status, n in counts.items()},
        gaps=gaps[:SHOWN],
        gap_count=len(gaps),
        indicators=indicators_for(place),
        funding_count=len(funding_for(place).ratios),
    )


def identify(place: Jurisdiction, viewer: Any) -> Identify:
    here = search_organisations(jurisdiction=place.code)
    national: list[Organisation] = []
    if place.parent_id:
        national = list(search_organisations().filter(jurisdiction_id=place.parent_id)[:SHOWN])
    return Identify(
        organisations=list(here[:SHOWN]),
        organisation_count=here.count(),
        national=national,
        legislators=legislators_in(place, viewer),
    )


def open_campaigns(place: Jurisdiction, viewer: Any) -> list[Campaign]:
    """Open campaigns addressed to the place, to its country, or to no place in particular."""
    places = [place.pk] + ([place.parent_id] if place.parent_id else [])
    campaigns = list_campaigns(viewer).filter(state=Campaign.State.OPEN)
    return list(campaigns.filter(Q(jurisdictions__in=places) | Q(jurisdictions__isnull=True)).distinct()[:SHOWN])


def reach_out(place: Jurisdiction, viewer: Any) -> ReachOut:
    gaps, _generic = letter_gaps(place)
    return ReachOut(
        legislators=legislators_in(place, viewer),
        letter_gap_count=len(gaps),
        campaigns=open_campaigns(place, viewer),
    )


def plan(place: Jurisdiction) -> Plan:
    return get_plan(place)


def execute(place: Jurisdiction, viewer: Any) -> Execute:
    resources = search_resources(viewer, ResourceFilters(jurisdiction=place))
    return Execute(resources=list(resources[:SHOWN]), resource_count=resources.count())
