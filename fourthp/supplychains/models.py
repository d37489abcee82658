"""A procurement screen: a member's list of purchased goods checked against ILAB's list of goods."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fourthp.jurisdictions.models import Jurisdiction

WORKER_STOPPED = "worker stopped"
"""The error of a screen the sweep gave up on: its runs kept stopping with their worker."""


class ProcurementScreen(models.Model):
    """One uploaded file of purchased goods and the lines of it found at risk; seen by its owner only."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="procurement_screens",
        help_text=_("Who uploaded it; no one else sees it."),
    )
    file_name = models.CharField(_("file name"), max_length=200, help_text=_("The uploaded file's name."))
    buyer = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The buyer's jurisdiction, whose law on supply chains is shown with the results."),
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    lines_total = models.PositiveIntegerField(_("lines"), default=0, help_text=_("Lines read from the file."))
    lines_done = models.PositiveIntegerField(_("lines screened"), default=0, help_text=_("Progress of the run."))
    lines = models.JSONField(
        _("lines"), default=list, blank=True, help_text=_("The file's lines: [line, good, country, HS code].")
    )
    results = models.JSONField(
        _("results"), default=list, blank=True, help_text=_("The lines at risk, each with its findings.")
    )
    bad_rows = models.JSONField(
        _("bad rows"), default=list, blank=True, help_text=_("Lines not screened: [line, reason].")
    )
    lines_clear = models.PositiveIntegerField(
        _("lines without a finding"), default=0, help_text=_("Lines whose good and country are not on the list.")
    )
    error = models.TextField(_("error"), blank=True, help_text=_("Why the run failed, if it did."))
    attempts = models.PositiveIntegerField(
        _("attempts"), default=0, help_text=_("How many times a run of this screen has started.")
    )
    progress_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_(
            "When the running screen last showed progress; one quiet for PROCUREMENT_SCREEN_STALE_SECONDS was "
            "left by a stopped worker."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("procurement screen")
        verbose_name_plural = _("procurement screens")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.state})"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int:
        return 100 if not self.lines_total else int(100 * self.lines_done / self.lines_total)

    @property
    def failure_message(self) -> str:
        """What the owner is told about a failed screen, in her language."""
        if self.state != self.State.FAILED:
            return ""
        if self.error == WORKER_STOPPED:
            return gettext(
                "The background worker stopped while screening this file, and the screen was given up. "
                "Nothing was saved: upload the file again."
            )
        return gettext(
            "The screen could not be finished. Upload the file again; if it fails again, tell the secretariat."
        )
