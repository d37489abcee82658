"""Writes of the supply-chain screens: a member's upload becomes a screen, run at once or in the task worker."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fourthp.accounts.models import AuditEvent, User
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.supplychains.models import WORKER_STOPPED, ProcurementScreen
from fourthp.supplychains.reading import Line, Upload
from fourthp.supplychains.running import do_run_screen
from fourthp.supplychains.tasks import run_screen

logger = logging.getLogger(__name__)

INLINE_LINES = 500
"""A file of at most this many lines is screened during the request; a larger one in the task worker."""


def do_create_screen(owner: User, file_name: str, upload: Upload, buyer: Jurisdiction) -> ProcurementScreen:
    """Record a screen of the lines read from a file, and run it (now, or queued when it is large).

    The rows the reader refused are stored as bad rows from the start, so none is dropped silently.
    """
    inline = len(upload.lines) <= INLINE_LINES
    with transaction.atomic():
        screen = ProcurementScreen.objects.create(
            owner=owner,
            file_name=file_name[:200],
            buyer=buyer,
            lines_total=len(upload.lines),
            lines=[_stored(line) for line in upload.lines],
            bad_rows=[[row.number, row.reason] for row in upload.bad_rows],
        )
        AuditEvent.record(
            actor=owner, verb="supplychains.screen", target=screen, lines=len(upload.lines),
            bad_rows=len(upload.bad_rows), background=not inline,
        )  # fmt: skip
        if not inline:
            # The database backend stores the task in this transaction: it exists exactly when the screen does.
            run_screen.enqueue(screen.pk)
    if inline:
        do_run_screen(screen.pk)
    screen.refresh_from_db()
    return screen


def _stored(line: Line) -> list[object]:
    return [line.number, line.good, line.country, line.hs_code]


@dataclass(frozen=True)
class Recovery:
    requeued: int = 0
    failed: int = 0


def stale_screens() -> list[ProcurementScreen]:
    """Running screens whose progress has been quiet for PROCUREMENT_SCREEN_STALE_SECONDS: a stopped worker's."""
    quiet_since = timezone.now() - dt.timedelta(seconds=settings.PROCUREMENT_SCREEN_STALE_SECONDS)
    return list(
        ProcurementScreen.objects.filter(state=ProcurementScreen.State.RUNNING, progress_at__lt=quiet_since)
        .only("pk", "state", "attempts", "owner_id")
        .order_by("pk")
    )


def do_recover_stale_screens() -> Recovery:
    """Requeue each stale screen (up to PROCUREMENT_SCREEN_RUN_ATTEMPTS starts in all), or else mark it failed.

    Called by the task worker's sweep (`manage.py run_worker`) at start and every WORKER_SWEEP_SECONDS. The
    owner sees a failed screen's reason on its page and in the API. A worker that comes back to a requeued
    screen finds its writes ignored (they are conditional on its attempt number).
    """
    requeued = failed = 0
    for screen in stale_screens():
        with transaction.atomic():
            same = ProcurementScreen.objects.filter(pk=screen.pk, state=screen.state, attempts=screen.attempts)
            if screen.attempts < settings.PROCUREMENT_SCREEN_RUN_ATTEMPTS:
                if not same.update(state=ProcurementScreen.State.QUEUED, lines_done=0, progress_at=timezone.now()):
                    continue  # a worker or another sweep got there first
                run_screen.enqueue(screen.pk)
                AuditEvent.record(actor=None, verb="supplychains.requeued", target=screen, attempts=screen.attempts)
                requeued += 1
            else:
                if not same.update(
                    state=ProcurementScreen.State.FAILED, error=WORKER_STOPPED, finished_at=timezone.now()
                ):
                    continue
                AuditEvent.record(actor=None, verb="supplychains.stopped", target=screen, attempts=screen.attempts)
                failed += 1
    if requeued or failed:
        logger.warning("procurement screens a stopped worker left: %s requeued, %s marked failed", requeued, failed)
    return Recovery(requeued=requeued, failed=failed)
