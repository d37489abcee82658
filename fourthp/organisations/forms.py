from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG
from fourthp.frameworks.queries import find_framework
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.organisations.actions import MAX_BYTES
from fourthp.organisations.models import Kind


class OrganisationFilterForm(forms.Form):
    jurisdiction = JurisdictionField(required=False, help_text="")
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices])
    provision = forms.ChoiceField(label=_("Provision"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        framework = find_framework(DEFAULT_FRAMEWORK_SLUG)
        field = self.fields["provision"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any provision"))] + [(p.slug, p.title) for p in framework.provisions.order_by("order")]

    def clean_jurisdiction(self) -> str:
        found = self.cleaned_data["jurisdiction"]
        return found.code if found else ""


class OrganisationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV with a header row; at most 1 MB. Nothing is written if any row is bad."),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB: split it."))
        try:
            return str(upload.read().decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(
                _("The file is not UTF-8 text: save it as CSV UTF-8 and send it again.")
            ) from exc
