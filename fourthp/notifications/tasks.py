"""The alert e-mail, sent by the task worker at once or at her digest time."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.backend import DatabaseBackend

from fourthp.notifications.sending import send_alerts


def schedule_alerts(user_id: int, due: dt.datetime) -> None:
    """Queue her alert e-mail for `due`, with the caller's transaction.

    A backend that cannot wait (the in-process one of development and tests) gets only what is already
    due; `manage.py send_due_alerts` and the worker's sweep send the rest.
    """
    backend = send_alerts_task.get_backend()
    if backend.supports_defer:
        scheduled = send_alerts_task.using(run_after=due)
    elif due > timezone.now():
        return
    else:
        scheduled = send_alerts_task
    if isinstance(backend, DatabaseBackend):
        scheduled.enqueue(user_id)  # in the caller's transaction: committed with the change, or not at all
    else:
        transaction.on_commit(lambda: scheduled.enqueue(user_id))


@task()
def send_alerts_task(user_id: int) -> int:

    return send_alerts(user_id)
