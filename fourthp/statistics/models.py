"""The statistics registry: every figure the platform shows, with its provenance and a quality grade.

A figure carries its source, publisher, period, publication date, method and caveats. Its grade says
how far it can be trusted: `primary` (from the body that made the estimate), `secondary` (a third party
citing one), `superseded` (a newer estimate of the same measure exists, and the figure names it) or
`unsourced` (it circulates with no traceable source). An unsourced figure is kept so that analysts can
recognise it, and is never shown to the public ("Sound statistics": where no sound figure exists, none
is shown).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role

STATISTICS_CURATORS = (Role.ANALYST, Role.SECRETARIAT)
"""Those who keep the registry: they edit it and see its unsourced figures (access.can_edit_statistics)."""

MAX_CHAIN = 50
"""How far a chain of successors is followed; the model refuses a loop, so this only bounds a walk."""

PUBLISHED_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class Quality(models.TextChoices):
    PRIMARY = "primary", _("primary")
    SECONDARY = "secondary", _("secondary")
    SUPERSEDED = "superseded", _("superseded")
    UNSOURCED = "unsourced", _("unsourced")


PUBLIC_QUALITIES = (Quality.PRIMARY, Quality.SECONDARY, Quality.SUPERSEDED)


class StatisticQuerySet(models.QuerySet["Statistic"]):
    def public(self) -> StatisticQuerySet:
        """The figures anyone may read: every grade but unsourced."""
        return self.filter(quality__in=PUBLIC_QUALITIES)

    def visible_to(self, user: Viewer | None) -> StatisticQuerySet:
        """The twin of `access.can_see_statistic`: the public figures, or all of them for the registry's curators."""
        if has_role(user, *STATISTICS_CURATORS):
            return self
        return self.public()


def _check_published(value: str) -> None:
    if not PUBLISHED_PATTERN.match(value) or _published_date(value) is None:
        raise ValidationError(
            _("Give the publication date as a year (2022), a year and month (2022-09) or a full date (2022-09-15)."),
            code="invalid",
        )


def _published_date(value: str) -> dt.date | None:
    parts = [int(p) for p in value.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


class Statistic(models.Model):
    key = models.SlugField(
        max_length=120,
        unique=True,
        help_text=_("A short stable name, e.g. global-modern-slavery-2021; briefs cite the figure by it."),
        validators=[RegexValidator(r"^[a-z0-9]+(-[a-z0-9]+)*$", _("Lower-case letters, digits and hyphens."))],
    )
    measure = models.CharField(max_length=300, help_text=_("What the figure measures, in a sentence."))
    value = models.DecimalField(
        max_digits=24,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("The number itself; a claim with no number can only be graded unsourced."),
    )
    unit = models.CharField(max_length=60, blank=True, help_text=_("e.g. people, percent, USD per year."))
    period = models.CharField(max_length=40, blank=True, help_text=_("The period the data describe, e.g. 2021."))
    geography = models.CharField(max_length=120, blank=True, help_text=_("Where it applies, if not the world."))
    source = models.CharField(
        max_length=300, blank=True, help_text=_("The report or dataset the figure comes from, by its title.")
    )
    source_url = models.URLField(max_length=500, blank=True, help_text=_("Where the source can be read."))
    publisher = models.CharField(max_length=200, blank=True, help_text=_("Who published the source."))
    published = models.CharField(
        max_length=10,
        blank=True,
        validators=[_check_published],
        help_text=_("When the source was published: 2022, 2022-09 or 2022-09-15."),
    )
    method = models.TextField(max_length=2000, blank=True, help_text=_("How the figure was arrived at."))
    caveats = models.TextField(max_length=2000, blank=True, help_text=_("What the figure does not say."))
    quality = models.CharField(
        max_length=12,
        choices=Quality.choices,
        help_text=_("Primary, secondary, superseded (names its successor) or unsourced (never shown publicly)."),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supersedes",
        help_text=_("For a superseded figure, the newer estimate of the same measure."),
    )
    claimed_by = models.CharField(
        max_length=300, blank=True, help_text=_("Where the figure was seen claimed, if it circulates.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = StatisticQuerySet.as_manager()

    class Meta:
        ordering = ["measure", "key"]

    def __str__(self) -> str:
        return self.key

    def get_absolute_url(self) -> str:
        return reverse("statistic-detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.quality != Quality.UNSOURCED

    @property
    def published_date(self) -> dt.date | None:
        return _published_date(self.published) if self.published and PUBLISHED_PATTERN.match(self.published) else None

    @property
    def published_label(self) -> str:
        """The publication date in the reader's language, as precise as it was recorded."""
        when = self.published_date
        if when is None:
            return ""
        if len(self.published) == 4:
            return str(when.year)
        return date_format(when, "YEAR_MONTH_FORMAT" if len(self.published) == 7 else "DATE_FORMAT")

    @property
    def shown_value(self) -> Decimal | int | None:
        """The value without trailing zeros: a whole number as an int, so it is grouped as one."""
        if self.value is None:
            return None
        if self.value == self.value.to_integral_value():
            return int(self.value)
        return self.value.normalize()

    def newest_successor(self) -> Statistic | None:
        """The end of the chain of successors: the newest estimate of this measure (None if not superseded)."""
        current, steps = self.superseded_by, 0
        while current is not None and current.superseded_by_id is not None and steps < MAX_CHAIN:
            current, steps = current.superseded_by, steps + 1
        return current

    def clean(self) -> None:
        """The registry's rules: a graded figure has a source and a value; a superseded one names its successor."""
        errors: dict[str, list[ValidationError]] = {}

        def refuse(field: str, message: Any) -> None:
            errors.setdefault(field, []).append(ValidationError(message))

        if self.quality and self.quality != Quality.UNSOURCED:
            if not self.source.strip():
                refuse("source", _("A figure without a source can only be graded unsourced, and is never shown."))
            if self.value is None:
                refuse("value", _("A graded figure needs its value; a claim without one can only be graded unsourced."))
        if self.quality == Quality.SUPERSEDED and self.superseded_by_id is None:
            refuse("superseded_by", _("A superseded figure must name the figure that replaces it."))
        if self.quality != Quality.SUPERSEDED and self.superseded_by_id is not None:
            refuse("superseded_by", _("Only a superseded figure names a successor: grade it superseded or clear this."))
        successor = self.superseded_by if self.superseded_by_id is not None else None
        if successor is not None:
            if self.pk is not None and successor.pk == self.pk:
                refuse("superseded_by", _("A figure cannot replace itself."))
            elif successor.quality == Quality.UNSOURCED:
                refuse("superseded_by", _("The successor must be a sourced figure, not an unsourced one."))
            elif self.pk is not None and self._chain_returns(successor):
                refuse("superseded_by", _("This successor is itself replaced, in the end, by this figure."))
        if self.pk is not None and self.quality == Quality.UNSOURCED:
            older = list(Statistic.objects.filter(superseded_by=self.pk).values_list("key", flat=True))
            if older:
                refuse(
                    "quality",
                    _("%(keys)s name this figure as their successor: it cannot be graded unsourced.")
                    % {"keys": ", ".join(older)},
                )
        if errors:
            raise ValidationError(errors)

    def _chain_returns(self, successor: Statistic) -> bool:
        current: Statistic | None = successor
        for _step in range(MAX_CHAIN):
            if current is None:
                return False
            if current.pk == self.pk:
                return True
            current = current.superseded_by
        return True
