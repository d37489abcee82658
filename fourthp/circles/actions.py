"""Writes on circles: propose and decide, join, leave and convene, schedule meetings, post notes, take attendance.

`check_*` validates and raises CircleRefused with a message a person understands; `do_*` runs in one
transaction and records an AuditEvent. Members are told through `fourthp.notifications.actions.tell`,
whose e-mails are queued with the transaction, so a write that fails tells nobody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from fourthp.accounts.models import AuditEvent, User
from fourthp.briefs.models import Resource
from fourthp.circles.models import Circle, CircleMembership, Meeting
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.lib.zones import zone_named
from fourthp.notifications.actions import tell
from fourthp.notifications.kinds import ZonedTime

MAX_GUIDE_CHARS = 20_000
MAX_NOTES_CHARS = 20_000


class CircleRefused(ValueError):
    """The step asked for is not allowed; the message says why."""


# ---------------------------------------------------------------- circles


@dataclass(frozen=True)
class CircleInput:
    name: str
    kind: str
    jurisdiction: Jurisdiction
    city: str
    campus: str = ""
    description: str = ""
    time_zone: str = "UTC"
    joining: str = Circle.Joining.OPEN


# Addresses under /circles/ and /chapters/ that are pages, not circles.
RESERVED_SLUGS = {"new"}


def unique_slug(name: str) -> str:
    base = slugify(name)[:70].strip("-") or "circle"
    if base in RESERVED_SLUGS:
        base = f"{base}-circle"
    taken = set(Circle.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def check_circle(data: CircleInput) -> None:
    if not data.name.strip():
        raise CircleRefused(_("Give the circle a name."))
    if not data.city.strip():
        raise CircleRefused(_("Say in which city or town the circle meets."))
    if data.kind == Circle.Kind.CHAPTER and not data.campus.strip():
        raise CircleRefused(_("A student chapter belongs to a campus: name the university or college."))


@transaction.atomic
def do_propose_circle(data: CircleInput, *, acting_user: User) -> Circle:
    """A member proposes a circle; it waits, known only to her and the secretariat, until the secretariat opens it."""
    check_circle(data)
    circle = Circle.objects.create(
        slug=unique_slug(data.name),
        name=data.name.strip(),
        kind=data.kind,
        jurisdiction=data.jurisdiction,
        city=data.city.strip(),
        campus=data.campus.strip() if data.kind == Circle.Kind.CHAPTER else "",
        description=data.description.strip(),
        time_zone=data.time_zone or "UTC",
        joining=data.joining,
        proposed_by=acting_user,
    )
    AuditEvent.record(actor=acting_user, verb="circle.proposed", target=circle)
    tell(
        User.objects.secretariat(),
        "circle_proposed",
        params={"name": circle.name, "place": _place(circle)},
        url=circle.get_absolute_url(),
    )
    return circle


def _place(circle: Circle) -> str:
    where = f"{circle.city}, {circle.jurisdiction.name}"
    return f"{circle.campus}, {where}" if circle.campus else where


@transaction.atomic
def do_update_circle(circle: Circle, data: CircleInput, *, acting_user: User) -> Circle:
    check_circle(data)
    circle.name = data.name.strip()
    circle.kind = data.kind
    circle.jurisdiction = data.jurisdiction
    circle.city = data.city.strip()
    circle.campus = data.campus.strip() if data.kind == Circle.Kind.CHAPTER else ""
    circle.description = data.description.strip()
    circle.time_zone = data.time_zone or "UTC"
    circle.joining = data.joining
    circle.save()
    AuditEvent.record(actor=acting_user, verb="circle.updated", target=circle)
    return circle


@transaction.atomic
def do_decide_circle(circle: Circle, decision: str, note: str = "", *, acting_user: User) -> Circle:
    """The secretariat opens a proposed circle (its proposer becomes its first convenor) or declines it with a reason."""
    circle = Circle.objects.select_for_update().get(pk=circle.pk)
    if circle.state != Circle.State.PROPOSED:
        raise CircleRefused(
            _("This circle was already %(state)s; it cannot be decided again.") % {"state": circle.get_state_display()}
        )
    if decision not in ("approve", "decline"):
        raise CircleRefused(_("Choose to open the circle or to decline it."))
    if decision == "decline" and not note.strip():
        raise CircleRefused(_("Write why the circle is declined: its proposer needs to know."))
    circle.state = Circle.State.ACTIVE if decision == "approve" else Circle.State.DECLINED
    circle.decided_at = timezone.now()
    circle.decision_note = note.strip()
    circle.save(update_fields=["state", "decided_at", "decision_note"])
    if decision == "approve" and circle.proposed_by is not None:
        CircleMembership.objects.create(
            circle=circle,
            user=circle.proposed_by,
            state=CircleMembership.State.ACTIVE,
            role=CircleMembership.Role.CONVENOR,
            decided_at=circle.decided_at,
        )
    AuditEvent.record(
        actor=acting_user, verb=f"circle.{'opened' if decision == 'approve' else 'declined'}", target=circle
    )
    if circle.proposed_by is not None:
        tell(
            circle.proposed_by,
            "circle_opened" if decision == "approve" else "circle_declined",
            params={"name": circle.name, "note": circle.decision_note},
            url=circle.get_absolute_url(),
        )
    return circle


# ------------------------------------------------------------- membership


def active_members(circle: Circle) -> list[User]:
    return [
        m.user
        for m in circle.memberships.filter(state=CircleMembership.State.ACTIVE, user__is_active=True).select_related(
            "user"
        )
    ]


def convenors(circle: Circle) -> list[User]:
    return [
        m.user
        for m in circle.memberships.filter(
            state=CircleMembership.State.ACTIVE, role=CircleMembership.Role.CONVENOR, user__is_active=True
        ).select_related("user")
    ]


@transaction.atomic
def do_join_circle(circle: Circle, *, acting_user: User) -> CircleMembership:
    """Join an open circle at once, or ask a circle that approves its members (its convenors are told)."""
    if circle.state != Circle.State.ACTIVE:
        raise CircleRefused(_("This circle is not open to members."))
    if circle.membership_of(acting_user) is not None:
        raise CircleRefused(_("You are already in this circle, or your request is waiting."))
    open_circle = circle.joining == Circle.Joining.OPEN
    try:
        with transaction.atomic():
            membership = CircleMembership.objects.create(
                circle=circle,
                user=acting_user,
                state=CircleMembership.State.ACTIVE if open_circle else CircleMembership.State.REQUESTED,
                decided_at=timezone.now() if open_circle else None,
            )
    except IntegrityError:
        raise CircleRefused(_("You are already in this circle, or your request is waiting.")) from None
    AuditEvent.record(
        actor=acting_user, verb="circle.joined" if open_circle else "circle.join_requested", target=circle
    )
    if not open_circle:
        tell(
            convenors(circle),
            "circle_join_request",
            params={"name": acting_user.display_name or acting_user.username, "circle": circle.name},
            url=circle.get_absolute_url(),
        )
    return membership


@transaction.atomic
def do_decide_join(membership: CircleMembership, approve: bool, *, acting_user: User) -> CircleMembership:
    membership = CircleMembership.objects.select_for_update().select_related("circle").get(pk=membership.pk)
    if membership.state != CircleMembership.State.REQUESTED:
        raise CircleRefused(_("This request was already answered."))
    membership.state = CircleMembership.State.ACTIVE if approve else CircleMembership.State.DECLINED
    membership.decided_at = timezone.now()
    membership.save(update_fields=["state", "decided_at"])
    AuditEvent.record(
        actor=acting_user, verb="circle.join_approved" if approve else "circle.join_declined", target=membership.circle
    )
    tell(
        membership.user,
        "circle_join_answered",
        params={
            "circle": membership.circle.name,
            "answer": _("approved") if approve else _("declined"),
        },
        url=membership.circle.get_absolute_url(),
    )
    return membership


@transaction.atomic
def do_leave_circle(circle: Circle, *, acting_user: User) -> CircleMembership:
    """Leave (or withdraw a request). The last convenor of a circle with other members names another first."""
    membership = circle.membership_of(acting_user)
    if membership is None:
        raise CircleRefused(_("You are not in this circle."))
    if membership.is_convenor:
        others = circle.memberships.filter(state=CircleMembership.State.ACTIVE).exclude(pk=membership.pk)
        if others.exists() and not others.filter(role=CircleMembership.Role.CONVENOR).exists():
            raise CircleRefused(
                _("You are the circle's only convenor: make another member a convenor before you leave.")
            )
    membership.state = CircleMembership.State.LEFT
    membership.decided_at = timezone.now()
    membership.save(update_fields=["state", "decided_at"])
    AuditEvent.record(actor=acting_user, verb="circle.left", target=circle)
    return membership


@transaction.atomic
def do_make_convenor(membership: CircleMembership, *, acting_user: User) -> CircleMembership:
    if membership.state != CircleMembership.State.ACTIVE:
        raise CircleRefused(_("Only an active member can convene the circle."))
    membership.role = CircleMembership.Role.CONVENOR
    membership.save(update_fields=["role"])
    AuditEvent.record(actor=acting_user, verb="circle.convenor_named", target=membership.circle)
    return membership


# ---------------------------------------------------------------- meetings


@dataclass(frozen=True)
class MeetingInput:
    starts_at: dt.datetime
    time_zone: str
    brief: Resource
    duration_minutes: int = 90
    location: str = ""
    guide: str = ""


def check_meeting(circle: Circle, data: MeetingInput) -> None:
    if circle.state != Circle.State.ACTIVE:
        raise CircleRefused(_("Meetings are scheduled once the secretariat has opened the circle."))
    if not data.brief.is_published:
        raise CircleRefused(_("Choose a published brief: members must be able to read it before the meeting."))
    if timezone.is_naive(data.starts_at):
        raise CircleRefused(_("Give the meeting's time zone."))
    if len(data.guide) > MAX_GUIDE_CHARS:
        raise CircleRefused(_("The discussion guide is too long (at most %(n)s characters).") % {"n": MAX_GUIDE_CHARS})


def meeting_when(meeting: Meeting, at: dt.datetime | None = None) -> str:
    """The meeting's time as a page shows it: in the meeting's time zone, with the zone's name."""
    local = timezone.localtime(at or meeting.starts_at, zone_named(meeting.time_zone))
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({meeting.time_zone})"


