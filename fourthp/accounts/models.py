from __future__ import annotations

import hashlib
import secrets
from typing import Any
from zoneinfo import available_timezones

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.roles import Role

TIME_ZONE_CHOICES = sorted((tz, tz) for tz in available_timezones())


class UserManager(DjangoUserManager["User"]):
    use_in_migrations = True

    def secretariat(self) -> models.QuerySet[User]:
        """The active accounts that run the secretariat: by the role's group, or as a superuser.

        The query twin of `has_role(user, Role.SECRETARIAT)` (`fourthp.accounts.access`)."""
        return (
            self.filter(is_active=True)
            .filter(models.Q(groups__name=Role.SECRETARIAT.value) | models.Q(is_superuser=True))
            .distinct()
        )

    def secretariat_addresses(self) -> list[str]:
        """The e-mail addresses of the secretariat, sorted, each once (an anonymised account has none)."""
        return sorted({email for email in self.secretariat().values_list("email", flat=True) if email})


class User(AbstractUser):
    # Sign-in is by e-mail: `createsuperuser` and the admin refuse an account without one.
    # (An account deleted by its owner keeps an empty address; it can no longer sign in.)
    email = models.EmailField(_("email address"), blank=False)
    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_("How the person is named on the platform; the e-mail address is never shown."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TIME_ZONE_CHOICES,
        default="UTC",
        help_text=_("Dates and times are shown in this zone."),
    )
    anonymised_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Set when the account was deleted and its personal data removed."),
    )

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email or self.username


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A token a user creates to call the API; only its SHA-256 hash is stored."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text=_("The account the token acts for."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("A label to recognise the token, e.g. 'laptop script'.")
    )
    prefix = models.CharField(
        max_length=PREFIX_LENGTH,
        db_index=True,
        help_text=_("The first characters of the token, shown so its owner can tell tokens apart."),
    )
    token_hash = models.CharField(
        max_length=64, unique=True, help_text=_("SHA-256 of the token; the token itself is never stored.")
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When it was created."))
    last_used_at = models.DateTimeField(null=True, blank=True, help_text=_("When it last authenticated a request."))
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When it was revoked; a revoked token is refused.")
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def generate() -> str:
        return "fp_" + secrets.token_urlsafe(32)


class AuditEvent(models.Model):
    """One row per significant write: who did what to which object, and when."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who acted; empty for the system or a deleted account."),
    )
    actor_label = models.CharField(
        max_length=150,
        blank=True,
        help_text=_("The actor's display name when the event was recorded; cleared on account deletion."),
    )
    verb = models.CharField(max_length=80, db_index=True, help_text=_("What happened, e.g. 'instrument.imported'."))
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, help_text=_("Kind of object acted on.")
    )
    target_id = models.CharField(max_length=64, blank=True, help_text=_("Primary key of the object acted on."))
    target_label = models.CharField(max_length=255, blank=True, help_text=_("The object's name at the time."))
    data = models.JSONField(default=dict, blank=True, help_text=_("Details of the change."))
    created_at = models.DateTimeField(default=timezone.now, db_index=True, help_text=_("When it happened."))

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label or 'system'} {self.verb} {self.target_label}"

    @classmethod
    def record(
        cls,
        *,
        actor: Any,
        verb: str,
        target: models.Model | None = None,
        **data: Any,
    ) -> AuditEvent:
        real_actor = actor if getattr(actor, "is_authenticated", False) else None
        return cls.objects.create(
            actor=real_actor,
            actor_label=str(real_actor) if real_actor else "",
            verb=verb,
            target_type=ContentType.objects.get_for_model(target) if target is not None else None,
            target_id=str(target.pk) if target is not None else "",
            target_label=str(target)[:255] if target is not None else "",
            data=data,
        )
