"""Notifications, the switches that govern them, follows, and the changes followers are alerted to."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fourthp.notifications.kinds import KINDS, message_text

KIND_CHOICES = [(kind, spec.label) for kind, spec in KINDS.items()]


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One in-app message to one person; its text is made in her language when she reads it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        help_text=_("Who is told."),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=KIND_CHOICES, help_text=_("What it is about."))
    message = models.CharField(max_length=40, help_text=_("The key of the message's wording (the kind, or a change)."))
    params = models.JSONField(default=dict, blank=True, help_text=_("The values the message's wording names."))
    url = models.CharField(_("link"), max_length=500, blank=True, help_text=_("The page it is about."))
    created_at = models.DateTimeField(default=timezone.now, db_index=True, help_text=_("When it was made."))
    read_at = models.DateTimeField(null=True, blank=True, help_text=_("When she marked it read."))

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return message_text(self.message, self.params)


class Preference(models.Model):
    """A person's two switches for one kind of notification; without a row both are on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40, choices=KIND_CHOICES)
    in_app = models.BooleanField(_("on this site"), default=True)
    email = models.BooleanField(_("by e-mail"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notifications_one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.in_app}/{self.email}"


class AlertSettings(models.Model):
    """How often a person is e-mailed about what she follows, and in which language she is written to."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("at once, one e-mail per change")
        DAILY = "daily", _("in a daily digest")
        WEEKLY = "weekly", _("in a weekly digest (Mondays)")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_settings")
    frequency = models.CharField(
        _("e-mails about what you follow"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        blank=True,
        help_text=_("The language e-mails are written in; empty for the site's default."),
    )

    def __str__(self) -> str:
        return f"{self.frequency} ({self.language or '-'})"


class Follow(models.Model):
    """A person follows one thing: a bill, a jurisdiction, a provision, a legislator, a group or a campaign."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When she began to follow it."))

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="notifications_one_follow_per_target"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return str(self.target)


class Change(models.Model):
    """Something that happened to a followed thing; its followers are alerted once each."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    verb = models.CharField(max_length=40, help_text=_("What happened (a key of notifications.kinds.CHANGES)."))
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return message_text(self.verb, self.params)


class Delivery(models.Model):
    """One change to be e-mailed to one follower: at once or in her digest, and never twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_deliveries")
    change = models.ForeignKey(Change, on_delete=models.CASCADE, related_name="deliveries")
    due_at = models.DateTimeField(db_index=True, help_text=_("When it is to be sent."))
    sent_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was sent."))

    class Meta:
        ordering = ["due_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "change"], name="notifications_one_delivery_per_change")]

    def __str__(self) -> str:
        return f"{self.change} → {self.user}"
