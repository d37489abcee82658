"""Convenings and events: what the secretariat organises, who comes, and what came of it.

An event is seen by its audience (everyone, signed-in members, or one working
group's members) once published; `fourthp.events.access.can_see_event` is the
rule and `EventQuerySet.visible_to` is the same rule as a query. Seats are taken
by confirmed registrations; once the capacity is reached newcomers join a waiting
list in the order they registered, and a freed seat goes to the first in line.
The meeting link is shown only to confirmed participants and the secretariat.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fourthp.accounts.access import has_role
from fourthp.accounts.models import TIME_ZONE_CHOICES
from fourthp.accounts.roles import Role
from fourthp.frameworks.models import Provision
from fourthp.groups.models import GroupMembership, WorkingGroup

MAX_DESCRIPTION_CHARS = 20_000
MAX_REPORT_CHARS = 10_000
MAX_ALT_TEXT_CHARS = 300
MAX_CAPTION_CHARS = 300
MAX_WITHDRAWAL_REASON_CHARS = 1_000


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user: Any) -> EventQuerySet:
        """The events `user` may see: the query twin of `can_see_event`."""
        if has_role(user, Role.SECRETARIAT):
            return self
        published = self.filter(state=Event.State.PUBLISHED)
        if not has_role(user, Role.MEMBER):
            return published.filter(audience=Event.Audience.PUBLIC)
        her_groups = GroupMembership.objects.filter(user=user, state=GroupMembership.State.ACTIVE).values("group_id")
        return published.filter(
            Q(audience__in=[Event.Audience.PUBLIC, Event.Audience.MEMBERS])
            | Q(audience=Event.Audience.GROUP, working_group__in=her_groups)
        )

    def upcoming(self) -> EventQuerySet:
        return self.filter(ends_at__gte=timezone.now())

    def past(self) -> EventQuerySet:
        return self.filter(ends_at__lt=timezone.now())


MAX_SERIES_MEETINGS = 60
MAX_MOVE_REASON_CHARS = 500
SERIES_HORIZON_DAYS = 400


class EventSeries(models.Model):
    """A recurring convening (e.g. the quarterly virtual task-force meeting).

    Its rule (an RFC 5545 RRULE) places its meetings; each meeting is an Event
    linked to the series, generated up to a horizon, so capacity, registration
    and reports work per meeting as for any event. Calendars get the series once,
    with its rule; a moved meeting is an override (RECURRENCE-ID) and a cancelled
    one an exception (EXDATE).
    """

    title = models.CharField(_("title"), max_length=200, help_text=_("What the series is called."))
    description = models.TextField(
        _("description"), max_length=MAX_DESCRIPTION_CHARS, help_text=_("What the meetings are for; Markdown.")
    )
    rrule = models.CharField(
        _("recurrence rule"),
        max_length=300,
        help_text=_("How the meetings repeat, as an iCalendar rule, e.g. FREQ=MONTHLY;INTERVAL=3;COUNT=8."),
    )
    first_starts_at = models.DateTimeField(_("first meeting starts at"), help_text=_("When the first meeting begins."))
    duration_minutes = models.PositiveIntegerField(
        _("length in minutes"), validators=[MinValueValidator(1)], help_text=_("How long each meeting lasts.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who created the series."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the series was created."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["first_starts_at"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.title


class SeriesRegistration(models.Model):
    """One registration for every meeting of a series: she is registered for each meeting as it is made."""

    series = models.ForeignKey(
        EventSeries, on_delete=models.CASCADE, related_name="registrations", help_text=_("The series.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="series_registrations",
        help_text=_("Who registered."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When she registered for the series."))
    cancelled_at = models.DateTimeField(null=True, blank=True, help_text=_("When she left the series."))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("series registration")
        verbose_name_plural = _("series registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "user"],
                condition=Q(cancelled_at__isnull=True),
                name="one_active_registration_per_user_and_series",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.series}"


class Event(models.Model):
    class Kind(models.TextChoices):
        VIRTUAL = "virtual", _("virtual")
        IN_PERSON = "in_person", _("in person")
        HYBRID = "hybrid", _("hybrid")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("everyone")
        MEMBERS = "members", _("signed-in members")
        GROUP = "group", _("one working group")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(_("title"), max_length=200, help_text=_("What the event is called."))
    description = models.TextField(
        _("description"),
        max_length=MAX_DESCRIPTION_CHARS,
        help_text=_("What the event is about and who it is for; Markdown."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.VIRTUAL,
        help_text=_("Online, in a room, or both."),
    )
    starts_at = models.DateTimeField(_("starts at"), help_text=_("When the event begins (stored in UTC)."))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("When the event ends; after it begins."))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("The time zone the event is organised in, shown beside the reader's own."),
    )
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("Where it happens: venue and address (in-person and hybrid events)."),
    )
    online_link = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_("The meeting link (virtual and hybrid events); shown only to confirmed participants."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many seats; empty for no limit. Beyond it, people join the waiting list."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("The last moment to register; empty means until the event begins."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_("Who may see the event and register for it."),
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("working group"),
        help_text=_("The working group the event belongs to; required when the audience is one group."),
    )
    provisions = models.ManyToManyField(
        Provision,
        blank=True,
        related_name="events",
        verbose_name=_("related provisions"),
        help_text=_("Framework provisions the event discusses."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=State.choices,
        default=State.DRAFT,
        help_text=_("A draft is seen by the secretariat only; a cancelled event is no longer listed."),
    )
    report = models.TextField(
        _("report"),
        blank=True,
        max_length=MAX_REPORT_CHARS,
        help_text=_("A short public account of the event, written after it; Markdown."),
    )
    report_published_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the report was published; empty while it is a draft.")
    )
    sequence = models.PositiveIntegerField(
        default=0,
        help_text=_("Revision of the calendar entry, raised when the time, place or state changes (RFC 5545)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who created the event."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the event was created."))

    series = models.ForeignKey(
        EventSeries,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("series"),
        help_text=_("The recurring series this meeting belongs to, if any."),
    )
    original_starts_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Where the series' rule placed this meeting (its RECURRENCE-ID), kept when it is moved."),
    )

    history = HistoricalRecords()
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity"),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True) | Q(registration_deadline__lte=models.F("starts_at")),
                name="event_deadline_before_start",
            ),
            models.CheckConstraint(
                condition=~Q(audience="group") | Q(working_group__isnull=False), name="event_group_audience"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("event-detail", kwargs={"event": self.pk})

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it begins.")
        if self.registration_deadline and self.starts_at and self.registration_deadline > self.starts_at:
            errors["registration_deadline"] = _("Registration must close before the event begins, or when it begins.")
        if self.audience == self.Audience.GROUP and self.working_group_id is None:
            errors["working_group"] = _("Choose the working group whose members the event is for.")
        if self.kind in (self.Kind.IN_PERSON, self.Kind.HYBRID) and not self.place.strip():
            errors["place"] = _("Say where an in-person or hybrid event takes place.")
        if self.kind in (self.Kind.VIRTUAL, self.Kind.HYBRID) and not self.online_link.strip():
            errors["online_link"] = _("Give the meeting link of a virtual or hybrid event.")
        if errors:
            raise ValidationError(errors)

    @property
    def closes_at(self) -> Any:
        """When registration closes: the deadline, or the start of the event."""
        return self.registration_deadline or self.starts_at

    @property
    def registration_open(self) -> bool:
        return self.state == self.State.PUBLISHED and timezone.now() <= self.closes_at

    @property
    def has_begun(self) -> bool:
        return timezone.now() >= self.starts_at

    @property
    def has_ended(self) -> bool:
        return timezone.now() >= self.ends_at

    @property
    def is_online(self) -> bool:
        return self.kind in (self.Kind.VIRTUAL, self.Kind.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.kind in (self.Kind.IN_PERSON, self.Kind.HYBRID)

    @property
    def report_is_published(self) -> bool:
        return self.report_published_at is not None and bool(self.report.strip())


class AgendaItem(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="agenda_items", help_text=_("The event it is part of.")
    )
    order = models.PositiveIntegerField(_("order"), default=0, help_text=_("Position in the agenda, from 0."))
    starts_at = models.DateTimeField(
        _("starts at"), null=True, blank=True, help_text=_("When this item begins, if it has a set time.")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("What this part of the event is."))
    description = models.TextField(_("description"), blank=True, max_length=2_000, help_text=_("More about it."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "order", "starts_at", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Speaker(models.Model):
    """A speaker, listed publicly by the name the secretariat typed, once she has agreed to be listed."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="speakers", help_text=_("The event she speaks at.")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("The name to list, as the speaker agreed."))
    affiliation = models.CharField(
        _("affiliation"), max_length=200, blank=True, help_text=_("Her legislature, organisation or role.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_talks",
        verbose_name=_("account"),
        help_text=_("Her account on the platform, if she has one."),
    )
    agreed_to_be_listed = models.BooleanField(
        _("agreed to be listed"),
        default=False,
        help_text=_("Ticked by the secretariat once the speaker has agreed to be listed publicly by this name."),
    )
    order = models.PositiveIntegerField(_("order"), default=0, help_text=_("Position in the list of speakers."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(state=Registration.State.CONFIRMED)

    def waitlisted(self) -> RegistrationQuerySet:
        """The waiting list, first in line first."""
        return self.filter(state=Registration.State.WAITLISTED).order_by("created_at", "pk")

    def active(self) -> RegistrationQuerySet:
        return self.exclude(state=Registration.State.CANCELLED)


class Registration(models.Model):
    class State(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", help_text=_("The event registered for.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        help_text=_("Who registered."),
    )
    state = models.CharField(
        max_length=10, choices=State.choices, help_text=_("Holding a seat, waiting for one, or cancelled.")
    )
    created_at = models.DateTimeField(
        default=timezone.now, help_text=_("When she registered; the waiting list is in this order.")
    )
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text=_("When she got a seat."))
    cancelled_at = models.DateTimeField(null=True, blank=True, help_text=_("When the registration was cancelled."))
    attended = models.BooleanField(
        null=True, blank=True, help_text=_("Marked by the secretariat after the event; empty until marked.")
    )
    reminder_sent_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the reminder e-mail was sent; it is sent once.")
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(state="cancelled"),
                name="one_active_registration_per_user_and_event",
            )
        ]
        indexes = [models.Index(fields=["event", "state", "created_at"], name="registration_queue")]

    def __str__(self) -> str:
        return f"{self.user} at {self.event} ({self.state})"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet["CalendarFeed"]):
    def active(self) -> CalendarFeedQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class CalendarFeed(models.Model):
    """A secret address a calendar app reads her events from (calendar apps cannot sign in)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        help_text=_("Whose registrations the feed lists."),
    )
    token = models.CharField(
        max_length=64,
        unique=True,
        default=new_feed_token,
        help_text=_("The secret part of the feed's address (43 URL-safe characters)."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the address was made."))
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the address was revoked; a revoked address answers 404.")
    )

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="one_active_calendar_feed_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"calendar feed of {self.user} ({self.created_at:%Y-%m-%d})"


class EventPhotoQuerySet(models.QuerySet["EventPhoto"]):
    def public(self) -> EventPhotoQuerySet:
        """Shown beyond the secretariat: consent of those shown recorded, not withdrawn, of a published event."""
        return self.filter(
            consent_recorded_at__isnull=False, withdrawn_at__isnull=True, event__state=Event.State.PUBLISHED
        )

    def visible_to(self, user: Any) -> EventPhotoQuerySet:
        """The photos `user` may see: the secretariat all of them, others the public ones of events they see."""
        if has_role(user, Role.SECRETARIAT):
            return self
        return self.public().filter(event__in=Event.objects.visible_to(user))


class EventPhoto(models.Model):
    """A photo of a convening, for its archive: shown only once the consent of everyone recognisable is recorded.

    The uploaded image is read and written again by Pillow (fourthp.events.photos), so what is stored holds no
    EXIF or GPS metadata; a small copy serves narrow screens. A photo is withdrawn, at once and for good, when a
    person in it asks; the files are served only through a view that checks `can_see_photo`.
    """

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="photos", help_text=_("The convening it was taken at.")
    )
    image = models.FileField(
        upload_to="event-photos/%Y/%m/", max_length=255, help_text=_("The photo as stored, without its metadata.")
    )
    small = models.FileField(
        upload_to="event-photos/%Y/%m/",
        max_length=255,
        help_text=_("A copy at most PHOTO_SMALL_WIDTH pixels wide, for narrow screens."),
    )
    width = models.PositiveIntegerField(help_text=_("Width of the stored photo, in pixels."))
    height = models.PositiveIntegerField(help_text=_("Height of the stored photo, in pixels."))
    alt_text = models.CharField(
        _("text alternative"),
        max_length=MAX_ALT_TEXT_CHARS,
        help_text=_("What the photo shows, for those who cannot see it."),
    )
    caption = models.CharField(
        _("caption"), max_length=MAX_CAPTION_CHARS, help_text=_("Shown under the photo: who, what, where.")
    )
    consent_recorded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "When the secretariat recorded that everyone recognisable agreed to publication; empty: never shown."
        ),
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who recorded the consent."),
    )
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the photo was withdrawn at a person's request; hidden from then on.")
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who withdrew it."),
    )
    withdrawal_reason = models.TextField(
        _("reason"), blank=True, max_length=MAX_WITHDRAWAL_REASON_CHARS, help_text=_("Why it was withdrawn.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who uploaded it."),
    )
    uploaded_at = models.DateTimeField(default=timezone.now, help_text=_("When it was uploaded."))

    objects = EventPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["event", "uploaded_at", "pk"]
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")

    def __str__(self) -> str:
        return self.caption

    @property
    def is_public(self) -> bool:
        return (
            self.consent_recorded_at is not None
            and self.withdrawn_at is None
            and self.event.state == Event.State.PUBLISHED
        )

    def file_url(self, size: str = "full") -> str:
        return reverse("event-photo-file", kwargs={"photo": self.pk, "size": size})
