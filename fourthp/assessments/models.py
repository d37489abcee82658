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


class AssessmentRequestQuerySet(models.QuerySet["AssessmentRequest"]):
    def unfinished(self) -> AssessmentRequestQuerySet:
        """Open requests and those being worked on."""
        return self.filter(state__in=AssessmentRequest.UNFINISHED_STATES)


class AssessmentRequest(models.Model):
    """A member's invitation to assess a jurisdiction that has no report card yet: a statute or a request.

    The secretariat works through them in a queue (open → in progress → done, or declined with a reason);
    the requester is told of each change by e-mail in the language she asked in. The public sees only how
    many members asked and whether an assessment is in progress, never who.
    """

    class Kind(models.TextChoices):
        STATUTE = "statute", _("statute suggestion")
        ASSESSMENT = "assessment", _("assessment request")

    class State(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DECLINED = "declined", _("declined")

    UNFINISHED_STATES = (State.OPEN, State.IN_PROGRESS)

    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        help_text=_("A statute suggested for the atlas, or a request that the jurisdiction be assessed."),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="assessment_requests",
        verbose_name=_("jurisdiction"),
        help_text=_("The jurisdiction the member asks about."),
    )
    framework = models.ForeignKey(
        "frameworks.Framework",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The framework version that had no report card for the jurisdiction when she asked."),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_requests",
        help_text=_("The member who asked (empty once her account is deleted); never shown to the public."),
    )
    language = models.CharField(
        max_length=8, default="en", help_text=_("The interface language she asked in: her e-mails are written in it.")
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Why she asks, or what the statute is, in her words."))
    url = models.URLField(
        _("address"), max_length=2000, blank=True, help_text=_("Where the suggested statute is read.")
    )
    file = models.FileField(
        upload_to="assessment-requests/%Y/%m/",
        max_length=255,
        blank=True,
        help_text=_("The suggested statute's file, kept as received; served only after the access check."),
    )
    filename = models.CharField(max_length=255, blank=True, help_text=_("The file's name as uploaded."))
    format = models.CharField(
        max_length=20, blank=True, help_text=_("The statute reader's format of the file (text, html, pdf, …).")
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=State.choices,
        default=State.OPEN,
        db_index=True,
        help_text=_("Open, in progress, done or declined."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_requests_assigned",
        help_text=_("The analyst the secretariat gave it to, if any."),
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The assessment that answered it, when the secretariat linked one."),
    )
    decline_reason = models.TextField(
        _("reason for declining"), blank=True, help_text=_("Why it was declined; the requester reads it.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When she asked."))
    changed_at = models.DateTimeField(null=True, blank=True, help_text=_("When its state last changed."))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who last changed its state (each change is kept in its history)."),
    )
    history = HistoricalRecords()

    objects = AssessmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "jurisdiction"],
                condition=Q(kind="assessment", state__in=["open", "in_progress"]),
                name="assessment_request_one_open_per_member",
            ),
            models.CheckConstraint(
                condition=~Q(kind="statute") | ~Q(url="") | ~Q(file=""),
                name="assessment_request_statute_has_url_or_file",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="assessment_request_declined_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction_id} · {self.kind} · {self.state}"

    @property
    def is_unfinished(self) -> bool:
        return self.state in self.UNFINISHED_STATES
