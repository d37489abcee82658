from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.core.errors import NotFound
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import find_jurisdiction_by_code_or_name


class JurisdictionField(forms.CharField):
    """A jurisdiction typed as its code, an alias or its name; cleans into the Jurisdiction.

    Every form that asks for a jurisdiction uses it, so each answers an unknown one in the same words.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Jurisdiction"))
        kwargs.setdefault("help_text", _("A code such as CA or US-DC, or a name such as Canada."))
        kwargs.setdefault("max_length", 255)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Jurisdiction | None:
        text: str = super().clean(value)
        if not text:
            return None
        try:
            return find_jurisdiction_by_code_or_name(text)
        except NotFound as exc:
            raise forms.ValidationError(exc.message, code="unknown_jurisdiction") from None


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
