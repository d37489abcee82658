"""Local circles and student chapters: small groups that read a published brief at each meeting over a year.

A circle is proposed by a member and opened by the secretariat, because it meets under the project's
name; until then only its proposer and the secretariat know of it. Who is in a circle, and who convenes
it, is a per-object role (an active `CircleMembership`, its `role` member or convenor), checked by the
`access_circle_*` helpers in `fourthp.circles.access` like every other rule.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fourthp.accounts.models import TIME_ZONE_CHOICES
from fourthp.briefs.models import Resource
from fourthp.jurisdictions.models import Jurisdiction


def no_circle_message(slug: str) -> str:
    """The words of a missing circle, also said of one the reader may not know of."""
    from django.utils.translation import gettext

    return gettext("There is no circle at the address %(slug)s.") % {"slug": slug}


class CircleQuerySet(models.QuerySet["Circle"]):
    def active(self) -> CircleQuerySet:
        return self.filter(state=Circle.State.ACTIVE)

    def proposed(self) -> CircleQuerySet:
        return self.filter(state=Circle.State.PROPOSED)


class Circle(models.Model):
    class Kind(models.TextChoices):
        LOCAL = "local", _("local circle")
        CHAPTER = "chapter", _("student chapter")

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACTIVE = "active", _("active")
        DECLINED = "declined", _("declined")
        CLOSED = "closed", _("closed")

    class Joining(models.TextChoices):
        OPEN = "open", _("open: members join at once")
        APPROVAL = "approval", _("on approval by a convenor")

    slug = models.SlugField(max_length=80, unique=True, help_text=_("Stable name in the address, e.g. lyon-circle."))
    name = models.CharField(_("name"), max_length=200, help_text=_("What the circle is called."))
    kind = models.CharField(
        _("kind"),
        max_length=8,
        choices=Kind.choices,
        default=Kind.LOCAL,
        help_text=_("A local circle or a student chapter."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Who the circle is for and how it works; Markdown.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="circles",
        verbose_name=_("place"),
        help_text=_("The country or state the circle meets in."),
    )
    city = models.CharField(_("city or town"), max_length=120, help_text=_("Where the circle meets, e.g. Lyon."))
    campus = models.CharField(
        _("campus"),
        max_length=200,
        blank=True,
        help_text=_("For a student chapter, the university or college, e.g. Université Lumière Lyon 2."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("The time zone its meetings are given in."),
    )
    joining = models.CharField(
        _("joining"),
        max_length=8,
        choices=Joining.choices,
        default=Joining.OPEN,
        help_text=_("Whether a member joins at once or a convenor approves her request."),
    )
    state = models.CharField(
        _("state"),
        max_length=8,
        choices=State.choices,
        default=State.PROPOSED,
        help_text=_("Where the proposal stands."),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The member who proposed it (empty once her account is deleted)."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When it was proposed."))
    decided_at = models.DateTimeField(null=True, blank=True, help_text=_("When the secretariat answered the proposal."))
    decision_note = models.TextField(blank=True, help_text=_("Why the secretariat declined it, if it did."))

    history = HistoricalRecords()
    objects = CircleQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("circle")
        verbose_name_plural = _("circles")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        name = "chapter-detail" if self.kind == self.Kind.CHAPTER else "circle-detail"
        return reverse(name, kwargs={"circle": self.slug})

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def is_chapter(self) -> bool:
        return self.kind == self.Kind.CHAPTER

    def membership_of(self, user: Any) -> CircleMembership | None:
        if not getattr(user, "is_authenticated", False):
            return None
        return self.memberships.filter(user=user, state__in=CircleMembership.OPEN_STATES).first()


class CircleMembership(models.Model):
    """A person's place in a circle: asked, active, declined or left; an active one is a member or a convenor."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACTIVE = "active", _("member")
        DECLINED = "declined", _("declined")
        LEFT = "left", _("left")

    class Role(models.TextChoices):
        MEMBER = "member", _("member")
        CONVENOR = "convenor", _("convenor")

    OPEN_STATES = ("requested", "active")

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_memberships")
    state = models.CharField(max_length=10, choices=State.choices, default=State.REQUESTED)
    role = models.CharField(
        max_length=10, choices=Role.choices, default=Role.MEMBER, help_text=_("A convenor runs the programme.")
    )
    requested_at = models.DateTimeField(default=timezone.now, help_text=_("When she joined or asked to."))
    decided_at = models.DateTimeField(null=True, blank=True, help_text=_("When the request was answered or she left."))

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "user"],
                condition=Q(state__in=["requested", "active"]),
                name="one_open_membership_per_circle",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.circle} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def is_convenor(self) -> bool:
        return self.is_active and self.role == self.Role.CONVENOR


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self) -> MeetingQuerySet:
        """The meetings still to come, cancelled ones left out."""
        return self.filter(starts_at__gte=timezone.now(), cancelled_at__isnull=True).order_by("starts_at")


class Meeting(models.Model):
    """One meeting of a circle's programme: when, the published brief it discusses, its guide and its notes."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"), help_text=_("When it starts (stored in UTC)."))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("The time zone its time is given in."),
    )
    duration_minutes = models.PositiveIntegerField(
        _("length in minutes"), default=90, help_text=_("How long it lasts.")
    )
    location = models.CharField(
        _("where"), max_length=300, blank=True, help_text=_("A room, an address or 'online: link sent to members'.")
    )
    brief = models.ForeignKey(
        Resource,
        on_delete=models.PROTECT,
        related_name="circle_meetings",
        verbose_name=_("brief"),
        help_text=_("The published brief the meeting discusses."),
    )
    guide = models.TextField(
        _("discussion guide"), blank=True, help_text=_("Questions and reading for the meeting; Markdown.")
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("What was discussed, posted by a convenor; Markdown."))
    cancelled_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a convenor cancelled the meeting; it stays in the programme, marked.")
    )
    cancel_reason = models.CharField(
        _("reason"), max_length=300, blank=True, help_text=_("Why the meeting is cancelled, as its members are told.")
    )
    notes_posted_at = models.DateTimeField(null=True, blank=True, help_text=_("When the notes were last posted."))
    notes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who posted the notes (empty once her account is deleted)."),
    )
    present = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="circle_meetings_attended",
        help_text=_("The members who came, recorded by a convenor."),
    )
    attendance_recorded_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the attendance was last recorded.")
    )

    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("circle meeting")
        verbose_name_plural = _("circle meetings")

    def __str__(self) -> str:
        return f"{self.circle}: {self.brief}"

    def get_absolute_url(self) -> str:
        return reverse("circle-meeting", kwargs={"circle": self.circle.slug, "meeting": self.pk})

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_minutes)

    @property
    def is_past(self) -> bool:
        return bool(self.starts_at < timezone.now())

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None
