"""Reads on assessments: report cards, comparisons, map values and aggregates.

Report cards are built for many jurisdictions at once in a fixed number of
queries (framework, pillars, provisions, published assessments, their
evidence with sections, revision dates), whatever the number of provisions
or jurisdictions; the scoring itself is `fourthp.lib.scoring`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.models import User
from fourthp.accounts.roles import Role
from fourthp.assessments.inputs import AssessmentInput, EvidenceInput
from fourthp.assessments.models import (
    Assessment,
    AssessmentQuerySet,
    AssessmentRequest,
    Evidence,
    ReportCardPdf,
    Status,
)
from fourthp.core.errors import NotFound, get_or_not_found
from fourthp.frameworks.models import Framework, Pillar, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import get_jurisdiction
from fourthp.laws.models import Instrument, Section
from fourthp.lib.scoring import Item, Score, score_card, score_items

MAX_COMPARE = 6


def default_framework(version: int | None = None) -> Framework:
    return Framework.objects.default(version)


@dataclass
class ProvisionRow:
    provision: Provision
    assessment: Assessment | None
    revisions: list[dt.datetime] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.assessment.status if self.assessment else Status.UNKNOWN.value

    @property
    def is_gap(self) -> bool:
        return self.status in (Status.ABSENT, Status.PARTIAL)

    @property
    def evidence(self) -> list[Evidence]:
        return list(self.assessment.evidence.all()) if self.assessment else []


@dataclass
class PillarCard:
    pillar: Pillar
    score: Score
    rows: list[ProvisionRow]


@dataclass
class ReportCard:
    jurisdiction: Jurisdiction
    framework: Framework
    overall: Score
    pillars: list[PillarCard]
    not_applicable: list[Provision]
    data_date: dt.datetime | None
    law_read: list[Instrument] = field(default_factory=list)
    """The jurisdiction's instruments in the atlas: the only law its findings were made on."""

    @property
    def rows(self) -> list[ProvisionRow]:
        return [row for pillar in self.pillars for row in pillar.rows]

    @property
    def gaps(self) -> list[ProvisionRow]:
        """What the law lacks: absent first, then partial, in framework order."""
        rows = [row for row in self.rows if row.is_gap]
        return sorted(rows, key=lambda row: (row.status != Status.ABSENT, row.provision.order))

    def row_map(self) -> dict[int, ProvisionRow]:
        """Rows by provision id; provisions that do not apply are missing."""
        return {row.provision.pk: row for row in self.rows}

    @property
    def unknown(self) -> list[ProvisionRow]:
        return [row for row in self.rows if row.status == Status.UNKNOWN]

    @property
    def absent(self) -> list[ProvisionRow]:
        return [row for row in self.rows if row.status == Status.ABSENT]

    @property
    def partial(self) -> list[ProvisionRow]:
        return [row for row in self.rows if row.status == Status.PARTIAL]


def _framework_structure(framework: Framework) -> list[Pillar]:
    provisions = Provision.objects.filter(framework=framework).order_by("order")
    return list(
        Pillar.objects.filter(framework=framework)
        .prefetch_related(Prefetch("provisions", queryset=provisions))
        .order_by("order")
    )


def _published(framework: Framework, ids: Iterable[int]) -> QuerySet[Assessment]:
    evidence = Evidence.objects.select_related("section").order_by("order", "pk")
    return (
        Assessment.objects.published()
        .filter(provision__framework=framework, jurisdiction__in=list(ids))
        .select_related("assessor", "reviewer")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
    )


def _revision_dates(framework: Framework, ids: Iterable[int]) -> dict[tuple[int, int], list[dt.datetime]]:
    dates: dict[tuple[int, int], list[dt.datetime]] = defaultdict(list)
    rows = (
        Assessment.objects.filter(
            provision__framework=framework,
            jurisdiction__in=list(ids),
            state__in=[Assessment.State.PUBLISHED, Assessment.State.SUPERSEDED],
            published_at__isnull=False,
        )
        .order_by("published_at")
        .values_list("jurisdiction_id", "provision_id", "published_at")
    )
    for jurisdiction_id, provision_id, published_at in rows:
        if published_at is None:
            continue
        dates[(jurisdiction_id, provision_id)].append(published_at)
    return dates


