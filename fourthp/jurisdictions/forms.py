from __future__ import annotations

from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from fourthp.core.errors import NotFound
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import (
    MAX_TYPED_CHARS,
    AmbiguousJurisdiction,
    find_jurisdiction_by_code_or_name,
    place_label,
)


class JurisdictionInput(forms.TextInput):
    """A text box that suggests jurisdictions as she types (the ARIA 1.2 combobox, fed by htmx).

    Without JavaScript it stays a plain text box; the field resolves whatever was typed.
    `submit=True` sends its form as soon as a suggestion is chosen (a "find a place" box).
    """

    template_name = "_partials/_jurisdiction_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, submit: bool = False) -> None:
        super().__init__(attrs)
        self.submit = submit

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["submit"] = self.submit
        return context

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Jurisdiction):
            return place_label(value)
        if isinstance(value, int):  # a model form's initial value is the primary key
            found = Jurisdiction.objects.filter(pk=value).first()
            return place_label(found) if found else None
        text: str | None = super().format_value(value)
        return text

    def _render(self, template_name: str, context: dict[str, Any], renderer: Any = None) -> SafeString:
        # The project's templates folder, where the rules on templates (no inline script, i18n) are checked.
        return mark_safe(render_to_string(template_name, context))  # noqa: S308  (a template, autoescaped)


class JurisdictionField(forms.CharField):
    """A jurisdiction typed as its code, an alias or its name (in her language or English); cleans into it.

    Every form that asks for a jurisdiction uses it, so each answers an unknown or ambiguous one in the
    same words, and each offers the same suggestions as she types.
    """

    widget = JurisdictionInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Jurisdiction"))
        kwargs.setdefault("help_text", _("Start typing its name or code, e.g. Canada, CA or US-DC."))
        kwargs.setdefault("max_length", MAX_TYPED_CHARS)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Jurisdiction | None:
        text: str = super().clean(value)
        if not text:
            return None
        try:
            return find_jurisdiction_by_code_or_name(text)
        except AmbiguousJurisdiction as exc:
            raise forms.ValidationError(exc.message, code="ambiguous_jurisdiction") from None
        except NotFound as exc:
            raise forms.ValidationError(exc.message, code="unknown_jurisdiction") from None


class JurisdictionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Jurisdiction.Kind.choices])
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("Any level")), *Jurisdiction.Level.choices]
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=[("", _("Any region"))])

    def __init__(self, *args: object, regions: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["region"].choices = [("", _("Any region")), *regions]  # type: ignore[attr-defined]


class JurisdictionEditForm(forms.Form):
    legislature = forms.CharField(label=_("Legislature"), max_length=255, required=False)
    legal_tradition = forms.ChoiceField(
        label=_("Legal tradition"),
        required=False,
        choices=[("", _("Not recorded")), *Jurisdiction.LegalTradition.choices],
    )


class FindPlaceForm(forms.Form):
    """One box that takes her to a jurisdiction's page: the atlas list and the home page carry it."""

    place = JurisdictionField(
        label=_("Find a place"),
        help_text=_("Its name in your language or in English, or its code."),
        widget=JurisdictionInput(submit=True),
    )
