from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.forms import MultilineField
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.peers.actions import MESSAGE_MAX


class ContactRequestForm(forms.Form):
    message = MultilineField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Say who you are and what you would like to discuss. Your e-mail address is shared only if they accept."
        ),
    )


class PeerPlaceForm(forms.Form):
    """The jurisdiction the peers are ranked against: hers by default, any other by name or code."""

    jurisdiction = JurisdictionField(label=_("Your jurisdiction"), required=False, help_text=_("e.g. Canada or US-DC"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "pf-%s")
        super().__init__(*args, **kwargs)
