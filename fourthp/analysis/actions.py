"""Writes of the analyzer: start a run, run it, and turn a suggestion into a draft assessment.

`check_analysis_input` validates everything and raises AnalysisRefused with a
message a user understands before anything is written; `do_*` write in a
transaction and record an AuditEvent.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fourthp.accounts.models import AuditEvent
from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import AnalyzerUnavailable, default_analysis_framework, get_analyzer_framework
from fourthp.analyzer import Analysis, analyze, analyze_sections
from fourthp.analyzer.readers import ParsedDocument, ReaderError, detect_format
from fourthp.analyzer.readers.sandbox import read_document_limited
from fourthp.analyzer.segment import split_sections
from fourthp.assessments.actions import AssessmentRefused, do_create_assessment
from fourthp.assessments.inputs import AssessmentInput, EvidenceInput
from fourthp.assessments.models import Assessment, Status
from fourthp.frameworks.models import Framework
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument, Section
from fourthp.lib.faults import pause_point
from fourthp.lib.text import normalise_text

logger = logging.getLogger(__name__)

# The audit verb of an uploaded file the analyzer refused; each counts against ANALYZER_RUNS_PER_HOUR.
UPLOAD_REFUSED = "analysis.upload_refused"

# Progress is written at most about once a second, and at least every this many sections.
PROGRESS_SECONDS = 1.0
PROGRESS_SECTIONS = 25


class AnalysisRefused(ValueError):
    """The input cannot be analysed; the message says why and `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}"


@dataclass(frozen=True)
class AnalysisSource:
    """What a run will analyse, resolved and checked."""

    text: str = ""
    original_name: str = ""
    document_title: str = ""
    instrument: Instrument | None = None
    outline: list[dict[str, Any]] = field(default_factory=list)
    sections_total: int = 0
    size: int = 0


def check_analysis_input(
    *, text: str = "", data: bytes | None = None, filename: str = "", instrument: Instrument | None = None
) -> AnalysisSource:
    """Validate one source: pasted text, an uploaded file's bytes, or an atlas instrument."""
    given = [
        name
        for name, value in (("text", text.strip()), ("file", data is not None), ("instrument", instrument))
        if value
    ]
    if not given:
        raise AnalysisRefused(_("There is nothing to analyse: upload a file, paste text or choose an instrument."))
    if len(given) > 1:
        raise AnalysisRefused(_("Give one thing to analyse: a file, pasted text or an instrument, not several."))
    limit = settings.ANALYZER_UPLOAD_MAX_BYTES
    if instrument is not None:
        sections = list(
            Section.objects.current().filter(instrument=instrument).order_by("order").only("key", "version", "text")
        )
        if not sections:
            raise AnalysisRefused(
                _("%(instrument)s has no sections to analyse.") % {"instrument": instrument}, field="instrument"
            )
        return AnalysisSource(
            instrument=instrument,
            outline=[{"key": s.key, "version": s.version} for s in sections],
            sections_total=len(sections),
            size=sum(len(s.text.encode("utf-8")) for s in sections),
        )
    if data is not None:
        if len(data) > limit:
            raise AnalysisRefused(
                _("The file is %(size)s MB; the largest file the analyzer accepts is %(limit)s MB.")
                % {"size": _megabytes(len(data)), "limit": _megabytes(limit)},
                field="file",
            )
        try:
            document = read_document_limited(
                data,
                detect_format(data, filename),
                filename=filename,
                seconds=settings.PDF_READ_SECONDS,
                memory_mb=settings.PDF_READ_MEMORY_MB,
            )
        except ReaderError as exc:
            raise AnalysisRefused(str(exc), field="file") from exc
        return _source_of(document, filename)
    size = len(text.encode("utf-8"))
    if size > limit:
        raise AnalysisRefused(
            _("The text is %(size)s MB; the most the analyzer accepts is %(limit)s MB.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            field="text",
        )
    if "\x00" in text:
        raise AnalysisRefused(_("The text contains NUL characters; paste text, not binary data."), field="text")
    normalised = normalise_text(text)
    return AnalysisSource(
        text=normalised, sections_total=len(split_sections(normalised)), size=len(normalised.encode("utf-8"))
    )


def _source_of(document: ParsedDocument, filename: str) -> AnalysisSource:
    """The reader's sections, one after another; the outline says where each one is."""
    pieces: list[str] = []
    outline: list[dict[str, Any]] = []
    at = 0
    for section in document.sections:
        outline.append(
            {"number": section.number, "heading": section.heading, "start": at, "end": at + len(section.text)}
        )
        pieces.append(section.text)
        at += len(section.text) + 2
    joined = "\n\n".join(pieces)
    return AnalysisSource(
        text=joined,
        original_name=filename[:255],
        document_title=document.title[:500],
        outline=outline,
        sections_total=len(outline),
        size=len(joined.encode("utf-8")),
    )


def read_in_worker(data: bytes | None, filename: str) -> bool:
    """True for an uploaded PDF larger than PDF_READ_IN_WORKER_BYTES: the task worker reads it, with
    PDF_WORKER_READ_SECONDS to do so, rather than the page."""
    if data is None or len(data) <= settings.PDF_READ_IN_WORKER_BYTES:
        return False
    try:
        return detect_format(data, filename) == "pdf"
    except ReaderError:
        return False


def check_analysis_allowance(actor: Any, *, background: bool) -> None:
    """Refuse a run over the person's allowance: ANALYZER_RUNS_PER_HOUR runs in the last hour, and
    ANALYZER_WAITING_RUNS background runs waiting or running at once (of those asked for in the last
    day). A run a stopped worker left behind is requeued or failed first, so it does not count as waiting."""
    do_recover_stale_runs(owner=actor)
    now = timezone.now()
    runs = AnalysisRun.objects.of(actor)
    per_hour = settings.ANALYZER_RUNS_PER_HOUR
    hour_ago = now - timedelta(hours=1)
    refused = AuditEvent.objects.filter(actor=actor.pk, verb=UPLOAD_REFUSED, created_at__gte=hour_ago).count()
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


def do_start_analysis(
    actor: Any,
    *,
    text: str = "",
    data: bytes | None = None,
    filename: str = "",
    instrument: Instrument | None = None,
    jurisdiction: Jurisdiction | None = None,
) -> AnalysisRun:
    """Check the input, record the run, and analyse it.

    A text of at most ANALYZER_SYNC_MAX_BYTES is analysed before this returns;
    a larger one is queued for the task worker, which stores its progress.
    """
    # Over the hourly allowance, nothing is read: an unreadable upload costs the server too.
    check_analysis_allowance(actor, background=False)
    if read_in_worker(data, filename) and not text.strip() and instrument is None:
        assert data is not None  # read_in_worker says so
        return _start_reading_in_worker(actor, data, filename, jurisdiction)
    try:
        source = check_analysis_input(text=text, data=data, filename=filename, instrument=instrument)
    except AnalysisRefused as exc:
        if data is not None and exc.field == "file":
            AuditEvent.record(
                actor=actor, verb=UPLOAD_REFUSED, name=filename[:255], size=len(data), reason=str(exc)[:500]
            )
        raise
    return _start(actor, source, jurisdiction=source.instrument.jurisdiction if source.instrument else jurisdiction)


def do_retry_analysis(actor: Any, run: AnalysisRun) -> AnalysisRun:
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
            outline=list(run.outline),
            sections_total=run.sections_total,
            size=len(run.text.encode("utf-8")),
        )
    return _start(actor, source, jurisdiction=run.jurisdiction, retry_of=run)


def _start(
    actor: Any, source: AnalysisSource, *, jurisdiction: Jurisdiction | None, retry_of: AnalysisRun | None = None
) -> AnalysisRun:
    from fourthp.analysis.tasks import run_analysis

    inline = source.size <= settings.ANALYZER_SYNC_MAX_BYTES
    check_analysis_allowance(actor, background=not inline)
    with transaction.atomic():
        run = AnalysisRun.objects.create(
            created_by=actor,
            instrument=source.instrument,
            text=source.text,
            original_name=source.original_name,
            document_title=source.document_title,
            outline=source.outline,
            jurisdiction=jurisdiction,
            sections_total=source.sections_total,
            heartbeat_at=timezone.now(),
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


def _start_reading_in_worker(actor: Any, data: bytes, filename: str, jurisdiction: Jurisdiction | None) -> AnalysisRun:
    """Queue a large PDF: the worker reads it (`do_read_upload`), then analyses it like any long document.

    Until then the file waits in the default storage (MEDIA_ROOT), which the task workers share."""
    from fourthp.analysis.tasks import read_and_analyse_upload

    check_analysis_allowance(actor, background=True)
    if len(data) > settings.ANALYZER_UPLOAD_MAX_BYTES:
        raise AnalysisRefused(
            _("The file is %(size)s MB; the largest file the analyzer accepts is %(limit)s MB.")
            % {"size": _megabytes(len(data)), "limit": _megabytes(settings.ANALYZER_UPLOAD_MAX_BYTES)},
            field="file",
        )
    with transaction.atomic():
        run = AnalysisRun.objects.create(
            created_by=actor, original_name=filename[:255], jurisdiction=jurisdiction, heartbeat_at=timezone.now()
        )
        stored = default_storage.save(f"analysis-uploads/{run.pk}-{uuid.uuid4().hex}.pdf", ContentFile(data))
        AuditEvent.record(actor=actor, verb="analysis.start", target=run, size=len(data), background=True)
        run.task_id = str(read_and_analyse_upload.enqueue(run.pk, stored).id)
        run.save(update_fields=["task_id"])
    return run


def do_read_upload(run_id: int, stored: str) -> AnalysisRun | None:
    """In the task worker: read a queued run's stored PDF with the worker's limits and put its sections on
    the run; a file that cannot be read fails the run, saying why. The stored file is removed either way."""
    try:
        run = AnalysisRun.objects.filter(pk=run_id, state=AnalysisRun.State.QUEUED).first()
        if run is None:
            return AnalysisRun.objects.filter(pk=run_id).first()
        # The read may take up to PDF_WORKER_READ_SECONDS; the sweep allows for it (see stale_runs).
        AnalysisRun.objects.filter(pk=run_id, state=AnalysisRun.State.QUEUED).update(heartbeat_at=timezone.now())
        with default_storage.open(stored, "rb") as handle:
            data = handle.read()
        try:
            document = read_document_limited(
                data,
                "pdf",
                filename=run.original_name,
                seconds=settings.PDF_WORKER_READ_SECONDS,
                memory_mb=settings.PDF_READ_MEMORY_MB,
            )
        except ReaderError as exc:
            AnalysisRun.objects.filter(pk=run_id, state=AnalysisRun.State.QUEUED).update(
                state=AnalysisRun.State.FAILED, error=str(exc), finished_at=timezone.now()
            )
            return AnalysisRun.objects.get(pk=run_id)
        source = _source_of(document, run.original_name)
        AnalysisRun.objects.filter(pk=run_id, state=AnalysisRun.State.QUEUED).update(
            text=source.text,
            outline=source.outline,
            document_title=source.document_title,
            sections_total=source.sections_total,
            heartbeat_at=timezone.now(),
        )
        return AnalysisRun.objects.get(pk=run_id)
    finally:
        default_storage.delete(stored)


def _current(run_id: int, attempt: int) -> Any:
    """The run as long as this attempt is the one running it: a requeued run ignores an earlier worker."""
    return AnalysisRun.objects.filter(pk=run_id, attempts=attempt, state=AnalysisRun.State.RUNNING)


class _Progress:
    """Store sections done / total and the heartbeat on the run, about once a second or every few sections."""

    def __init__(self, run_id: int, attempt: int) -> None:
        self.run_id = run_id
        self.attempt = attempt
        self.saved_at = time.monotonic()
        self.saved_done = 0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.saved_at < PROGRESS_SECONDS and done - self.saved_done < PROGRESS_SECTIONS:
            return
        _current(self.run_id, self.attempt).update(
            sections_done=done, sections_total=total, heartbeat_at=timezone.now()
        )
        self.saved_at, self.saved_done = now, done
        pause_point("analysis.progress")


class _Heartbeat:
    """Write the run's heartbeat from a thread of its own every ANALYZER_STALE_SECONDS / 4 while it runs.

    Progress is stored after each section, but one long section (a pasted text without headings) can
    take a minute: the heartbeat says the worker is alive, whatever the analysis is doing.
    """

    def __init__(self, run_id: int, attempt: int) -> None:
        self.run_id, self.attempt = run_id, attempt
        self.interval = max(1.0, settings.ANALYZER_STALE_SECONDS / 4)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"heartbeat-{run_id}", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _beat(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                try:
                    _current(self.run_id, self.attempt).update(heartbeat_at=timezone.now())
                except DatabaseError:
                    logger.warning("analysis run %s: the heartbeat could not be written", self.run_id, exc_info=True)
        finally:
            # Connections belong to the thread that opened them: close this thread's own.
            for connection in connections.all(initialized_only=True):
                connection.close()


def _analyse(run: AnalysisRun, progress: _Progress) -> Analysis:
    framework = get_analyzer_framework(default_analysis_framework())
    # Whose law it is, when known: a state code is not asked for what only national law can do.
    level = run.jurisdiction.level if run.jurisdiction is not None else ""
    if run.instrument_id is not None:
        wanted = {(item["key"], item["version"]) for item in run.outline}
        found = {
            s.key: s
            for s in Section.objects.filter(instrument_id=run.instrument_id, key__in=[k for k, _v in wanted])
            if (s.key, s.version) in wanted
        }
        missing = [item["key"] for item in run.outline if item["key"] not in found]
        if missing:
            raise AnalysisRefused(
                _("Some sections of the instrument are no longer in the atlas (%(keys)s).")
                % {"keys": ", ".join(missing[:5])}
            )
        instrument = run.instrument
        assert instrument is not None  # run.instrument_id is set
        return analyze_sections(
            [(item["key"], found[item["key"]].text) for item in run.outline],
            framework,
            progress=progress,
            headings=[found[item["key"]].heading for item in run.outline],
            context=instrument.title,
            level=level,
        )
    if not run.outline:
        return analyze(run.text, framework, progress=progress, level=level)
    # An uploaded file: analyse the reader's sections, then move every offset into the run's text.
    pieces = [(str(item["number"]), run.text[item["start"] : item["end"]]) for item in run.outline]
    analysis = analyze_sections(
        pieces,
        framework,
        progress=progress,
        headings=[str(item["heading"]) for item in run.outline],
        context=run.document_title,
        level=level,
    )
    sections = []
    for item, section in zip(run.outline, analysis.sections, strict=True):
        base = int(item["start"])
        sections.append(
            replace(
                section,
                heading=str(item["heading"]),
                start=base + section.start,
                end=base + section.end,
                findings=tuple(replace(f, start=base + f.start, end=base + f.end) for f in section.findings),
            )
        )
    return replace(analysis, sections=tuple(sections))


def do_run_analysis(run_id: int) -> AnalysisRun | None:
    """Analyse a queued run, storing progress as it goes and the result once at the end.

    Any error marks the run failed with a sentence for the user (the traceback
    goes to the log); a failed run never holds a partial result.
    """
    started = timezone.now()
    claimed = AnalysisRun.objects.filter(pk=run_id, state=AnalysisRun.State.QUEUED).update(
        state=AnalysisRun.State.RUNNING, started_at=started, heartbeat_at=started, attempts=F("attempts") + 1
    )
    if not claimed:  # gone, or already taken by another worker
        return AnalysisRun.objects.filter(pk=run_id).first()
    run = AnalysisRun.objects.get(pk=run_id)
    attempt = run.attempts
    try:
        with _Heartbeat(run.pk, attempt):
            analysis = _analyse(run, _Progress(run.pk, attempt))
    except Exception as exc:
        logger.exception("analysis run %s failed", run_id)
        if isinstance(exc, (AnalysisRefused, AnalyzerUnavailable)):
            error = str(exc)
        else:
            error = _(
                "The analysis stopped because of an unexpected error, which has been logged. "
                "Try again; if it happens again, tell the secretariat."
            )
        _current(run_id, attempt).update(state=AnalysisRun.State.FAILED, error=error, finished_at=timezone.now())
    else:
        total = len(analysis.sections)
        _current(run_id, attempt).update(
            state=AnalysisRun.State.DONE,
            result=analysis.to_dict(),
            engine=analysis.engine,
            sections_done=total,
            sections_total=total,
            finished_at=timezone.now(),
        )
    return AnalysisRun.objects.get(pk=run_id)


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


def _task_waiting(task_id: str) -> bool:
    """Whether the run's task is still waiting for a worker, or running with the run's heartbeat to say so."""
    from django_tasks.base import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    from fourthp.analysis.tasks import run_analysis

    backend = run_analysis.get_backend()
    if not backend.supports_get_result:
        return True  # a backend that cannot say is trusted to run it
    if not task_id:
        return False
    try:
        status = backend.get_result(task_id).status
    except TaskResultDoesNotExist:
        return False
    return status == TaskResultStatus.READY


def stale_runs(owner: Any = None) -> Any:
    """Unfinished runs no worker is looking after, as far as the heartbeat can tell.

    A running run is stale when its heartbeat is older than ANALYZER_STALE_SECONDS. A queued run
    is stale when it has waited that long and its task is no longer waiting for a worker (the
    worker stopped after taking the task and before starting the run).
    """
    cutoff = timezone.now() - timedelta(seconds=settings.ANALYZER_STALE_SECONDS)
    runs = AnalysisRun.objects.unfinished().alias(beat=Coalesce("heartbeat_at", "created_at")).filter(beat__lt=cutoff)
    # A large upload still being read by a worker shows no progress until the read ends.
    reading_cutoff = cutoff - timedelta(seconds=settings.PDF_WORKER_READ_SECONDS)
    runs = runs.exclude(unread_upload() & Q(beat__gte=reading_cutoff))
    if owner is not None:
        runs = runs.filter(created_by=owner)
    candidates = runs.filter(Q(state=AnalysisRun.State.RUNNING) | Q(state=AnalysisRun.State.QUEUED)).only(
        "pk", "state", "attempts", "task_id", "created_by_id", "instrument_id", "text"
    )
    return [run for run in candidates if run.state == AnalysisRun.State.RUNNING or not _task_waiting(run.task_id)]


def unread_upload() -> Q:
    """Runs of a large uploaded file the worker has not read yet: no text of their own and no instrument."""
    return Q(state=AnalysisRun.State.QUEUED, instrument__isnull=True, text="")


def can_start_again(run: AnalysisRun) -> bool:
    """Whether a failed run can be retried: its text or instrument was kept (a file never read was not)."""
    return run.state == AnalysisRun.State.FAILED and (run.instrument_id is not None or bool(run.text))


def upload_lost_message() -> str:
    return _(
        "The background worker stopped while reading this file, and the file was not kept. "
        "Nothing was saved from this run: upload the file again."
    )


def do_recover_stale_runs(owner: Any = None) -> Recovery:
    """Requeue each stale run (up to ANALYZER_RUN_ATTEMPTS starts in all), or else mark it failed, saying why.

    Called by the task worker (`manage.py run_worker`) at start and every WORKER_SWEEP_SECONDS,
    and for one person's runs when her analyzer pages or her allowance are read, so that it works even
    with a plain `db_worker`. A worker that comes back to a requeued run finds its writes ignored
    (they are conditional on its attempt number).
    """
    from fourthp.analysis.tasks import run_analysis

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


def _finding(run: AnalysisRun, section_key: str, provision_slug: str) -> dict[str, Any]:
    for section in (run.result or {}).get("sections", []):
        if str(section["number"]) != section_key:
            continue
        for finding in section.get("findings", []):
            if finding["provision"] == provision_slug:
                return dict(finding)
    raise AssessmentRefused(_("The analysis has no such suggestion."))


def do_draft_from_finding(actor: Any, run: AnalysisRun, *, section_key: str, provision_slug: str) -> DraftOutcome:
    """Start a draft assessment from one finding, its span as the evidence.

    The status is "unknown": nothing is claimed until the analyst decides. An
    open assessment of the provision for the jurisdiction is returned instead
    of a second one.
    """
    if run.instrument is None:
        raise AssessmentRefused(
            _("This text is not in the atlas, so it cannot be cited as evidence; import it into the atlas first.")
        )
    if run.state != AnalysisRun.State.DONE:
        raise AssessmentRefused(_("The analysis has not finished."))
    finding = _finding(run, section_key, provision_slug)
    result = run.result or {}
    framework = Framework.objects.filter(
        slug=str(result.get("framework", "")), version=int(result.get("framework_version") or 0)
    ).first()
    provision = framework.provisions.filter(slug=provision_slug).first() if framework else None
    if provision is None:
        raise AssessmentRefused(_("The provision %(slug)s is not in the framework.") % {"slug": provision_slug})
    jurisdiction = run.instrument.jurisdiction
    existing = Assessment.objects.open().filter(jurisdiction=jurisdiction, provision=provision).first()
    if existing is not None:
        return DraftOutcome(existing, created=False)
    version = next((item["version"] for item in run.outline if item["key"] == section_key), None)
    reason = str(finding["reason"]).strip().rstrip(".")
    data = AssessmentInput(
        status=Status.UNKNOWN,
        rationale=_("Suggested by the analyzer (%(engine)s): %(reason)s. To be confirmed by the analyst.")
        % {"engine": run.engine, "reason": reason},
        evidence=[
            EvidenceInput(
                section_key=section_key, start=int(finding["start"]), end=int(finding["end"]), version=version
            )
        ],
    )
    with transaction.atomic():
        assessment = do_create_assessment(jurisdiction, provision, data, acting_user=actor)
        AuditEvent.record(
            actor=actor,
            verb="analysis.draft",
            target=assessment,
            run=run.pk,
            section=section_key,
            provision=provision_slug,
        )
    return DraftOutcome(assessment, created=True)
