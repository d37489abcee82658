"""Reads on events shared by the pages, their JSON twins, the feeds and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.core.errors import get_or_not_found
from fourthp.events.models import CalendarFeed, Event, EventPhoto, Registration

# The public feed carries at most this many events, the latest first.
FEED_MAX_EVENTS = 500


@dataclass(frozen=True)
class EventFilters:
    group: str = ""
    provision: str = ""
    past: bool | None = None


def list_events(viewer: Any, filters: EventFilters = EventFilters()) -> QuerySet[Event]:
    """The events `viewer` may see: upcoming ones first (soonest first), then past ones (latest first)."""
    now = timezone.now()
    qs = Event.objects.visible_to(viewer).select_related("working_group").prefetch_related("provisions")
    if filters.group:
        qs = qs.filter(working_group__slug=filters.group)
    if filters.provision:
        qs = qs.filter(pk__in=Event.objects.filter(provisions__slug=filters.provision).values("pk"))
    if filters.past is True:
        qs = qs.filter(ends_at__lt=now)
    elif filters.past is False:
        qs = qs.filter(ends_at__gte=now)
    return qs.annotate(
        upcoming_start=Case(When(ends_at__gte=now, then=F("starts_at"))),
        past_start=Case(When(ends_at__lt=now, then=F("starts_at"))),
    ).order_by(F("upcoming_start").asc(nulls_last=True), F("past_start").desc(nulls_last=True), "pk")


def get_event(pk: int) -> Event:
    """One event with what its page shows, or NotFound (the caller still checks the audience)."""
    return get_or_not_found(
        Event.objects.select_related("working_group").prefetch_related(
            "agenda_items", "speakers", "provisions__framework"
        ),
        _("There is no event number %(id)s.") % {"id": pk},
        pk=pk,
    )


@dataclass(frozen=True)
class Seats:
    capacity: int | None
    taken: int
    waiting: int

    @property
    def left(self) -> int | None:
        return None if self.capacity is None else max(0, self.capacity - self.taken)


def seats_of(event: Event) -> Seats:
    counts = event.registrations.aggregate(
        taken=Count("pk", filter=Q(state=Registration.State.CONFIRMED)),
        waiting=Count("pk", filter=Q(state=Registration.State.WAITLISTED)),
    )
    return Seats(capacity=event.capacity, taken=counts["taken"], waiting=counts["waiting"])


def registration_of(user: Any, event: Event) -> Registration | None:
    """Her current (not cancelled) registration, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return event.registrations.active().filter(user=user).first()


def waitlist_position(registration: Registration) -> int:
    """Her place in line, from 1."""
    ahead = registration.event.registrations.waitlisted().filter(created_at__lt=registration.created_at).count()
    return ahead + 1


def public_feed_events() -> list[Event]:
    qs = Event.objects.filter(state=Event.State.PUBLISHED, audience=Event.Audience.PUBLIC).order_by("-starts_at")
    return list(qs[:FEED_MAX_EVENTS])


def get_feed(token: str) -> CalendarFeed:
    return get_or_not_found(
        CalendarFeed.objects.active().select_related("user"),
        _("This calendar address is not valid; it may have been replaced."),
        token=token,
    )


def feed_registrations(feed: CalendarFeed) -> list[Registration]:
    """Her confirmed and waiting-list registrations, for events published or since cancelled."""
    return list(
        Registration.objects.active()
        .filter(user=feed.user, event__state__in=[Event.State.PUBLISHED, Event.State.CANCELLED])
        .select_related("event")
        .order_by("-event__starts_at")[:FEED_MAX_EVENTS]
    )


def active_feed(user: Any) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


ARCHIVE_PAGE_SIZE = 20


def archive_events(viewer: Any) -> QuerySet[Event]:
    """Past published convenings `viewer` may see that have a public report or public photos, latest first.

    Each carries `shown_photos`: its public photos only (consent recorded, not withdrawn), for everyone alike;
    the secretariat sees the others on the event's photos page."""
    public_photos = EventPhoto.objects.public()
    with_report = Q(report_published_at__isnull=False) & ~Q(report="")
    return (
        Event.objects.visible_to(viewer)
        .filter(state=Event.State.PUBLISHED, ends_at__lt=timezone.now())
        .filter(with_report | Q(pk__in=public_photos.values("event_id")))
        .select_related("series", "working_group")
        .prefetch_related(Prefetch("photos", queryset=public_photos, to_attr="shown_photos"))
        .order_by("-starts_at", "-pk")
    )