def get_report_cards(jurisdictions: Sequence[Jurisdiction], framework: Framework) -> list[ReportCard]:
    """One report card per jurisdiction, in the order given, in six queries."""
    pillars = _framework_structure(framework)
    ids = [j.pk for j in jurisdictions]
    found: dict[tuple[int, int], Assessment] = {
        (a.jurisdiction_id, a.provision_id): a for a in _published(framework, ids)
    }
    revisions = _revision_dates(framework, ids)
    cards = []
    for jurisdiction in jurisdictions:
        items: list[Item] = []
        pillar_rows: list[tuple[Pillar, list[ProvisionRow]]] = []
        not_applicable: list[Provision] = []
        dates: list[dt.datetime] = []
        for pillar in pillars:
            rows = []
            for provision in pillar.provisions.all():
                provision.framework = framework  # already loaded: saves a query per provision
                if not provision.applies_to(jurisdiction.level):
                    not_applicable.append(provision)
                    continue
                assessment = found.get((jurisdiction.pk, provision.pk))
                if assessment is not None:
                    assessment.jurisdiction = jurisdiction
                    assessment.provision = provision
                row = ProvisionRow(provision, assessment, revisions.get((jurisdiction.pk, provision.pk), []))
                rows.append(row)
                items.append(Item(pillar.slug, provision.weight, row.status))
                if assessment and assessment.published_at:
                    dates.append(assessment.published_at)
            pillar_rows.append((pillar, rows))
        overall, by_pillar = score_card(items)
        cards.append(
            ReportCard(
                jurisdiction=jurisdiction,
                framework=framework,
                overall=overall,
                pillars=[
                    PillarCard(pillar, by_pillar.get(pillar.slug) or score_items([]), rows)
                    for pillar, rows in pillar_rows
                ],
                not_applicable=not_applicable,
                data_date=max(dates) if dates else None,
            )
        )
    return cards


def get_report_card(jurisdiction: Jurisdiction, framework: Framework) -> ReportCard:
    """One jurisdiction's report card, with the law in the atlas its findings were made on."""
    card = get_report_cards([jurisdiction], framework)[0]
    card.law_read = list(Instrument.objects.filter(jurisdiction=jurisdiction).order_by("title"))
    return card


# ---------------------------------------------------------------- the brief of the gaps

# Peers shown for each gap on the printed brief: enough model language to draft from, and one page.
BRIEF_PEERS = 3


@dataclass
class GapModel:
    """One gap of a report card, with the jurisdictions that meet the provision in full and their words."""

    row: ProvisionRow
    peers: list[Assessment]
    """Published `full` findings of other jurisdictions, their evidence loaded (at most BRIEF_PEERS)."""
    more: int
    """How many more jurisdictions are full on it than are shown."""


def get_gap_brief(card: ReportCard) -> list[GapModel]:
    """Each gap of the card with the peers that are full on it and the evidence they quote, in two queries."""
    gaps = card.gaps
    if not gaps:
        return []
    evidence = Evidence.objects.select_related("section").order_by("order", "pk")
    found = (
        Assessment.objects.published()
        .filter(provision__in=[row.provision.pk for row in gaps], status=Status.FULL)
        .exclude(jurisdiction=card.jurisdiction)
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .order_by("jurisdiction__name", "pk")
    )
    by_provision: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in found:
        by_provision[assessment.provision_id].append(assessment)
    brief = []
    for row in gaps:
        peers = by_provision.get(row.provision.pk, [])
        for peer in peers:
            peer.provision = row.provision
        brief.append(GapModel(row, peers[:BRIEF_PEERS], max(0, len(peers) - BRIEF_PEERS)))
    return brief


