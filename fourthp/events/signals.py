"""Personal data: a deleted account gives up its future seats; the download lists registrations and feeds."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from fourthp.accounts.actions import account_deleting, personal_data_requested
from fourthp.events.actions import cancel_future_registrations
from fourthp.events.models import CalendarFeed, Registration, Speaker


@receiver(account_deleting)
def release_registrations_of_deleted_account(sender: Any, user: Any, **kwargs: Any) -> None:
    """Future seats go to the waiting list; past attendance stays, anonymised with the account."""
    cancel_future_registrations(user)
    CalendarFeed.objects.filter(user=user).delete()
    # A speaker stays listed by the name she agreed to; only the link to the deleted account goes.
    Speaker.objects.filter(user=user).update(user=None)


@receiver(personal_data_requested)
def registrations_of_member(sender: Any, user: Any, **kwargs: Any) -> dict[str, Any]:
    registrations = Registration.objects.filter(user=user).select_related("event").order_by("created_at")
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "event_id": r.event_id,
                "starts_at": r.event.starts_at.isoformat(),
                "state": r.state,
                "registered_at": r.created_at.isoformat(),
                "confirmed_at": r.confirmed_at.isoformat() if r.confirmed_at else None,
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "attended": r.attended,
                "reminder_sent_at": r.reminder_sent_at.isoformat() if r.reminder_sent_at else None,
            }
            for r in registrations
        ],
        # The secret part of the address is left out: the download may be stored or forwarded.
        "calendar_feeds": [
            {"created_at": f.created_at.isoformat(), "revoked_at": f.revoked_at.isoformat() if f.revoked_at else None}
            for f in CalendarFeed.objects.filter(user=user).order_by("created_at")
        ],
        "event_talks": [
            {"event": s.event.title, "name": s.name, "affiliation": s.affiliation}
            for s in Speaker.objects.filter(user=user).select_related("event")
        ],
    }
