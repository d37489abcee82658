"""Analyzer runs: a text or an atlas instrument read by the analyzer, and what it suggested.

A run is queued, runs (inline for a small text, in the task worker otherwise),
and ends done with its result or failed with a sentence saying why. Progress
is stored on the row so that the page shows it after a reload.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument, Section


class AnalysisRunQuerySet(models.QuerySet["AnalysisRun"]):
    def of(self, user: Any) -> AnalysisRunQuerySet:
        return self.filter(created_by=user)

    def finished(self) -> AnalysisRunQuerySet:
        return self.filter(state__in=AnalysisRun.FINISHED_STATES)

    def unfinished(self) -> AnalysisRunQuerySet:
        return self.exclude(state__in=AnalysisRun.FINISHED_STATES)


class AnalysisRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    FINISHED_STATES = (State.DONE, State.FAILED)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="analysis_runs",
        help_text=_("Who asked for the analysis."),
    )
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="analysis_runs",
        help_text=_("The atlas instrument analysed; empty for an uploaded or pasted text."),
    )
    text = models.TextField(
        blank=True,
        help_text=_(
            "The uploaded or pasted text, normalised (NFC, \\n line ends); finding offsets point into it. "
            "Empty for an instrument, whose sections keep their own text."
        ),
    )
    original_name = models.CharField(
        max_length=255, blank=True, help_text=_("The uploaded file's name; empty for pasted text and instruments.")
    )
    document_title = models.CharField(
        max_length=500,
        blank=True,
        help_text=_(
            "The uploaded document's own title as its reader found it (the analyzer reads an act's title as "
            "evidence of what its sections are about); empty for pasted text and instruments."
        ),
    )
    outline = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "The sections to analyse, fixed when the run starts: for an instrument, each section's key and "
            "version; for an uploaded file, each section's number, heading and span in the text as the reader "
            "split it; empty for pasted text, which the analyzer splits itself."
        ),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Whose law an uploaded text is, when the analyst says so (optional)."),
    )
    state = models.CharField(
        max_length=8,
        choices=State.choices,
        default=State.QUEUED,
        db_index=True,
        help_text=_("Queued, running, done or failed."),
    )
    sections_done = models.PositiveIntegerField(default=0, help_text=_("Sections analysed so far."))
    sections_total = models.PositiveIntegerField(default=0, help_text=_("Sections to analyse."))
    result = models.JSONField(
        null=True,
        blank=True,
        help_text=_(
            "The analyzer's answer (framework, engine, threshold, sections and their findings); "
            "written once, when the run is done."
        ),
    )
    error = models.TextField(
        blank=True, help_text=_("Why the run failed, in a sentence for the person who started it.")
    )
    engine = models.CharField(
        max_length=40, blank=True, help_text=_("The analyzer engine that made the result, e.g. rules-1.")
    )
    model_version = models.CharField(
        max_length=40,
        blank=True,
        help_text=_(
            "The learned ranker that ranks the run's sections for each provision, e.g. ranker-2; empty when it "
            "could not be used (its training data changed without retraining)."
        ),
    )
    training_data_sha256 = models.CharField(
        max_length=64, blank=True, help_text=_("The SHA-256 of the rows the ranker was trained on; empty as above.")
    )
    ranking = models.JSONField(
        null=True,
        blank=True,
        help_text=_(
            "For each provision, the sections the learned ranker puts first, best first, each as "
            "[section key, confidence, start, end, reason] (offsets into the section's text); "
            "written with the result. Empty when the ranker could not be used."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was asked for."))
    started_at = models.DateTimeField(null=True, blank=True, help_text=_("When the analysis began."))
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "When the worker running it last showed it was alive (it writes this while it runs); a running "
            "run whose heartbeat is older than ANALYZER_STALE_SECONDS is stale: requeued or marked failed."
        ),
    )
    attempts = models.PositiveSmallIntegerField(
        default=0,
        help_text=_(
            "How many times a worker has started it; a stale run is requeued until ANALYZER_RUN_ATTEMPTS, "
            "and a worker's writes count only while its attempt is the current one."
        ),
    )
    task_id = models.CharField(
        max_length=64,
        blank=True,
        help_text=_("The background task queued to run it; empty for a run analysed while the page waited."),
    )
    finished_at = models.DateTimeField(null=True, blank=True, help_text=_("When it ended, done or failed."))

    objects = AnalysisRunQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sections_done__lte=models.F("sections_total")),
                name="analysisrun_progress_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_label} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("analysis-detail", args=[self.pk])

    @property
    def source_label(self) -> str:
        if self.instrument_id is not None:
            return str(self.instrument)
        return self.original_name or str(_("Pasted text"))

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED_STATES

    @property
    def percent_done(self) -> int:
        if not self.sections_total:
            return 0
        return round(100 * self.sections_done / self.sections_total)


class SuggestionLabel(models.Model):
    """An analyst's verdict on one suggestion: this section version does (or does not) address the
    provision. Kept as a label the learned ranker can be trained on (``manage.py export_analyzer_labels``)."""

    run = models.ForeignKey(
        AnalysisRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="labels",
        help_text=_("The analysis run whose suggestion was judged; empty once the run is deleted."),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        related_name="analyzer_labels",
        help_text=_("The section version the suggestion was about (its key and version)."),
    )
    provision_slug = models.CharField(max_length=120, help_text=_("The framework provision suggested."))
    applies = models.BooleanField(
        help_text=_("Yes when the analyst confirmed the suggestion (made a draft from it), no when she rejected it.")
    )
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="analyzer_labels",
        help_text=_("Who confirmed or rejected it; empty once her account is deleted."),
    )
    labelled_at = models.DateTimeField(default=timezone.now, help_text=_("When."))

    class Meta:
        ordering = ["labelled_at", "pk"]
        indexes = [models.Index(fields=["section", "provision_slug"])]

    def __str__(self) -> str:
        verdict = "yes" if self.applies else "no"
        return f"{self.section.key} v{self.section.version} · {self.provision_slug}: {verdict}"
