"""What the platform tells people about: each kind of notification and each kind of change to a followed thing.

A notification stores its kind, a message key and the message's parameters, never its text: the text is
made when it is read (`message_text`), with gettext in the reader's language, so one row reads in English
on the page of a member who reads English and in French in the e-mail to one who reads French.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import formats, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    label: Promise  # what the switch on the preferences page says
    message: Promise  # the one-line message, with %(name)s parameters


KINDS: dict[str, Kind] = {
    "membership_application": Kind(
        _("A legislator applies for membership"), _("%(name)s applied for membership as a legislator.")
    ),
    "assessment_request": Kind(
        _("A member asks for an assessment or suggests a statute"), _("A member asked about %(jurisdiction)s.")
    ),
    "assessment_submitted": Kind(
        _("An assessment is submitted for review"),
        _("An assessment of %(provision)s in %(jurisdiction)s is waiting for review."),
    ),
    "assessment_returned": Kind(
        _("Your assessment is returned to you"),
        _("Your assessment of %(provision)s in %(jurisdiction)s was returned: %(comment)s"),
    ),
    "assessment_published": Kind(
        _("Your assessment is approved and published"),
        _("Your assessment of %(provision)s in %(jurisdiction)s was approved and published."),
    ),
    "group_join_request": Kind(
        _("Someone asks to join a group you lead"), _("%(name)s asks to join the working group %(group)s.")
    ),
    "draft_comment": Kind(
        _("Someone comments on a draft bill you wrote or your group works on"),
        _("%(name)s commented on section %(section)s of %(draft)s."),
    ),
    "followed_change": Kind(_("Something you follow changes"), _("%(target)s changed.")),
    "series_meeting_changed": Kind(
        _("A meeting of a series you registered for is moved or cancelled"),
        _("%(series)s: the meeting of %(date)s is %(change)s."),
    ),
    "circle_proposed": Kind(
        _("A member proposes a local circle or student chapter"),
        _("%(name)s (%(place)s) is proposed as a circle and waits for the secretariat."),
    ),
    "circle_opened": Kind(_("The circle you proposed is opened"), _("%(name)s is open: you are its convenor.")),
    "circle_declined": Kind(_("The circle you proposed is declined"), _("%(name)s was not opened: %(note)s")),
    "circle_join_request": Kind(_("Someone asks to join a circle you convene"), _("%(name)s asks to join %(circle)s.")),
    "circle_join_answered": Kind(
        _("Your request to join a circle is answered"), _("Your request to join %(circle)s was %(answer)s.")
    ),
    "circle_meeting_scheduled": Kind(
        _("A circle you are in schedules a meeting"), _("%(circle)s meets on %(date)s to discuss %(brief)s.")
    ),
    "circle_meeting_moved": Kind(
        _("A meeting of a circle you are in is moved"), _("%(circle)s: the meeting of %(was)s is moved to %(date)s.")
    ),
    "circle_meeting_cancelled": Kind(
        _("A meeting of a circle you are in is cancelled"),
        _("%(circle)s: the meeting of %(date)s is cancelled (%(reason)s)."),
    ),
    "circle_notes_posted": Kind(
        _("Notes of a circle meeting are posted"), _("%(circle)s: the notes of the meeting of %(date)s are posted.")
    ),
}

# The changes a follower is alerted to, by the `verb` of a Change.
CHANGES: dict[str, Promise] = {
    "bill_version": _("%(target)s has a new version: %(label)s."),
    "bill_version_gaps": _(
        "%(target)s has a new version: %(label)s. Gaps of the report card the analyzer finds it touching: %(gaps)s."
    ),
    "bill_action": _("%(target)s: %(description)s"),
    "bill_status": _("%(target)s is now %(status)s."),
    "jurisdiction_assessment": _("%(target)s has a newly published assessment of %(provision)s."),
    "jurisdiction_bill": _("%(target)s has a new bill: %(bill)s."),
    "legislator_bill": _("%(target)s sponsors a new bill: %(bill)s."),
    "provision_finding": _("The finding on %(target)s changed in %(jurisdiction)s: %(status)s."),
    "group_announcement": _("%(target)s posted an announcement: %(title)s."),
    "group_output": _("%(target)s published %(title)s."),
    "campaign_opened": _("%(target)s is open for signatures."),
    "campaign_closed": _("%(target)s is closed to signatures."),
    "campaign_delivered": _("%(target)s was delivered."),
}


# Parameters stored as the source-language label of a choice (a status), translated when read.
TRANSLATED_PARAMS = frozenset({"status"})

# Messages a kind may use instead of its own one-line message (`tell(..., message=...)`): the same switch, other
# words, so that each variant is a whole sentence translated as one.
MESSAGES: dict[str, Promise] = {
    "series_meeting_moved": _("%(series)s: the meeting of %(date)s is moved to %(new_date)s."),
    "series_meeting_moved_reason": _("%(series)s: the meeting of %(date)s is moved to %(new_date)s (%(reason)s)."),
    "series_meeting_cancelled": _("%(series)s: the meeting of %(date)s is cancelled."),
    "series_meeting_cancelled_reason": _("%(series)s: the meeting of %(date)s is cancelled (%(reason)s)."),
}


def _stored_datetime(value: str) -> dt.datetime | None:
    """A parameter stored from an aware datetime (ISO 8601 with its offset), else None."""
    if len(value) < 25 or value[4:5] != "-" or value[10:11] != "T":
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


@dataclass(frozen=True)
class ZonedTime:
    """A parameter that is a time in a named zone (a meeting's): stored as ISO 8601 with the zone's name, read
    as a date and time in the reader's language's format at that zone, with the zone named."""

    at: dt.datetime
    zone: str


_ZONED = re.compile(r"^(\S{25,}) \[([A-Za-z0-9_+\-/]{1,64})\]$")


def _read(key: str, value: Any) -> Any:
    """A stored parameter as the reader reads it: a status in her language, a date and time in her language's
    format (at the offset it was stored with: the event's own time zone)."""
    if not isinstance(value, str) or not value:
        return value
    if key in TRANSLATED_PARAMS:
        return gettext(value)
    zoned = _ZONED.match(value)
    if zoned and (when := _stored_datetime(zoned.group(1))) is not None:
        return f"{formats.date_format(when, 'DATETIME_FORMAT')} ({zoned.group(2)})"
    when = _stored_datetime(value)
    if when is not None:
        return formats.date_format(when, "DATETIME_FORMAT")
    return value


def stored_params(params: dict[str, Any] | None) -> dict[str, str]:
    """Parameters as stored: each value a string; a lazily translated label (a choice's `.label`) in the source
    language, so that `message_text` can give it in the reader's language rather than the writer's."""
    stored = {}
    for key, value in (params or {}).items():
        if isinstance(value, ZonedTime):
            stored[key] = f"{value.at.isoformat()} [{value.zone}]"
        elif isinstance(value, dt.datetime) and value.tzinfo is not None:
            stored[key] = value.isoformat()
        elif isinstance(value, Promise):
            with translation.override(settings.LANGUAGE_CODE):
                stored[key] = str(value)
        else:
            stored[key] = str(value)
    return stored


def message_text(message: str, params: dict[str, Any]) -> str:
    """The message in the active language; an unknown key (a kind since removed) reads as its parameters."""
    template = KINDS[message].message if message in KINDS else CHANGES.get(message) or MESSAGES.get(message)
    if template is None:
        return str(params.get("target", ""))
    values = {key: _read(key, value) for key, value in params.items()}
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(params.get("target", ""))
