"""Her notifications, switches and follows in her data download; all of them go when her account is deleted."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from fourthp.accounts.actions import account_deleting, personal_data_requested
from fourthp.notifications.models import AlertSettings, Delivery, Follow, Notification, Preference


@receiver(personal_data_requested)
def notifications_of_member(sender: Any, user: Any, **kwargs: Any) -> dict[str, Any]:
    return {
        "notifications": [
            {"kind": n.kind, "text": n.text, "url": n.url, "created_at": n.created_at.isoformat()}
            for n in Notification.objects.filter(recipient=user)
        ],
        "follows": [
            {"type": f.content_type.model, "id": f.object_id, "since": f.created_at.isoformat()}
            for f in Follow.objects.filter(user=user).select_related("content_type")
        ],
        "notification_switches": {
            p.kind: {"in_app": p.in_app, "email": p.email} for p in Preference.objects.filter(user=user)
        },
    }


@receiver(account_deleting)
def forget_notifications(sender: Any, user: Any, **kwargs: Any) -> None:
    """Nobody else relies on them: they are deleted, not kept."""
    for model in (Notification, Follow, Preference, AlertSettings, Delivery):
        field = "recipient" if model is Notification else "user"
        model.objects.filter(**{field: user}).delete()
