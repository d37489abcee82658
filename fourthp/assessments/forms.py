from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.models import User
from fourthp.analyzer.readers import ReaderError, detect_format
from fourthp.assessments.access import can_make_assessment_request
from fourthp.assessments.actions import (
    MAX_DECLINE_REASON_CHARS,
    MAX_EVIDENCE,
    MAX_QUOTE_CHARS,
    MAX_RATIONALE_CHARS,
    MAX_REQUEST_NOTE_CHARS,
    MAX_REQUEST_URL_CHARS,
    AssessmentRefused,
    check_request_url,
)
from fourthp.assessments.inputs import RequestChange
from fourthp.assessments.maps import MAPS
from fourthp.assessments.models import AssessmentRequest, Status
from fourthp.assessments.queries import find_open_request, get_request_notice, has_report_card, list_analysts
from fourthp.findings.models import CountryFinding
from fourthp.forms import MultilineField, WholeNumberField
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.forms import FORMAT_CHOICES, UploadForm, check_statute_file_size

# Offsets are character positions in a section, which is far shorter (a statute file is at most
# STATUTE_UPLOAD_MAX_BYTES); versions count the amendments of one section.
MAX_OFFSET = 100_000_000
MAX_VERSION = 1_000_000


class StartForm(forms.Form):
    jurisdiction = JurisdictionField()
    provision = forms.ChoiceField(label=_("Provision"), choices=())

    def __init__(self, *args: Any, provisions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provision"].choices = provisions  # type: ignore[attr-defined]


class AssessmentForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Status.choices,
        widget=forms.RadioSelect,
        help_text=_("“Absent” only when you name the complete body of law reviewed; otherwise “unknown”."),
    )
    rationale = MultilineField(
        label=_("Rationale"),
        max_length=MAX_RATIONALE_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Why the law has this status, in your words, citing the sections relied on."),
    )
    law_reviewed = MultilineField(
        label=_("Law reviewed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The complete body of law you reviewed for this provision (required for “absent”)."),
    )


class EvidenceForm(forms.Form):
    section_key = forms.CharField(label=_("Section key"), max_length=120, required=False)
    quote = MultilineField(
        label=_("Quote"),
        max_length=MAX_QUOTE_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Select the text in the section shown beside, or paste it exactly."),
    )
    # Set by the text selection in the page; bounded so a made-up number is refused in words, not by the database.
    start = WholeNumberField(
        label=_("Start of the quote"), required=False, min_value=0, max_value=MAX_OFFSET, widget=forms.HiddenInput
    )
    end = WholeNumberField(
        label=_("End of the quote"), required=False, min_value=0, max_value=MAX_OFFSET, widget=forms.HiddenInput
    )
    version = WholeNumberField(
        label=_("Version of the section"), required=False, min_value=1, max_value=MAX_VERSION, widget=forms.HiddenInput
    )


EvidenceFormSet = forms.formset_factory(
    EvidenceForm, extra=2, can_delete=True, max_num=MAX_EVIDENCE, validate_max=True, absolute_max=MAX_EVIDENCE
)


class ReturnForm(forms.Form):
    comment = MultilineField(
        label=_("What needs to change"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
        help_text=_("The assessor sees this comment with the returned draft."),
    )


@dataclass(frozen=True)
class MapChoice:
    """What a map shows, after the choices that do not go together were set right (`errors` says which)."""

    which: str
    measure: str
    pillar: str
    provision: Provision | None
    indicator: str
    year: int | None
    errors: list[str]


class MapForm(forms.Form):
    """The map's controls. Never invalid: a choice that cannot be shown falls back, with a sentence saying so."""

    map = forms.CharField(required=False, strip=False)
    measure = forms.CharField(required=False, strip=False)
    pillar = forms.CharField(required=False, strip=False)
    provision = forms.CharField(required=False, strip=False)
    indicator = forms.CharField(required=False, strip=False)
    year = forms.CharField(required=False, strip=False)

    DEFAULTS = {"map": "world", "measure": "overall"}

    def __init__(self, data: Any, *, framework: Framework) -> None:
        super().__init__(data)
        self.framework = framework

    def _raw(self, name: str) -> str:
        """The value as sent, the default when it is not sent at all (an empty value stays empty)."""
        self.is_valid()
        if name not in self.data:
            return self.DEFAULTS.get(name, "")
        return str(self.cleaned_data.get(name) or "")

    def choice(self) -> MapChoice:
        which = self._raw("map")
        if which not in MAPS:
            which = "world"
        measure, pillar, indicator = self._raw("measure"), self._raw("pillar"), self._raw("indicator")
        year_raw = self._raw("year")
        errors = []
        provision = None
        if measure == "provision":
            provision = self.framework.provisions.filter(slug=self._raw("provision")).first()
            if provision is None:
                errors.append(gettext("Choose a provision."))
                measure = "overall"
        if measure == "finding":
            if which != "world":
                errors.append(gettext("Findings of others are about countries: they are shown on the world map."))
                which = "world"
            if indicator not in CountryFinding.Indicator.values:
                errors.append(gettext("Choose a finding to show."))
                measure, indicator = "overall", ""
        else:
            indicator = ""
        if measure != "pillar":
            pillar = ""
        year = int(year_raw) if year_raw.isdigit() else None
        return MapChoice(which, measure, pillar, provision, indicator, year, errors)


# ------------------------------------------------------------------ statute suggestions and assessment requests

# The file types the statute import reads (fourthp.laws.forms.FORMAT_CHOICES), by name.
STATUTE_EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".pdf")


