"""Writes of the analyzer: start a run, start a failed one again, recover the runs a stopped worker left
behind, and turn a suggestion into a draft assessment.

Each `do_*` writes in a transaction and records an AuditEvent. A long run is queued on the task worker
(`tasks.py`); a short one is analysed before the page answers (`running.py`, which the tasks call too).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fourthp.accounts.models import AuditEvent, User
from fourthp.analysis.models import AnalysisRun, SuggestionLabel
from fourthp.analysis.queries import can_start_again, ranked_finding, result_framework, stale_runs
from fourthp.analysis.results import AnalysisResult, ResultFinding, ResultSection, decode_result
from fourthp.analysis.running import do_run_analysis
from fourthp.analysis.sources import (
    AnalysisRefused,
    AnalysisSource,
    check_analysis_input,
    file_outline,
    megabytes,
    outline_json,
    read_in_worker,
)
from fourthp.analysis.tasks import read_and_analyse_upload, run_analysis
from fourthp.analyzer.ranker import StaleRanker, ranker_identity
from fourthp.assessments.actions import AssessmentRefused, do_create_assessment
from fourthp.assessments.inputs import AssessmentInput, EvidenceInput
from fourthp.assessments.models import Assessment, Status
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument, Section

logger = logging.getLogger(__name__)

# The audit verb of an uploaded file the analyzer refused; each counts against ANALYZER_RUNS_PER_HOUR.
UPLOAD_REFUSED = "analysis.upload_refused"


def check_analysis_allowance(user: User, *, background: bool) -> None:
    """Refuse a run over the person's allowance: ANALYZER_RUNS_PER_HOUR runs in the last hour, and
    ANALYZER_WAITING_RUNS background runs waiting or running at once (of those asked for in the last
    day). A run a stopped worker left behind is requeued or failed first, so it does not count as waiting."""
    do_recover_stale_runs(owner=user)
    now = timezone.now()
    runs = AnalysisRun.objects.of(user)
    per_hour = settings.ANALYZER_RUNS_PER_HOUR
    hour_ago = now - timedelta(hours=1)
    refused = AuditEvent.objects.filter(actor=user.pk, verb=UPLOAD_REFUSED, created_at__gte=hour_ago).count()
    if runs.filter(created_at__gte=hour_ago).count() + refused >= per_hour:
        raise AnalysisRefused(
            ngettext(
                "You have asked for %(count)s analysis in the last hour (files that could not be read count too), "
                "the most one person may ask for; please try again later.",
                "You have asked for %(count)s analyses in the last hour (files that could not be read count too), "
                "the most one person may ask for; please try again later.",
                per_hour,
            )
            % {"count": per_hour}
        )
    waiting = settings.ANALYZER_WAITING_RUNS
    unfinished = runs.unfinished().filter(created_at__gte=now - timedelta(days=1))
    if background and unfinished.count() >= waiting:
        raise AnalysisRefused(
            ngettext(
                "You already have %(count)s long document waiting or being analysed, the most one person "
                "may have at once. Its progress is listed below; start this one when it has finished.",
                "You already have %(count)s long documents waiting or being analysed, the most one person "
                "may have at once. Their progress is listed below; start this one when one of them has finished.",
                waiting,
            )
            % {"count": waiting}
        )


@dataclass(frozen=True)
class AnalysisRequest:
    """What a person asks the analyzer to read: one of pasted text, an uploaded file's bytes (and its name)
    or an atlas instrument, and optionally whose law an uploaded or pasted text is."""

    text: str = ""
    data: bytes | None = None
    filename: str = ""
    instrument: Instrument | None = None
    jurisdiction: Jurisdiction | None = None


def do_start_analysis(request: AnalysisRequest, *, acting_user: User) -> AnalysisRun:
    """Check the input, record the run, and analyse it.

    A text of at most ANALYZER_SYNC_MAX_BYTES is analysed before this returns;
    a larger one is queued for the task worker, which stores its progress.
    """
    actor, data, filename = acting_user, request.data, request.filename
    # Over the hourly allowance, nothing is read: an unreadable upload costs the server too.
    check_analysis_allowance(actor, background=False)
    if read_in_worker(data, filename) and not request.text.strip() and request.instrument is None:
        assert data is not None  # read_in_worker says so
        return _start_reading_in_worker(actor, data, filename, request.jurisdiction)
    try:
        source = check_analysis_input(text=request.text, data=data, filename=filename, instrument=request.instrument)
    except AnalysisRefused as exc:
        if data is not None and exc.field == "file":
            AuditEvent.record(
                actor=actor, verb=UPLOAD_REFUSED, name=filename[:255], size=len(data), reason=str(exc)[:500]
            )
        raise
    jurisdiction = source.instrument.jurisdiction if source.instrument else request.jurisdiction
    return _start(actor, source, jurisdiction=jurisdiction)


def do_retry_analysis(run: AnalysisRun, *, acting_user: User) -> AnalysisRun:
    """Start a failed run again, as a new run of the same text (an instrument's current sections).

    It counts against the person's allowance like any run she starts.
    """
    if run.state != AnalysisRun.State.FAILED:
        raise AnalysisRefused(_("Only a failed analysis can be started again."))
    if not can_start_again(run):
        raise AnalysisRefused(_("The file of this analysis was not kept: upload it again to analyse it."))
    if run.instrument is not None:
        source = check_analysis_input(instrument=run.instrument)
    else:
        source = AnalysisSource(
            text=run.text,
            original_name=run.original_name,
            document_title=run.document_title,
            outline=file_outline(run.outline),
            sections_total=run.sections_total,
            size=len(run.text.encode("utf-8")),
        )
    return _start(acting_user, source, jurisdiction=run.jurisdiction, retry_of=run)


def ranker_fields() -> dict[str, str]:
    """The learned ranker's identity for a new run: its model version and training data's SHA-256
    (empty, and the run ranked by the rules alone, when its training data changed without retraining)."""
    try:
        identity = ranker_identity()
    except (StaleRanker, OSError):
        logger.warning("the learned ranker cannot be used: new runs are ranked by the rules alone", exc_info=True)
        return {}
    return {"model_version": identity.version, "training_data_sha256": identity.data_sha256}


def _start(
    actor: User, source: AnalysisSource, *, jurisdiction: Jurisdiction | None, retry_of: AnalysisRun | None = None
) -> AnalysisRun:
    inline = source.size <= settings.ANALYZER_SYNC_MAX_BYTES
    check_analysis_allowance(actor, background=not inline)
    with transaction.atomic():
        run = AnalysisRun.objects.create(
            created_by=actor,
            instrument=source.instrument,
            text=source.text,
            original_name=source.original_name,
            document_title=source.document_title,
            outline=outline_json(source.outline),
            jurisdiction=jurisdiction,
            sections_total=source.sections_total,
            heartbeat_at=timezone.now(),
            **ranker_fields(),
        )
        extra = {"retry_of": retry_of.pk} if retry_of is not None else {}
        AuditEvent.record(
            actor=actor, verb="analysis.start", target=run, size=source.size, background=not inline, **extra
        )
        if not inline:
            # The database backend stores the task in this transaction: it exists exactly when the run does.
            run.task_id = str(run_analysis.enqueue(run.pk).id)
            run.save(update_fields=["task_id"])
    if inline:
        do_run_analysis(run.pk)
    run.refresh_from_db()
    return run


def _start_reading_in_worker(actor: User, data: bytes, filename: str, jurisdiction: Jurisdiction | None) -> AnalysisRun:
    """Queue a large PDF: the worker reads it (`do_read_upload`), then analyses it like any long document.

    Until then the file waits in the default storage (MEDIA_ROOT), which the task workers share."""
    check_analysis_allowance(actor, background=True)
    if len(data) > settings.ANALYZER_UPLOAD_MAX_BYTES:
        raise AnalysisRefused(
            _("The file is %(size)s MB; the largest file the analyzer accepts is %(limit)s MB.")
            % {"size": megabytes(len(data)), "limit": megabytes(settings.ANALYZER_UPLOAD_MAX_BYTES)},
            field="file",
        )
    with transaction.atomic():
        run = AnalysisRun.objects.create(
            created_by=actor,
            original_name=filename[:255],
            jurisdiction=jurisdiction,
            heartbeat_at=timezone.now(),
            **ranker_fields(),
        )
        stored = default_storage.save(f"analysis-uploads/{run.pk}-{uuid.uuid4().hex}.pdf", ContentFile(data))
        AuditEvent.record(actor=actor, verb="analysis.start", target=run, size=len(data), background=True)
        run.task_id = str(read_and_analyse_upload.enqueue(run.pk, stored).id)
        run.save(update_fields=["task_id"])
    return run


# --- Runs a stopped worker left behind -----------------------------------------------------


def worker_stopped_message() -> str:
    return _(
        "The background worker stopped while reading this document. Nothing was saved from this run. "
        "Use “Retry” to start it again."
    )


@dataclass(frozen=True)
class Recovery:
    requeued: int = 0
    failed: int = 0


def upload_lost_message() -> str:
    return _(
        "The background worker stopped while reading this file, and the file was not kept. "
        "Nothing was saved from this run: upload the file again."
    )


def do_recover_stale_runs(owner: User | None = None) -> Recovery:
    """Requeue each stale run (up to ANALYZER_RUN_ATTEMPTS starts in all), or else mark it failed, saying why.

    Called by the task worker (`manage.py run_worker`) at start and every WORKER_SWEEP_SECONDS,
    and for one person's runs when her analyzer pages or her allowance are read, so that it works even
    with a plain `db_worker`. A worker that comes back to a requeued run finds its writes ignored
    (they are conditional on its attempt number).
    """
    requeued = failed = 0
    for run in stale_runs(owner):
        with transaction.atomic():
            same = AnalysisRun.objects.filter(pk=run.pk, state=run.state, attempts=run.attempts)
            if run.instrument_id is None and not run.text:
                # An upload the worker never finished reading: its file is gone with that worker's task.
                if not same.update(
                    state=AnalysisRun.State.FAILED, error=upload_lost_message(), finished_at=timezone.now()
                ):
                    continue
                AuditEvent.record(actor=None, verb="analysis.stopped", target=run, attempts=run.attempts)
                failed += 1
            elif run.attempts < settings.ANALYZER_RUN_ATTEMPTS:
                if not same.update(
                    state=AnalysisRun.State.QUEUED, sections_done=0, started_at=None, heartbeat_at=timezone.now()
                ):
                    continue  # a worker or another sweep got there first
                task_id = str(run_analysis.enqueue(run.pk).id)
                AnalysisRun.objects.filter(pk=run.pk).update(task_id=task_id)
                AuditEvent.record(actor=None, verb="analysis.requeued", target=run, attempts=run.attempts)
                requeued += 1
            else:
                if not same.update(
                    state=AnalysisRun.State.FAILED, error=worker_stopped_message(), finished_at=timezone.now()
                ):
                    continue
                AuditEvent.record(actor=None, verb="analysis.stopped", target=run, attempts=run.attempts)
                failed += 1
    if requeued or failed:
        logger.warning("analysis runs a stopped worker left behind: %s requeued, %s marked failed", requeued, failed)
    return Recovery(requeued=requeued, failed=failed)


# --- One click from a suggestion to a draft assessment ------------------------------------


@dataclass(frozen=True)
class DraftOutcome:
    assessment: Assessment
    created: bool


@dataclass(frozen=True)
class SuggestionChoice:
    """The suggestion a draft is made from: a provision the analyzer found in a section of the run."""

    section_key: str
    provision_slug: str


def do_draft_from_finding(run: AnalysisRun, choice: SuggestionChoice, *, acting_user: User) -> DraftOutcome:
    """Start a draft assessment from one finding, its span as the evidence.

    The status is "unknown": nothing is claimed until the analyst decides. An
    open assessment of the provision for the jurisdiction is returned instead
    of a second one.
    """
    section_key, provision_slug = choice.section_key, choice.provision_slug
    result, section, finding = _suggestion(run, choice)
    assert run.instrument is not None  # _suggestion refuses a run without one
    framework = result_framework(result)
    provision = framework.provisions.filter(slug=provision_slug).first() if framework else None
    if provision is None:
        raise AssessmentRefused(_("The provision %(slug)s is not in the framework.") % {"slug": provision_slug})
    jurisdiction = run.instrument.jurisdiction
    existing = Assessment.objects.open().filter(jurisdiction=jurisdiction, provision=provision).first()
    if existing is not None:
        with transaction.atomic():
            _record_label(run, choice, section.version, applies=True, acting_user=acting_user)
        return DraftOutcome(existing, created=False)
    reason = finding.reason.strip().rstrip(".")
    data = AssessmentInput(
        status=Status.UNKNOWN,
        rationale=_("Suggested by the analyzer (%(engine)s): %(reason)s. To be confirmed by the analyst.")
        % {"engine": run.engine, "reason": reason},
        evidence=[
            EvidenceInput(section_key=section_key, start=finding.start, end=finding.end, version=section.version)
        ],
    )
    with transaction.atomic():
        assessment = do_create_assessment(jurisdiction, provision, data, acting_user=acting_user)
        _record_label(run, choice, section.version, applies=True, acting_user=acting_user)
        AuditEvent.record(
            actor=acting_user,
            verb="analysis.draft",
            target=assessment,
            run=run.pk,
            section=section_key,
            provision=provision_slug,
        )
    return DraftOutcome(assessment, created=True)


def _suggestion(run: AnalysisRun, choice: SuggestionChoice) -> tuple[AnalysisResult, ResultSection, ResultFinding]:
    """The finished run's suggestion an analyst acts on, or a refusal saying why there is none."""
    if run.instrument is None:
        raise AssessmentRefused(
            _("This text is not in the atlas, so it cannot be cited as evidence; import it into the atlas first.")
        )
    if run.state != AnalysisRun.State.DONE:
        raise AssessmentRefused(_("The analysis has not finished."))
    result = decode_result(run.result)
    # A finding of the rules, or else a section the learned ranker put first for the provision ("by provision").
    found = result.finding(choice.section_key, choice.provision_slug) or ranked_finding(
        run, result, choice.section_key, choice.provision_slug
    )
    if found is None:
        raise AssessmentRefused(_("The analysis has no such suggestion."))
    return result, found[0], found[1]


def _record_label(
    run: AnalysisRun, choice: SuggestionChoice, version: int | None, *, applies: bool, acting_user: User
) -> SuggestionLabel:
    """Keep the analyst's verdict on a suggestion as a label for the ranker's next training."""
    assert run.instrument is not None
    sections = Section.objects.filter(instrument=run.instrument, key=choice.section_key)
    section = sections.filter(version=version).first() if version is not None else None
    if section is None:
        section = sections.filter(is_current=True).first()
    if section is None:
        raise AssessmentRefused(_("The analysis has no such suggestion."))
    return SuggestionLabel.objects.create(
        run=run, section=section, provision_slug=choice.provision_slug, applies=applies, labelled_by=acting_user
    )


def do_reject_suggestion(run: AnalysisRun, choice: SuggestionChoice, *, acting_user: User) -> SuggestionLabel:
    """The analyst says the suggested section does not address the provision: kept as a "no" label."""
    section = _suggestion(run, choice)[1]
    with transaction.atomic():
        label = _record_label(run, choice, section.version, applies=False, acting_user=acting_user)
        AuditEvent.record(
            actor=acting_user,
            verb="analysis.reject",
            target=run,
            section=choice.section_key,
            provision=choice.provision_slug,
        )
    return label