# ---------------------------------------------------------------- comparison


@dataclass
class CompareRow:
    provision: Provision
    cells: list[ProvisionRow | None]
    """One per jurisdiction compared; None where the provision does not apply."""
    differs: bool


@dataclass
class Comparison:
    jurisdictions: list[Jurisdiction]
    cards: list[ReportCard]
    rows: list[CompareRow]
    errors: list[str]
    """What was asked for and left out: too many codes, or a code no jurisdiction has."""


def parse_codes(values: Iterable[str]) -> list[str]:
    """Jurisdiction codes from `?j=` (repeated, or separated by spaces or commas), upper-cased, each once."""
    codes: list[str] = []
    for raw in values:
        for part in raw.replace(",", " ").split():
            code = part.strip().upper()
            if code and code not in codes:
                codes.append(code)
    return codes


def compare_jurisdictions(codes: Sequence[str], framework: Framework) -> Comparison:
    """The report cards of up to MAX_COMPARE jurisdictions and, for each provision any of them has, their statuses."""
    errors = []
    if len(codes) > MAX_COMPARE:
        errors.append(_("Compare at most %(limit)s jurisdictions at a time.") % {"limit": MAX_COMPARE})
        codes = codes[:MAX_COMPARE]
    jurisdictions = []
    for code in codes:
        try:
            jurisdictions.append(get_jurisdiction(code))
        except Jurisdiction.DoesNotExist:
            errors.append(_("No jurisdiction has the code %(code)s.") % {"code": code})
    cards = get_report_cards(jurisdictions, framework) if jurisdictions else []
    rows = []
    if cards:
        maps = [card.row_map() for card in cards]
        for provision in framework.provisions.select_related("pillar").order_by("order"):
            cells = [found_rows.get(provision.pk) for found_rows in maps]
            if not any(cells):
                continue
            statuses = {cell.status if cell else "n/a" for cell in cells}
            rows.append(CompareRow(provision, cells, len(statuses) > 1))
    return Comparison(jurisdictions, cards, rows, errors)


