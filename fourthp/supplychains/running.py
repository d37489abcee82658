"""A screen's work: each stored line looked up, progress saved as it goes, the results saved once at the end."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fourthp.supplychains.models import ProcurementScreen
from fourthp.supplychains.screening import Screener

PROGRESS_EVERY = 500
"""Lines screened between two saves of the progress."""


def do_run_screen(screen_id: int) -> ProcurementScreen | None:
    """Run a queued screen; a screen already taken or finished is left as it is, a missing one gives None."""
    with transaction.atomic():
        screen = ProcurementScreen.objects.select_for_update().filter(pk=screen_id).first()
        if screen is None or screen.state != ProcurementScreen.State.QUEUED:
            return screen
        screen.state = ProcurementScreen.State.RUNNING
        screen.attempts += 1
        screen.progress_at = timezone.now()
        screen.save(update_fields=["state", "attempts", "progress_at"])
    # Writes are conditional on this attempt: a run the sweep gave up on and requeued cannot overwrite the next.
    mine = ProcurementScreen.objects.filter(pk=screen.pk, attempts=screen.attempts)
    try:
        screener = Screener()
        results: list[dict[str, object]] = []
        bad_rows = list(screen.bad_rows)
        clear = 0
        for done, (number, good, country, hs_code) in enumerate(screen.lines, start=1):
            verdict = screener.screen(good, country, hs_code)
            if verdict.reason:
                bad_rows.append([number, verdict.reason])
            elif verdict.result is None:
                clear += 1
            else:
                results.append({"line": number, **verdict.result})
            if done % PROGRESS_EVERY == 0:
                mine.update(lines_done=done, progress_at=timezone.now())
        bad_rows.sort()
        with transaction.atomic():
            mine.update(
                state=ProcurementScreen.State.DONE, lines_done=len(screen.lines), results=results,
                bad_rows=bad_rows, lines_clear=clear, finished_at=timezone.now(),
            )  # fmt: skip
    except Exception as exc:
        mine.update(state=ProcurementScreen.State.FAILED, error=str(exc)[:500], finished_at=timezone.now())
        raise
    screen.refresh_from_db()
    return screen