def meeting_time(meeting: Meeting, at: dt.datetime | None = None) -> ZonedTime:
    """The meeting's time as its members are told it: stored with the meeting's zone, and written out in each
    reader's language when she reads it (never in the language of whoever changed the meeting)."""
    return ZonedTime(timezone.localtime(at or meeting.starts_at, zone_named(meeting.time_zone)), meeting.time_zone)


def _others(circle: Circle, acting_user: Any) -> list[User]:
    return [u for u in active_members(circle) if u.pk != getattr(acting_user, "pk", None)]


@transaction.atomic
def do_schedule_meeting(circle: Circle, data: MeetingInput, *, acting_user: User) -> Meeting:
    check_meeting(circle, data)
    meeting = Meeting.objects.create(
        circle=circle,
        starts_at=data.starts_at,
        time_zone=data.time_zone,
        duration_minutes=data.duration_minutes,
        location=data.location.strip(),
        brief=data.brief,
        guide=data.guide.strip(),
    )
    AuditEvent.record(actor=acting_user, verb="circle.meeting_scheduled", target=meeting)
    tell(
        _others(circle, acting_user),
        "circle_meeting_scheduled",
        params={"circle": circle.name, "date": meeting_time(meeting), "brief": data.brief.title},
        url=meeting.get_absolute_url(),
    )
    return meeting


