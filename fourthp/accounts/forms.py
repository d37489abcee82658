from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.models import TIME_ZONE_CHOICES


class PreferencesForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=150, required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("A label to recognise the token later, e.g. 'research notebook'."),
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type DELETE to confirm"),
        max_length=10,
    )

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"]
        if value.strip() != "DELETE":
            raise forms.ValidationError(_("Type the word DELETE in capital letters to confirm."))
        return value
