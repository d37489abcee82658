"""Forms of the resources library: filtering it, writing a resource, and the secretariat's override."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.bills.queries import provision_choices
from fourthp.briefs.actions import CONTENT_FIELDS, ResourceInput
from fourthp.briefs.models import MAX_REASON_CHARS, Resource
from fourthp.campaigns.forms import JurisdictionsField, ProvisionChoice
from fourthp.forms import MultilineField, SingleLineField
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.forms import JurisdictionField

RESERVED_SLUGS = {"new", "preview"}


class ResourceFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Resource.Kind.choices])
    provision = forms.ChoiceField(label=_("Provision"), required=False, choices=[])
    jurisdiction = JurisdictionField(required=False, help_text=_("e.g. Romania or US-DC"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provision"].choices = [("", _("Any provision")), *provision_choices()]  # type: ignore[attr-defined]


class ResourceForm(forms.ModelForm[Resource]):
    provisions = ProvisionChoice(
        queryset=Provision.objects.none(),
        required=False,
        label=_("Provisions"),
        help_text=_("The framework provisions it is about."),
    )
    jurisdictions = JurisdictionsField(
        required=False,
        max_length=2_000,
        label=_("Jurisdictions"),
        help_text=_("Codes or names separated by commas, such as RO, US-DC, Moldova."),
    )

    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("For an external resource, where it can be read."),
    )

    class Meta:
        model = Resource
        fields = ["kind", "title", "slug", "language", "summary", "body", "url"]
        field_classes = {"title": SingleLineField, "summary": MultilineField, "body": MultilineField}
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "body": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provisions"].queryset = Provision.objects.filter(  # type: ignore[attr-defined]
            framework=Framework.objects.default()
        ).select_related("framework")
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
        kind = cleaned.get("kind")
        if kind == Resource.Kind.EXTERNAL and not cleaned.get("url"):
            self.add_error("url", _("An external resource needs the link where it can be read."))
        if kind in (Resource.Kind.BRIEF, Resource.Kind.GUIDE) and not (cleaned.get("body") or "").strip():
            self.add_error("body", _("A brief or guide needs its text."))
        return cleaned

    def to_input(self) -> ResourceInput:
        data = self.cleaned_data
        return ResourceInput(
            **{name: data[name] or "" for name in CONTENT_FIELDS},
            provisions=list(data["provisions"]),
            jurisdictions=data["jurisdictions"],
        )


class OverrideForm(forms.Form):
    """The secretariat's reason for publishing what the content check objects to; empty to publish a clean text."""

    override_reason = MultilineField(
        label=_("Reason for publishing despite the check"),
        required=False,
        max_length=MAX_REASON_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only the secretariat may publish a text the check objects to; the reason is recorded with your name."
        ),
    )
