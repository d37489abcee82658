from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.jurisdictions.models import Jurisdiction


class JurisdictionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Jurisdiction.Kind.choices])
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("Any level")), *Jurisdiction.Level.choices]
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("Any region"))])

    def __init__(self, *args: object, regions: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["region"].choices = [("", _("Any region")), *regions]  # type: ignore[attr-defined]


class JurisdictionEditForm(forms.Form):
    legislature = forms.CharField(label=_("Legislature"), max_length=255, required=False)
    legal_tradition = forms.ChoiceField(
        label=_("Legal tradition"),
        required=False,
        choices=[("", _("Not recorded")), *Jurisdiction.LegalTradition.choices],
    )
