"""The library of model provisions: texts written for each framework provision, versioned and reviewed.

A model provision is written for one framework provision. Its text lives in versions, which are never edited in
place: an analyst proposes a new version, a reviewer publishes it (or returns it), and the published version is
what the public reads. Each version holds one text per variant: legal tradition (common law or civil law) times
level (national or subnational), for the levels the framework provision applies to. The texts are Markdown
with placeholders (`{{jurisdiction}}`, `{{penalty_max_years}}`, `{{ref:crim.penalties}}`) that
`fourthp.drafting.text` fills from the version's options and the level's defaults.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fourthp.frameworks.models import Provision
from fourthp.groups.models import GroupOutput, WorkingGroup


class Tradition(models.TextChoices):
    COMMON_LAW = "common_law", _("common law")
    CIVIL_LAW = "civil_law", _("civil law")


class Level(models.TextChoices):
    NATIONAL = "national", _("national")
    SUBNATIONAL = "subnational", _("subnational")


class ModelProvisionQuerySet(models.QuerySet["ModelProvision"]):
    def published(self) -> ModelProvisionQuerySet:
        return self.filter(state=ModelProvision.State.PUBLISHED, current_version__isnull=False)


class ModelProvision(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")

    provision = models.ForeignKey(
        Provision,
        on_delete=models.PROTECT,
        related_name="model_provisions",
        help_text=_("The framework provision (of one framework version) the model text is written for."),
    )
    slug = models.SlugField(
        max_length=100, unique=True, help_text=_("Stable id used in URLs and the API, e.g. sex-trafficking-offence.")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("What the model text does, in a few words."))
    state = models.CharField(
        max_length=16,
        choices=State.choices,
        default=State.DRAFT,
        db_index=True,
        help_text=_(
            "Draft (no version published or proposed), in review (a first version awaits a reviewer), or published."
        ),
    )
    current_version = models.ForeignKey(
        "ModelProvisionVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The published version the public reads (empty until one is published)."),
    )
    proposed_by_output = models.ForeignKey(
        GroupOutput,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="model_provisions",
        help_text=_("The working group output that proposed it, if any."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was started."))

    objects = ModelProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["provision__pillar__order", "provision__order", "slug"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("model-provision-detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED and self.current_version_id is not None


class ModelProvisionVersion(models.Model):
    """One version of a model provision's texts, options, defined terms and drafting notes; never edited."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        PUBLISHED = "published", _("published")
        SUPERSEDED = "superseded", _("superseded")
        RETURNED = "returned", _("returned")

    PUBLIC_STATES = (State.PUBLISHED, State.SUPERSEDED)

    model_provision = models.ForeignKey(
        ModelProvision, on_delete=models.CASCADE, related_name="versions", help_text=_("The model provision.")
    )
    number = models.PositiveIntegerField(help_text=_("1 for the first version, then 2, 3 ..."))
    state = models.CharField(
        max_length=16,
        choices=State.choices,
        default=State.PROPOSED,
        db_index=True,
        help_text=_("Proposed (awaiting a reviewer), published, superseded by a later one, or returned."),
    )
    notes = models.TextField(_("drafting notes"), blank=True, help_text=_("Drafting notes in Markdown."))
    options: models.JSONField[Any] = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Options: a list of {name, label, values, default}; each name is a placeholder in the texts."),
    )
    defined_terms: models.JSONField[Any] = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Terms the texts define: a list of {term, definition}, merged when a bill is composed."),
    )
    change_summary = models.CharField(
        max_length=300, blank=True, help_text=_("What this version changes, in a sentence.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who proposed it (empty for the library shipped with the platform)."),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who published or returned it."),
    )
    review_note = models.CharField(max_length=1000, blank=True, help_text=_("The reviewer's reason for returning it."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was proposed."))
    published_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was published."))

    class Meta:
        ordering = ["model_provision", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["model_provision", "number"], name="model_version_unique_number"),
            models.UniqueConstraint(
                fields=["model_provision"], condition=Q(state="published"), name="model_version_one_published"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model_provision.slug} v{self.number}"

    @property
    def is_public(self) -> bool:
        return self.state in self.PUBLIC_STATES


class ModelText(models.Model):
    """The text of one variant (tradition × level) of one version."""

    version = models.ForeignKey(
        ModelProvisionVersion, on_delete=models.CASCADE, related_name="texts", help_text=_("The version it belongs to.")
    )
    tradition = models.CharField(max_length=16, choices=Tradition.choices, help_text=_("Common law or civil law."))
    level = models.CharField(max_length=16, choices=Level.choices, help_text=_("National or subnational."))
    heading = models.CharField(_("heading"), max_length=200, help_text=_("The section or article heading."))
    text = models.TextField(_("text"), help_text=_("Markdown with {{placeholders}}."))

    class Meta:
        ordering = ["version", "level", "tradition"]
        constraints = [
            models.UniqueConstraint(fields=["version", "tradition", "level"], name="model_text_unique_variant"),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.tradition} {self.level}"


# ------------------------------------------------------------------------------------- the drafting assistant


class Draft(models.Model):
    """A bill composed by the drafting assistant for one jurisdiction; its texts live in versions."""

    jurisdiction = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        on_delete=models.PROTECT,
        related_name="drafts",
        help_text=_("The jurisdiction the bill is drafted for."),
    )
    title = models.CharField(_("title"), max_length=300, help_text=_("The bill's long title, as last composed."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="drafts",
        help_text=_("Who started it."),
    )
    group = models.ForeignKey(
        WorkingGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drafts",
        verbose_name=_("working group"),
        help_text=_("The working group whose members read and comment on it, if any."),
    )
    tradition = models.CharField(max_length=16, choices=Tradition.choices, help_text=_("Common law or civil law."))
    level = models.CharField(max_length=16, choices=Level.choices, help_text=_("National or subnational."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was started."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When it was last composed."))

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("draft-detail", args=[self.pk])


class DraftVersion(models.Model):
    """One composition of a draft: the bill as JSON and the choices it was made from; never edited."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions", help_text=_("The draft."))
    number = models.PositiveIntegerField(help_text=_("1 for the first composition, then 2, 3 ..."))
    bill: models.JSONField[Any] = models.JSONField(help_text=_("The composed bill (ComposedBill.to_dict())."))
    choices: models.JSONField[Any] = models.JSONField(
        default=dict, help_text=_("The choices made: {provisions: [ids], options: {slug: {name: value}}}.")
    )
    notes: models.JSONField[Any] = models.JSONField(
        default=list, blank=True, help_text=_("What the composer asks the drafter to check, one sentence each.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who composed it."),
    )
    change_note = models.CharField(
        _("what changed"), max_length=300, blank=True, help_text=_("What this version changes, in a sentence.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was composed."))

    class Meta:
        ordering = ["draft", "-number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"], name="draft_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.draft} v{self.number}"

    def composed(self) -> Any:
        from fourthp.drafting.bill import ComposedBill

        return ComposedBill.from_dict(self.bill)


class DraftComment(models.Model):
    """A reader's comment on one section of one version of a draft."""

    version = models.ForeignKey(
        DraftVersion, on_delete=models.CASCADE, related_name="comments", help_text=_("The version commented on.")
    )
    section_eid = models.CharField(max_length=40, help_text=_("The section's id in the bill, e.g. sec_3."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", help_text=_("Who wrote it.")
    )
    text = models.TextField(_("comment"), max_length=4000, help_text=_("The comment, plain text."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was written."))
    resolved = models.BooleanField(default=False, help_text=_("Whether the drafter has dealt with it."))

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.version} {self.section_eid}"


class DraftPdf(models.Model):
    """A draft version printed to PDF by the task worker: one per version (a version never changes)."""

    class State(models.TextChoices):
        PENDING = "pending", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    version = models.OneToOneField(
        DraftVersion, on_delete=models.CASCADE, related_name="+", help_text=_("The version printed.")
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    pdf = models.BinaryField(blank=True, default=b"")
    requested_at = models.DateTimeField(help_text=_("When it was last asked for."))
    made_at = models.DateTimeField(null=True, blank=True, help_text=_("When the worker made it."))

    def __str__(self) -> str:
        return f"{self.version} PDF"
