"""Forms of the campaign pages: the secretariat's campaign and delivery, and the signing forms."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fourthp.briefs.models import MAX_REASON_CHARS
from fourthp.campaigns.actions import CAMPAIGN_FIELDS, CampaignInput, PublicSignatureInput
from fourthp.campaigns.models import MAX_GOAL, MAX_STATEMENT_CHARS, Campaign
from fourthp.forms import MultilineField, SingleLineField, WholeNumberField
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.jurisdictions.models import Jurisdiction

# Words the campaign addresses use for pages of their own.
RESERVED_SLUGS = {"new", "confirm", "withdraw"}


class ProvisionChoice(forms.ModelMultipleChoiceField[Provision]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.slug} — {obj.title} ({obj.framework})"


class JurisdictionsField(forms.CharField):
    """Jurisdictions typed as codes or names, separated by commas; each cleaned as JurisdictionField does."""

    def clean(self, value: Any) -> list[Jurisdiction]:
        text: str = super().clean(value)
        one = JurisdictionField(required=False)
        found: list[Jurisdiction] = []
        for part in (p.strip() for p in text.split(",")):
            jurisdiction = one.clean(part) if part else None
            if jurisdiction is not None and jurisdiction not in found:
                found.append(jurisdiction)
        return found


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.ModelForm[Campaign]):
    provisions = ProvisionChoice(
        queryset=Provision.objects.select_related("framework").order_by(
            "framework__slug", "-framework__version", "order"
        ),
        required=False,
        label=_("Related provisions"),
        help_text=_("Framework provisions the statement is about."),
    )
    jurisdictions = JurisdictionsField(
        required=False,
        max_length=2_000,
        label=_("Related jurisdictions"),
        help_text=_("Codes or names separated by commas, such as CA, US-DC, Romania."),
    )
    goal = WholeNumberField(
        required=False,
        min_value=1,
        max_value=MAX_GOAL,
        label=_("Goal"),
        help_text=_("How many signatures the campaign aims for; empty for none."),
    )
    override_reason = MultilineField(
        required=False,
        max_length=MAX_REASON_CHARS,
        label=_("Reason for opening despite the content check"),
        help_text=_(
            "Opening the statement runs the content check; if it objects, give your reason here to open it all the "
            "same. The reason is recorded with your name."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Campaign
        fields = ["title", "slug", "statement", "language", "audience", "goal", "opens_on", "closes_on", "state"]
        field_classes = {"title": SingleLineField, "statement": MultilineField}
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 10}),
            "opens_on": _date_widget(),
            "closes_on": _date_widget(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [  # type: ignore[attr-defined]
            c for c in Campaign.State.choices if c[0] != Campaign.State.DELIVERED or self.instance.is_delivered
        ]
        translations = self.instance.statement_translations or {}
        for code, name in settings.LANGUAGES:
            self.fields[f"statement_{code}"] = MultilineField(
                required=False,
                max_length=MAX_STATEMENT_CHARS,
                label=_("Statement in %(language)s") % {"language": name},
                help_text=_("Leave empty where the statement is not translated; the language above needs none."),
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=translations.get(code, ""),
            )
        if self.instance.pk:
            self.initial["jurisdictions"] = ", ".join(j.code for j in self.instance.jurisdictions.all())
            self.initial["provisions"] = list(self.instance.provisions.all())

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s” is part of the site's addresses; choose another.") % {"slug": slug}
            )
        return slug

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The campaign must close on or after the day it opens."))
        return cleaned

    def to_input(self) -> CampaignInput:
        data = self.cleaned_data
        language = data["language"]
        translations = {
            code: data[f"statement_{code}"].strip()
            for code, _name in settings.LANGUAGES
            if code != language and data.get(f"statement_{code}", "").strip()
        }
        own = {name: data[name] for name in CAMPAIGN_FIELDS if name != "statement_translations"}
        return CampaignInput(
            **own,
            statement_translations=translations,
            provisions=list(data["provisions"]),
            jurisdictions=data["jurisdictions"],
            override_reason=data.get("override_reason") or "",
        )


class MemberSignatureForm(forms.Form):
    show_name = forms.BooleanField(
        required=False,
        label=_("Show my name in the public list of signatories"),
        help_text=_("Unticked, your signature is counted and your name is not shown."),
    )


class PublicSignatureForm(forms.Form):
    name = SingleLineField(label=_("Your name"), max_length=150)
    organisation = SingleLineField(
        label=_("Organisation"), max_length=200, required=False, help_text=_("Optional: where you work or volunteer.")
    )
    jurisdiction = JurisdictionField(
        label=_("Where you live"), help_text=_("A country or state, by name or code, such as Canada or US-DC.")
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We e-mail you a link: your signature counts once you follow it. Your address is never shown."),
    )
    show_name = forms.BooleanField(
        required=False,
        label=_("Show my name in the public list of signatories"),
        help_text=_("Unticked, your signature is counted and your name is not shown."),
    )
    # Left empty by people (it is hidden from them and from assistive technology); filled in by form-filling robots.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this empty"))

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def to_input(self) -> PublicSignatureInput:
        data = self.cleaned_data
        return PublicSignatureInput(
            name=data["name"],
            organisation=data["organisation"],
            jurisdiction=data["jurisdiction"],
            email=data["email"],
            show_name=data["show_name"],
        )


class DeliveryForm(forms.Form):
    delivered_to = SingleLineField(
        label=_("Delivered to"), max_length=300, help_text=_("Who the letter was handed or sent to, and how.")
    )
    delivered_at = forms.DateTimeField(
        label=_("Delivered at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("When it was delivered, in your time zone."),
    )

    def clean_delivered_at(self) -> Any:
        value = self.cleaned_data["delivered_at"]
        if value > timezone.now() + dt.timedelta(minutes=5):
            raise forms.ValidationError(_("Record a delivery once it has happened; this time is in the future."))
        return value
