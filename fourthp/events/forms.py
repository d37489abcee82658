"""Forms of the secretariat's event pages.

Times are typed in the event's own time zone (the organisers think in it), not
in the typist's: `in_zone` re-reads the wall-clock time the form received.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.models import TIME_ZONE_CHOICES
from fourthp.briefs.models import MAX_REASON_CHARS
from fourthp.events.actions import EVENT_FIELDS, AgendaItemInput, EventInput, SpeakerInput
from fourthp.events.models import (
    MAX_ALT_TEXT_CHARS,
    MAX_CAPTION_CHARS,
    MAX_DESCRIPTION_CHARS,
    MAX_MOVE_REASON_CHARS,
    MAX_REPORT_CHARS,
    MAX_SERIES_MEETINGS,
    MAX_WITHDRAWAL_REASON_CHARS,
    AgendaItem,
    Event,
    Speaker,
)
from fourthp.events.photos import Photo, PhotoRefused, read_photo
from fourthp.forms import MultilineField, SingleLineField, WholeNumberField
from fourthp.frameworks.models import Provision
from fourthp.groups.models import WorkingGroup
from fourthp.lib.zones import zone_named

MAX_AGENDA_ITEMS = 50
MAX_SPEAKERS = 30
MAX_CAPACITY = 10_000
MAX_ORDER = 999
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def in_zone(value: dt.datetime | None, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """The same wall-clock time, read in `zone` instead of the active time zone."""
    if value is None:
        return None
    return timezone.make_aware(timezone.make_naive(value), zone)


def as_wall_clock(value: dt.datetime | None, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    return None if value is None else timezone.localtime(value, zone).replace(tzinfo=None)


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


def _whole_number(model: type[models.Model], name: str, *, min_value: int, max_value: int) -> WholeNumberField:
    """The model's number field with explicit bounds, labelled and explained as the model says."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return WholeNumberField(
        label=capfirst(field.verbose_name),
        help_text=field.help_text,
        required=not field.blank,
        initial=field.default if field.has_default() else None,
        min_value=min_value,
        max_value=max_value,
    )


class ProvisionChoice(forms.ModelMultipleChoiceField[Provision]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.slug} — {obj.title} ({obj.framework})"


