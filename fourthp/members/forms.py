from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.forms import MultilineField
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.members.actions import PROFILE_FIELDS, ProfileInput
from fourthp.members.models import MAX_TESTIMONIAL_CHARS, VISIBLE_FIELDS, Application, Consent, Profile
from fourthp.members.queries import language_code, topic_choices

MAX_LANGUAGES = 20
MAX_NOTE_CHARS = 5_000


class LanguagesField(forms.CharField):
    """ISO 639 codes separated by commas or spaces, stored as a list of two-letter codes where they exist."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        codes: list[str] = []
        for raw in text.replace(",", " ").split():
            code = language_code(raw)
            if code is None:
                raise forms.ValidationError(
                    _("“%(code)s” is not an ISO 639 language code; use codes such as en, fr or es."),
                    params={"code": raw[:20]},
                )
            if code not in codes:
                codes.append(code)
        if len(codes) > MAX_LANGUAGES:
            raise forms.ValidationError(_("List at most %(n)s languages."), params={"n": MAX_LANGUAGES})
        return codes

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    """Her own profile; every field has a visibility next to it (the secretariat only unless she widens it)."""

    languages = LanguagesField(
        label=_("Languages"),
        required=False,
        max_length=200,
        help_text=_("ISO 639 codes, separated by commas, e.g. en, fr, es."),
    )

    class Meta:
        model = Profile
        fields = [
            "kind",
            "name",
            "role",
            "lived_experience",
            "jurisdiction",
            "legislature",
            "chamber",
            "party",
            "committees",
            "topic_pillars",
            "topic_provisions",
            "languages",
            "organisation",
            "bio",
            "contact",
            *(f"{field}_visibility" for field in VISIBLE_FIELDS),
        ]
        field_classes = {"committees": MultilineField, "bio": MultilineField}
        widgets = {
            "committees": forms.Textarea(attrs={"rows": 2}),
            "bio": forms.Textarea(attrs={"rows": 4}),
            "topic_pillars": forms.CheckboxSelectMultiple,
            "topic_provisions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pillars, provisions = topic_choices()
        self.fields["topic_pillars"].queryset = pillars  # type: ignore[attr-defined]
        self.fields["topic_provisions"].queryset = provisions  # type: ignore[attr-defined]
        self.fields["jurisdiction"] = JurisdictionField(
            required=False, help_text=_("The country or state you work in: start typing its name or code.")
        )
        self.fields["lived_experience"].help_text = _(
            "Tick this if you have lived experience of trafficking. Nothing of your profile is then shown "
            "beyond the secretariat unless you give your consent on the consents page; you can withdraw it at any time."
        )
        for field in VISIBLE_FIELDS:
            visibility = self.fields[f"{field}_visibility"]
            visibility.label = _("Who may see this")
            visibility.help_text = ""

    def profile_input(self) -> ProfileInput:
        """The validated form as the action's input."""
        data = self.cleaned_data
        return ProfileInput(
            **{name: data[name] for name in PROFILE_FIELDS},
            topic_pillars=list(data["topic_pillars"]),
            topic_provisions=list(data["topic_provisions"]),
            visibility={field: data[f"{field}_visibility"] for field in VISIBLE_FIELDS},
        )


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(choices=Consent.Kind.choices)
    action = forms.ChoiceField(choices=[("give", _("give")), ("revoke", _("revoke"))])


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    jurisdiction = JurisdictionField(required=False, help_text="")
    region = forms.CharField(
        label=_("Region"), required=False, max_length=80, help_text=_("UN M49 region name or code, e.g. 019.")
    )
    role = forms.ChoiceField(label=_("Role"), required=False, choices=[("", _("any")), *Profile.Role.choices])
    topic = forms.CharField(label=_("Topic"), required=False, max_length=80, help_text=_("Provision or pillar id."))
    language = forms.CharField(label=_("Language"), required=False, max_length=3, help_text=_("ISO 639 code."))

    def clean_jurisdiction(self) -> str:
        found = self.cleaned_data["jurisdiction"]
        return found.code if found else ""


class ApplicationForm(forms.Form):
    accept_mission = forms.BooleanField(
        label=_("I have read and accept the mission statement"),
        error_messages={"required": _("Please read the mission statement and tick the box to accept it.")},
    )
    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We write to you here about your application. Your official address helps us verify it."),
    )
    jurisdiction = JurisdictionField(
        help_text=_("The country or state whose legislature you belong to: start typing its name or code.")
    )
    legislature = forms.CharField(
        label=_("Legislature"), max_length=255, help_text=_("For example: House of Commons, Congress of the Republic.")
    )
    chamber = forms.CharField(
        label=_("Chamber"), max_length=100, required=False, help_text=_("Upper or lower house, if there are two.")
    )
    role = forms.ChoiceField(label=_("You are"), choices=Application.Role.choices, widget=forms.RadioSelect)
    website = forms.URLField(
        label=_("Official web page"),
        assume_scheme="https",
        max_length=500,
        required=False,
        help_text=_("A page of your legislature that shows your role (optional; it speeds up verification)."),
    )
    message = MultilineField(
        label=_("Message"),
        max_length=MAX_NOTE_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Anything that helps us verify your role (optional)."),
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip()


class RespondForm(forms.Form):
    text = MultilineField(
        label=_("The information asked for"),
        max_length=MAX_NOTE_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("accept")), ("ask", _("ask for more information")), ("decline", _("decline"))],
        widget=forms.RadioSelect,
    )
    note = MultilineField(
        label=_("Note to the applicant"),
        max_length=MAX_NOTE_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you ask for more information or decline; it is sent to her."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") in ("ask", "decline") and not str(data.get("note", "")).strip():
            self.add_error("note", _("Write a note: the applicant needs to know what to add, or why."))
        return data


class ApplicationStateForm(forms.Form):
    state = forms.ChoiceField(label=_("State"), required=False, choices=[("", _("all")), *Application.State.choices])


class TestimonialForm(forms.Form):
    text = MultilineField(
        label=_("Your words"),
        max_length=MAX_TESTIMONIAL_CHARS,
        help_text=_("A few sentences about the work, at most 800 characters."),
        error_messages={"required": _("Write your testimonial.")},
    )
    show_role = forms.BooleanField(
        label=_("Show my role and jurisdiction beside it (as far as my profile's settings allow)"),
        required=False,
        initial=True,
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("Tick the box to agree to publication, or keep your words to yourself.")},
    )
