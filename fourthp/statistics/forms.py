from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fourthp.forms import BoundedDecimalField, MultilineField, SingleLineField
from fourthp.statistics.inputs import FIELDS, StatisticInput
from fourthp.statistics.models import Statistic


class SuccessorField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.key}: {obj.measure}"


class StatisticForm(forms.ModelForm):  # type: ignore[type-arg]
    """A figure of the registry; the model's rules (source, value, successor) are checked as the form is."""

    measure = SingleLineField(
        label=_("Measure"), max_length=300, help_text=Statistic._meta.get_field("measure").help_text
    )
    source_url = forms.URLField(
        label=_("Source address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=Statistic._meta.get_field("source_url").help_text,
    )
    value = BoundedDecimalField(
        label=_("Value"),
        required=False,
        min_value=Decimal("-999999999999999999"),
        max_value=Decimal("999999999999999999"),
        max_digits=24,
        decimal_places=6,
        help_text=Statistic._meta.get_field("value").help_text,
    )
    method = MultilineField(label=_("Method"), required=False, max_length=2000)
    caveats = MultilineField(label=_("Caveats"), required=False, max_length=2000)
    superseded_by = SuccessorField(
        label=_("Superseded by"),
        required=False,
        queryset=Statistic.objects.none(),
        help_text=_("For a superseded figure, the newer estimate of the same measure."),
    )

    class Meta:
        model = Statistic
        fields = [
            "key",
            "measure",
            "value",
            "unit",
            "period",
            "geography",
            "source",
            "source_url",
            "publisher",
            "published",
            "method",
            "caveats",
            "quality",
            "superseded_by",
            "claimed_by",
        ]
        labels = {
            "key": _("Short name"),
            "value": _("Value"),
            "unit": _("Unit"),
            "period": _("Period of the data"),
            "geography": _("Geography"),
            "source": _("Source"),
            "source_url": _("Source address"),
            "publisher": _("Publisher"),
            "published": _("Published"),
            "quality": _("Quality"),
            "claimed_by": _("Claimed by"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A figure is replaced by a sourced one, never by itself.
        successors = Statistic.objects.public().order_by("measure", "key")
        if self.instance.pk is not None:
            successors = successors.exclude(pk=self.instance.pk)
        self.fields["superseded_by"].queryset = successors  # type: ignore[attr-defined]

    def statistic_input(self) -> StatisticInput:
        data = self.cleaned_data
        successor = data.get("superseded_by")
        text = {name: data.get(name) or "" for name in FIELDS if name != "value"}
        return StatisticInput(
            **text,
            value=data.get("value"),
            superseded_by=successor.key if successor is not None else "",
        )
