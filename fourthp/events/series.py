"""Recurring convenings: a series' rule, its meetings up to a horizon, and one registration for all of them.

The rule is an RFC 5545 RRULE read by dateutil. It must end (COUNT or UNTIL),
repeat no more often than weekly, and place at most MAX_SERIES_MEETINGS
meetings; anything else is refused with a plain sentence. Meetings are Events
linked to the series, made up to SERIES_HORIZON_DAYS ahead, so seats, the
waiting list, reminders and reports work per meeting as for any event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dateutil.rrule import DAILY, HOURLY, MINUTELY, SECONDLY, rrule, rrulestr
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.models import AuditEvent
from fourthp.events.actions import EventRefused, do_register, fill_free_seats
from fourthp.events.models import (
    MAX_SERIES_MEETINGS,
    SERIES_HORIZON_DAYS,
    Event,
    EventSeries,
    Registration,
    SeriesRegistration,
)
from fourthp.lib.zones import zone_named
from fourthp.notifications.actions import tell


def parse_rule(text: str, first_starts_at: dt.datetime) -> rrule:
    """The rule as dateutil reads it, or EventRefused saying in plain words what is wrong."""
    text = text.strip().removeprefix("RRULE:")
    if not text or "\n" in text:
        raise EventRefused(_("Write the rule on one line, e.g. FREQ=MONTHLY;INTERVAL=3;COUNT=8."))
    try:
        rule = rrulestr(text, dtstart=first_starts_at.astimezone(dt.UTC))
    except (ValueError, TypeError) as exc:
        raise EventRefused(_("This recurrence rule cannot be read; e.g. FREQ=MONTHLY;INTERVAL=3;COUNT=8.")) from exc
    if not isinstance(rule, rrule):
        raise EventRefused(_("Give one rule only, without dates."))
    if rule._freq in (DAILY, HOURLY, MINUTELY, SECONDLY):
        raise EventRefused(_("Meetings of a series may repeat at most once a week."))
    if rule._count is None and rule._until is None:
        raise EventRefused(_("Say when the series ends: a number of meetings (COUNT) or a last date (UNTIL)."))
    if rule._count is not None and rule._count > MAX_SERIES_MEETINGS:
        raise EventRefused(_("A series has at most %(n)s meetings.") % {"n": MAX_SERIES_MEETINGS})
    if len(list(rule.xafter(first_starts_at.astimezone(dt.UTC), count=MAX_SERIES_MEETINGS + 1, inc=True))) > (
        MAX_SERIES_MEETINGS
    ):
        raise EventRefused(_("A series has at most %(n)s meetings.") % {"n": MAX_SERIES_MEETINGS})
    return rule


def rule_dates(series: EventSeries) -> list[dt.datetime]:
    return list(parse_rule(series.rrule, series.first_starts_at))


@transaction.atomic
def do_generate_meetings(series: EventSeries, *, template: dict[str, Any], acting_user: Any = None) -> list[Event]:
    """Make the meetings the rule places up to the horizon that are not made yet; register the series' people.

    `template` holds the meetings' other fields (kind, link, place, capacity, audience, state...).
    A meeting once made is never made again, even if it was moved or cancelled since.
    """
    horizon = timezone.now() + dt.timedelta(days=SERIES_HORIZON_DAYS)
    made = set(series.meetings.values_list("original_starts_at", flat=True))
    length = dt.timedelta(minutes=series.duration_minutes)
    new = []
    for when in rule_dates(series):
        if when > horizon or when in made:
            continue
        new.append(
            Event.objects.create(
                series=series,
                original_starts_at=when,
                starts_at=when,
                ends_at=when + length,
                title=series.title,
                description=series.description,
                created_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
                **template,
            )
        )
    for registration in series.registrations.filter(cancelled_at__isnull=True).select_related("user"):
        for meeting in new:
            _register_quietly(meeting, registration.user)
    if new:
        AuditEvent.record(actor=acting_user, verb="series.meetings_made", target=series, made=len(new))
    return new


def _register_quietly(meeting: Event, user: Any) -> Registration | None:
    """Her registration for one meeting, unless it is closed or she already has one (seats still hold)."""
    if meeting.state != Event.State.PUBLISHED or timezone.now() > meeting.closes_at:
        return None
    if meeting.registrations.active().filter(user=user).exists():
        return None
    return do_register(meeting, acting_user=user)


@transaction.atomic
def do_register_series(series: EventSeries, *, acting_user: Any) -> SeriesRegistration:
    """One registration for the whole series: a seat (or a place in line) at every open meeting, and later ones."""
    try:
        with transaction.atomic():
            registration = SeriesRegistration.objects.create(series=series, user=acting_user)
    except IntegrityError as exc:
        raise EventRefused(_("You are already registered for this series.")) from exc
    for meeting in series.meetings.filter(state=Event.State.PUBLISHED, starts_at__gt=timezone.now()):
        _register_quietly(meeting, acting_user)
    AuditEvent.record(actor=acting_user, verb="series.registered", target=series)
    return registration


@transaction.atomic
def do_move_meeting(
    meeting: Event,
    *,
    starts_at: dt.datetime | None = None,
    cancel: bool = False,
    reason: str = "",
    acting_user: Any,
) -> Event:
    """Move one meeting of a series to a new time, or cancel it, and tell everyone registered for the series.

    The reason, if given, is told with the change and kept in the audit record."""
    if meeting.series_id is None:
        raise EventRefused(_("This event is not part of a series."))
    meeting = Event.objects.select_for_update().get(pk=meeting.pk)
    series = meeting.series
    assert series is not None
    zone = zone_named(meeting.time_zone)
    was = timezone.localtime(meeting.original_starts_at or meeting.starts_at, zone)
    if cancel:
        meeting.state = Event.State.CANCELLED
        message = "series_meeting_cancelled"
    elif starts_at is not None:
        length = meeting.ends_at - meeting.starts_at
        meeting.starts_at, meeting.ends_at = starts_at, starts_at + length
        if meeting.registration_deadline and meeting.registration_deadline > starts_at:
            meeting.registration_deadline = None
        message = "series_meeting_moved"
    else:
        raise EventRefused(_("Give the meeting's new time, or cancel it."))
    reason = " ".join(reason.split())
    meeting.sequence += 1
    meeting.save()
    people = {r.user for r in series.registrations.filter(cancelled_at__isnull=True).select_related("user")}
    people |= {r.user for r in meeting.registrations.active().select_related("user")}
    # Dates are stored with the meeting's time zone and the reason as typed: each reader gets the sentence in
    # her own language.
    tell(
        sorted(people, key=lambda u: u.pk),
        "series_meeting_changed",
        message=f"{message}_reason" if reason else message,
        params={
            "series": series.title,
            "date": was,
            "new_date": timezone.localtime(meeting.starts_at, zone),
            "reason": reason,
        },
        url=meeting.get_absolute_url(),
    )
    AuditEvent.record(actor=acting_user, verb="series.meeting_changed", target=meeting, told=len(people), reason=reason)
    return meeting


@dataclass(frozen=True)
class SeriesInput:
    """A new series as the secretariat's form gives it; `meeting` holds the fields every meeting shares."""

    title: str
    description: str
    rrule: str
    first_starts_at: dt.datetime
    duration_minutes: int
    time_zone: str
    meeting: dict[str, Any]


