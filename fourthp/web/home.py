"""A signed-in person's home: her jurisdiction's gaps and pending bills, her groups and circles, her convenings, her work.

Everything here reads only what is hers or public: her own profile, her own group memberships and
registrations, the public report card and bills of her jurisdiction, and the work queues her roles
give her. Each list is cut to HOME_ITEMS, with its full count beside it, so the page's queries do not
grow with the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.assessments.access import ASSESSORS, REVIEWERS
from fourthp.assessments.models import Assessment, AssessmentRequest
from fourthp.assessments.queries import ProvisionRow, default_framework, get_report_cards
from fourthp.bills.models import Bill
from fourthp.circles.models import CircleMembership
from fourthp.events.models import Event, Registration
from fourthp.groups.models import GroupMembership
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Application, Profile
from fourthp.notifications.models import Follow, Notification
from fourthp.notifications.queries import follows_of, notifications_of

HOME_ITEMS = 10
NOTIFICATION_ITEMS = 5
"""Items shown in each list of the home page; the count beside it says how many there are in all."""


@dataclass
class WorkCounts:
    """What waits for one person, by kind; None for a kind her roles do not give her."""

    drafts: int | None = None
    returned: int | None = None
    to_review: int | None = None
    applications: int | None = None
    requests: int | None = None

    @property
    def total(self) -> int:
        return sum(n or 0 for n in (self.drafts, self.returned, self.to_review, self.applications, self.requests))


def _own_drafts(user: Any) -> Q:
    return Q(assessor=user, state=Assessment.State.DRAFT)


def _awaiting_review(user: Any) -> Q:
    """Submitted assessments a reviewer may judge: not those she wrote herself."""
    return Q(state=Assessment.State.IN_REVIEW) & (Q(assessor__isnull=True) | ~Q(assessor=user))


def work_counts(user: Viewer) -> WorkCounts:
    """The counts of the work queue, in one query per kind of queue (at most three), kept for the request."""
    cached = getattr(user, "_fourthp_work_counts", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    counts = WorkCounts()
    assesses, reviews = has_role(user, *ASSESSORS), has_role(user, *REVIEWERS)
    if assesses or reviews:
        wanted = Q(pk__in=[])
        if assesses:
            wanted |= _own_drafts(user)
        if reviews:
            wanted |= _awaiting_review(user)
        found = Assessment.objects.filter(wanted).aggregate(
            drafts=Count("pk", filter=_own_drafts(user) & Q(review_comment="")),
            returned=Count("pk", filter=_own_drafts(user) & ~Q(review_comment="")),
            to_review=Count("pk", filter=_awaiting_review(user)),
        )
        if assesses:
            counts.drafts, counts.returned = found["drafts"], found["returned"]
        if reviews:
            counts.to_review = found["to_review"]
    if has_role(user, Role.SECRETARIAT):
        counts.applications = Application.objects.filter(state=Application.State.SUBMITTED).count()
        counts.requests = AssessmentRequest.objects.filter(state=AssessmentRequest.State.OPEN).count()
    setattr(user, "_fourthp_work_counts", counts)  # noqa: B010  (cached for the request, as roles_of does)
    return counts


@dataclass
class WorkQueue:
    counts: WorkCounts
    drafts: list[Assessment] = field(default_factory=list)
    returned: list[Assessment] = field(default_factory=list)
    to_review: list[Assessment] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)
    requests: list[AssessmentRequest] = field(default_factory=list)


def work_queue(user: Viewer) -> WorkQueue:
    """The first HOME_ITEMS of each queue her roles give her, newest change first, with the counts."""
    counts = work_counts(user)
    queue = WorkQueue(counts)
    assessments = Assessment.objects.select_related("jurisdiction", "provision").order_by("-updated_at", "-pk")
    if counts.drafts:
        queue.drafts = list(assessments.filter(_own_drafts(user), review_comment="")[:HOME_ITEMS])
    if counts.returned:
        queue.returned = list(assessments.filter(_own_drafts(user)).exclude(review_comment="")[:HOME_ITEMS])
    if counts.to_review:
        review = assessments.select_related("assessor").order_by("submitted_at", "pk")
        queue.to_review = list(review.filter(_awaiting_review(user))[:HOME_ITEMS])
    if counts.applications:
        waiting = Application.objects.filter(state=Application.State.SUBMITTED).select_related("jurisdiction")
        queue.applications = list(waiting.order_by("submitted_at", "pk")[:HOME_ITEMS])
    if counts.requests:
        open_requests = AssessmentRequest.objects.filter(state=AssessmentRequest.State.OPEN)
        queue.requests = list(open_requests.select_related("jurisdiction").order_by("created_at", "pk")[:HOME_ITEMS])
    return queue


@dataclass
class PlaceSummary:
    """Her jurisdiction: the gaps of its report card and the bills still before its legislature."""

    jurisdiction: Jurisdiction
    assessed: bool
    gaps: list[ProvisionRow]
    gap_count: int
    bills: list[Bill]
    bill_count: int


def place_summary(jurisdiction: Jurisdiction) -> PlaceSummary:
    card = get_report_cards([jurisdiction], default_framework())[0]
    gaps = card.gaps
    pending = Bill.objects.pending().filter(jurisdiction=jurisdiction)
    bill_count = pending.count()
    bills = list(pending.select_related("session")[:HOME_ITEMS]) if bill_count else []
    return PlaceSummary(
        jurisdiction=jurisdiction,
        assessed=card.data_date is not None,
        gaps=gaps[:HOME_ITEMS],
        gap_count=len(gaps),
        bills=bills,
        bill_count=bill_count,
    )


@dataclass
class Home:
    profile: Profile | None
    place: PlaceSummary | None
    groups: list[GroupMembership]
    group_count: int
    convenings: list[Registration]
    convening_count: int
    work: WorkQueue
    notifications: list[Notification] = field(default_factory=list)
    """Her newest unread notifications (at most NOTIFICATION_ITEMS)."""
    unread: int = 0
    follows: list[Follow] = field(default_factory=list)
    follow_count: int = 0
    circles: list[CircleMembership] = field(default_factory=list)
    """Her circles and chapters (at most HOME_ITEMS), convened ones first."""


def my_home(user: Any) -> Home:
    """What the home page of `user` shows; never another person's private items."""
    profile = Profile.objects.filter(user=user).select_related("jurisdiction").first()
    jurisdiction = profile.jurisdiction if profile is not None else None
    memberships = (
        GroupMembership.objects.filter(user=user, state=GroupMembership.State.ACTIVE)
        .select_related("group")
        .order_by("group__title", "pk")
    )
    groups = list(memberships[:HOME_ITEMS])
    upcoming = (
        Registration.objects.active()
        .filter(user=user, event__state=Event.State.PUBLISHED, event__ends_at__gte=timezone.now())
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    convenings = list(upcoming[:HOME_ITEMS])
    circles = list(
        CircleMembership.objects.filter(user=user, state=CircleMembership.State.ACTIVE)
        .select_related("circle")
        .order_by("-role", "circle__name", "pk")[:HOME_ITEMS]
    )
    unread = notifications_of(user).filter(read_at__isnull=True)
    notifications = list(unread[:NOTIFICATION_ITEMS])
    follows = follows_of(user)
    return Home(
        notifications=notifications,
        unread=len(notifications) if len(notifications) < NOTIFICATION_ITEMS else unread.count(),
        follows=follows[:HOME_ITEMS],
        follow_count=len(follows),
        profile=profile,
        place=place_summary(jurisdiction) if jurisdiction is not None else None,
        groups=groups,
        group_count=len(groups) if len(groups) < HOME_ITEMS else memberships.count(),
        convenings=convenings,
        convening_count=len(convenings) if len(convenings) < HOME_ITEMS else upcoming.count(),
        circles=circles,
        work=work_queue(user),
    )
