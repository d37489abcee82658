"""Forms of the circle pages. A meeting's time is typed in the meeting's own time zone, as events' are."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.models import TIME_ZONE_CHOICES
from fourthp.briefs.models import Resource
from fourthp.circles.actions import MAX_GUIDE_CHARS, MAX_NOTES_CHARS
from fourthp.circles.models import Circle
from fourthp.events.forms import DATETIME_FORMAT, as_wall_clock, in_zone
from fourthp.forms import MultilineField, SingleLineField, WholeNumberField
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.lib.zones import zone_named

MAX_DESCRIPTION_CHARS = 5_000
MAX_MEETING_MINUTES = 8 * 60


class CircleFilterForm(forms.Form):
    place = JurisdictionField(
        label=_("Place"), required=False, help_text=_("A country or state by its name or code, e.g. France or US-CA.")
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("any kind")), *Circle.Kind.choices])


class CircleForm(forms.Form):
    name = SingleLineField(label=_("Name"), max_length=200, help_text=_("e.g. Lyon reading circle."))
    kind = forms.ChoiceField(label=_("Kind"), choices=Circle.Kind.choices, widget=forms.RadioSelect)
    place = JurisdictionField(label=_("Country or state"))
    city = SingleLineField(label=_("City or town"), max_length=120)
    campus = SingleLineField(
        label=_("Campus"),
        max_length=200,
        required=False,
        help_text=_("For a student chapter: the university or college."),
    )
    description = MultilineField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION_CHARS,
        required=False,
        help_text=_("Who the circle is for and how it works; Markdown."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES, initial="UTC")
    joining = forms.ChoiceField(label=_("Joining"), choices=Circle.Joining.choices, widget=forms.RadioSelect)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == Circle.Kind.CHAPTER and not (data.get("campus") or "").strip():
            self.add_error("campus", _("A student chapter belongs to a campus: name the university or college."))
        return data


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        help_text=_("In the meeting's time zone."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES)
    duration_minutes = WholeNumberField(label=_("Length in minutes"), min_value=15, max_value=MAX_MEETING_MINUTES)
    location = SingleLineField(
        label=_("Where"), max_length=300, required=False, help_text=_("A room, an address, or how to join online.")
    )
    brief = forms.ModelChoiceField(
        label=_("Brief"),
        queryset=Resource.objects.none(),
        help_text=_("The published brief the meeting discusses."),
        error_messages={"invalid_choice": _("Choose one of the published briefs listed.")},
    )
    guide = MultilineField(
        label=_("Discussion guide"),
        max_length=MAX_GUIDE_CHARS,
        required=False,
        help_text=_("Questions and reading for the meeting; Markdown."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["brief"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Resource.objects.published().filter(kind=Resource.Kind.BRIEF).order_by("title")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_at") is not None:
            data["starts_at"] = in_zone(data["starts_at"], zone_named(data.get("time_zone")))
        return data

    @staticmethod
    def initial_for(starts_at: dt.datetime, time_zone: str) -> dt.datetime | None:
        return as_wall_clock(starts_at, zone_named(time_zone))


class NotesForm(forms.Form):
    notes = MultilineField(
        label=_("Notes"),
        max_length=MAX_NOTES_CHARS,
        help_text=_("What was discussed and agreed; Markdown. Name no one who did not agree to be named."),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write the notes of the meeting.")},
    )


class CancelMeetingForm(forms.Form):
    reason = SingleLineField(
        label=_("Why is it cancelled?"),
        max_length=300,
        help_text=_("The circle's members are told, with this reason."),
        error_messages={"required": _("Say why the meeting is cancelled: its members are told.")},
    )


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple, choices=[]
    )

    def __init__(self, *args: Any, members: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = members


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Open the circle")), ("decline", _("Decline"))],
        error_messages={"required": _("Choose to open the circle or to decline it.")},
    )
    note = MultilineField(label=_("Reason (for a decline)"), max_length=2_000, required=False)
