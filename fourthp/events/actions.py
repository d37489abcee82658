"""Writes on events: registration and its waiting list, cancellation, the secretariat's management, feeds.

`check_*` validates and raises EventRefused with a message a user understands;
`do_*` runs in one transaction and records an AuditEvent, so a failure half
way writes nothing and e-mails nobody (`notify` sends after the commit).

Seats: every write that takes or frees a seat first locks the event's row
(`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite the project's IMMEDIATE
transactions serialise writers), then counts the confirmed registrations.
Two people can therefore never both take the last seat, and two freed seats
never go to the same person on the waiting list.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from fourthp.accounts.models import AuditEvent
from fourthp.briefs.actions import do_check_content
from fourthp.events.mail import tell
from fourthp.events.models import (
    MAX_REPORT_CHARS,
    AgendaItem,
    CalendarFeed,
    Event,
    EventPhoto,
    Registration,
    Speaker,
)
from fourthp.events.photos import Photo
from fourthp.events.queries import waitlist_position
from fourthp.events.tasks import schedule_reminder
from fourthp.frameworks.models import Provision
from fourthp.groups.models import WorkingGroup

# Changes that make calendars replace their copy of the event (RFC 5545 SEQUENCE).
CALENDAR_FIELDS = ("starts_at", "ends_at", "place", "online_link", "kind", "state", "title")


class EventRefused(ValueError):
    """The step asked for is not allowed now; the message says why."""


def _when(value: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _confirm(registration: Registration, *, now: dt.datetime) -> None:
    registration.state = Registration.State.CONFIRMED
    registration.confirmed_at = now
    registration.save(update_fields=["state", "confirmed_at"])
    schedule_reminder(registration)


def fill_free_seats(event: Event) -> list[Registration]:
    """Give free seats to the waiting list, first in line first, and e-mail each person promoted.

    The caller holds the lock on the event's row. Nobody is promoted into an
    event that is not published or has already begun.
    """
    if event.state != Event.State.PUBLISHED or event.has_begun:
        return []
    waiting = event.registrations.waitlisted().select_related("user")
    if event.capacity is not None:
        free = event.capacity - event.registrations.confirmed().count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    now = timezone.now()
    promoted = list(waiting)
    for registration in promoted:
        _confirm(registration, now=now)
        tell(registration.user, "events_seat_offered", event, with_ics=True)
        AuditEvent.record(actor=None, verb="event.seat_offered", target=event, registration=registration.pk)
    return promoted


# --- Registration ---------------------------------------------------------------------


def check_registration(user: Any, event: Event) -> None:
    if event.state == Event.State.CANCELLED:
        raise EventRefused(_("This event has been cancelled, so registration is closed."))
    if event.state != Event.State.PUBLISHED:
        raise EventRefused(_("This event is not open for registration yet."))
    if timezone.now() > event.closes_at:
        raise EventRefused(_("Registration closed on %(date)s.") % {"date": _when(event.closes_at)})
    existing = event.registrations.active().filter(user=user).first()
    if existing is not None and existing.state == Registration.State.CONFIRMED:
        raise EventRefused(_("You are already registered for this event."))
    if existing is not None:
        raise EventRefused(_("You are already on the waiting list for this event."))


@transaction.atomic
def do_register(event: Event, *, acting_user: Any) -> Registration:
    """Register `acting_user`: a seat if one is free, else a place on the waiting list."""
    event = _lock(event)
    check_registration(acting_user, event)
    now = timezone.now()
    seat_free = event.capacity is None or event.registrations.confirmed().count() < event.capacity
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=acting_user,
                state=Registration.State.CONFIRMED if seat_free else Registration.State.WAITLISTED,
                created_at=now,
                confirmed_at=now if seat_free else None,
            )
    except IntegrityError as exc:  # the same person registered twice at once (two tabs)
        raise EventRefused(_("You are already registered for this event.")) from exc
    if seat_free:
        schedule_reminder(registration)
        tell(acting_user, "events_registration_confirmed", event, with_ics=True)
    else:
        tell(acting_user, "events_waitlisted", event, position=waitlist_position(registration))
    AuditEvent.record(actor=acting_user, verb="event.registered", target=event, state=registration.state)
    return registration


@transaction.atomic
def do_cancel_registration(event: Event, *, acting_user: Any, tell_her: bool = True) -> Registration:
    """Cancel her registration; a seat she held goes to the first on the waiting list."""
    event = _lock(event)
    registration = event.registrations.active().filter(user=acting_user).first()
    if registration is None:
        raise EventRefused(_("You are not registered for this event."))
    if event.state == Event.State.PUBLISHED and event.has_begun:
        raise EventRefused(_("The event has already begun; a registration can no longer be cancelled."))
    held_seat = registration.state == Registration.State.CONFIRMED
    registration.state = Registration.State.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["state", "cancelled_at"])
    if held_seat:
        fill_free_seats(event)
    if tell_her:
        tell(acting_user, "events_registration_cancelled", event)
    AuditEvent.record(actor=acting_user, verb="event.registration_cancelled", target=event, held_seat=held_seat)
    return registration


# --- The secretariat's management ------------------------------------------------------


@dataclass(frozen=True)
class EventInput:
    """What the secretariat's form says of an event; times already read in the event's own zone."""

    title: str
    description: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    registration_deadline: dt.datetime | None
    place: str
    online_link: str
    capacity: int | None
    audience: str
    working_group: WorkingGroup | None
    state: str
    provisions: list[Provision]
    agenda: list[AgendaItemInput] = field(default_factory=list)
    speakers: list[SpeakerInput] = field(default_factory=list)


@dataclass(frozen=True)
class AgendaItemInput:
    """An agenda item to add (`pk` None), change, or delete: only those that change are given."""

    pk: int | None
    order: int
    starts_at: dt.datetime | None
    title: str
    description: str
    delete: bool = False


@dataclass(frozen=True)
class SpeakerInput:
    """A speaker to add (`pk` None), change, or delete: only those that change are given."""

    pk: int | None
    order: int
    name: str
    affiliation: str
    agreed_to_be_listed: bool
    user_id: int | None = None  # her account, as the admin linked it
    delete: bool = False


# The event's own fields in its input (the rest are its provisions, agenda and speakers).
EVENT_FIELDS = tuple(f.name for f in fields(EventInput) if f.name not in ("provisions", "agenda", "speakers"))


def _save_rows(event: Event, model: type[AgendaItem] | type[Speaker], rows: list[Any]) -> None:
    """Changed rows are updated, deleted ones deleted, new ones added, each with its history row."""
    for row in rows:
        values = {name: getattr(row, name) for name in row.__dataclass_fields__ if name not in ("pk", "delete")}
        item = model(pk=row.pk, event=event, **values)
        if row.delete:
            item.delete()
        else:
            item.save()


@transaction.atomic
def do_save_event(event: Event | None, data: EventInput, *, acting_user: Any) -> Event:
    """Create an event (`event` None) or change one, with its provisions, agenda items and speakers.

    1. Lock the stored event and compare: a new time, place or state raises the calendar SEQUENCE.
    2. Save the event, its provisions, agenda items and speakers.
    3. A newly cancelled event e-mails everyone registered (with a cancelling .ics);
       a larger capacity gives the new seats to the waiting list.
    """
    event = event if event is not None else Event()
    for name in EVENT_FIELDS:
        setattr(event, name, getattr(data, name))
    previous = None if event.pk is None else Event.objects.select_for_update().get(pk=event.pk)
    if previous is None:
        event.created_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    elif any(getattr(previous, name) != getattr(event, name) for name in CALENDAR_FIELDS):
        event.sequence = previous.sequence + 1
    event.save()
    event.provisions.set(data.provisions)
    _save_rows(event, AgendaItem, data.agenda)
    _save_rows(event, Speaker, data.speakers)
    if previous is None:
        AuditEvent.record(actor=acting_user, verb="event.created", target=event)
        return event
    if previous.state != Event.State.CANCELLED and event.state == Event.State.CANCELLED:
        registered = event.registrations.active().select_related("user")
        for registration in registered:
            # The attached .ics has STATUS:CANCELLED, so calendars drop the entry.
            tell(registration.user, "events_event_cancelled", event, with_ics=True, with_link=False)
        AuditEvent.record(actor=acting_user, verb="event.cancelled", target=event, told=len(registered))
    else:
        fill_free_seats(event)
        changed = [label for name, label in _told_fields() if getattr(previous, name) != getattr(event, name)]
        told = 0
        if changed and event.state == Event.State.PUBLISHED and not event.has_begun:
            # A new time, place or link reaches everyone registered, with the updated calendar entry.
            for registration in event.registrations.active().select_related("user"):
                seated = registration.state == Registration.State.CONFIRMED
                tell(
                    registration.user,
                    "events_event_changed",
                    event,
                    with_ics=True,
                    with_link=seated,
                    changed=", ".join(str(c) for c in changed),
                    waitlisted=not seated,
                )
                told += 1
        AuditEvent.record(actor=acting_user, verb="event.updated", target=event, told=told)
    return event


def _told_fields() -> list[tuple[str, str]]:
    """The changes that registered people are e-mailed about, with their names in words."""
    return [
        ("starts_at", _("the start")),
        ("ends_at", _("the end")),
        ("kind", _("the kind of event")),
        ("place", _("the place")),
        ("online_link", _("the meeting link")),
    ]


@transaction.atomic
def do_mark_attendance(event: Event, marks: dict[int, bool | None], *, acting_user: Any) -> int:
    """Record who came (True), who did not (False) and who is not yet marked (None), by registration id."""
    event = _lock(event)
    if not event.has_begun:
        raise EventRefused(
            _("Attendance can be marked once the event has begun (%(date)s).") % {"date": _when(event.starts_at)}
        )
    changed = 0
    for registration in event.registrations.confirmed().filter(pk__in=list(marks)):
        value = marks[registration.pk]
        if registration.attended != value:
            registration.attended = value
            registration.save(update_fields=["attended"])
            changed += 1
    AuditEvent.record(actor=acting_user, verb="event.attendance_marked", target=event, changed=changed)
    return changed


@transaction.atomic
def do_save_report(event: Event, text: str, *, publish: bool, acting_user: Any, override_reason: str = "") -> Event:
    """Save the short public report; `publish` shows it on the event's page, otherwise it stays a draft."""
    event = _lock(event)
    if event.state != Event.State.PUBLISHED:
        raise EventRefused(
            _("Only an event that took place gets a report; this one is %(state)s.")
            % {"state": event.get_state_display()}
        )
    if not event.has_ended:
        raise EventRefused(
            _("The report is written after the event, which ends on %(date)s.") % {"date": _when(event.ends_at)}
        )
    text = text.strip()
    if publish and not text:
        raise EventRefused(_("Write the report before publishing it."))
    if len(text) > MAX_REPORT_CHARS:
        raise EventRefused(_("The report may be at most %(limit)s characters.") % {"limit": MAX_REPORT_CHARS})
    if publish:
        do_check_content(text, target=event, acting_user=acting_user, override_reason=override_reason)
    event.report = text
    if publish:
        event.report_published_at = event.report_published_at or timezone.now()
    else:
        event.report_published_at = None
    event.save(update_fields=["report", "report_published_at"])
    AuditEvent.record(
        actor=acting_user, verb="event.report_published" if publish else "event.report_saved", target=event
    )
    return event