class EventForm(forms.ModelForm[Event]):
    ZONED = ("starts_at", "ends_at", "registration_deadline")

    provisions = ProvisionChoice(
        queryset=Provision.objects.select_related("framework").order_by(
            "framework__slug", "-framework__version", "order"
        ),
        required=False,
        label=_("Related provisions"),
        help_text=_("Framework provisions the event discusses."),
    )

    online_link = forms.URLField(
        assume_scheme="https",
        required=False,
        max_length=500,
        label=_("Online link"),
        help_text=_("The meeting link (virtual and hybrid events); shown only to confirmed participants."),
    )
    capacity = _whole_number(Event, "capacity", min_value=1, max_value=MAX_CAPACITY)

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "kind",
            "starts_at",
            "ends_at",
            "time_zone",
            "registration_deadline",
            "place",
            "online_link",
            "capacity",
            "audience",
            "working_group",
            "provisions",
            "state",
        ]
        field_classes = {"title": SingleLineField, "place": SingleLineField, "description": MultilineField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "starts_at": _datetime_widget(),
            "ends_at": _datetime_widget(),
            "registration_deadline": _datetime_widget(),
        }
        help_texts = {
            "starts_at": _("In the event's time zone."),
            "ends_at": _("In the event's time zone; after it begins."),
            "registration_deadline": _("In the event's time zone; empty means until the event begins."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = zone_named(self.instance.time_zone)
            for name in self.ZONED:
                self.initial[name] = as_wall_clock(getattr(self.instance, name), zone)
        for name in self.ZONED:
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]  # type: ignore[attr-defined]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        data = getattr(self, "cleaned_data", {})
        return zone_named(data.get("time_zone") or self.instance.time_zone)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        zone = zone_named(data.get("time_zone", ""))
        for name in self.ZONED:
            if data.get(name) is not None:
                data[name] = in_zone(data[name], zone)
        return data


class AgendaItemForm(forms.ModelForm[AgendaItem]):
    order = _whole_number(AgendaItem, "order", min_value=0, max_value=MAX_ORDER)

    class Meta:
        model = AgendaItem
        fields = ["order", "starts_at", "title", "description"]
        field_classes = {"title": SingleLineField, "description": MultilineField}
        widgets = {"starts_at": _datetime_widget(), "description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"starts_at": _("Optional; in the event's time zone.")}

    def __init__(self, *args: Any, zone: zoneinfo.ZoneInfo | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone or zoneinfo.ZoneInfo("UTC")
        if self.instance.pk:
            self.initial["starts_at"] = as_wall_clock(self.instance.starts_at, self.zone)
        self.fields["starts_at"].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]  # type: ignore[attr-defined]

    def clean_starts_at(self) -> dt.datetime | None:
        return in_zone(self.cleaned_data.get("starts_at"), self.zone)


class SpeakerForm(forms.ModelForm[Speaker]):
    order = _whole_number(Speaker, "order", min_value=0, max_value=MAX_ORDER)
    agreed_to_be_listed = forms.BooleanField(
        required=True,
        label=_("She has agreed to be listed publicly by this name"),
        help_text=_("A speaker is listed only with her agreement; ask her before adding her."),
        error_messages={"required": _("Tick this once the speaker has agreed to be listed by this name.")},
    )

    class Meta:
        model = Speaker
        fields = ["order", "name", "affiliation", "agreed_to_be_listed"]
        field_classes = {"name": SingleLineField, "affiliation": SingleLineField}


AgendaFormSet = forms.inlineformset_factory(
    Event,
    AgendaItem,
    form=AgendaItemForm,
    extra=2,
    can_delete=True,
    max_num=MAX_AGENDA_ITEMS,
    validate_max=True,
    absolute_max=MAX_AGENDA_ITEMS,
)

SpeakerFormSet = forms.inlineformset_factory(
    Event,
    Speaker,
    form=SpeakerForm,
    extra=2,
    can_delete=True,
    max_num=MAX_SPEAKERS,
    validate_max=True,
    absolute_max=MAX_SPEAKERS,
)


def _changed_rows(formset: forms.BaseInlineFormSet[Any, Any, Any], row: Any) -> list[Any]:
    """The rows a formset's save() would write, in its order: changed or deleted ones, then new ones."""
    rows = []
    deleted = set(formset.deleted_forms)
    for form in formset.initial_forms:
        if form.instance.pk is None:
            continue
        if form in deleted:
            rows.append(row(form.instance, delete=True))
        elif form.has_changed():
            rows.append(row(form.instance, delete=False))
    for form in formset.extra_forms:
        if form.has_changed() and form not in deleted:
            rows.append(row(form.instance, delete=False))
    return rows


def _agenda_row(item: AgendaItem, *, delete: bool) -> AgendaItemInput:
    return AgendaItemInput(
        pk=item.pk,
        order=item.order,
        starts_at=item.starts_at,
        title=item.title,
        description=item.description,
        delete=delete,
    )


def _speaker_row(speaker: Speaker, *, delete: bool) -> SpeakerInput:
    return SpeakerInput(
        pk=speaker.pk,
        order=speaker.order,
        name=speaker.name,
        affiliation=speaker.affiliation,
        agreed_to_be_listed=speaker.agreed_to_be_listed,
        user_id=speaker.user_id,
        delete=delete,
    )


def event_input(
    form: EventForm, agenda: forms.BaseInlineFormSet[Any, Any, Any], speakers: forms.BaseInlineFormSet[Any, Any, Any]
) -> EventInput:
    """The validated form and formsets as the action's input (a valid form's instance holds its values)."""
    values = {name: getattr(form.instance, name) for name in EVENT_FIELDS}
    return EventInput(
        **values,
        provisions=list(form.cleaned_data["provisions"]),
        agenda=_changed_rows(agenda, _agenda_row),
        speakers=_changed_rows(speakers, _speaker_row),
    )


class ReportForm(forms.Form):
    report = MultilineField(
        label=_("Report"),
        required=False,
        max_length=MAX_REPORT_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("A short public account: what was discussed, what was agreed, what comes next. Markdown."),
    )
    override_reason = MultilineField(
        required=False,
        max_length=MAX_REASON_CHARS,
        label=_("Reason for publishing despite the content check"),
        help_text=_(
            "Publishing runs the content check; if it objects, the secretariat may give a reason here to publish "
            "all the same. The reason is recorded with her name."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# ------------------------------------------------------------------ series

MAX_MEETING_MINUTES = 24 * 60


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("every week")
    FORTNIGHTLY = "fortnightly", _("every two weeks")
    MONTHLY = "monthly", _("every month")
    QUARTERLY = "quarterly", _("every three months")


RULE_OF_FREQUENCY = {
    Frequency.WEEKLY: "FREQ=WEEKLY",
    Frequency.FORTNIGHTLY: "FREQ=WEEKLY;INTERVAL=2",
    Frequency.MONTHLY: "FREQ=MONTHLY",
    Frequency.QUARTERLY: "FREQ=MONTHLY;INTERVAL=3",
}


def series_rule(frequency: str, *, count: int | None, until: dt.date | None, zone: zoneinfo.ZoneInfo) -> str:
    """The RRULE of a frequency and an end: a number of meetings, or a last day (to its end, in `zone`)."""
    rule = RULE_OF_FREQUENCY[Frequency(frequency)]
    if count is not None:
        return f"{rule};COUNT={count}"
    assert until is not None
    last = dt.datetime.combine(until, dt.time(23, 59, 59), tzinfo=zone).astimezone(dt.UTC)
    return f"{rule};UNTIL={last:%Y%m%dT%H%M%SZ}"


class SeriesDetailsForm(forms.Form):
    """What every meeting of a series shares: title, description, where, how many seats, for whom, and its state."""

    MEETING_FIELDS = ("kind", "place", "online_link", "capacity", "audience", "working_group", "state")

    title = SingleLineField(label=_("Title"), max_length=200, help_text=_("What the series is called."))
    description = MultilineField(
        label=_("Description"),
        max_length=MAX_DESCRIPTION_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the meetings are for; Markdown."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices, help_text=_("Online, in a room, or both."))
    place = SingleLineField(
        label=_("Place"),
        required=False,
        max_length=300,
        help_text=_("Where it happens: venue and address (in-person and hybrid meetings)."),
    )
    online_link = forms.URLField(
        assume_scheme="https",
        required=False,
        max_length=500,
        label=_("Online link"),
        help_text=_("The meeting link (virtual and hybrid meetings); shown only to confirmed participants."),
    )
    capacity = _whole_number(Event, "capacity", min_value=1, max_value=MAX_CAPACITY)
    audience = forms.ChoiceField(
        label=_("Audience"), choices=Event.Audience.choices, help_text=_("Who may see the meetings and register.")
    )
    working_group = forms.ModelChoiceField(
        label=_("Working group"),
        queryset=WorkingGroup.objects.order_by("title"),
        required=False,
        help_text=_("The working group the series belongs to; required when the audience is one group."),
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=[(Event.State.DRAFT, _("draft")), (Event.State.PUBLISHED, _("published"))],
        help_text=_("A draft series is seen by the secretariat only."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The meetings are events: the event's own rules on place, link and group say what is missing.
        probe = Event(**{name: data.get(name) for name in ("kind", "audience")})
        probe.place = data.get("place") or ""
        probe.online_link = data.get("online_link") or ""
        probe.working_group_id = data["working_group"].pk if data.get("working_group") else None
        try:
            probe.clean()
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                if name in self.fields and name not in self.errors:
                    for error in errors:
                        self.add_error(name, error)
        return data

    @property
    def meeting_template(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in self.MEETING_FIELDS} | {
            "place": self.cleaned_data.get("place") or "",
            "online_link": self.cleaned_data.get("online_link") or "",
        }


class SeriesForm(SeriesDetailsForm):
    """A new series: its details, when the first meeting is, how long each lasts, how often and until when."""

    first_starts_at = forms.DateTimeField(
        label=_("First meeting starts at"),
        widget=_datetime_widget(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("In the series' time zone."),
    )
    duration_minutes = WholeNumberField(
        label=_("Length in minutes"),
        min_value=1,
        max_value=MAX_MEETING_MINUTES,
        help_text=_("How long each meeting lasts, e.g. 90."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIME_ZONE_CHOICES,
        initial="UTC",
        help_text=_("The time zone the meetings are organised in; times on this form are in it."),
    )
    frequency = forms.ChoiceField(label=_("Repeats"), choices=Frequency.choices)
    count = WholeNumberField(
        label=_("Number of meetings"),
        required=False,
        min_value=1,
        max_value=MAX_SERIES_MEETINGS,
        help_text=_("Give either the number of meetings or the last day."),
    )
    until = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("No meeting is placed after this day (in the series' time zone)."),
    )

    field_order = [
        "title",
        "description",
        "first_starts_at",
        "duration_minutes",
        "time_zone",
        "frequency",
        "count",
        "until",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone = zone_named(data.get("time_zone") or "UTC")
        if data.get("first_starts_at") is not None:
            data["first_starts_at"] = in_zone(data["first_starts_at"], zone)
            if data["first_starts_at"] <= timezone.now():
                self.add_error("first_starts_at", _("The first meeting must be in the future."))
        count, until = data.get("count"), data.get("until")
        if count is None and until is None and "count" not in self.errors and "until" not in self.errors:
            self.add_error("count", _("Say when the series ends: give the number of meetings or the last day."))
        elif count is not None and until is not None:
            self.add_error("until", _("Give the number of meetings or the last day, not both."))
        elif (
            until is not None
            and data.get("first_starts_at")
            and until < timezone.localtime(data["first_starts_at"], zone).date()
        ):
            self.add_error("until", _("The last day must not be before the first meeting."))
        if not self.errors and data.get("frequency"):
            data["rrule"] = series_rule(data["frequency"], count=count, until=until, zone=zone)
        return data


class MoveMeetingForm(forms.Form):
    """A meeting of a series moved to a new time (typed in the meeting's time zone), or cancelled, with a reason."""

    starts_at = forms.DateTimeField(
        label=_("New start"),
        required=False,
        widget=_datetime_widget(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text=_("In the meeting's time zone; it keeps its length."),
    )
    cancel = forms.BooleanField(
        label=_("Cancel this meeting instead"), required=False, help_text=_("The other meetings are not changed.")
    )
    reason = MultilineField(
        label=_("Reason"),
        max_length=MAX_MOVE_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sent to everyone registered, with the new time."),
    )

    def __init__(self, *args: Any, meeting: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.initial.setdefault("starts_at", as_wall_clock(meeting.starts_at, zone_named(meeting.time_zone)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("cancel"):
            data["starts_at"] = None
            return data
        if data.get("starts_at") is None:
            if "starts_at" not in self.errors:
                self.add_error("starts_at", _("Give the meeting's new start, or tick “Cancel this meeting instead”."))
            return data
        data["starts_at"] = in_zone(data["starts_at"], zone_named(self.meeting.time_zone))
        if data["starts_at"] <= timezone.now():
            self.add_error("starts_at", _("The new start must be in the future."))
        elif data["starts_at"] == self.meeting.starts_at:
            self.add_error("starts_at", _("This is the meeting's current time; give a new one."))
        return data


# ------------------------------------------------------------------ photos


def photo_rules_text() -> str:
    return str(
        _(
            "A JPEG, PNG or WebP photo, up to %(mb)s MB and %(mp)s million pixels. Its metadata (camera, place) is removed."
        )
        % {"mb": settings.EVENT_PHOTO_MAX_MB, "mp": f"{settings.EVENT_PHOTO_MAX_PIXELS / 1_000_000:g}"}
    )


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("Photo"), help_text=lazy(photo_rules_text, str)())
    alt_text = SingleLineField(
        label=_("Text alternative"),
        max_length=MAX_ALT_TEXT_CHARS,
        help_text=_("What the photo shows, for those who cannot see it, e.g. “Delegates at the round table”."),
        error_messages={"required": _("Describe what the photo shows, for those who cannot see it.")},
    )
    caption = SingleLineField(
        label=_("Caption"),
        max_length=MAX_CAPTION_CHARS,
        help_text=_("Shown under the photo: who, what, where."),
        error_messages={"required": _("Write a caption for the photo.")},
    )
    consent = forms.BooleanField(
        label=_("Everyone recognisable in this photo agreed to its publication"),
        required=False,
        help_text=_(
            "Recorded with your name and the time. Without it the photo is kept for the secretariat only and "
            "never shown publicly; you can record the consent later."
        ),
    )

    def clean_image(self) -> Photo:
        uploaded = self.cleaned_data["image"]
        if uploaded.size > settings.EVENT_PHOTO_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The photo is %(size).1f MB; the largest accepted is %(max)s MB.")
                % {"size": uploaded.size / (1024 * 1024), "max": settings.EVENT_PHOTO_MAX_MB}
            )
        try:
            return read_photo(uploaded.read())
        except PhotoRefused as exc:
            raise forms.ValidationError(str(exc)) from None


class WithdrawPhotoForm(forms.Form):
    reason = MultilineField(
        label=_("Reason"),
        max_length=MAX_WITHDRAWAL_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who asked for the photo to be withdrawn, and when."),
        error_messages={"required": _("Say why the photo is withdrawn (e.g. who asked, and when).")},
    )