@transaction.atomic
def do_create_series(data: SeriesInput, *, acting_user: Any) -> EventSeries:
    """Record a series and make its meetings up to the horizon; a rule the series may not have is refused."""
    parse_rule(data.rrule, data.first_starts_at)
    series = EventSeries.objects.create(
        title=data.title,
        description=data.description,
        rrule=data.rrule,
        first_starts_at=data.first_starts_at,
        duration_minutes=data.duration_minutes,
        created_by=acting_user,
    )
    do_generate_meetings(series, template={**data.meeting, "time_zone": data.time_zone}, acting_user=acting_user)
    AuditEvent.record(actor=acting_user, verb="series.created", target=series, rrule=data.rrule)
    return series


def upcoming_meetings(series: EventSeries) -> list[Event]:
    """The meetings not yet begun and not cancelled: the ones an edit of the series changes."""
    return list(
        series.meetings.filter(starts_at__gt=timezone.now()).exclude(state=Event.State.CANCELLED).order_by("starts_at")
    )


@transaction.atomic
def do_save_series(
    series: EventSeries, *, title: str, description: str, meeting: dict[str, Any], acting_user: Any
) -> int:
    """Change a series' title and description, and what its upcoming meetings share; held meetings keep theirs.

    A meeting whose place, link or state changes gets a new calendar revision; freed seats go to the waiting
    list. The rule itself is not changed: single meetings are moved or cancelled one by one."""
    series = EventSeries.objects.select_for_update().get(pk=series.pk)
    series.title, series.description = title, description
    series.save()
    changed = 0
    for event in upcoming_meetings(series):
        event = Event.objects.select_for_update().get(pk=event.pk)
        told = any(getattr(event, name) != meeting[name] for name in ("kind", "place", "online_link", "state"))
        event.title, event.description = title, description
        for name, value in meeting.items():
            setattr(event, name, value)
        if told:
            event.sequence += 1
        event.clean()
        event.save()
        if event.state == Event.State.PUBLISHED:
            fill_free_seats(event)
        changed += 1
    AuditEvent.record(actor=acting_user, verb="series.saved", target=series, meetings=changed)
    return changed
