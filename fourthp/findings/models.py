"""What other organisations have found about a country, kept apart from Fourth P's own assessments."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from fourthp.findings import sources
from fourthp.jurisdictions.models import Jurisdiction


class FindingSource(models.Model):
    """A publication or dataset whose findings about countries are shown with its name."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True, help_text=_("Stable id, e.g. us-dol-ilab."))
    title = models.CharField(_("title"), max_length=300, help_text=_("Title of the publication or dataset."))
    publisher = models.CharField(_("publisher"), max_length=300, help_text=_("Who made the findings."))
    url = models.URLField(_("URL"), max_length=500, blank=True, help_text=_("The publisher's page for it."))
    licence = models.CharField(
        _("licence"), max_length=300, help_text=_("Terms under which the findings may be shown and reused.")
    )
    citation = models.TextField(
        _("citation"), blank=True, help_text=_("How to cite it, including whoever compiled the dataset we use.")
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Which files are used and how years are read from them.")
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("finding source")
        verbose_name_plural = _("finding sources")

    def __str__(self) -> str:
        return self.title


class CountryFindingQuerySet(models.QuerySet["CountryFinding"]):
    def for_indicator(self, indicator: str) -> CountryFindingQuerySet:
        return self.filter(indicator=indicator)

    def newest_first(self) -> CountryFindingQuerySet:
        return self.order_by("source__title", "indicator", "-year_described")


class CountryFinding(models.Model):
    """One source's finding on one indicator for one country, for the year the source describes."""

    class Indicator(models.TextChoices):
        TIP_TIER = sources.TIP_TIER, _("Trafficking in Persons Report tier")
        ILAB_FORCED_LABOUR = sources.ILAB_FORCED_LABOUR, _("Prohibition of forced labour")
        ILAB_CHILD_TRAFFICKING = sources.ILAB_CHILD_TRAFFICKING, _("Prohibition of child trafficking")
        ILAB_CSEC = sources.ILAB_CSEC, _("Prohibition of commercial sexual exploitation of children")
        ILAB_PALERMO = sources.ILAB_PALERMO, _("Palermo Protocol ratified")

    source = models.ForeignKey(
        FindingSource, on_delete=models.PROTECT, related_name="findings", help_text=_("Whose finding it is.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="findings",
        help_text=_("The country or territory it is about (ISO 3166-1)."),
    )
    indicator = models.CharField(
        _("indicator"), max_length=40, choices=Indicator.choices, help_text=_("What the source measured.")
    )
    year_described = models.PositiveSmallIntegerField(
        _("year described"), help_text=_("The year the source's own text says it describes.")
    )
    published_year = models.PositiveSmallIntegerField(
        _("year published"), null=True, blank=True, help_text=_("The year the source published it, where known.")
    )
    value = models.CharField(
        _("value"), max_length=80, help_text=_("The finding in the source's words, e.g. 'Tier 2 Watch List' or 'Yes'.")
    )
    conforms = models.BooleanField(
        _("meets the standard"),
        null=True,
        blank=True,
        help_text=_(
            "Whether the source finds the standard met (international standards for ILAB; the TVPA minimum "
            "standards for a TIP tier); empty where the source does not say."
        ),
    )
    detail = models.TextField(
        _("detail"), blank=True, help_text=_("The source's own short qualification, e.g. its finding per territory.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was loaded."))

    objects = CountryFindingQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "-year_described"]
        verbose_name = _("country finding")
        verbose_name_plural = _("country findings")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "jurisdiction", "indicator", "year_described"], name="finding_unique_per_year"
            )
        ]
        indexes = [models.Index(fields=["indicator", "year_described"])]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} {self.indicator} {self.year_described}: {self.value}"

    @property
    def standard(self) -> Promise | str:
        """What `conforms` measures against, in words; empty where it does not apply."""
        return STANDARD_MET.get(self.indicator, "")


# What "meets the standard" shows for each indicator (nothing for a ratification).
_INTERNATIONAL = _("whether the law meets international standards")
STANDARD_MET: dict[str, Promise] = {
    CountryFinding.Indicator.TIP_TIER: _(
        "whether the government fully meets the minimum standards of the US Trafficking Victims Protection Act "
        "(only Tier 1 does)"
    ),
    CountryFinding.Indicator.ILAB_FORCED_LABOUR: _INTERNATIONAL,
    CountryFinding.Indicator.ILAB_CHILD_TRAFFICKING: _INTERNATIONAL,
    CountryFinding.Indicator.ILAB_CSEC: _INTERNATIONAL,
}


class GoodFindingQuerySet(models.QuerySet["GoodFinding"]):
    def newest_first(self) -> GoodFindingQuerySet:
        return self.order_by("-year_described", "good", "jurisdiction__name", "kind")


class GoodFinding(models.Model):
    """A good that a source finds produced with forced or child labour in a country, in the year it describes."""

    class Kind(models.TextChoices):
        CHILD_LABOUR = sources.GOOD_CHILD_LABOUR, _("child labour")
        FORCED_LABOUR = sources.GOOD_FORCED_LABOUR, _("forced labour")
        FORCED_CHILD_LABOUR = sources.GOOD_FORCED_CHILD_LABOUR, _("forced child labour")
        INPUTS = sources.GOOD_INPUTS, _("made with inputs produced with forced or child labour")

    source = models.ForeignKey(
        FindingSource, on_delete=models.PROTECT, related_name="good_findings", help_text=_("Whose finding it is.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="good_findings",
        help_text=_("The country or territory where the good is produced (ISO 3166-1)."),
    )
    good = models.CharField(_("good"), max_length=200, help_text=_("The good as the source names it."))
    sector = models.CharField(_("sector"), max_length=40, help_text=_("The source's sector: agriculture, mining..."))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, help_text=_("What the source found."))
    year_described = models.PositiveSmallIntegerField(
        _("year described"), help_text=_("The year the source's list describes, read from its own files.")
    )
    input_place = models.CharField(
        _("country of the inputs"),
        max_length=120,
        blank=True,
        help_text=_("For a good made with tainted inputs: where the inputs are made, as the source names it."),
    )

    objects = GoodFindingQuerySet.as_manager()

    class Meta:
        ordering = ["-year_described", "good", "kind"]
        verbose_name = _("good finding")
        verbose_name_plural = _("good findings")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "jurisdiction", "good", "kind", "year_described"], name="good_finding_unique"
            )
        ]
        indexes = [models.Index(fields=["year_described", "good"])]

    def __str__(self) -> str:
        return f"{self.good} ({self.jurisdiction_id}) {self.kind} {self.year_described}"