@transaction.atomic
def do_update_meeting(meeting: Meeting, data: MeetingInput, *, acting_user: User) -> Meeting:
    """Change a meeting; when its time changes, the members are told it was moved."""
    if meeting.is_cancelled:
        raise CircleRefused(_("This meeting is cancelled; schedule a new one instead."))
    check_meeting(meeting.circle, data)
    was = meeting.starts_at
    meeting.starts_at = data.starts_at
    meeting.time_zone = data.time_zone
    meeting.duration_minutes = data.duration_minutes
    meeting.location = data.location.strip()
    meeting.brief = data.brief
    meeting.guide = data.guide.strip()
    meeting.save()
    AuditEvent.record(actor=acting_user, verb="circle.meeting_updated", target=meeting)
    if was != meeting.starts_at:
        tell(
            _others(meeting.circle, acting_user),
            "circle_meeting_moved",
            params={
                "circle": meeting.circle.name,
                "was": meeting_time(meeting, was),
                "date": meeting_time(meeting),
            },
            url=meeting.get_absolute_url(),
        )
    return meeting


MAX_CANCEL_REASON_CHARS = 300


@transaction.atomic
def do_cancel_meeting(meeting: Meeting, reason: str, *, acting_user: User) -> Meeting:
    """A convenor cancels a meeting still to come, saying why; it stays in the programme, marked, and every
    other member is told."""
    reason = " ".join(reason.split())
    if meeting.is_cancelled:
        raise CircleRefused(_("This meeting is already cancelled."))
    if meeting.is_past:
        raise CircleRefused(_("A meeting that has begun cannot be cancelled."))
    if not reason:
        raise CircleRefused(_("Say why the meeting is cancelled: its members are told."))
    if len(reason) > MAX_CANCEL_REASON_CHARS:
        raise CircleRefused(_("The reason is too long (at most %(n)s characters).") % {"n": MAX_CANCEL_REASON_CHARS})
    meeting.cancelled_at = timezone.now()
    meeting.cancel_reason = reason
    meeting.save(update_fields=["cancelled_at", "cancel_reason"])
    AuditEvent.record(actor=acting_user, verb="circle.meeting_cancelled", target=meeting)
    tell(
        _others(meeting.circle, acting_user),
        "circle_meeting_cancelled",
        params={"circle": meeting.circle.name, "date": meeting_time(meeting), "reason": reason},
        url=meeting.get_absolute_url(),
    )
    return meeting


