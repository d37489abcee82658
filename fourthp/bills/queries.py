"""Reads on bills and sessions shared by the pages, their JSON twins, the calendar feed and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from fourthp.assessments.models import Status
from fourthp.assessments.queries import get_report_card
from fourthp.bills.models import Bill, BillAction, BillVersion, LegislativeSession, TouchedProvision
from fourthp.core.errors import get_or_not_found
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction

# The calendar feed carries at most this many bill actions, the latest first.
FEED_MAX_ACTIONS = 1000


@dataclass(frozen=True)
class BillFilters:
    """What a bill list is narrowed to; each is already resolved (None: any)."""

    jurisdiction: Jurisdiction | None = None
    status: str = ""
    provision: Provision | None = None


def find_default_provision(slug: str) -> Provision:
    """A provision of the default framework by its id (e.g. prot.immigration-relief), or NotFound."""
    return get_or_not_found(
        Provision.objects.filter(framework=Framework.objects.default()),
        _("The framework has no provision %(slug)s.") % {"slug": slug},
        slug=slug,
    )


def provision_choices() -> list[tuple[str, str]]:
    return [(p.slug, f"{p.slug} — {p.title}") for p in Provision.objects.filter(framework=Framework.objects.default())]


def search_bills(filters: BillFilters = BillFilters()) -> QuerySet[Bill]:
    """Bills, latest action first, with their jurisdiction and session (one query for a page of them)."""
    qs = Bill.objects.select_related("jurisdiction", "session")
    if filters.jurisdiction is not None:
        qs = qs.filter(jurisdiction=filters.jurisdiction)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.provision is not None:
        qs = qs.filter(pk__in=TouchedProvision.objects.filter(provision=filters.provision).values("version__bill"))
    return qs.order_by("-last_action_on", "-pk")


def get_bill(pk: int) -> Bill:
    """One bill with its timeline, versions (and the provisions each touches), sponsors and instruments."""
    versions = BillVersion.objects.prefetch_related(
        Prefetch("touched", queryset=TouchedProvision.objects.select_related("provision").order_by("provision__order")),
        "sections",
    )
    return get_or_not_found(
        Bill.objects.select_related("jurisdiction", "session").prefetch_related(
            "actions",
            Prefetch("versions", queryset=versions),
            "sponsors__profile",
            "instruments",
        ),
        _("There is no bill number %(id)s.") % {"id": pk},
        pk=pk,
    )


@dataclass(frozen=True)
class Touched:
    """A provision some version of a bill touches, and in which versions (the analyzer's suggestion)."""

    provision: Provision
    versions: list[str]
    confidence: float


def provisions_touched(bill: Bill) -> list[Touched]:
    """From the prefetched versions: each provision once, in framework order, with the versions touching it."""
    found: dict[int, Touched] = {}
    for version in bill.versions.all():
        for touched in version.touched.all():
            entry = found.get(touched.provision_id)
            if entry is None:
                found[touched.provision_id] = Touched(touched.provision, [version.label], touched.confidence)
            else:
                entry.versions.append(version.label)
                found[touched.provision_id] = Touched(
                    entry.provision, entry.versions, max(entry.confidence, touched.confidence)
                )
    return sorted(found.values(), key=lambda t: t.provision.order)


def latest_touched(bill: Bill) -> tuple[BillVersion | None, list[TouchedProvision]]:
    """The bill's latest version and the provisions the analyzer suggests it touches (suggestions, not findings).

    The latest text is the one that would be enacted: a provision an earlier version touched and a later one
    dropped is not counted."""
    version = bill.versions.order_by("-order", "-pk").first()
    if version is None:
        return None, []
    return version, list(version.touched.select_related("provision").order_by("provision__order"))


def list_sessions(jurisdiction: Jurisdiction | None = None) -> QuerySet[LegislativeSession]:
    qs = LegislativeSession.objects.select_related("jurisdiction")
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    return qs.order_by("jurisdiction__code", "-starts_on", "name")


def get_session(pk: int) -> LegislativeSession:
    return get_or_not_found(
        LegislativeSession.objects.select_related("jurisdiction"),
        _("There is no legislative session number %(id)s.") % {"id": pk},
        pk=pk,
    )


@dataclass(frozen=True)
class CalendarEntry:
    """One day (or span of days) on a jurisdiction's legislative calendar."""

    kind: str  # "session" or "action"
    uid: str
    starts_on: dt.date
    ends_on: dt.date  # inclusive
    title: str
    url: str
    note: str = ""


def calendar_entries(jurisdiction: Jurisdiction) -> list[CalendarEntry]:
    """Its sessions with known dates (all-day spans) and its bills' actions, by date."""
    entries = []
    for session in list_sessions(jurisdiction).filter(starts_on__isnull=False):
        entries.append(
            CalendarEntry(
                kind="session",
                uid=f"session-{session.pk}",
                starts_on=session.starts_on,  # type: ignore[arg-type]
                ends_on=session.ends_on or session.starts_on,  # type: ignore[arg-type]
                title=_("Session %(name)s") % {"name": session.name},
                url=f"/jurisdictions/{jurisdiction.code}/sessions/",
                note=session.legislature,
            )
        )
    actions = (
        BillAction.objects.filter(bill__jurisdiction=jurisdiction)
        .select_related("bill")
        .order_by("-date", "-pk")[:FEED_MAX_ACTIONS]
    )
    for action in actions:
        entries.append(
            CalendarEntry(
                kind="action",
                uid=f"bill-action-{action.pk}",
                starts_on=action.date,
                ends_on=action.date,
                title=f"{action.bill.number}: {action.description}",
                url=action.bill.get_absolute_url(),
                note=action.bill.title,
            )
        )
    return sorted(entries, key=lambda e: (e.starts_on, e.kind != "session", e.uid))


@dataclass
class PlanRow:
    """A provision the jurisdiction's law does not meet in full, and the pending bills whose texts touch it."""

    provision: Provision
    status: str
    bills: list[Bill] = field(default_factory=list)


@dataclass
class Plan:
    jurisdiction: Jurisdiction
    upcoming: list[LegislativeSession]
    undated: list[LegislativeSession]
    rows: list[PlanRow]

    @property
    def rows_with_bills(self) -> list[PlanRow]:
        return [row for row in self.rows if row.bills]


def get_plan(jurisdiction: Jurisdiction, *, today: dt.date | None = None) -> Plan:
    """Which sessions open when, and which pending bills touch which gap (a provision not met in full).

    The statuses are the report card's (published assessments only); a provision not yet assessed is a
    gap too, shown as unknown, never as absent.
    """
    today = today or dt.date.today()
    sessions = list(list_sessions(jurisdiction))
    upcoming = sorted(
        (s for s in sessions if s.starts_on is not None and (s.ends_on or s.starts_on) >= today),
        key=lambda s: s.starts_on or today,
    )
    undated = [s for s in sessions if s.starts_on is None]
    card = get_report_card(jurisdiction, Framework.objects.default())
    rows = {row.provision.pk: PlanRow(row.provision, row.status) for row in card.rows if row.status != Status.FULL}
    touched = (
        TouchedProvision.objects.filter(
            provision_id__in=rows, version__bill__jurisdiction=jurisdiction, version__bill__status__in=Bill.PENDING
        )
        .select_related("version__bill__session")
        .order_by("version__bill__number")
    )
    for item in touched:
        bill = item.version.bill
        bill.jurisdiction = jurisdiction  # already loaded: saves a query per bill
        if all(b.pk != bill.pk for b in rows[item.provision_id].bills):
            rows[item.provision_id].bills.append(bill)
    rank = {Status.ABSENT.value: 0, Status.PARTIAL.value: 1, Status.UNKNOWN.value: 2}
    ordered = sorted(rows.values(), key=lambda r: (rank.get(r.status, 3), r.provision.order))
    return Plan(jurisdiction=jurisdiction, upcoming=upcoming, undated=undated, rows=ordered)
