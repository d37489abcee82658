from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import ProvisionRanking, describe_provision_ranking
from fourthp.analysis.schemas import ProvisionRankingOut
from fourthp.forms import MultilineField
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.laws.models import Instrument


class InstrumentChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.jurisdiction.name} — {obj.short_title or obj.title}"


class AnalyzeForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a file"),
        required=False,
        help_text=_("Plain text, Markdown, HTML or PDF with a text layer. Text files saved as UTF-8 or UTF-16."),
    )
    text = MultilineField(
        label=_("Or paste the text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    instrument = InstrumentChoiceField(
        label=_("Or choose an instrument from the atlas"),
        required=False,
        queryset=Instrument.objects.select_related("jurisdiction").order_by("jurisdiction__name", "title"),
        to_field_name="key",
        empty_label=_("— none —"),
        help_text=_("Suggestions on an atlas instrument can be turned into draft assessments in one click."),
    )
    jurisdiction = JurisdictionField(
        label=_("Jurisdiction code of an uploaded text (optional)"),
        required=False,
        help_text=_(
            "ISO code, e.g. CA or US-DC, so that the run says whose law it is. The analyzer then leaves out the "
            "provisions the framework does not apply at its level (national or subnational)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The browser stops a paste at the same length the form checks, and that length is small enough
        # for the form to arrive (under DATA_UPLOAD_MAX_MEMORY_SIZE) and be shown again with its message.
        limit = settings.ANALYZER_TEXT_MAX_CHARS
        self.fields["text"].widget.attrs["maxlength"] = str(limit)
        self.fields["text"].help_text = _("Up to %(limit)s characters; save a longer text as a file and upload it.") % {
            "limit": number_format(limit, force_grouping=True)
        }

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        limit = settings.ANALYZER_TEXT_MAX_CHARS
        if len(text) > limit:
            raise forms.ValidationError(
                _(
                    "The pasted text is %(size)s characters long; the most the analyzer accepts is %(limit)s. "
                    "Save it as a file and upload it (up to %(file_limit)s MB), or paste it in parts."
                )
                % {
                    "size": number_format(len(text), force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                    "file_limit": f"{settings.ANALYZER_UPLOAD_MAX_BYTES / 1_048_576:.1f}",
                }
            )
        return text

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.ANALYZER_UPLOAD_MAX_BYTES
        if upload is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the largest file the analyzer accepts is %(limit)s MB.")
                % {"size": f"{upload.size / 1_048_576:.1f}", "limit": f"{limit / 1_048_576:.1f}"}
            )
        return upload


class ProvisionPickForm(forms.Form):
    """The "by provision" view's choice: one provision of the run's framework, grouped by pillar."""

    provision = forms.ChoiceField(
        label=_("Provision"),
        help_text=_("The sections of this law the analyzer ranks highest for it are listed, best first."),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, list[tuple[str, str]]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provision"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("— choose a provision —")), *choices]
        field.error_messages["invalid_choice"] = _(
            "%(value)s is not a provision of this framework that applies to this law; choose one from the list."
        )

    mode = forms.ChoiceField(
        label=_("Suggestions"),
        required=False,
        initial="precise",
        choices=[
            ("precise", _("Precise: fewer suggestions, mostly right")),
            ("thorough", _("Thorough: more suggestions, for a first pass")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Which ranked sections are marked as suggested; the ranking itself is the same."),
    )

    def clean_mode(self) -> str:
        return self.cleaned_data.get("mode") or "precise"


class DraftUploadForm(AnalyzeForm):
    """A draft's text for a what-if report card: a file or pasted text, with the analyzer's own checks and limits.

    The jurisdiction is the what-if's; an atlas instrument is law in force, not a draft, so neither is asked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["instrument"]
        del self.fields["jurisdiction"]
        self.fields["file"].label = _("Upload the draft")
        self.fields["text"].label = _("Or paste its text")


def picked_ranking(run: AnalysisRun, query: QueryDict) -> tuple[ProvisionRanking | None, ProvisionPickForm | None]:
    """A done run's ranking for the provision and mode chosen in `query` (nothing chosen: the choices alone),
    with the form that chose them; (None, None) for a run not done."""
    if run.state != AnalysisRun.State.DONE:
        return None, None
    ranking = describe_provision_ranking(run, "")
    choices = [(group.title, group.provisions) for group in ranking.choices]
    form = ProvisionPickForm(query if "provision" in query else None, choices=choices)
    if form.is_valid():
        ranking = describe_provision_ranking(run, form.cleaned_data["provision"], form.cleaned_data["mode"])
    return ranking, form


class RankingRefused(ValueError):
    """A ranking cannot be given as asked; the message says why and `status` is the HTTP status to answer."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def ranking_data(run: AnalysisRun, query: QueryDict) -> ProvisionRankingOut:
    """The "by provision" view of a run as data, for its JSON twin and the API: 409 while the run is not done,
    422 for a provision or mode that cannot be chosen."""
    ranking, form = picked_ranking(run, query)
    if ranking is None or form is None:
        raise RankingRefused(
            str(
                _("The analysis is not done yet (%(state)s); ask again when it is.")
                % {"state": run.get_state_display()}
            ),
            409,
        )
    if form.is_bound and not form.is_valid():
        raise RankingRefused(" ".join(str(m) for errors in form.errors.values() for m in errors), 422)
    return ProvisionRankingOut.from_view(run, ranking)
