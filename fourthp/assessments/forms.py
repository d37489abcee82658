from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fourthp.assessments.actions import MAX_EVIDENCE, MAX_QUOTE_CHARS, MAX_RATIONALE_CHARS
from fourthp.assessments.maps import MAPS
from fourthp.assessments.models import Status
from fourthp.findings.models import CountryFinding
from fourthp.forms import MultilineField, WholeNumberField
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.forms import JurisdictionField

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
