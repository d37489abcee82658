"""The work of a run, as the task worker (or the page, for a short text) does it: read a stored upload,
analyse, store progress, the heartbeat and, once, the result.

The tasks in `tasks.py` call these; nothing here enqueues work, so this module imports no task.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import AnalyzerUnavailable, get_analyzer_framework
from fourthp.analysis.results import AnalysisResult, PlacedSection, result_of_sections, result_of_text
from fourthp.analysis.sources import AnalysisRefused, atlas_outline, file_outline, outline_json, source_of_document
from fourthp.analyzer import Analysis, analyze, analyze_sections
from fourthp.analyzer.framework import Framework as ParsedFramework
from fourthp.analyzer.ranker import StaleRanker, load_ranker, rank_sections
from fourthp.analyzer.readers import ReaderError
from fourthp.analyzer.readers.sandbox import read_document_limited
from fourthp.frameworks.models import Framework
from fourthp.laws.models import Section
from fourthp.lib.faults import pause_point

logger = logging.getLogger(__name__)

# Progress is written at most about once a second, and at least every this many sections.
PROGRESS_SECONDS = 1.0
PROGRESS_SECTIONS = 25
# The sections kept per provision from the learned ranker's ranking of a run (the "by provision" view's list).
RANKING_KEPT = 10


class _Ranked:
    """The learned ranker's ranking of a run's sections, as `AnalysisRun.ranking` stores it, with the
    ranker's identity; None when the ranker cannot be used (the run then holds the rules' result only)."""

    def __init__(self, ranking: dict[str, Any] | None = None, version: str = "", data_sha256: str = "") -> None:
        self.ranking, self.version, self.data_sha256 = ranking, version, data_sha256


def _rank(
    framework: ParsedFramework,
    sections: list[tuple[str, str]],
    *,
    headings: list[str],
    context: str,
    level: str,
    analysis: Analysis | None,
) -> _Ranked:
    """Rank every section for every provision with the learned ranker (the rules' `analysis` of the same
    sections gives the spans and reasons where they found the provision)."""
    try:
        ranker = load_ranker(framework)
    except StaleRanker:
        logger.warning("the learned ranker is stale: the run has the rules' result only", exc_info=True)
        return _Ranked()
    ranking = rank_sections(ranker, sections, headings=headings, context=context, level=level, analysis=analysis)
    provisions = {
        slug: [[r.section, r.confidence, r.start, r.end, r.reason] for r in ranked[:RANKING_KEPT]]
        for slug, ranked in ranking.by_provision.items()
    }
    stored = {"thresholds": dict(ranking.thresholds), "provisions": provisions}
    return _Ranked(stored, ranking.version, ranking.data_sha256)


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
        source = source_of_document(document, run.original_name)
        AnalysisRun.objects.filter(pk=run_id, state=AnalysisRun.State.QUEUED).update(
            text=source.text,
            outline=outline_json(source.outline),
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


def _analyse(run: AnalysisRun, progress: _Progress) -> tuple[AnalysisResult, _Ranked]:
    framework = get_analyzer_framework(Framework.objects.default())
    # Whose law it is, when known: a state code is not asked for what only national law can do.
    level = run.jurisdiction.level if run.jurisdiction is not None else ""
    if run.instrument_id is not None:
        parts = atlas_outline(run.outline)
        wanted = {(part.key, part.version) for part in parts}
        found = {
            s.key: s
            for s in Section.objects.filter(instrument_id=run.instrument_id, key__in=[k for k, _v in wanted])
            if (s.key, s.version) in wanted
        }
        missing = [part.key for part in parts if part.key not in found]
        if missing:
            raise AnalysisRefused(
                _("Some sections of the instrument are no longer in the atlas (%(keys)s).")
                % {"keys": ", ".join(missing[:5])}
            )
        instrument = run.instrument
        assert instrument is not None  # run.instrument_id is set
        sections = [(part.key, found[part.key].text) for part in parts]
        headings = [found[part.key].heading for part in parts]
        analysis = analyze_sections(
            sections, framework, progress=progress, headings=headings, context=instrument.title, level=level
        )
        ranked = _rank(framework, sections, headings=headings, context=instrument.title, level=level, analysis=analysis)
        return result_of_sections(analysis, [PlacedSection(version=part.version) for part in parts]), ranked
    pieces = file_outline(run.outline)
    if not pieces:
        result = result_of_text(analyze(run.text, framework, progress=progress, level=level))
        # The rules' offsets here are into the whole text: the ranker reads the sections again on its own.
        sections = [(s.key, run.text[s.start : s.end]) for s in result.sections]
        headings = [s.heading for s in result.sections]
        return result, _rank(framework, sections, headings=headings, context="", level=level, analysis=None)
    # An uploaded file: analyse the reader's sections, each placed where it lies in the run's text.
    sections = [(piece.number, run.text[piece.start : piece.end]) for piece in pieces]
    headings = [piece.heading for piece in pieces]
    analysis = analyze_sections(
        sections, framework, progress=progress, headings=headings, context=run.document_title, level=level
    )
    ranked = _rank(framework, sections, headings=headings, context=run.document_title, level=level, analysis=analysis)
    return result_of_sections(analysis, [PlacedSection(start=piece.start) for piece in pieces]), ranked


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
            result, ranked = _analyse(run, _Progress(run.pk, attempt))
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
        total = len(result.sections)
        _current(run_id, attempt).update(
            state=AnalysisRun.State.DONE,
            result=result.to_json(),
            engine=result.engine,
            # The ranker that actually ranked the sections (it is recorded when the run is made, too).
            ranking=ranked.ranking,
            model_version=ranked.version,
            training_data_sha256=ranked.data_sha256,
            sections_done=total,
            sections_total=total,
            finished_at=timezone.now(),
        )
    return AnalysisRun.objects.get(pk=run_id)