# --- Calendar feeds ------------------------------------------------------------------------


@transaction.atomic
def do_replace_calendar_feed(*, acting_user: Any) -> CalendarFeed:
    """Revoke her feed address, if any, and make a new one (the old address answers 404 from now on)."""
    revoked = CalendarFeed.objects.filter(user=acting_user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    feed = CalendarFeed.objects.create(user=acting_user)
    AuditEvent.record(
        actor=acting_user, verb="calendar_feed.replaced" if revoked else "calendar_feed.created", target=feed
    )
    return feed


@transaction.atomic
def do_revoke_calendar_feed(*, acting_user: Any) -> int:
    revoked = CalendarFeed.objects.filter(user=acting_user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if revoked:
        AuditEvent.record(actor=acting_user, verb="calendar_feed.revoked", target=acting_user)
    return revoked


# --- Deleted accounts ------------------------------------------------------------------------


def cancel_future_registrations(user: Any) -> list[Registration]:
    """Cancel her registrations for events not yet begun (promoting the waiting list); silent to her."""
    events: Iterable[Event] = Event.objects.filter(
        registrations__user=user,
        registrations__state__in=[Registration.State.CONFIRMED, Registration.State.WAITLISTED],
        starts_at__gt=timezone.now(),
    ).distinct()
    return [do_cancel_registration(event, acting_user=user, tell_her=False) for event in events]


# --- Photos of past convenings --------------------------------------------------------------


@dataclass(frozen=True)
class PhotoInput:
    photo: Photo
    alt_text: str
    caption: str
    consent: bool


def _photo_name(event: Event, suffix: str) -> str:
    return f"event-photos/{timezone.now():%Y/%m}/event-{event.pk}-{secrets.token_hex(8)}{suffix}.jpg"


@transaction.atomic
def do_add_photo(event: Event, data: PhotoInput, *, acting_user: Any) -> EventPhoto:
    """Store a photo (already cleaned of its metadata); with consent ticked, it is recorded with her name and time.

    A photo without recorded consent is kept for the secretariat alone and never shown publicly."""
    now = timezone.now()
    saved: list[str] = []
    try:
        saved.append(default_storage.save(_photo_name(event, ""), ContentFile(data.photo.full)))
        saved.append(default_storage.save(_photo_name(event, "-small"), ContentFile(data.photo.small)))
        with transaction.atomic():
            photo = EventPhoto.objects.create(
                event=event,
                image=saved[0],
                small=saved[1],
                width=data.photo.width,
                height=data.photo.height,
                alt_text=data.alt_text.strip(),
                caption=data.caption.strip(),
                consent_recorded_at=now if data.consent else None,
                consent_recorded_by=acting_user if data.consent else None,
                uploaded_by=acting_user,
                uploaded_at=now,
            )
            AuditEvent.record(
                actor=acting_user, verb="event.photo_added", target=photo, event=event.pk, consent=data.consent
            )
    except BaseException:
        # Nothing was recorded, so the files written for it go too: no photo is left on disk unaccounted for.
        for name in saved:
            default_storage.delete(name)
        raise
    return photo


@transaction.atomic
def do_record_photo_consent(photo: EventPhoto, *, acting_user: Any) -> EventPhoto:
    """Record that everyone recognisable in the photo agreed to its publication; a withdrawn photo stays withdrawn."""
    photo = EventPhoto.objects.select_for_update().get(pk=photo.pk)
    if photo.withdrawn_at is not None:
        raise EventRefused(_("This photo was withdrawn; it can no longer be published. Upload it again if all agree."))
    if photo.consent_recorded_at is not None:
        raise EventRefused(_("Consent for this photo is already recorded."))
    photo.consent_recorded_at, photo.consent_recorded_by = timezone.now(), acting_user
    photo.save(update_fields=["consent_recorded_at", "consent_recorded_by"])
    AuditEvent.record(actor=acting_user, verb="event.photo_consent", target=photo)
    return photo


@transaction.atomic
def do_withdraw_photo(photo: EventPhoto, *, reason: str, acting_user: Any) -> EventPhoto:
    """A person in the photo asked for it to go: it leaves every public page and its files answer 404 at once."""
    reason = reason.strip()
    if not reason:
        raise EventRefused(_("Say why the photo is withdrawn (e.g. who asked, and when)."))
    photo = EventPhoto.objects.select_for_update().get(pk=photo.pk)
    if photo.withdrawn_at is not None:
        raise EventRefused(_("This photo is already withdrawn."))
    photo.withdrawn_at, photo.withdrawn_by, photo.withdrawal_reason = timezone.now(), acting_user, reason
    photo.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    AuditEvent.record(actor=acting_user, verb="event.photo_withdrawn", target=photo, reason=reason)
    return photo
