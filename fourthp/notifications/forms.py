from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fourthp.notifications.kinds import KINDS
from fourthp.notifications.models import AlertSettings


class PreferencesForm(forms.Form):
    """Two switches per kind, how often alerts are e-mailed, and the language of e-mails."""

    frequency = forms.ChoiceField(
        label=_("E-mails about what you follow"),
        choices=AlertSettings.Frequency.choices,
        error_messages={"invalid_choice": _("Choose at once, daily or weekly.")},
    )
    language = forms.ChoiceField(
        label=_("Language of e-mails"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the site's languages.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        assert isinstance(language, forms.ChoiceField)
        language.choices = [("", _("The site's default")), *settings.LANGUAGES]
        for kind in KINDS:
            self.fields[f"{kind}-in_app"] = forms.BooleanField(label=_("On this site"), required=False)
            self.fields[f"{kind}-email"] = forms.BooleanField(label=_("By e-mail"), required=False)

    def rows(self) -> list[tuple[Any, Any, Any]]:
        """(the kind's label, its in-app field, its e-mail field) for the template."""
        return [(spec.label, self[f"{kind}-in_app"], self[f"{kind}-email"]) for kind, spec in KINDS.items()]

    def switches(self) -> dict[str, tuple[bool, bool]]:
        return {kind: (self.cleaned_data[f"{kind}-in_app"], self.cleaned_data[f"{kind}-email"]) for kind in KINDS}