def methodology_text() -> str:
    return (settings.BASE_DIR / "docs" / "methodology.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- map values


@dataclass(frozen=True)
class JurisdictionScore:
    code: str
    overall: Score
    pillars: dict[str, Score]


def score_all(framework: Framework, codes: Iterable[str] | None = None) -> dict[str, JurisdictionScore]:
    """Scores of every jurisdiction with at least one published assessment (two queries)."""
    provisions = list(Provision.objects.filter(framework=framework).select_related("pillar").order_by("order"))
    qs = Assessment.objects.published().filter(provision__framework=framework)
    if codes is not None:
        qs = qs.filter(jurisdiction__code__in=list(codes))
    statuses: dict[str, dict[int, str]] = defaultdict(dict)
    levels: dict[str, str] = {}
    for code, level, provision_id, status in qs.values_list(
        "jurisdiction__code", "jurisdiction__level", "provision_id", "status"
    ):
        statuses[code][provision_id] = status
        levels[code] = level
    scores = {}
    for code, found in statuses.items():
        items = [
            Item(p.pillar.slug, p.weight, found.get(p.pk, Status.UNKNOWN))
            for p in provisions
            if p.applies_to(levels[code])
        ]
        overall, pillars = score_card(items)
        scores[code] = JurisdictionScore(code, overall, pillars)
    return scores


def provision_statuses(provision: Provision) -> dict[str, str]:
    """Published status of one provision, by jurisdiction code."""
    return dict(Assessment.objects.published().filter(provision=provision).values_list("jurisdiction__code", "status"))


# ---------------------------------------------------------------- aggregates


@dataclass(frozen=True)
class Coverage:
    provision: Provision
    level: str
    jurisdictions: int
    """Jurisdictions of this level the provision applies to (the denominator of 'not assessed')."""
    counts: dict[str, int]
    """full, partial, absent, unknown; unknown = every applicable jurisdiction without a finding."""

    @property
    def assessed(self) -> int:
        return self.jurisdictions - self.counts[Status.UNKNOWN]


def provision_coverage(provision: Provision, level: str) -> Coverage:
    """How many jurisdictions of a level are full, partial, absent and unknown for a provision, live."""
    if level not in Jurisdiction.Level.values:
        raise ValueError(level)
    if not provision.applies_to(level):
        return Coverage(provision, level, 0, dict.fromkeys(Status.values, 0))
    population = Jurisdiction.objects.filter(level=level).exclude(kind=Jurisdiction.Kind.INTERNATIONAL_BODY)
    total = population.count()
    counts = dict.fromkeys(Status.values, 0)
    for status in (
        Assessment.objects.published()
        .filter(provision=provision, jurisdiction__in=population)
        .values_list("status", flat=True)
    ):
        counts[status] += 1
    counts[Status.UNKNOWN] = total - counts[Status.FULL] - counts[Status.PARTIAL] - counts[Status.ABSENT]
    return Coverage(provision, level, total, counts)


def framework_coverage(framework: Framework, level: str) -> list[Coverage]:
    """`provision_coverage` for every provision of a framework that applies to the level, in three queries."""
    if level not in Jurisdiction.Level.values:
        raise ValueError(level)
    provisions = [
        p for p in Provision.objects.filter(framework=framework).select_related("pillar").order_by("order")
        if p.applies_to(level)
    ]  # fmt: skip
    population = Jurisdiction.objects.filter(level=level).exclude(kind=Jurisdiction.Kind.INTERNATIONAL_BODY)
    total = population.count()
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for provision_id, status, n in (
        Assessment.objects.published()
        .filter(provision__framework=framework, jurisdiction__in=population)
        .values_list("provision_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        found[provision_id][status] = n
    coverage = []
    for provision in provisions:
        counts = dict.fromkeys(Status.values, 0)
        for status in (Status.FULL, Status.PARTIAL, Status.ABSENT):
            counts[status] = found[provision.pk].get(status, 0)
        # A published "unknown" settles nothing: it is counted with the jurisdictions not assessed.
        counts[Status.UNKNOWN] = total - counts[Status.FULL] - counts[Status.PARTIAL] - counts[Status.ABSENT]
        coverage.append(Coverage(provision, level, total, counts))
    return coverage


# ---------------------------------------------------------------- lists


def list_assessments(
    *,
    jurisdiction: str = "",
    provision: str = "",
    status: str = "",
    framework: Framework | None = None,
    states: Sequence[str] = (Assessment.State.PUBLISHED,),
) -> AssessmentQuerySet:
    evidence = Evidence.objects.select_related("section").order_by("order", "pk")
    qs = (
        Assessment.objects.filter(state__in=list(states))
        .select_related(
            "jurisdiction", "provision", "provision__framework", "provision__pillar", "assessor", "reviewer"
        )
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .order_by("jurisdiction__code", "provision__order", "pk")
    )
    if framework is not None:
        qs = qs.filter(provision__framework=framework)
    if jurisdiction:
        qs = qs.filter(jurisdiction__code=jurisdiction)
    if provision:
        qs = qs.filter(provision__slug=provision)
    if status:
        qs = qs.filter(status=status)
    return qs


def get_assessment(pk: int) -> Assessment:
    """One assessment with what its page shows, or NotFound (the words used too for a draft one may not see)."""
    qs = Assessment.objects.select_related(
        "jurisdiction", "provision", "provision__pillar", "provision__framework", "assessor", "reviewer", "revises"
    ).prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("section", "section__instrument")))
    return get_or_not_found(qs, _("There is no assessment number %(id)s.") % {"id": pk}, pk=pk)


def published_revisions(assessment: Assessment) -> list[dict[str, Any]]:
    """Every public finding of the assessment's jurisdiction and provision, newest first (pk, date, status, state)."""
    rows = (
        Assessment.objects.filter(jurisdiction=assessment.jurisdiction, provision=assessment.provision)
        .exclude(state=Assessment.State.DRAFT)
        .exclude(state=Assessment.State.IN_REVIEW)
        .order_by("-published_at")
        .values("pk", "published_at", "status", "state")
    )
    return [dict(row) for row in rows]


def cited_section_ids(provision: Provision) -> list[int]:
    """The current sections cited as evidence for `provision` in published assessments, most cited first.

    Evidence stays pinned to the version it quoted; a section amended since is given in its current version.
    """
    cited = (
        Evidence.objects.filter(assessment__provision=provision, assessment__state=Assessment.State.PUBLISHED)
        .values("section__key")
        .annotate(times=Count("id"))
        .order_by("-times", "section__key")
    )
    keys = [row["section__key"] for row in cited]
    current = dict(Section.objects.current().filter(key__in=keys).values_list("key", "id"))
    return [current[key] for key in keys if key in current]


def find_current_section(key: str) -> Section:
    """The current text of a section for the evidence picker, or NotFound naming its key."""
    section = Section.objects.filter(key=key, is_current=True).select_related("instrument").first()
    if section is None:
        raise NotFound(_("There is no section “%(key)s”.") % {"key": key})
    return section


def find_provision(framework: Framework, slug: str) -> Provision:
    """A provision of this framework version by its id, or NotFound naming both."""
    return get_or_not_found(
        framework.provisions.select_related("framework"), f"No provision {slug!r} in {framework}.", slug=slug
    )


def work_queue(user: Any) -> dict[str, QuerySet[Assessment]]:
    """An analyst's drafts, what waits for review, and what was returned."""
    base = (
        Assessment.objects.visible_to(user)
        .select_related("jurisdiction", "provision", "assessor")
        .order_by("-updated_at")
    )
    return {
        "mine": base.filter(assessor=user, state=Assessment.State.DRAFT),
        "in_review": base.filter(state=Assessment.State.IN_REVIEW),
        "drafts": base.filter(state=Assessment.State.DRAFT).exclude(assessor=user),
    }


def input_of(assessment: Assessment) -> AssessmentInput:
    """An assessment as input: its status, words and evidence pinned to the versions it quotes."""
    return AssessmentInput(
        status=assessment.status,
        rationale=assessment.rationale,
        law_reviewed=assessment.law_reviewed,
        evidence=[
            EvidenceInput(
                section_key=item.section.key,
                quote=item.quote,
                start=item.start,
                end=item.end,
                version=item.section.version,
            )
            for item in assessment.evidence.select_related("section")
        ],
    )


# ---------------------------------------------------------------- PDF data date

# A jurisdiction loaded without a history row (bulk seed loading) has this as its data date.
_NO_CHANGE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def report_card_data_date(jurisdiction: Jurisdiction, framework: Framework) -> dt.datetime:
    """The latest change to anything a printed report card shows, in three queries.

    Read from the history tables, so that an edit, a publication, a supersession or a
    deletion of a published assessment, a change to its evidence, or an edit of the
    jurisdiction each moves the date on (the framework version and the sections quoted
    never change in place).
    """
    visible = [Assessment.State.PUBLISHED, Assessment.State.SUPERSEDED]
    provisions = Provision.objects.filter(framework=framework).values("pk")
    dates = [
        Assessment.history.filter(
            jurisdiction_id=jurisdiction.pk, provision_id__in=provisions, state__in=visible
        ).aggregate(last=Max("history_date"))["last"],
        Evidence.history.filter(
            assessment_id__in=Assessment.objects.filter(
                jurisdiction=jurisdiction, provision__framework=framework, state__in=visible
            ).values("pk")
        ).aggregate(last=Max("history_date"))["last"],
        jurisdiction.history.aggregate(last=Max("history_date"))["last"],
    ]
    return max((d for d in dates if d is not None), default=_NO_CHANGE)


# A PDF asked for and not made within this time (the worker was stopped, say) may be asked for again.
PDF_WAIT = dt.timedelta(minutes=10)


def find_report_card_pdf(
    jurisdiction: Jurisdiction, framework: Framework, language: str
) -> tuple[ReportCardPdf | None, dt.datetime]:
    """The PDF row for the card's current data, if there is one, and that data date."""
    data_date = report_card_data_date(jurisdiction, framework)
    found = (
        ReportCardPdf.objects.filter(
            jurisdiction=jurisdiction, framework=framework, language=language, data_date=data_date
        )
        .defer("pdf")
        .first()
    )
    return found, data_date


def pdf_needs_making(pdf: ReportCardPdf | None, *, now: dt.datetime | None = None) -> bool:
    """True when nothing is made or being made: no row, a failed one, or one the worker never finished."""
    if pdf is None:
        return True
    if pdf.state == ReportCardPdf.State.READY:
        return False
    return pdf.requested_at <= (now or timezone.now()) - PDF_WAIT


# ---------------------------------------------------------------- statute suggestions and assessment requests


def has_report_card(jurisdiction: Jurisdiction, framework: Framework | None = None) -> bool:
    """Whether the jurisdiction has a published assessment against the framework (the default one unless given)."""
    framework = framework or Framework.objects.default()
    return Assessment.objects.published().filter(jurisdiction=jurisdiction, provision__framework=framework).exists()


@dataclass(frozen=True)
class RequestNotice:
    """What the public is told of the requests for a jurisdiction: never who asked."""

    in_progress: bool
    requesters: int
    """How many members have an open request for its assessment."""


def get_request_notice(jurisdiction: Jurisdiction) -> RequestNotice:
    requests = AssessmentRequest.objects.filter(jurisdiction=jurisdiction, kind=AssessmentRequest.Kind.ASSESSMENT)
    counts = requests.unfinished().aggregate(
        in_progress=Count("pk", filter=Q(state=AssessmentRequest.State.IN_PROGRESS)),
        requesters=Count("requester", filter=Q(state=AssessmentRequest.State.OPEN), distinct=True),
    )
    return RequestNotice(in_progress=bool(counts["in_progress"]), requesters=int(counts["requesters"]))


def find_open_request(user: Any, jurisdiction: Jurisdiction) -> AssessmentRequest | None:
    """The member's own unfinished assessment request for the jurisdiction, if she has one."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        AssessmentRequest.objects.unfinished()
        .filter(requester=user, jurisdiction=jurisdiction, kind=AssessmentRequest.Kind.ASSESSMENT)
        .first()
    )


def search_assessment_requests(
    state: str = "", jurisdiction: Jurisdiction | None = None
) -> QuerySet[AssessmentRequest]:
    """The secretariat's queue: open requests first, then in progress, then the rest; newest first within each."""
    order = Case(
        *(When(state=value, then=Value(rank)) for rank, value in enumerate(AssessmentRequest.State.values)),
        output_field=IntegerField(),
    )
    qs = AssessmentRequest.objects.select_related(
        "jurisdiction", "framework", "requester", "assigned_to", "changed_by", "assessment"
    ).order_by(order, "-created_at", "-pk")
    if state:
        qs = qs.filter(state=state)
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    return qs


def get_assessment_request(request_id: int) -> AssessmentRequest:
    return get_or_not_found(
        AssessmentRequest.objects.select_related(
            "jurisdiction", "framework", "requester", "assigned_to", "changed_by", "assessment"
        ),
        _("There is no request number %(id)s.") % {"id": request_id},
        pk=request_id,
    )


def list_analysts() -> QuerySet[User]:
    """The active analysts, whom the secretariat may give a request to."""
    return (
        User.objects.filter(is_active=True, groups__name=Role.ANALYST.value)
        .distinct()
        .order_by("display_name", "username")
    )
