"""Events as iCalendar (RFC 5545), for downloads, feeds and e-mail attachments.

Times are written in UTC, which every calendar application reads correctly and
shows in its owner's own zone. A UID stays the same for an event whatever the
file it comes in, so that a calendar updates the entry instead of duplicating it.
The meeting link goes into a file only when the caller says the reader may see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.site import absolute_url
from fourthp.analyzer.readers.markdown import markdown_to_plain
from fourthp.events.models import Event, EventSeries

CONTENT_TYPE = "text/calendar; charset=utf-8"
ATTACHMENT_TYPE = "text/calendar"


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "fourthp"
    return f"event-{event.pk}@{host}"


def series_uid(series: EventSeries) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "fourthp"
    return f"series-{series.pk}@{host}"


def event_url(event: Event) -> str:
    return absolute_url(event.get_absolute_url())


def one_line(text: str) -> str:
    """A title as one line: an event saved with a line break in its title (before the form folded them)
    still makes a calendar entry whose name is one line."""
    return " ".join(text.split())


def _vevent(event: Event, *, with_link: bool, waitlisted: bool = False) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", timezone.now().astimezone(dt.UTC))
    entry.add("dtstart", event.starts_at.astimezone(dt.UTC))
    entry.add("dtend", event.ends_at.astimezone(dt.UTC))
    title = one_line(event.title)
    summary = _("[Waiting list] %(title)s") % {"title": title} if waitlisted else title
    entry.add("summary", summary)
    # Calendars show DESCRIPTION as plain text: the Markdown is resolved, never shown as asterisks or backticks.
    lines = [markdown_to_plain(event.description), "", event_url(event)]
    if waitlisted:
        lines.insert(0, _("You are on the waiting list; you will be e-mailed if a seat frees up.") + "\n")
    if with_link and event.online_link:
        lines.append(_("Join online: %(link)s") % {"link": event.online_link})
    entry.add("description", "\n".join(lines).strip())
    entry.add("url", event_url(event))
    location = []
    if event.is_in_person and event.place:
        location.append(one_line(event.place))
    if with_link and event.is_online and event.online_link:
        location.append(event.online_link)
    if location:
        entry.add("location", " · ".join(location))
    if event.state == Event.State.CANCELLED:
        entry.add("status", "CANCELLED")
    elif waitlisted:
        entry.add("status", "TENTATIVE")
    else:
        entry.add("status", "CONFIRMED")
    # A later save (a new time, a cancellation) must replace the earlier copy in calendars.
    entry.add("sequence", event.sequence)
    return entry


def calendar_of(
    events: Iterable[Event],
    *,
    name: str,
    with_link: Callable[[Event], bool] = lambda event: False,
    waitlisted: Callable[[Event], bool] = lambda event: False,
    as_series: Callable[[Event], bool] = lambda event: True,
) -> bytes:
    """One calendar holding `events`; `with_link(event)` says whether its meeting link may be written."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Fourth P//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # TEXT, escaped like SUMMARY: icalendar writes an X- property it does not know as it is given,
    # so a line break in the name would end the content line early and break the file.
    calendar.add("x-wr-calname", icalendar.vText(one_line(name)))
    by_series: dict[int, list[Event]] = {}
    for event in events:
        if event.series_id is not None and event.original_starts_at is not None and as_series(event):
            by_series.setdefault(event.series_id, []).append(event)
        else:
            calendar.add_component(_vevent(event, with_link=with_link(event), waitlisted=waitlisted(event)))
    for meetings in by_series.values():
        for entry in _series_vevents(meetings, with_link=with_link, waitlisted=waitlisted):
            calendar.add_component(entry)
    return bytes(calendar.to_ical())


def _series_vevents(
    meetings: list[Event], *, with_link: Callable[[Event], bool], waitlisted: Callable[[Event], bool]
) -> list[icalendar.Event]:
    """A series once: one entry with its RRULE, an EXDATE per cancelled meeting and an override per moved one.

    The master entry takes its place, link and status from the first meeting as the rule placed it;
    a meeting moved in time keeps the series' UID and names the date it replaces (RECURRENCE-ID).
    """
    series = meetings[0].series
    assert series is not None
    meetings = sorted(meetings, key=lambda m: m.original_starts_at or m.starts_at)
    first = meetings[0]
    master = _vevent(first, with_link=with_link(first), waitlisted=waitlisted(first))
    uid = series_uid(series)
    for name in ("uid", "dtstart", "dtend", "summary", "status", "url", "sequence"):
        master.pop(name, None)
    start = series.first_starts_at.astimezone(dt.UTC)
    master.add("uid", uid)
    master.add("dtstart", start)
    master.add("dtend", start + dt.timedelta(minutes=series.duration_minutes))
    master.add("summary", one_line(series.title))
    master.add("url", absolute_url(reverse("event-series", kwargs={"series": series.pk})))
    master.add("status", "CONFIRMED")
    master.add("sequence", max(m.sequence for m in meetings))
    master.add("rrule", icalendar.vRecur.from_ical(series.rrule.strip().removeprefix("RRULE:")))
    # A cancelled meeting is left out of the public feed's events, but its date must still be struck from the rule.
    cancelled = series.meetings.filter(state=Event.State.CANCELLED).exclude(original_starts_at=None)
    for original_start in sorted(d for d in cancelled.values_list("original_starts_at", flat=True) if d is not None):
        master.add("exdate", original_start.astimezone(dt.UTC))
    entries = [master]
    for meeting in meetings:
        original = (meeting.original_starts_at or meeting.starts_at).astimezone(dt.UTC)
        if meeting.state != Event.State.CANCELLED and meeting.starts_at != meeting.original_starts_at:
            override = _vevent(meeting, with_link=with_link(meeting), waitlisted=waitlisted(meeting))
            override.pop("uid")
            override.add("uid", uid)
            override.add("recurrence-id", original)
            entries.append(override)
    return entries


def event_calendar(event: Event, *, with_link: bool, waitlisted: bool = False) -> bytes:
    return calendar_of([event], name=event.title, with_link=lambda _e: with_link, waitlisted=lambda _e: waitlisted)


def ics_filename(event: Event) -> str:
    return f"fourthp-event-{event.pk}.ics"
