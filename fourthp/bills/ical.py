"""A jurisdiction's legislative calendar as iCalendar (RFC 5545): sessions and bill actions as all-day events.

An all-day event's DTEND is the day after its last day (RFC 5545 3.6.1). UIDs stay the same across
downloads, so a subscribed calendar updates an entry instead of duplicating it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from fourthp.accounts.site import absolute_url
from fourthp.bills.queries import CalendarEntry

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def calendar_of(entries: Iterable[CalendarEntry], *, name: str) -> bytes:
    host = urlsplit(settings.SITE_URL).hostname or "fourthp"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Fourth P//Legislative calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", icalendar.vText(_one_line(name)))
    stamp = timezone.now().astimezone(dt.UTC)
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", f"{entry.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.starts_on)
        event.add("dtend", entry.ends_on + dt.timedelta(days=1))
        event.add("summary", _one_line(entry.title)[:500])
        url = absolute_url(entry.url)
        event.add("description", "\n".join(filter(None, [entry.note, url])))
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
