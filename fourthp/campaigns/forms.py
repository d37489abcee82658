"""Forms of the campaign pages: the secretariat's campaign and delivery, the signing forms, a letter to
legislators, a legislator's inquiry, and the admin's op-ed kit."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fourthp.briefs.models import MAX_REASON_CHARS
from fourthp.campaigns.actions import (
    CAMPAIGN_FIELDS,
    INQUIRY_FIELDS,
    CampaignInput,
    InquiryInput,
    PublicSignatureInput,
    refuse_unfit_figures,
)
from fourthp.campaigns.models import MAX_GOAL, MAX_LETTER_CHARS, MAX_STATEMENT_CHARS, Campaign, Inquiry, OpEdKit
from fourthp.forms import MultilineField, SingleLineField, WholeNumberField
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Profile

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


# --- Letters to legislators ----------------------------------------------------------------------


class PlaceForm(forms.Form):
    """Her jurisdiction, picked by name, on the page for writing to a representative."""

    jurisdiction = JurisdictionField(
        label=_("Where you live"), help_text=_("A country or state, by name or code, such as Canada or US-DC.")
    )


class LegislatorChoice(forms.ModelMultipleChoiceField[Profile]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class LetterForm(forms.Form):
    recipients = LegislatorChoice(
        queryset=Profile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Write to"),
        help_text=_("The legislators of your jurisdiction who take letters through the platform."),
    )
    subject = SingleLineField(label=_("Subject"), max_length=200)
    body = MultilineField(
        label=_("Your letter"),
        max_length=MAX_LETTER_CHARS,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Change it as you wish: a letter in your own words is read more closely."),
    )
    name = SingleLineField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        help_text=_(
            "Needed for the platform to send your letter: we e-mail you a link, and the letter goes once you "
            "follow it. The legislators can answer you at this address; it is never shown on the site."
        ),
    )
    town = SingleLineField(
        label=_("Town"), max_length=150, required=False, help_text=_("Optional: shows you live where you write about.")
    )
    # Left empty by people (it is hidden from them and from assistive technology); filled in by form-filling robots.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this empty"))

    def __init__(self, *args: Any, legislators: list[Profile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.legislators = legislators
        field = self.fields["recipients"]
        assert isinstance(field, LegislatorChoice)
        field.queryset = Profile.objects.filter(pk__in=[p.pk for p in legislators]).order_by("name", "pk")

    @property
    def sending(self) -> bool:
        """She asked the platform to send it (else she copies it to send herself)."""
        return self.data.get("action") == "send"

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.sending:
            if not self.legislators:
                raise forms.ValidationError(
                    _(
                        "No legislator here takes letters through the platform yet: copy your letter and send it yourself."
                    )
                )
            if not cleaned.get("recipients") and "recipients" not in self.errors:
                self.add_error("recipients", _("Choose at least one legislator to write to."))
            if not cleaned.get("email") and "email" not in self.errors:
                self.add_error("email", _("Give your e-mail address: the letter is sent once you confirm it."))
        return cleaned


# --- Inquiries ------------------------------------------------------------------------------------


class InquiryForm(forms.ModelForm[Inquiry]):
    jurisdiction = JurisdictionField(help_text=_("The country or state whose agency you asked."))
    state = forms.ChoiceField(
        label=_("Status"),
        choices=[(k, v) for k, v in Inquiry.State.choices if k != Inquiry.State.OVERDUE],
        help_text=_("A sent inquiry is shown as overdue once its answer is late."),
    )

    class Meta:
        model = Inquiry
        fields = [
            "jurisdiction",
            "agency",
            "question",
            "sent_on",
            "due_on",
            "reference",
            "answer",
            "answered_on",
            "state",
            "published",
        ]
        field_classes = {"agency": SingleLineField, "question": MultilineField, "answer": MultilineField}
        widgets = {
            "question": forms.Textarea(attrs={"rows": 6}),
            "answer": forms.Textarea(attrs={"rows": 6}),
            "sent_on": _date_widget(),
            "due_on": _date_widget(),
            "answered_on": _date_widget(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.state == Inquiry.State.OVERDUE:
            self.initial["state"] = Inquiry.State.SENT

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        sent, due, answered = cleaned.get("sent_on"), cleaned.get("due_on"), cleaned.get("answered_on")
        if sent and sent > timezone.localdate():
            self.add_error("sent_on", _("Record an inquiry once it is sent; this date is in the future."))
        if sent and due and due < sent:
            self.add_error("due_on", _("The answer cannot be due before the question was sent."))
        if sent and answered and answered < sent:
            self.add_error("answered_on", _("The answer cannot come before the question was sent."))
        if cleaned.get("state") == Inquiry.State.ANSWERED:
            if not (cleaned.get("answer") or "").strip():
                self.add_error("answer", _("Give the answer to mark the inquiry answered."))
            if not answered:
                self.add_error("answered_on", _("Give the date of the answer to mark the inquiry answered."))
        return cleaned

    def to_input(self) -> InquiryInput:
        return InquiryInput(**{name: self.cleaned_data[name] for name in INQUIRY_FIELDS})


# --- Op-ed kits (edited in the admin) ----------------------------------------------------------


class JSONTextField(MultilineField):
    """A JSON object typed in a box (the admin's translations), its line breaks counted as the browser counts them."""

    def __init__(self, *args: Any, encoder: Any = None, decoder: Any = None, **kwargs: Any) -> None:
        # A model JSONField offers its encoder and decoder; the plain json module serves here.
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text or not str(text).strip():
            return {}
        try:
            decoded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("This is not valid JSON (line %(line)s): %(reason)s") % {"line": exc.lineno, "reason": exc.msg}
            ) from exc
        if not isinstance(decoded, dict):
            raise forms.ValidationError(_("Give a JSON object: language codes and their texts."))
        return decoded

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, indent=2)
        return value

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return bool(self.to_python(data) != (initial or {}))
        except forms.ValidationError:
            return True


class OpEdKitAdminForm(forms.ModelForm[OpEdKit]):
    class Meta:
        model = OpEdKit
        fields = ["slug", "title", "summary", "guidance", "translations", "statistics", "published"]
        field_classes = {"summary": MultilineField, "guidance": MultilineField, "translations": JSONTextField}

    def clean_statistics(self) -> Any:
        figures = self.cleaned_data["statistics"]
        problems = refuse_unfit_figures(figures)
        if problems:
            raise forms.ValidationError(problems)
        return figures
