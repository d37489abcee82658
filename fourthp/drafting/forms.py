"""The analysts' form for a new version of a model provision (and for a new model provision), and the
reviewer's return form. Options and defined terms are typed as YAML lists, as in the library's files."""

from __future__ import annotations

from typing import Any, cast

import yaml
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from fourthp.drafting.actions import MAX_TEXT, DraftChoices, check_version
from fourthp.drafting.inputs import NewModelInput, VariantInput, VersionInput
from fourthp.drafting.models import Level, ModelProvisionVersion, Tradition
from fourthp.drafting.queries import Candidate
from fourthp.drafting.text import parse_options, parse_terms
from fourthp.forms import MultilineField, SingleLineField
from fourthp.frameworks.models import Provision
from fourthp.groups.models import GroupOutput, WorkingGroup
from fourthp.jurisdictions.forms import JurisdictionField

VARIANTS = [(t, lv) for lv in Level for t in Tradition]


def _field(tradition: str, level: str) -> str:
    return f"text_{tradition}_{level}"


def _yaml_list(value: str, refusal: Any) -> Any:
    if not value.strip():
        return []
    try:
        return yaml.safe_load(value)
    except yaml.YAMLError as exc:
        raise ValidationError(refusal) from exc


class VersionForm(forms.Form):
    heading_common_law = SingleLineField(label=_("Heading (common law)"), max_length=200)
    heading_civil_law = SingleLineField(label=_("Heading (civil law)"), max_length=200)
    text_common_law_national = MultilineField(label=_("Text: common law, national"), max_length=MAX_TEXT)
    text_civil_law_national = MultilineField(label=_("Text: civil law, national"), max_length=MAX_TEXT)
    text_common_law_subnational = MultilineField(label=_("Text: common law, subnational"), max_length=MAX_TEXT)
    text_civil_law_subnational = MultilineField(label=_("Text: civil law, subnational"), max_length=MAX_TEXT)
    options = MultilineField(
        label=_("Options (YAML list)"),
        required=False,
        max_length=5000,
        help_text=_("Each with name, label, values and default; the name is used as {{name}} in the texts."),
    )
    defined_terms = MultilineField(
        label=_("Defined terms (YAML list)"),
        required=False,
        max_length=5000,
        help_text=_("Each with term and definition."),
    )
    notes = MultilineField(label=_("Drafting notes"), required=False, max_length=10_000)
    change_summary = SingleLineField(label=_("What this version changes"), max_length=300)

    def __init__(self, *args: Any, provision: Provision | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.provision = provision
        if provision is not None:
            for tradition, level in VARIANTS:
                if level not in provision.levels:
                    del self.fields[_field(tradition, level)]

    @staticmethod
    def initial_from(version: ModelProvisionVersion | None) -> dict[str, str]:
        if version is None:
            return {}
        initial = {"notes": version.notes}
        if version.options:
            initial["options"] = yaml.safe_dump(version.options, sort_keys=False, allow_unicode=True)
        if version.defined_terms:
            initial["defined_terms"] = yaml.safe_dump(version.defined_terms, sort_keys=False, allow_unicode=True)
        for t in version.texts.all():
            initial[_field(t.tradition, t.level)] = t.text
            initial[f"heading_{t.tradition}"] = t.heading
        return initial

    def clean_options(self) -> Any:
        try:
            return parse_options(_yaml_list(self.cleaned_data["options"], _("The options are not a valid YAML list.")))
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    def clean_defined_terms(self) -> Any:
        try:
            return parse_terms(
                _yaml_list(self.cleaned_data["defined_terms"], _("The defined terms are not a valid YAML list."))
            )
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc

    def version_input(self) -> VersionInput:
        data = self.cleaned_data
        texts = tuple(
            VariantInput(t, lv, data.get(f"heading_{t}", ""), data[_field(t, lv)])
            for t, lv in VARIANTS
            if _field(t, lv) in self.fields
        )
        return VersionInput(
            texts=texts,
            options=tuple(data.get("options") or ()),
            defined_terms=tuple(data.get("defined_terms") or ()),
            notes=data.get("notes", ""),
            change_summary=data.get("change_summary", ""),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.provision is not None and not self.errors:
            for problem in check_version(self.provision, self.version_input()):
                self.add_error(None, problem)
        return cleaned


class NewModelForm(VersionForm):
    """A new model provision: which provision, an id and a title, optionally a working group's output."""

    provision_slug = forms.ChoiceField(label=_("Framework provision"))
    slug = forms.SlugField(label=_("Id"), max_length=100, help_text=_("Lower-case words joined by hyphens."))
    title = SingleLineField(label=_("Title"), max_length=200)
    output = forms.ModelChoiceField(
        label=_("Proposed by a working group output"),
        queryset=GroupOutput.objects.filter(kind=GroupOutput.Kind.MODEL_POLICY).select_related("group"),
        required=False,
    )

    field_order = ["provision_slug", "slug", "title", "output"]

    def __init__(self, *args: Any, provisions: list[Provision], **kwargs: Any) -> None:
        self.provisions = {p.slug: p for p in provisions}
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["provision_slug"]).choices = [
            (p.slug, f"{p.slug}: {p.title}") for p in provisions
        ]

    def clean(self) -> dict[str, Any]:
        self.provision = self.provisions.get(self.data.get("provision_slug", ""))
        if self.provision is not None:
            for tradition, level in VARIANTS:
                if level not in self.provision.levels:
                    self.fields.pop(_field(tradition, level), None)
                    self.errors.pop(_field(tradition, level), None)
        return super().clean()

    def new_input(self) -> NewModelInput:
        output = self.cleaned_data.get("output")
        return NewModelInput(
            provision_slug=self.cleaned_data["provision_slug"],
            slug=self.cleaned_data["slug"],
            title=self.cleaned_data["title"],
            version=self.version_input(),
            output_id=output.pk if output else None,
        )


class ReturnForm(forms.Form):
    reason = MultilineField(label=_("Why it is returned"), max_length=1000)


# ------------------------------------------------------------------------------------- the drafting assistant


class DraftStartForm(forms.Form):
    """The first step: the jurisdiction the bill is for, by name or code."""

    jurisdiction = JurisdictionField()


def option_field_name(slug: str, name: str) -> str:
    return f"opt__{slug}__{name}"


class DraftChoicesForm(forms.Form):
    """The second step (and recomposing): the provisions to draft, their options, tradition and level."""

    provisions = forms.MultipleChoiceField(
        label=_("Provisions to draft"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one provision to draft.")},
    )
    tradition = forms.ChoiceField(label=_("Legal tradition"), choices=Tradition.choices)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)

    def __init__(
        self,
        *args: Any,
        candidates: list[Candidate],
        groups: list[WorkingGroup] | None = None,
        with_note: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["provisions"].choices = [  # type: ignore[attr-defined]
            (c.provision.slug, f"{c.provision.slug}: {c.provision.title}") for c in candidates
        ]
        for c in candidates:
            for option in c.options:
                self.fields[option_field_name(c.model.slug, option.name)] = forms.ChoiceField(
                    label=f"{c.model.title}: {option.label}",
                    choices=[(v, v) for v in option.values],
                    initial=option.default,
                    required=False,
                )
        if groups is not None:
            self.fields["group"] = forms.TypedChoiceField(
                label=_("Working group (optional)"),
                help_text=_("Its members may read the draft and comment on it."),
                choices=[("", _("None")), *[(str(g.pk), g.title) for g in groups]],
                coerce=int,
                empty_value=None,
                required=False,
            )
        if with_note:
            self.fields["change_note"] = SingleLineField(
                label=_("What changes (optional)"), max_length=300, required=False
            )

    def chosen(self) -> set[str]:
        if self.is_bound:
            return set(self.data.getlist("provisions")) if hasattr(self.data, "getlist") else set()
        return set(self.initial.get("provisions", []))

    def rows(self) -> list[tuple[Candidate, bool, list[forms.BoundField]]]:
        chosen = self.chosen()
        return [
            (
                c,
                c.provision.slug in chosen,
                [self[option_field_name(c.model.slug, o.name)] for o in c.options],
            )
            for c in self.candidates
        ]

    def draft_choices(self) -> DraftChoices:
        data = self.cleaned_data
        chosen = set(data["provisions"])
        options = {
            c.model.slug: {o.name: data.get(option_field_name(c.model.slug, o.name)) or o.default for o in c.options}
            for c in self.candidates
            if c.provision.slug in chosen and c.options
        }
        return DraftChoices(list(data["provisions"]), options, data["tradition"], data["level"])


class DraftCommentForm(forms.Form):
    section = forms.CharField(max_length=40, widget=forms.HiddenInput)
    text = MultilineField(label=_("Comment on this section"), max_length=4000)
