"""E-mails about an event to one participant, in her own time zone, with the event as .ics when asked."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.utils import timezone

from fourthp.accounts.mail import notify
from fourthp.events.ical import ATTACHMENT_TYPE, event_calendar, ics_filename
from fourthp.events.models import Event
from fourthp.lib.zones import zone_named


def zone_of(user: Any) -> zoneinfo.ZoneInfo:
    return zone_named(getattr(user, "time_zone", ""))


def tell(user: Any, name: str, event: Event, *, with_ics: bool = False, with_link: bool = True, **context: Any) -> None:
    """E-mail `emails/<name>.txt` to `user` about `event`, times in her own zone.

    The .ics attachment carries the meeting link unless `with_link` is off: only
    messages to someone holding a seat (confirmation, seat offered, reminder) attach it with the link.
    """
    if not getattr(user, "is_active", False) or not user.email:
        return
    attachments = []
    if with_ics:
        ics = event_calendar(event, with_link=with_link).decode()
        attachments.append((ics_filename(event), ics, ATTACHMENT_TYPE))
    with timezone.override(zone_of(user)):
        notify(
            name,
            [user.email],
            {"event": event, "name": user.display_name or user.username, **context},
            attachments=attachments,
        )
