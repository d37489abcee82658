"""Indicators by jurisdiction and year: offences reported to the FBI per US state, and funding set against profits.

The TIP tiers and ILAB findings are the findings app's (`fourthp.findings`); this app keeps what is not a
finding about a country: the FBI's counts of reported human-trafficking offences, aggregated per state and year
from the agencies' rows, and the funding comparisons, whose two sides are figures of the statistics registry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from fourthp.jurisdictions.models import Jurisdiction
from fourthp.statistics.models import Quality, Statistic


class Offence(models.TextChoices):
    COMMERCIAL_SEX_ACTS = "commercial-sex-acts", _("Commercial sex acts")
    INVOLUNTARY_SERVITUDE = "involuntary-servitude", _("Involuntary servitude")


class ReportedOffences(models.Model):
    """Human-trafficking offences that a US state's law enforcement agencies reported to the FBI in one year."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="reported_offences", help_text=_("The US state.")
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year the offences were reported for."))
    offence = models.CharField(_("offence"), max_length=30, choices=Offence.choices)
    actual = models.PositiveIntegerField(_("offences reported"), help_text=_("Offences reported, less unfounded ones."))
    unfounded = models.PositiveIntegerField(_("unfounded"), help_text=_("Reports found false or baseless."))
    cleared = models.PositiveIntegerField(_("cleared"), help_text=_("Offences cleared by arrest or otherwise."))
    agencies = models.PositiveIntegerField(
        _("agencies listed"), help_text=_("How many agencies of the state the file lists for this offence and year.")
    )

    class Meta:
        ordering = ["jurisdiction__code", "year", "offence"]
        verbose_name = _("reported offences")
        verbose_name_plural = _("reported offences")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year", "offence"], name="reported_offences_unique")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} {self.year} {self.offence}: {self.actual}"


def check_side(statistic: Statistic | None, side: str) -> None:
    """Refuse a side of a funding comparison that the public may not see or that has no number."""
    if statistic is None:
        raise ValidationError({side: _("Choose a figure of the statistics registry.")})
    if statistic.quality == Quality.UNSOURCED:
        raise ValidationError(
            {
                side: _("%(key)s is unsourced: a comparison needs a sourced figure on each side.")
                % {"key": statistic.key}
            }
        )
    if not statistic.value:
        raise ValidationError({side: _("%(key)s has no value to compare.") % {"key": statistic.key}})


class FundingComparison(models.Model):
    """Money appropriated against anti-trafficking in a jurisdiction and year, set against estimated illegal profits.

    Both sides are figures of the statistics registry, each with its own source and grade; the ratio is computed
    when it is shown (`queries.funding_ratio`), and refused if either side is, or has since become, unsourced.
    """

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="funding_comparisons", help_text=_("Whose funding.")
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The (fiscal) year the funding is for."))
    funding = models.ForeignKey(
        Statistic,
        on_delete=models.PROTECT,
        related_name="funding_comparisons",
        help_text=_("The registry's figure for the money appropriated or authorised, in US dollars a year."),
    )
    profits = models.ForeignKey(
        Statistic,
        on_delete=models.PROTECT,
        related_name="profit_comparisons",
        help_text=_("The registry's figure for the estimated illegal profits, in US dollars a year."),
    )
    note = models.TextField(_("note"), max_length=2000, blank=True, help_text=_("What the comparison does not say."))

    class Meta:
        ordering = ["jurisdiction__code", "-year", "pk"]
        verbose_name = _("funding comparison")
        verbose_name_plural = _("funding comparisons")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year", "funding", "profits"], name="funding_unique")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} {self.year}: {self.funding_id} / {self.profits_id}"

    def clean(self) -> None:
        check_side(self.funding if self.funding_id else None, "funding")
        check_side(self.profits if self.profits_id else None, "profits")
