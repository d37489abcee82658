from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fourthp.forms import MultilineField
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.laws.models import Instrument

FORMAT_CHOICES = [
    ("auto", _("Detect from the file")),
    ("text", _("Plain text")),
    ("markdown", _("Markdown")),
    ("html", _("HTML")),
    ("pdf", _("PDF")),
    ("dc-xml", _("D.C. Code XML")),
    ("canada-xml", _("Justice Canada XML")),
    ("uscode-md", _("US Code Markdown")),
    ("akoma-ntoso", _("Akoma Ntoso 3.0 XML")),
    ("clml", _("legislation.gov.uk XML (CLML)")),
    ("eurlex-xhtml", _("EUR-Lex XHTML")),
]

LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("hu", _("Hungarian")),
    ("nl", _("Dutch")),
    ("ro", _("Romanian")),
    ("uk", _("Ukrainian")),
]


MAX_QUERY_CHARS = 300


class SearchForm(forms.Form):
    # No max_length validator: a longer query (pasted, or from a link) is cut and the page says so,
    # where a refused field would leave the search silently empty. The box itself stops at the limit.
    q = forms.CharField(
        label=_("Search the law"), required=False, widget=forms.TextInput(attrs={"maxlength": MAX_QUERY_CHARS})
    )
    jurisdiction = JurisdictionField(required=False, help_text="")
    type = forms.ChoiceField(
        label=_("Type of instrument"), required=False, choices=[("", _("Any type")), *Instrument.Type.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *LANGUAGE_CHOICES]
    )
    # Set by the "search the law" link of a provision's page; kept across searches as a hidden field.
    provision = forms.CharField(required=False, max_length=80, widget=forms.HiddenInput)

    query_cut = False

    def clean_jurisdiction(self) -> str:
        found = self.cleaned_data["jurisdiction"]
        return found.code if found else ""

    def clean_q(self) -> str:
        q: str = self.cleaned_data["q"]
        self.query_cut = len(q) > MAX_QUERY_CHARS
        return q[:MAX_QUERY_CHARS].strip()


class InstrumentFilterForm(forms.Form):
    jurisdiction = JurisdictionField(required=False, help_text="")
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Any type")), *Instrument.Type.choices])


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Statute file"),
        help_text=_(
            "Plain text, Markdown, HTML, PDF, D.C. Code XML, Justice Canada XML or US Code Markdown. "
            "Text files saved as UTF-8 or UTF-16."
        ),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="auto")

    def clean_file(self) -> Any:
        return check_statute_file_size(self.cleaned_data["file"])


def check_statute_file_size(upload: Any) -> Any:
    """Refuse a statute file over STATUTE_UPLOAD_MAX_BYTES, saying its size and the limit (every statute upload)."""
    limit = settings.STATUTE_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise forms.ValidationError(
            _("The file is %(size)s MB; the largest file accepted is %(limit)s MB.")
            % {"size": round(upload.size / 1_048_576, 1), "limit": round(limit / 1_048_576, 1)}
        )
    return upload


_KEY = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


class InstrumentMetadataForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    short_title = forms.CharField(label=_("Short title"), max_length=255, required=False)
    jurisdiction = JurisdictionField()
    type = forms.ChoiceField(label=_("Type"), choices=Instrument.Type.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Instrument.Status.choices)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    key = forms.CharField(
        label=_("Instrument key"),
        max_length=80,
        help_text=_("Lower-case letters, digits, dots and hyphens; used in its web address, e.g. ca-cc-excerpt."),
    )
    section_key_prefix = forms.CharField(
        label=_("Section key prefix"),
        max_length=60,
        help_text=_("Start of each section's key, e.g. us-dc gives us-dc-22-1833."),
    )
    citation_template = forms.CharField(
        label=_("Citation pattern"),
        max_length=255,
        required=False,
        help_text=_("How to cite a section, with {number} for its number, e.g. D.C. Code § {number}."),
    )
    source_url = forms.URLField(label=_("Source address"), max_length=500, required=False, assume_scheme="https")
    source_name = forms.CharField(label=_("Publisher of the text"), max_length=255, required=False)
    licence = forms.CharField(label=_("Licence or terms"), max_length=255, required=False)
    enacted_on = forms.DateField(label=_("Enacted on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    in_force_from = forms.DateField(
        label=_("In force from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    notes = MultilineField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def _clean_slug(self, name: str) -> str:
        value: str = self.cleaned_data[name].strip().lower()
        if not _KEY.match(value):
            raise forms.ValidationError(_("Use only lower-case letters, digits, dots and hyphens."))
        return value

    def clean_key(self) -> str:
        key = self._clean_slug("key")
        if Instrument.objects.filter(key=key).exists():
            raise forms.ValidationError(_("Another instrument already has this key."))
        return key

    def clean_section_key_prefix(self) -> str:
        return self._clean_slug("section_key_prefix")

    def clean_citation_template(self) -> str:
        value: str = self.cleaned_data["citation_template"].strip()
        if value and "{number}" not in value:
            raise forms.ValidationError(_("The pattern must contain {number} where the section number goes."))
        return value


class InstrumentEditForm(forms.ModelForm):  # type: ignore[type-arg]
    source_url = forms.URLField(label=_("Source address"), max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Instrument
        fields = [
            "title", "short_title", "type", "status", "source_url", "source_name", "licence",
            "enacted_on", "in_force_from", "repealed_on", "notes",
        ]  # fmt: skip
        field_classes = {"notes": MultilineField}
        widgets = {
            "enacted_on": forms.DateInput(attrs={"type": "date"}),
            "in_force_from": forms.DateInput(attrs={"type": "date"}),
            "repealed_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
