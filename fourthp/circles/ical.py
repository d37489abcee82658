"""A circle's programme as an iCalendar file: one entry per meeting, in UTC, with the brief it discusses."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.site import absolute_url
from fourthp.analyzer.readers.markdown import markdown_to_plain
from fourthp.circles.models import Circle, Meeting
from fourthp.events.ical import one_line


def meeting_uid(meeting: Meeting) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "fourthp"
    return f"circle-meeting-{meeting.pk}@{host}"


def programme_calendar(circle: Circle, meetings: list[Meeting]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Fourth P//Circles//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", icalendar.vText(one_line(circle.name)))
    for meeting in meetings:
        entry = icalendar.Event()
        entry.add("uid", meeting_uid(meeting))
        entry.add("dtstamp", timezone.now().astimezone(dt.UTC))
        entry.add("dtstart", meeting.starts_at.astimezone(dt.UTC))
        entry.add("dtend", meeting.ends_at.astimezone(dt.UTC))
        entry.add(
            "summary",
            _("%(circle)s: %(brief)s") % {"circle": one_line(circle.name), "brief": one_line(meeting.brief.title)},
        )
        url = absolute_url(meeting.get_absolute_url())
        entry.add("description", "\n".join([markdown_to_plain(meeting.guide), "", url]).strip())
        if meeting.location:
            entry.add("location", one_line(meeting.location))
        entry.add("url", url)
        if meeting.is_cancelled:
            entry.add("status", "CANCELLED")
        calendar.add_component(entry)
    return bytes(calendar.to_ical())
