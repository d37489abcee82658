from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.access import has_role
from fourthp.accounts.roles import Role
from fourthp.briefs.models import MAX_REASON_CHARS
from fourthp.forms import MultilineField
from fourthp.frameworks.models import Framework, Provision
from fourthp.groups.actions import MAX_JOIN_MESSAGE_CHARS, upload_rules_text
from fourthp.groups.models import DocumentVersion, GroupMembership, GroupOutput, WorkingGroup
from fourthp.members.visibility import shown_name


class ProvisionChoiceField(forms.ModelMultipleChoiceField[Provision]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.slug} — {obj.title}"


class LeadChoiceField(forms.ModelChoiceField[Any]):
    def __init__(self, *args: Any, viewer: Any, **kwargs: Any) -> None:
        self.viewer = viewer
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return shown_name(obj, self.viewer)


class GroupForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("What the group works on."))
    description = MultilineField(
        label=_("Description"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The group's purpose and plan. Markdown: *emphasis*, lists, [links](https://…)."),
    )
    provisions = ProvisionChoiceField(
        label=_("Related provisions"),
        queryset=Provision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The framework provisions the group studies; their pages link to the group."),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=WorkingGroup.Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_("A private group is hidden from visitors; signed-in members see its title and may ask to join."),
    )

    def __init__(
        self, *args: Any, framework: Framework | None, viewer: Any, group: WorkingGroup | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        provisions = self.fields["provisions"]
        assert isinstance(provisions, forms.ModelMultipleChoiceField)
        provisions.queryset = (
            framework.provisions.order_by("order") if framework is not None else Provision.objects.none()
        )
        people = get_user_model().objects.filter(is_active=True)
        if not has_role(viewer, Role.SECRETARIAT) and group is not None:
            # A lead hands the group over to one of its members; the secretariat may name anyone.
            people = people.filter(
                Q(group_memberships__group=group, group_memberships__state=GroupMembership.State.ACTIVE)
                | Q(pk=group.lead_id)
            ).distinct()
        self.fields["lead"] = LeadChoiceField(
            viewer=viewer,
            label=_("Lead"),
            queryset=people.select_related("profile").order_by("display_name", "username"),
            required=False,
            help_text=_("The member who leads the group and answers join requests; she becomes a member of it."),
        )


class JoinForm(forms.Form):
    message = MultilineField(
        label=_("Message to the lead (optional)"),
        required=False,
        max_length=MAX_JOIN_MESSAGE_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why you would like to join, or what you can bring."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("approve")), ("decline", _("decline"))])


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("What the document is."))
    file = forms.FileField(label=_("File"), help_text=lazy(upload_rules_text, str)(), required=False)
    note = forms.CharField(
        label=_("Note"), max_length=500, required=False, help_text=_("Anything readers should know.")
    )


class VersionForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=lazy(upload_rules_text, str)(), required=False)
    note = forms.CharField(label=_("What changed"), max_length=500, required=False)


class AnnouncementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("The subject of the e-mail, too."))
    body = MultilineField(
        label=_("Message"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown. Every active member of the group receives it by e-mail."),
    )


class VersionChoiceField(forms.ModelChoiceField[DocumentVersion]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.document.title} — v{obj.number} ({obj.filename})"


class OutputForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupOutput.Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = MultilineField(
        label=_("Summary"),
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences saying what it proposes."),
    )
    body = MultilineField(
        label=_("Text"),
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("The full text, in Markdown."),
    )
    provisions = ProvisionChoiceField(
        label=_("Related provisions"),
        queryset=Provision.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document_version = VersionChoiceField(
        label=_("Attached document (optional)"),
        queryset=DocumentVersion.objects.none(),
        required=False,
        help_text=_(
            "A version from the group's space. It is published with the output: "
            "whoever may read the output may download it."
        ),
    )
    override_reason = MultilineField(
        required=False,
        max_length=MAX_REASON_CHARS,
        label=_("Reason for publishing despite the content check"),
        help_text=_(
            "Publishing runs the content check; if it objects, the secretariat may give a reason here to publish "
            "all the same. The reason is recorded with her name."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, framework: Framework | None, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provisions = self.fields["provisions"]
        assert isinstance(provisions, forms.ModelMultipleChoiceField)
        provisions.queryset = (
            framework.provisions.order_by("order") if framework is not None else Provision.objects.none()
        )
        version = self.fields["document_version"]
        assert isinstance(version, forms.ModelChoiceField)
        version.queryset = versions
