from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.forms import MultilineField
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
