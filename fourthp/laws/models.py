"""Instruments (acts, codes, treaties, bills) and their citable sections.

Section text is normalised once on import (Unicode NFC, `\\n` line ends) and
never edited in place: an amendment adds a new version of the section, so
offsets quoted as evidence always point into the text they were taken from.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fourthp.jurisdictions.models import Jurisdiction
from fourthp.lib.boilerplate import is_boilerplate


class Instrument(models.Model):
    class Type(models.TextChoices):
        ACT = "act", _("Act")
        CODE = "code", _("Code")
        TREATY = "treaty", _("Treaty")
        BILL = "bill", _("Bill")
        REGULATION = "regulation", _("Regulation")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        REPEALED = "repealed", _("Repealed")
        PENDING = "pending", _("Pending")

    key = models.SlugField(
        _("key"), max_length=80, unique=True, help_text=_("Stable id used in URLs and the API, e.g. us-18-77.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="instruments",
        help_text=_("Whose law it is (an international body for a treaty)."),
    )
    title = models.CharField(_("title"), max_length=500, help_text=_("Full title."))
    short_title = models.CharField(_("short title"), max_length=255, blank=True, help_text=_("Short or popular title."))
    type = models.CharField(_("type"), max_length=12, choices=Type.choices, help_text=_("Kind of instrument."))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.IN_FORCE, help_text=_("Legal status.")
    )
    language = models.CharField(_("language"), max_length=8, default="en", help_text=_("ISO 639-1 code of the text."))
    citation_template = models.CharField(
        max_length=255,
        blank=True,
        help_text=_("How a section is cited, with {number} for its number, e.g. '18 U.S.C. § {number}'."),
    )
    section_key_prefix = models.SlugField(
        max_length=60, help_text=_("Start of every section key of this instrument, e.g. us-dc.")
    )
    source_url = models.URLField(
        _("source URL"), max_length=500, blank=True, help_text=_("Where the text was taken from.")
    )
    source_name = models.CharField(_("source"), max_length=255, blank=True, help_text=_("Who published the text."))
    licence = models.CharField(
        _("licence"), max_length=255, blank=True, help_text=_("Terms under which the text may be used.")
    )
    enacted_on = models.DateField(_("enacted"), null=True, blank=True, help_text=_("Date of enactment or adoption."))
    in_force_from = models.DateField(_("in force from"), null=True, blank=True, help_text=_("Date it took effect."))
    repealed_on = models.DateField(
        _("repealed"), null=True, blank=True, help_text=_("Date it was repealed, if it was.")
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Anything a reader should know about the text."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was loaded."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When its metadata last changed."))

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["jurisdiction__name", "title"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("instrument-detail", args=[self.key])


class SectionQuerySet(models.QuerySet["Section"]):
    def current(self) -> SectionQuerySet:
        return self.filter(is_current=True)


class Section(models.Model):
    instrument = models.ForeignKey(
        Instrument, on_delete=models.CASCADE, related_name="sections", help_text=_("The instrument it belongs to.")
    )
    key = models.CharField(
        _("key"),
        max_length=120,
        db_index=True,
        help_text=_("Stable id used in URLs and the API, e.g. us-dc-22-1833; shared by all versions of the section."),
    )
    version = models.PositiveIntegerField(
        default=1, help_text=_("1 for the text first loaded; each amendment adds one.")
    )
    is_current = models.BooleanField(default=True, help_text=_("Whether this is the text now in force."))
    number = models.CharField(_("number"), max_length=40, help_text=_("Section or article number as printed."))
    heading = models.CharField(_("heading"), max_length=500, blank=True, help_text=_("Heading or marginal note."))
    citation = models.CharField(_("citation"), max_length=255, help_text=_("How to cite it, e.g. D.C. Code § 22-1833."))
    order = models.PositiveIntegerField(help_text=_("Position within the instrument."))
    language = models.CharField(max_length=8, default="en", help_text=_("ISO 639-1 code of the text."))
    text = models.TextField(help_text=_("Normalised text (NFC, \\n line ends); offsets are Python string indices."))
    boilerplate = models.BooleanField(
        default=False,
        help_text=_(
            "Whether the section only names, starts, amends or repeals law, or defines a word by reference; "
            "search lists such sections after the others (set from heading and text by fourthp.lib.boilerplate)."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When this version was loaded."))

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="section_unique_version"),
            models.UniqueConstraint(
                fields=["key"], condition=models.Q(is_current=True), name="section_one_current_version"
            ),
        ]
        indexes = [models.Index(fields=["instrument", "is_current", "order"])]

    def __str__(self) -> str:
        return self.citation

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.boilerplate = is_boilerplate(self.heading, self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"heading", "text"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "boilerplate"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("section-detail", args=[self.key])

    @classmethod
    def with_kind(cls, **fields: Any) -> Section:
        """A new, unsaved section with `boilerplate` set, for bulk_create (which skips save())."""
        section = cls(**fields)
        section.boilerplate = is_boilerplate(section.heading, section.text)
        return section


class InstrumentImport(models.Model):
    """An uploaded file waiting for an analyst to check the sections found and confirm."""

    class State(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who uploaded the file."),
    )
    file = models.FileField(upload_to="imports/%Y/%m/", help_text=_("The uploaded file, kept as received."))
    original_name = models.CharField(max_length=255, help_text=_("The file's name on the uploader's machine."))
    format = models.CharField(max_length=20, help_text=_("The reader used, e.g. pdf, html, dc-xml."))
    parsed = models.JSONField(help_text=_("Title and sections the reader found, shown for preview."))
    state = models.CharField(
        max_length=12, choices=State.choices, default=State.PREVIEW, help_text=_("Where it stands.")
    )
    instrument = models.ForeignKey(
        Instrument,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
        help_text=_("The instrument created on confirmation."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was uploaded."))

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name
