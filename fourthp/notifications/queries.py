"""Reads of notifications, switches and follows; each person only ever reads her own."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from fourthp.core.errors import NotFound
from fourthp.notifications.kinds import KINDS
from fourthp.notifications.models import AlertSettings, Follow, Notification, Preference

# The local hour a digest is sent at.
DIGEST_HOUR = 8


def unread_count(user: Any) -> int:
    """How many of her notifications she has not read (0 for a visitor): the number on the navigation's badge."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user).unread().count()


def notifications_of(user: Any) -> models.QuerySet[Notification]:
    """Her notifications, unread first, newest first within each."""
    return Notification.objects.filter(recipient=user).order_by(
        models.F("read_at").asc(nulls_first=True), "-created_at", "-pk"
    )


def get_notification(user: Any, pk: int) -> Notification:
    """One of her notifications; another's answers as a missing one does."""
    found = Notification.objects.filter(recipient=user, pk=pk).first()
    if found is None:
        raise NotFound("No notification has this number.")
    return found


def switches_of(user: Any) -> dict[str, Preference]:
    """Her two switches for every kind (unsaved rows, both on, for the kinds she never changed)."""
    saved = {p.kind: p for p in Preference.objects.filter(user=user)}
    return {kind: saved.get(kind) or Preference(user=user, kind=kind) for kind in KINDS}


def switch_of(user: Any, kind: str) -> Preference:
    return Preference.objects.filter(user=user, kind=kind).first() or Preference(user=user, kind=kind)


def alert_settings_of(user: Any) -> AlertSettings:
    return AlertSettings.objects.filter(user=user).first() or AlertSettings(user=user)


def language_of(user: Any) -> str:
    """The language she is written to in: her choice, else the site's default."""
    chosen = alert_settings_of(user).language
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def zone_of(user: Any) -> ZoneInfo:
    try:
        return ZoneInfo(getattr(user, "time_zone", "") or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def digest_due(frequency: str, zone: ZoneInfo, now: dt.datetime) -> dt.datetime:
    """When an alert made `now` is e-mailed: at once, at the next 08:00 in her zone, or the next Monday's."""
    if frequency == AlertSettings.Frequency.IMMEDIATE:
        return now
    local = now.astimezone(zone)
    due = local.replace(hour=DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if due <= local:
        due += dt.timedelta(days=1)
    if frequency == AlertSettings.Frequency.WEEKLY:
        due += dt.timedelta(days=(7 - due.weekday()) % 7)
    # Built in local time, so a change of the clocks keeps 08:00; stored in UTC.
    return due.replace(tzinfo=zone).astimezone(dt.UTC)


def follows_of(user: Any) -> list[Follow]:
    """What she follows, newest first (a follow of something since deleted is left out)."""
    follows = Follow.objects.filter(user=user).select_related("content_type").prefetch_related("target")
    return [f for f in follows if f.target is not None]


def is_following(user: Any, target: models.Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    content_type = ContentType.objects.get_for_model(target)
    return Follow.objects.filter(user=user, content_type=content_type, object_id=target.pk).exists()


def followers_of(target: models.Model) -> models.QuerySet[Follow]:
    content_type = ContentType.objects.get_for_model(target)
    return Follow.objects.filter(content_type=content_type, object_id=target.pk, user__is_active=True).select_related(
        "user"
    )