class AssessmentAskForm(forms.Form):
    note = MultilineField(
        label=_("Why it matters (optional)"),
        required=False,
        max_length=MAX_REQUEST_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The secretariat reads it; the public only sees how many members asked."),
    )


class StatuteSuggestionForm(forms.Form):
    url = forms.CharField(
        label=_("Web address of the statute"),
        required=False,
        max_length=MAX_REQUEST_URL_CHARS,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
        help_text=_("An official source if you know one, starting with https://."),
    )
    file = forms.FileField(
        label=_("Or its file"),
        required=False,
        help_text=UploadForm.base_fields["file"].help_text,
    )
    format = forms.ChoiceField(label=_("Format of the file"), choices=FORMAT_CHOICES, initial="auto")
    note = MultilineField(
        label=_("Note (optional)"),
        required=False,
        max_length=MAX_REQUEST_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the statute is, and what it covers."),
    )

    def clean_url(self) -> str:
        url = str(self.cleaned_data["url"]).strip()
        if not url:
            return ""
        try:
            return check_request_url(url)
        except AssessmentRefused as exc:
            raise forms.ValidationError(str(exc)) from None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload:
            return None
        check_statute_file_size(upload)
        name = upload.name or ""
        extension = PurePath(name).suffix.lower()
        if extension not in STATUTE_EXTENSIONS:
            raise forms.ValidationError(
                gettext("Files of this type (%(ext)s) cannot be read as a statute. %(formats)s")
                % {"ext": extension or gettext("no extension"), "formats": UploadForm.base_fields["file"].help_text}
            )
        upload.seek(0)
        data = upload.read()
        try:
            detected = detect_format(data, name)
        except ReaderError as exc:
            raise forms.ValidationError(
                gettext("%(name)s cannot be read as a statute: %(reason)s") % {"name": name, "reason": exc}
            ) from None
        if detected == "pdf" and not data.lstrip()[:5].startswith(b"%PDF"):
            raise forms.ValidationError(
                gettext("%(name)s is not a PDF, whatever its name says: it may be damaged or renamed.") % {"name": name}
            )
        self.file_data = data
        self.detected_format = detected
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not cleaned.get("url") and not cleaned.get("file"):
            raise forms.ValidationError(_("Give the statute's web address or upload its file."))
        return cleaned

    def file_input(self) -> tuple[bytes, str, str]:
        """The file's bytes, its name and its format (the one chosen, or the one found), once the form is valid."""
        upload = self.cleaned_data.get("file")
        if not upload:
            return b"", "", ""
        chosen = self.cleaned_data["format"]
        return self.file_data, str(upload.name), self.detected_format if chosen == "auto" else chosen


class RequestFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("Any state")), *AssessmentRequest.State.choices]
    )
    jurisdiction = JurisdictionField(required=False)


class RequestChangeForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Mark it"),
        choices=[
            (AssessmentRequest.State.IN_PROGRESS, _("in progress")),
            (AssessmentRequest.State.DONE, _("done")),
            (AssessmentRequest.State.DECLINED, _("declined")),
        ],
        widget=forms.RadioSelect,
    )
    assigned_to = forms.ModelChoiceField(
        label=_("Give it to an analyst (optional)"), queryset=User.objects.none(), required=False
    )
    assessment = WholeNumberField(
        label=_("Number of the assessment that answers it (optional)"),
        required=False,
        min_value=1,
        max_value=2_147_483_647,
        help_text=_("When it is done: the assessment shown at /assessments/<number>/."),
    )
    reason = MultilineField(
        label=_("Reason for declining"),
        required=False,
        max_length=MAX_DECLINE_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to decline; the member who asked reads it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = list_analysts()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("state") == AssessmentRequest.State.DECLINED and not cleaned.get("reason"):
            self.add_error("reason", _("Say why it is declined: the member who asked reads the reason."))
        return cleaned

    def change(self) -> RequestChange:
        cleaned = self.cleaned_data
        analyst = cleaned.get("assigned_to")
        return RequestChange(
            state=cleaned["state"],
            assigned_to_id=analyst.pk if analyst is not None else None,
            assessment_id=cleaned.get("assessment"),
            reason=cleaned.get("reason") or "",
        )


def invitation_context(
    user: Any,
    jurisdiction: Jurisdiction,
    *,
    ask_form: AssessmentAskForm | None = None,
    statute_form: StatuteSuggestionForm | None = None,
) -> dict[str, Any]:
    """What `assessments/_invitation.html` shows: nothing once the jurisdiction has a report card; otherwise
    how many members asked or that an assessment is in progress, and, to a member, the two forms."""
    if has_report_card(jurisdiction):
        return {"invitation": None}
    return {
        "invitation": {
            "notice": get_request_notice(jurisdiction),
            "mine": find_open_request(user, jurisdiction),
            "can_request": can_make_assessment_request(user),
            "ask_form": ask_form or AssessmentAskForm(),
            "statute_form": statute_form or StatuteSuggestionForm(),
            "upload_limit_mb": round(settings.STATUTE_UPLOAD_MAX_BYTES / 1_048_576, 1),
        }
    }
