"""Run the task worker: django-tasks-db's `db_worker`, which survives database outages and sweeps up stale work.

It takes every option of `db_worker` (`--queue-name`, `--interval`, `--batch`,
`--max-tasks`, `--no-reload`, …); see fourthp/web/worker.py for what it adds.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from fourthp.web.worker import SupervisedWorker


class Command(db_worker.Command):
    help = "Run the background task worker (db_worker that survives database outages and recovers stale work)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        if options["exclude_queues"] and "*" not in options["queue_name"].split(","):
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        batch = options["batch"]
        reload = options["reload"] and not batch
        worker = SupervisedWorker(
            sweep_seconds=settings.WORKER_SWEEP_SECONDS,
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=options["exclude_queues"].split(",") if options["exclude_queues"] else [],
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child process that runs the loop
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