@transaction.atomic
def do_post_notes(meeting: Meeting, notes: str, *, acting_user: User) -> Meeting:
    """A convenor posts what was discussed, once the meeting has begun; members are told the first time."""
    if not meeting.is_past:
        raise CircleRefused(_("Notes are posted after the meeting has begun."))
    if not notes.strip():
        raise CircleRefused(_("Write the notes of the meeting."))
    if len(notes) > MAX_NOTES_CHARS:
        raise CircleRefused(_("The notes are too long (at most %(n)s characters).") % {"n": MAX_NOTES_CHARS})
    first = meeting.notes_posted_at is None
    meeting.notes = notes.strip()
    meeting.notes_posted_at = timezone.now()
    meeting.notes_by = acting_user
    meeting.save(update_fields=["notes", "notes_posted_at", "notes_by"])
    AuditEvent.record(actor=acting_user, verb="circle.notes_posted", target=meeting)
    if first:
        tell(
            _others(meeting.circle, acting_user),
            "circle_notes_posted",
            params={"circle": meeting.circle.name, "date": meeting_time(meeting)},
            url=meeting.get_absolute_url(),
        )
    return meeting


@transaction.atomic
def do_record_attendance(meeting: Meeting, present: Iterable[User], *, acting_user: User) -> Meeting:
    """Record who came: active members of the circle only, once the meeting has begun."""
    if not meeting.is_past:
        raise CircleRefused(_("Attendance is recorded once the meeting has begun."))
    members = {u.pk for u in active_members(meeting.circle)}
    people = list(present)
    outsiders = [u for u in people if u.pk not in members]
    if outsiders:
        raise CircleRefused(_("Only the circle's members can be marked present."))
    meeting.present.set(people)
    meeting.attendance_recorded_at = timezone.now()
    meeting.save(update_fields=["attendance_recorded_at"])
    AuditEvent.record(actor=acting_user, verb="circle.attendance_recorded", target=meeting, count=len(people))
    return meeting


# ---------------------------------------------------------------- seed


class CircleSeedRefused(ValueError):
    """A seed circle could not be loaded; the message says which and why."""


@transaction.atomic
def do_load_circles(path: Path) -> tuple[int, int]:
    """Load the seed circles by slug (one already there is kept as edited), with their programmes.

    Each meeting's brief must be a published brief; each guide must pass the content check.
    """
    from fourthp.briefs.checks import find_problems

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    created = kept = 0
    for item in data.get("circles", []):
        if Circle.objects.filter(slug=item["slug"]).exists():
            kept += 1
            continue
        jurisdiction = Jurisdiction.objects.filter(code=item["jurisdiction"]).first()
        if jurisdiction is None:
            raise CircleSeedRefused(f"{item['slug']}: no jurisdiction has the code {item['jurisdiction']}.")
        circle = Circle.objects.create(
            slug=item["slug"],
            name=item["name"],
            kind=item["kind"],
            jurisdiction=jurisdiction,
            city=item["city"],
            campus=item.get("campus", ""),
            description=item.get("description", "").strip(),
            time_zone=item.get("time_zone", "UTC"),
            joining=item.get("joining", Circle.Joining.OPEN),
            state=Circle.State.ACTIVE,
            decided_at=timezone.now(),
        )
        for entry in item.get("meetings", []):
            brief = Resource.objects.published().filter(slug=entry["brief"]).first()
            if brief is None:
                raise CircleSeedRefused(f"{item['slug']}: no published brief has the address {entry['brief']}.")
            guide = entry.get("guide", "").strip()
            problems = find_problems(guide)
            if problems:
                raise CircleSeedRefused(f"{item['slug']}: {problems[0].message}")
            zone = zone_named(circle.time_zone)
            starts_at = dt.datetime.strptime(entry["starts_at"], "%Y-%m-%d %H:%M").replace(tzinfo=zone)
            Meeting.objects.create(
                circle=circle,
                starts_at=starts_at,
                time_zone=circle.time_zone,
                duration_minutes=entry.get("duration_minutes", 90),
                location=entry.get("location", ""),
                brief=brief,
                guide=guide,
            )
        created += 1
    return created, kept
