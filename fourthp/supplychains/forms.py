from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.findings.models import GoodFinding
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.supplychains.reading import MAX_BYTES, MAX_CELL, MAX_LINES, Upload, UploadRefused, read_upload


class GoodsFilterForm(forms.Form):
    """The explorer's filters: a good by name, a country by name, a kind, a sector and a year."""

    good = forms.CharField(label=_("Good"), required=False, max_length=MAX_CELL)
    country = JurisdictionField(label=_("Country"), required=False, help_text=_("Its name or code, e.g. Ghana."))
    kind = forms.ChoiceField(label=_("Finding"), required=False, choices=[("", _("any")), *GoodFinding.Kind.choices])
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=[])
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None, choices=[])

    def __init__(self, *args: Any, sectors: list[str], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("any"))] + [(s, s) for s in sectors]  # type: ignore[attr-defined]
        self.fields["year"].choices = [("", _("any"))] + [(str(y), str(y)) for y in years]  # type: ignore[attr-defined]


class ScreenForm(forms.Form):
    file = forms.FileField(
        label=_("Procurement file"),
        help_text=_(
            "CSV (UTF-8) or XLSX, up to 5 MB and %(lines)s lines. The first line names the columns: “good” and "
            "“country” (of origin), and optionally “HS code”."
        )
        % {"lines": f"{MAX_LINES:,}"},
    )
    buyer = JurisdictionField(
        label=_("Buyer's jurisdiction"),
        help_text=_("Where the buyer is, e.g. France or US-CA: its law on supply chains is shown with the results."),
    )

    def clean_file(self) -> Upload:
        uploaded = self.cleaned_data["file"]
        if uploaded.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it into smaller files."))
        data = uploaded.read()
        try:
            upload = read_upload(uploaded.name, data)
        except UploadRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        self.file_name = uploaded.name
        return upload
