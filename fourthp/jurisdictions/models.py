from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class JurisdictionQuerySet(models.QuerySet["Jurisdiction"]):
    def countries(self) -> JurisdictionQuerySet:
        return self.filter(kind__in=[Jurisdiction.Kind.SOVEREIGN_STATE, Jurisdiction.Kind.DEPENDENT_TERRITORY])

    def by_code(self, code: str) -> Jurisdiction:
        """Find a jurisdiction by its code or one of its aliases (e.g. US-PR → PR)."""
        code = code.strip().upper()
        if "\x00" in code:  # no code holds one, and PostgreSQL refuses it even in a query
            raise Jurisdiction.DoesNotExist(f"No jurisdiction has the code {code!r}.")
        found = self.filter(models.Q(code=code) | models.Q(aliases__code=code)).distinct().first()
        if found is None:
            raise Jurisdiction.DoesNotExist(f"No jurisdiction has the code {code!r}.")
        return found


class Jurisdiction(models.Model):
    class Kind(models.TextChoices):
        SOVEREIGN_STATE = "sovereign_state", _("Sovereign state")
        DEPENDENT_TERRITORY = "dependent_territory", _("Dependent territory")
        SUBNATIONAL = "subnational", _("Subnational jurisdiction")
        INTERNATIONAL_BODY = "international_body", _("International body")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        SUBNATIONAL = "subnational", _("Subnational")

    class LegalTradition(models.TextChoices):
        COMMON_LAW = "common_law", _("Common law")
        CIVIL_LAW = "civil_law", _("Civil law")
        MIXED = "mixed", _("Mixed")
        CUSTOMARY = "customary", _("Customary law")
        RELIGIOUS = "religious", _("Religious law")
        INTERNATIONAL = "international", _("International law")

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 (e.g. CA), ISO 3166-2 (e.g. US-DC), or UN, COE, EU for international bodies."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Common English name."))
    official_name = models.CharField(
        _("official name"), max_length=255, blank=True, help_text=_("Official name where ISO 3166 gives one.")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, help_text=_("What sort of jurisdiction."))
    level = models.CharField(
        _("level"),
        max_length=12,
        choices=Level.choices,
        help_text=_("Which framework provisions apply when scoring: national or subnational."),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The state a subdivision or dependent territory belongs to."),
    )
    region_code = models.CharField(
        _("region code"), max_length=3, blank=True, help_text=_("UN M49 region, e.g. 019 for the Americas.")
    )
    region_name = models.CharField(_("region"), max_length=80, blank=True, help_text=_("UN M49 region name."))
    subregion_code = models.CharField(
        _("subregion code"), max_length=3, blank=True, help_text=_("UN M49 subregion, e.g. 021 for Northern America.")
    )
    subregion_name = models.CharField(_("subregion"), max_length=80, blank=True, help_text=_("UN M49 subregion name."))
    numeric_code = models.CharField(
        _("numeric code"), max_length=3, blank=True, help_text=_("ISO 3166-1 numeric code; keys map geometry.")
    )
    legislature = models.CharField(
        _("legislature"),
        max_length=255,
        blank=True,
        help_text=_("Name of the law-making body; left empty where it has not been checked."),
    )
    legal_tradition = models.CharField(
        _("legal tradition"),
        max_length=16,
        choices=LegalTradition.choices,
        blank=True,
        help_text=_("Family of law the criminal law belongs to; left empty where it has not been checked."),
    )

    history = HistoricalRecords()
    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("jurisdiction-detail", args=[self.code])


class JurisdictionAlias(models.Model):
    """Another code for the same place: a territory listed in both ISO 3166-1 and 3166-2."""

    code = models.CharField(max_length=10, unique=True, help_text=_("The other code, e.g. US-PR for Puerto Rico."))
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="aliases", help_text=_("The place it names.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = _("jurisdiction aliases")

    def __str__(self) -> str:
        return f"{self.code} → {self.jurisdiction.code}"
