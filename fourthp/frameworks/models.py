"""Frameworks: versioned yardsticks of provisions, loaded from YAML and never edited.

A changed meaning is a new version beside the old one; provision ids are a
contract shared by assessments, the analyzer and model provisions.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from fourthp.jurisdictions.models import Jurisdiction

DEFAULT_FRAMEWORK_SLUG = "four-p"
"""The framework report cards, the peer finder, members' topics and the API use unless told otherwise."""


class FrameworkQuerySet(models.QuerySet["Framework"]):
    def default(self, version: int | None = None) -> Framework:
        """The default framework at this version, or its latest; raises Framework.DoesNotExist."""
        if version is None:
            return self.latest_version(DEFAULT_FRAMEWORK_SLUG)
        return self.get(slug=DEFAULT_FRAMEWORK_SLUG, version=version)

    def latest_version(self, slug: str) -> Framework:
        found = self.filter(slug=slug).order_by("-version").first()
        if found is None:
            raise Framework.DoesNotExist(f"No framework {slug!r} is loaded.")
        return found


class Translated(models.Model):
    """Texts of the framework that are also given in other languages (data/frameworks/translations)."""

    TRANSLATED: ClassVar[tuple[str, ...]] = ()

    translations = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            'The texts in other interface languages, by language code then field: {"es": {"title": "..."}}; '
            "loaded with the framework from its translation files."
        ),
    )

    class Meta:
        abstract = True

    def local(self, field: str, language: str | None = None) -> str:
        """The text `field` in `language` (the reader's by default) when it is translated, in English otherwise."""
        if field not in self.TRANSLATED:
            raise ValueError(f"{type(self).__name__} has no translated field {field!r}")
        code = (language or get_language() or "").lower().split("-")[0]
        translated = str((self.translations or {}).get(code, {}).get(field, ""))
        return translated if translated.strip() else str(getattr(self, field))


class Framework(Translated):
    slug = models.SlugField(max_length=64, help_text=_("Stable id of the framework, e.g. four-p."))
    version = models.PositiveIntegerField(help_text=_("Version number; a changed framework is a new version."))
    title = models.CharField(max_length=255, help_text=_("Title of the framework."))
    checksum = models.CharField(
        max_length=64,
        help_text=_("SHA-256 of the parsed content; loading different content under this version is refused."),
    )
    source_file = models.CharField(max_length=255, blank=True, help_text=_("The YAML file it was loaded from."))
    loaded_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was loaded."))

    objects = FrameworkQuerySet.as_manager()

    TRANSLATED = ("title",)

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="framework_unique_version")]

    def __str__(self) -> str:
        return f"{self.local('title')} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("framework-detail", args=[self.slug]) + f"?version={self.version}"


class Pillar(Translated):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="pillars", help_text=_("The framework it belongs to.")
    )
    slug = models.SlugField(max_length=64, help_text=_("Stable id, e.g. prosecution."))
    title = models.CharField(max_length=255, help_text=_("Title."))
    summary = models.TextField(blank=True, help_text=_("What the pillar covers."))
    order = models.PositiveIntegerField(help_text=_("Position within the framework."))

    TRANSLATED = ("title", "summary")

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "slug"], name="pillar_unique_slug")]

    def __str__(self) -> str:
        return self.local("title")


class Provision(Translated):
    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="provisions", help_text=_("The framework it belongs to.")
    )
    pillar = models.ForeignKey(
        Pillar, on_delete=models.CASCADE, related_name="provisions", help_text=_("The pillar it belongs to.")
    )
    slug = models.CharField(
        max_length=80, help_text=_("Stable id shared by assessments and the analyzer, e.g. crim.sex-trafficking.")
    )
    title = models.CharField(max_length=255, help_text=_("Short statement of what the law should do."))
    question = models.TextField(help_text=_("The question an assessor answers."))
    full = models.TextField(help_text=_("What the law must do to meet the provision in full."))
    partial = models.TextField(help_text=_("What counts as meeting it in part."))
    weight = models.DecimalField(max_digits=5, decimal_places=2, help_text=_("Relative weight inside its pillar."))
    applies_national = models.BooleanField(help_text=_("Scored for national jurisdictions."))
    applies_subnational = models.BooleanField(help_text=_("Scored for subnational jurisdictions."))
    order = models.PositiveIntegerField(help_text=_("Position within the framework."))

    TRANSLATED = ("title", "question", "full", "partial")

    class Meta:
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "slug"], name="provision_unique_slug")]

    def __str__(self) -> str:
        return f"{self.slug}: {self.local('title')}"

    def get_absolute_url(self) -> str:
        return provision_url(self.framework, self.slug)

    def applies_to(self, level: str) -> bool:
        """Whether the provision is scored for jurisdictions of this level (a `Jurisdiction.Level`)."""
        if level == Jurisdiction.Level.SUBNATIONAL:
            return self.applies_subnational
        return self.applies_national

    @property
    def levels(self) -> list[str]:
        return [
            level
            for level, applies in (("national", self.applies_national), ("subnational", self.applies_subnational))
            if applies
        ]


class CrossReference(models.Model):
    """Where a provision's standard comes from: Palermo article, TVPA standard, Model Law article, ..."""

    provision = models.ForeignKey(
        Provision, on_delete=models.CASCADE, related_name="refs", help_text=_("The provision it supports.")
    )
    scheme = models.CharField(max_length=32, db_index=True, help_text=_("Which standard, e.g. palermo, tvpa108."))
    value = models.CharField(max_length=64, help_text=_("Article, standard or category within it."))
    label = models.CharField(max_length=255, help_text=_("Readable name, e.g. 'Palermo Protocol art. 3'."))
    order = models.PositiveIntegerField(default=0, help_text=_("Position in the provision's list."))

    class Meta:
        ordering = ["provision", "order"]

    def __str__(self) -> str:
        return self.label


def provision_url(framework: Framework, provision_slug: str) -> str:
    """Permalink of a provision at one framework version (no query needed)."""
    return reverse("provision-detail", args=[framework.slug, provision_slug]) + f"?version={framework.version}"
