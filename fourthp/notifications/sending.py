"""The alert e-mails: each follower's due deliveries, sent as one message, each delivery once.

The deliveries are locked and marked sent in the transaction that queues the e-mail, so a second run
(a retry, a copy of the task, the sweep) waits for the first and then finds nothing left to send.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format

from fourthp.accounts.mail import notify
from fourthp.accounts.models import User
from fourthp.notifications.models import AlertSettings, Delivery
from fourthp.notifications.queries import alert_settings_of, language_of, zone_of
from fourthp.notifications.tokens import stop_path


def send_alerts(user_id: int, *, now: dt.datetime | None = None) -> int:
    """E-mail her every due, unsent alert in one message; the number of changes it listed (0: nothing sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Delivery.objects.select_for_update(of=("self",))
            .filter(user_id=user_id, sent_at__isnull=True, due_at__lte=now)
            .select_related("change")
            .order_by("change__created_at", "change__pk")
        )
        if not due:
            return 0
        Delivery.objects.filter(pk__in=[d.pk for d in due]).update(sent_at=now)
        user = User.objects.get(pk=user_id)
        if not user.is_active or not user.email:
            return 0
        language, zone = language_of(user), zone_of(user)
        with translation.override(language):
            changes = [
                {
                    "text": d.change.text,
                    "url": d.change.url,
                    "when": date_format(d.change.created_at.astimezone(zone), "DATETIME_FORMAT"),
                }
                for d in due
            ]
        digest = alert_settings_of(user).frequency != AlertSettings.Frequency.IMMEDIATE or len(changes) > 1
        notify(
            "notifications_alerts",
            [user.email],
            {
                "changes": changes,
                "digest": digest,
                "count": len(changes),
                "first": changes[0],
                "stop_path": stop_path(user.pk, "followed_change"),
            },
            language=language,
        )
    return len(due)


def send_due_alerts(*, now: dt.datetime | None = None) -> int:
    """Send every follower's due alerts: for backends that cannot schedule, or a lost queue. Messages sent."""
    now = now or timezone.now()
    users = set(Delivery.objects.filter(sent_at__isnull=True, due_at__lte=now).values_list("user_id", flat=True))
    return sum(1 for user_id in sorted(users) if send_alerts(user_id, now=now))
