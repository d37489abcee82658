"""Writes of the supply-chain screens: a member's upload becomes a screen, run at once or in the task worker."""

from __future__ import annotations

from django.db import transaction

from fourthp.accounts.models import AuditEvent, User
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.supplychains.models import ProcurementScreen
from fourthp.supplychains.reading import Line, Upload
from fourthp.supplychains.running import do_run_screen
from fourthp.supplychains.tasks import run_screen

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
