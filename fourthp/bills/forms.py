from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from fourthp.analysis.sources import megabytes
from fourthp.analyzer.readers import ReaderError, detect_format
from fourthp.analyzer.readers.sandbox import read_document_limited
from fourthp.bills.importers import MAX_IMPORT_BYTES
from fourthp.bills.inputs import ActionInput, BillInput, EnactInput, SessionInput, SponsorInput, VersionInput
from fourthp.bills.models import MAX_TITLE_CHARS, MAX_VERSION_CHARS, Bill, BillAction, BillVersion, Chamber
from fourthp.bills.queries import provision_choices
from fourthp.forms import MultilineField, SingleLineField
from fourthp.jurisdictions.forms import JurisdictionField

CHAMBER_CHOICES = [("", _("Not recorded")), *Chamber.choices]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class BillFilterForm(forms.Form):
    jurisdiction = JurisdictionField(required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *Bill.Status.choices])
    provision = forms.ChoiceField(label=_("Provision touched"), required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provision"].choices = [("", _("Any provision")), *provision_choices()]  # type: ignore[attr-defined]


class BillForm(forms.Form):
    jurisdiction = JurisdictionField()
    session = SingleLineField(
        label=_("Session"),
        max_length=120,
        help_text=_("The session's name, e.g. 2025-2026; a session not yet recorded is added."),
    )
    number = SingleLineField(
        label=_("Number"), max_length=40, help_text=_("As the legislature prints it, e.g. HB 123.")
    )
    title = SingleLineField(label=_("Title"), max_length=MAX_TITLE_CHARS)
    chamber = forms.ChoiceField(label=_("Chamber of origin"), required=False, choices=CHAMBER_CHOICES)
    status = forms.ChoiceField(label=_("Status"), choices=Bill.Status.choices)
    summary = MultilineField(label=_("Summary"), required=False, max_length=5000)
    source_url = forms.URLField(label=_("Source URL"), required=False, max_length=500, assume_scheme="https")
    primary_sponsors = MultilineField(
        label=_("Primary sponsors"), required=False, max_length=5000, help_text=_("One name a line.")
    )
    cosponsors = MultilineField(
        label=_("Co-sponsors"), required=False, max_length=10000, help_text=_("One name a line.")
    )
    instruments = forms.CharField(
        label=_("Related instruments"),
        required=False,
        max_length=2000,
        help_text=_("Keys of instruments in the atlas, separated by spaces, e.g. us-dc-22-18."),
    )

    def clean_primary_sponsors(self) -> list[str]:
        names = _lines(self.cleaned_data["primary_sponsors"])
        if any(len(n) > 200 for n in names):
            raise forms.ValidationError(_("A name is longer than 200 characters."))
        return names

    def clean_cosponsors(self) -> list[str]:
        names = _lines(self.cleaned_data["cosponsors"])
        if any(len(n) > 200 for n in names):
            raise forms.ValidationError(_("A name is longer than 200 characters."))
        return names

    def clean_instruments(self) -> list[str]:
        text: str = self.cleaned_data["instruments"]
        return text.replace(",", " ").split()

    def bill_input(self) -> BillInput:
        data = self.cleaned_data
        sponsors = [SponsorInput(n, primary=True) for n in data["primary_sponsors"]]
        sponsors += [SponsorInput(n) for n in data["cosponsors"]]
        return BillInput(
            number=data["number"],
            title=data["title"],
            session=data["session"],
            chamber=data["chamber"],
            status=data["status"],
            summary=data["summary"],
            source_url=data["source_url"],
            sponsors=tuple(sponsors),
            instruments=tuple(data["instruments"]),
        )

    @classmethod
    def initial_of(cls, bill: Bill) -> dict[str, Any]:
        sponsors = list(bill.sponsors.all())
        return {
            "jurisdiction": bill.jurisdiction.code,
            "session": bill.session.name,
            "number": bill.number,
            "title": bill.title,
            "chamber": bill.chamber,
            "status": bill.status,
            "summary": bill.summary,
            "source_url": bill.source_url,
            "primary_sponsors": "\n".join(s.name for s in sponsors if s.primary),
            "cosponsors": "\n".join(s.name for s in sponsors if not s.primary),
            "instruments": " ".join(i.key for i in bill.instruments.all()),
        }


class ActionForm(forms.Form):
    date = forms.DateField(label=_("Date"), help_text=_("YYYY-MM-DD"), widget=forms.DateInput(attrs={"type": "date"}))
    chamber = forms.ChoiceField(label=_("Chamber"), required=False, choices=CHAMBER_CHOICES)
    description = SingleLineField(label=_("What happened"), max_length=1000)
    classification = forms.CharField(
        label=_("Classification"),
        required=False,
        max_length=BillAction._meta.get_field("classification").max_length,
        help_text=_("Open States' words, comma-separated: introduction, referral-committee, passage, …"),
    )

    def action_input(self) -> ActionInput:
        return ActionInput(**self.cleaned_data)


class VersionForm(forms.Form):
    label = SingleLineField(label=_("Label"), max_length=200, help_text=_("e.g. As introduced, Engrossed."))
    date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    text = MultilineField(
        label=_("Text"),
        required=False,
        max_length=MAX_VERSION_CHARS,
        help_text=_("The version's text; it is split into sections and read for the provisions it touches."),
    )

    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_(
            "The version as a file in any format the atlas reads (PDF, HTML, XML, Markdown or plain text); "
            "it is split into its sections as the atlas reads a statute."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is None:
            return data
        if data.get("text"):
            self.add_error("file", _("Give the text or a file, not both."))
            return data
        limit = settings.ANALYZER_UPLOAD_MAX_BYTES
        if upload.size > limit:
            self.add_error(
                "file",
                _("The file is %(size)s MB; the largest version file read here is %(limit)s MB.")
                % {"size": megabytes(upload.size), "limit": megabytes(limit)},
            )
            return data
        content = upload.read()
        try:
            document = read_document_limited(
                content,
                detect_format(content, upload.name or ""),
                filename=upload.name or "",
                seconds=settings.PDF_READ_SECONDS,
                memory_mb=settings.PDF_READ_MEMORY_MB,
            )
        except ReaderError as exc:
            self.add_error("file", str(exc))
            return data
        if not document.sections:
            self.add_error("file", _("No text was found in the file."))
            return data
        self.sections = tuple(document.sections)
        return data

    def version_input(self) -> VersionInput:
        data = {k: v for k, v in self.cleaned_data.items() if k != "file"}
        upload = self.cleaned_data.get("file")
        return VersionInput(
            **data, sections=getattr(self, "sections", ()), filename=upload.name if upload is not None else ""
        )


class EnactForm(forms.Form):
    version = forms.ModelChoiceField(label=_("The text that became law"), queryset=BillVersion.objects.none())
    key = forms.SlugField(
        label=_("Key in the atlas"),
        max_length=80,
        help_text=_("A stable id for the new instrument, used in its address, e.g. us-dc-b26-0101."),
    )
    title = SingleLineField(label=_("Title of the act"), max_length=MAX_TITLE_CHARS)
    enacted_on = forms.DateField(label=_("Enacted on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    in_force_from = forms.DateField(
        label=_("In force from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, bill: Bill, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = bill.versions.order_by("-order")
        self.fields["version"].queryset = versions  # type: ignore[attr-defined]
        latest = versions.first()
        self.fields["version"].initial = latest.pk if latest is not None else None
        self.fields["key"].initial = slugify(f"{bill.jurisdiction.code}-{bill.number}")[:80]
        self.fields["title"].initial = bill.title

    def enact_input(self) -> EnactInput:
        data = self.cleaned_data
        return EnactInput(
            key=data["key"], title=data["title"], enacted_on=data["enacted_on"], in_force_from=data["in_force_from"]
        )


class SessionForm(forms.Form):
    name = SingleLineField(label=_("Name"), max_length=120, help_text=_("e.g. 2025-2026 Regular Session."))
    starts_on = forms.DateField(label=_("Opens on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Closes on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    legislature = SingleLineField(label=_("Legislature or chamber"), required=False, max_length=255)
    source_url = forms.URLField(label=_("Source URL"), required=False, max_length=500, assume_scheme="https")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("A session closes on or after the day it opens."))
        if ends and not starts:
            self.add_error("starts_on", _("Give the day it opens as well."))
        return data

    def session_input(self) -> SessionInput:
        return SessionInput(**self.cleaned_data)


class ImportForm(forms.Form):
    jurisdiction = JurisdictionField()
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("openstates", _("Open States bill JSON")), ("csv", _("CSV (the columns described below)"))],
    )
    file = forms.FileField(label=_("File"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB; split it into smaller files.")
                % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)}
            )
        return upload
