"""Assessments: what a jurisdiction's law does for one framework provision.

An assessment is jurisdiction × provision (the provision belongs to one
framework version) → status, evidence and rationale. It moves draft → in
review → published. Revising a published assessment makes a new draft beside
it; when the revision is published the old one becomes superseded, so the
public always sees exactly one published finding and every earlier one stays
on record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fourthp.accounts.access import has_role
from fourthp.accounts.roles import Role
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Section

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from fourthp.accounts.models import User


class Status(models.TextChoices):
    FULL = "full", _("full")
    PARTIAL = "partial", _("partial")
    ABSENT = "absent", _("absent")
    UNKNOWN = "unknown", _("unknown")


ASSESSMENT_STAFF = (Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)
"""Those who write, review or run assessments: they see work in progress (access.is_assessment_staff)."""


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def published(self) -> AssessmentQuerySet:
        return self.filter(state=Assessment.State.PUBLISHED)

    def open(self) -> AssessmentQuerySet:
        """Drafts and assessments waiting for review."""
        return self.filter(state__in=Assessment.OPEN_STATES)

    def visible_to(self, user: User | AnonymousUser) -> AssessmentQuerySet:
        """The twin of `access.can_see_assessment`: the public states, or everything for assessment staff."""
        if has_role(user, *ASSESSMENT_STAFF):
            return self
        return self.filter(state__in=Assessment.PUBLIC_STATES)


class Assessment(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        PUBLISHED = "published", _("published")
        SUPERSEDED = "superseded", _("superseded")

    OPEN_STATES = (State.DRAFT, State.IN_REVIEW)
    PUBLIC_STATES = (State.PUBLISHED, State.SUPERSEDED)
    """What the public sees: the published finding and those it replaced."""

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("jurisdiction"),
        help_text=_("The jurisdiction whose law is assessed."),
    )
    provision = models.ForeignKey(
        Provision,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("provision"),
        help_text=_("The framework provision (of one framework version) it is assessed against."),
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=Status.choices,
        default=Status.UNKNOWN,
        help_text=_("Full, partial, absent, or unknown when the law reviewed cannot settle it."),
    )
    rationale = models.TextField(
        _("rationale"), help_text=_("Why, in the assessor's words, citing the sections relied on.")
    )
    rationale_translations = models.JSONField(
        _("rationale in other languages"),
        default=dict,
        blank=True,
        help_text=_('The rationale in other interface languages, keyed by language code ("es"); may be empty.'),
    )
    law_reviewed = models.TextField(
        _("law reviewed"),
        blank=True,
        help_text=_(
            "The complete body of law reviewed for this provision. Required before a provision may be called absent."
        ),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=State.choices,
        default=State.DRAFT,
        db_index=True,
        help_text=_("Where it is in review; only published assessments are public."),
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments_made",
        help_text=_("Who wrote it; empty for the seed assessments shipped with Fourth P."),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments_reviewed",
        help_text=_("Who approved it or returned it."),
    )
    review_comment = models.TextField(
        _("review comment"), blank=True, help_text=_("The reviewer's comment when returning it to the assessor.")
    )
    revises = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
        help_text=_("The published assessment this one revises."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was started."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When it last changed."))
    submitted_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was last sent for review."))
    published_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was published."))
    history = HistoricalRecords()

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["jurisdiction__code", "provision__order", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "provision"],
                condition=Q(state="published"),
                name="assessment_one_published",
            ),
            models.UniqueConstraint(
                fields=["jurisdiction", "provision"],
                condition=Q(state__in=["draft", "in_review"]),
                name="assessment_one_open",
            ),
            models.CheckConstraint(
                condition=~Q(status="absent") | ~Q(law_reviewed=""),
                name="assessment_absent_names_law_reviewed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} · {self.provision.slug} · {self.status}"

    def get_absolute_url(self) -> str:
        return reverse("assessment-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def rationale_in(self, language: str | None) -> str:
        """The rationale in `language` ("es", "es-ar") when it has been translated, the rationale otherwise."""
        code = (language or "").lower().split("-")[0]
        translated = (self.rationale_translations or {}).get(code, "")
        return str(translated) if str(translated).strip() else self.rationale


class Evidence(models.Model):
    """A quoted span of one section version that supports the finding."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="evidence", help_text=_("The assessment it supports.")
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="evidence",
        help_text=_("The section version quoted (evidence stays pinned to the text it quoted)."),
    )
    start = models.PositiveIntegerField(
        help_text=_("Start of the quote: a Python string offset into the section text.")
    )
    end = models.PositiveIntegerField(help_text=_("End of the quote (exclusive)."))
    quote = models.TextField(help_text=_("The quoted text, equal to the section text between start and end."))
    order = models.PositiveIntegerField(default=0, help_text=_("Position in the assessment's list of evidence."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="evidence_span_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.section.citation} [{self.start}:{self.end}]"

    def get_absolute_url(self) -> str:
        base = reverse("section-detail", args=[self.section.key])
        return f"{base}?version={self.section.version}&mark={self.start}-{self.end}#quote"

    @property
    def section_key(self) -> str:
        return self.section.key


class ReportCardPdf(models.Model):
    """A report card printed to PDF by the task worker, kept for as long as its data is current.

    One row per (jurisdiction, framework version, language, data date): the data date is the
    latest change to anything the card prints, so a published change gives a new row and the
    old one is removed once the new one is made. The PDF is kept in the database, which every
    web server and worker share whatever the machine (no shared media folder is needed).
    """

    class State(models.TextChoices):
        PENDING = "pending", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.CASCADE, related_name="+", help_text=_("The jurisdiction of the report card.")
    )
    framework = models.ForeignKey(
        "frameworks.Framework",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The framework version the card measures against."),
    )
    language = models.CharField(max_length=8, help_text=_("The language the PDF is printed in, e.g. en or es."))
    data_date = models.DateTimeField(
        help_text=_("The latest change to the jurisdiction, its published assessments or their evidence when asked.")
    )
    state = models.CharField(
        max_length=8,
        choices=State.choices,
        default=State.PENDING,
        help_text=_("Being made by the task worker, ready to download, or failed."),
    )
    pdf = models.BinaryField(blank=True, default=b"", help_text=_("The PDF file, once made."))
    requested_at = models.DateTimeField(help_text=_("When a reader last asked for it to be made."))
    made_at = models.DateTimeField(null=True, blank=True, help_text=_("When the task worker finished it."))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "framework", "language", "data_date"], name="report_card_pdf_one_per_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} · {self.framework_id} · {self.language} · {self.data_date:%Y-%m-%d %H:%M:%S}"
