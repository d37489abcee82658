"""Forms of the mailing-list pages: the public sign-up and preferences, and the secretariat's lists, segments and
newsletters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.access import Viewer
from fourthp.campaigns.forms import JurisdictionsField
from fourthp.forms import MultilineField, SingleLineField
from fourthp.frameworks.models import Pillar
from fourthp.groups.models import WorkingGroup
from fourthp.jurisdictions.forms import JurisdictionField
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.mailing.actions import SignupInput
from fourthp.mailing.models import MAX_BODY_CHARS, MailingList, Newsletter, Segment


class PillarChoice(forms.ModelMultipleChoiceField[Pillar]):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.local("title"))


def _lists_field(user: Viewer | None, label: Any) -> forms.ModelMultipleChoiceField[MailingList]:
    return forms.ModelMultipleChoiceField(
        queryset=MailingList.objects.open_to(user),
        widget=forms.CheckboxSelectMultiple,
        label=label,
        error_messages={"required": _("Choose at least one list.")},
    )


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We e-mail you a link: you are subscribed once you follow it. Your address is never shown."),
    )
    jurisdiction = JurisdictionField(
        label=_("Where you live"),
        required=False,
        help_text=_("Optional: a country or state, by name or code, so that we can send you news about it."),
    )
    topics = PillarChoice(
        queryset=Pillar.objects.select_related("framework").order_by("framework__slug", "-framework__version", "order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Topics you follow"),
        help_text=_("Optional."),
    )
    # Left empty by people (it is hidden from them and from assistive technology); filled in by form-filling robots.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this empty"))

    def __init__(self, *args: Any, user: Viewer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"lists": _lists_field(user, _("Lists")), **self.fields}

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def to_input(self) -> SignupInput:
        data = self.cleaned_data
        return SignupInput(
            email=data["email"],
            lists=list(data["lists"]),
            jurisdiction=data["jurisdiction"],
            topics=list(data["topics"]),
        )


class PreferencesForm(forms.Form):
    def __init__(self, *args: Any, user: Viewer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = _lists_field(user, _("Your lists"))
        field.required = False
        field.help_text = _("Untick a list to leave it; tick one to join it.")
        self.fields["lists"] = field
        self.fields["topics"] = PillarChoice(
            queryset=Pillar.objects.select_related("framework").order_by(
                "framework__slug", "-framework__version", "order"
            ),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            label=_("Topics you follow"),
            help_text=_("Newsletters about a topic go to those who follow it."),
        )


class ListForm(forms.ModelForm[MailingList]):
    class Meta:
        model = MailingList
        fields = ["name", "description", "audience"]
        field_classes = {"name": SingleLineField, "description": MultilineField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SegmentForm(forms.ModelForm[Segment]):
    roles = forms.MultipleChoiceField(
        choices=[(role.value, role.label) for role in Segment.SEGMENT_ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Roles"),
        help_text=_("Subscribers whose account holds any of these roles; none ticked for any subscriber."),
    )
    jurisdiction_list = JurisdictionsField(
        required=False,
        max_length=2_000,
        label=_("Jurisdictions"),
        help_text=_("Codes or names separated by commas, such as CA, US-DC, Romania; empty for anywhere."),
    )
    region_list = forms.CharField(
        required=False,
        max_length=200,
        label=_("Regions"),
        help_text=_("UN M49 region or subregion codes separated by commas, such as 150 (Europe); empty for any."),
    )
    topics = PillarChoice(
        queryset=Pillar.objects.select_related("framework").order_by("framework__slug", "-framework__version", "order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Topics"),
    )
    groups = forms.ModelMultipleChoiceField(
        queryset=WorkingGroup.objects.order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Working groups"),
        help_text=_("Subscribers active in any of these groups."),
    )

    class Meta:
        model = Segment
        fields = ["name", "mailing_list", "roles", "topics", "groups"]
        field_classes = {"name": SingleLineField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            codes = self.instance.jurisdictions.values_list("code", flat=True)
            self.initial["jurisdiction_list"] = ", ".join(codes)
            self.initial["region_list"] = ", ".join(self.instance.regions or [])

    def clean_region_list(self) -> list[str]:
        codes = [c.strip() for c in self.cleaned_data["region_list"].split(",") if c.strip()]
        known = set(Jurisdiction.objects.values_list("region_code", flat=True)) | set(
            Jurisdiction.objects.values_list("subregion_code", flat=True)
        )
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise forms.ValidationError(
                _("No jurisdiction is in the region %(codes)s: use UN M49 codes such as 150 or 019.")
                % {"codes": ", ".join(unknown)}
            )
        return codes

    def to_segment(self) -> tuple[Segment, dict[str, Any]]:
        segment: Segment = self.save(commit=False)
        segment.regions = self.cleaned_data["region_list"]
        related = {
            "jurisdictions": self.cleaned_data["jurisdiction_list"],
            "topics": self.cleaned_data["topics"],
            "groups": self.cleaned_data["groups"],
        }
        return segment, related


class NewsletterForm(forms.ModelForm[Newsletter]):
    body = MultilineField(
        max_length=MAX_BODY_CHARS,
        widget=forms.Textarea(attrs={"rows": 16}),
        label=_("Body"),
        help_text=_("Markdown: **bold**, _italic_, [a link](https://example.org), lists with -."),
    )

    class Meta:
        model = Newsletter
        fields = ["subject", "mailing_list", "segment", "body"]
        field_classes = {"subject": SingleLineField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = Segment.objects.select_related("mailing_list")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        segment, mailing_list = data.get("segment"), data.get("mailing_list")
        if segment is not None and mailing_list is not None and segment.mailing_list_id != mailing_list.pk:
            self.add_error("segment", _("Choose a segment of the chosen list, or none."))
        return data
