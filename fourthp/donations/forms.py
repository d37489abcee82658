"""The pledge form and the form that asks for a link to one's pledges."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from fourthp.donations.actions import PledgeInput
from fourthp.donations.models import Pledge
from fourthp.forms import SingleLineField, WholeNumberField


class PledgeForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How often"), choices=Pledge.Kind.choices, initial=Pledge.Kind.MONTHLY, widget=forms.RadioSelect
    )
    amount = WholeNumberField(min_value=1, max_value=1, label=_("Amount"))
    currency = forms.ChoiceField(label=_("Currency"))
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("For your receipts and the link to your pledge. It is never shown."),
    )
    list_publicly = forms.BooleanField(
        required=False,
        label=_("List my name publicly among donors"),
        help_text=_("Optional. Donors are not named unless they ask to be."),
    )
    public_name = SingleLineField(
        required=False, max_length=120, label=_("Name to list"), help_text=_("Only used if you ask to be listed.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"] = WholeNumberField(
            min_value=settings.DONATIONS_MIN_AMOUNT,
            max_value=settings.DONATIONS_MAX_AMOUNT,
            label=_("Amount"),
            initial=25,
            help_text=_("In whole units of the currency, from %(min)s to %(max)s.")
            % {"min": settings.DONATIONS_MIN_AMOUNT, "max": f"{settings.DONATIONS_MAX_AMOUNT:,}"},
        )
        currency = self.fields["currency"]
        assert isinstance(currency, forms.ChoiceField)
        currency.choices = [(code, code) for code in settings.DONATIONS_CURRENCIES]
        currency.initial = settings.DONATIONS_CURRENCIES[0]
        currency.error_messages["invalid_choice"] = _("Choose one of the currencies offered.")
        self.order_fields(["kind", "amount", "currency", "email", "list_publicly", "public_name"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("list_publicly") and not cleaned.get("public_name"):
            self.add_error("public_name", _("Give the name to list, or leave the box unticked."))
        return cleaned

    def to_input(self, language: str) -> PledgeInput:
        data = self.cleaned_data
        return PledgeInput(
            email=data["email"],
            kind=data["kind"],
            amount=data["amount"],
            currency=data["currency"],
            language=language,
            list_publicly=data["list_publicly"],
            public_name=data["public_name"] or "",
        )


class LinkForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254, help_text=_("The address you gave."))
