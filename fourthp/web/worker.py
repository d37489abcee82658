"""The task worker, kept alive: django-tasks-db's worker loop, restarted after a database error, with a sweep.

django-tasks-db's `db_worker` exits on any database error other than a locked
SQLite file, and never looks again at work a killed worker left half done.
`manage.py run_worker` runs the same loop with two additions:

1. A database error (the server restarting, a network blip) is logged, the
   connections are dropped, and the loop starts again after a pause that
   doubles from 1 second up to a minute; the worker itself does not exit.
2. A sweep, at start and then every WORKER_SWEEP_SECONDS in a thread of its
   own, recovers what a stopped worker left behind: analyzer runs whose
   heartbeat went quiet are requeued or marked failed, and event reminders
   that are due and were not sent are sent (nobody is reminded twice), as are the reminders of overdue
   inquiries, and
   newsletter sends a stopped worker left are resumed (nobody is sent two copies); procurement screens
   whose progress went quiet are requeued or marked failed, saying why.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from typing import Any

from django.db import DatabaseError, InterfaceError, connections
from django_tasks_db.management.commands.db_worker import Worker

from fourthp.analysis.actions import do_recover_stale_runs
from fourthp.campaigns.tasks import send_due_inquiry_reminders
from fourthp.events.tasks import send_due_reminders
from fourthp.mailing.actions import do_resume_stalled_sends
from fourthp.notifications.sending import send_due_alerts
from fourthp.supplychains.actions import do_recover_stale_screens

logger = logging.getLogger(__name__)

FIRST_PAUSE = 1.0
LONGEST_PAUSE = 60.0


def sweep_stale_work() -> None:
    """Recover the work a stopped worker left behind (safe to run at any time, by several workers at once)."""
    do_recover_stale_runs()
    do_recover_stale_screens()
    sent = send_due_reminders()
    if sent:
        logger.info("sent %s event reminder(s) that were due", sent)
    overdue = send_due_inquiry_reminders()
    if overdue:
        logger.info("sent %s overdue inquiry reminder(s)", overdue)
    alerted = send_due_alerts()
    if alerted:
        logger.info("sent %s alert e-mail(s) about followed changes that were due", alerted)
    resumed = do_resume_stalled_sends()
    if resumed:
        logger.info("resumed sending %s newsletter(s) a stopped worker had left", resumed)


def _drop_connections() -> None:
    for connection in connections.all(initialized_only=True):
        # A broken connection may fail to close; the next query opens a new one anyway.
        with contextlib.suppress(DatabaseError):
            connection.close()


class SupervisedWorker(Worker):
    def __init__(self, *, sweep_seconds: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sweep_seconds = sweep_seconds

    def run(self) -> None:
        if self.sweep_seconds > 0 and not self.batch:
            threading.Thread(target=self._sweep_forever, name="sweep", daemon=True).start()
        pause = FIRST_PAUSE
        while self.running:
            started = time.monotonic()
            try:
                self._sweep()
                super().run()
                return  # --batch or --max-tasks: done
            except (DatabaseError, InterfaceError):
                if time.monotonic() - started > LONGEST_PAUSE:
                    pause = FIRST_PAUSE  # it had been working: this is a new outage
                logger.exception("The task worker lost the database; trying again in %.0f s.", pause)
                _drop_connections()
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)

    def _sweep(self) -> None:
        """Sweep once; a database error is the loop's to handle, any other is logged and does not stop the worker."""
        try:
            sweep_stale_work()
        except (DatabaseError, InterfaceError):
            raise
        except Exception:
            logger.exception("The task worker's sweep failed; it runs again in %s s.", self.sweep_seconds)

    def _sweep_forever(self) -> None:
        while self.running:
            time.sleep(self.sweep_seconds)
            try:
                self._sweep()
            except (DatabaseError, InterfaceError):
                logger.exception("The task worker's sweep could not reach the database; it runs again later.")
            finally:
                connections.close_all()
