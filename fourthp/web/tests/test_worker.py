"""The task worker (`manage.py run_worker`) keeps going through a database outage instead of exiting."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.management import call_command
from django.db import OperationalError

from fourthp.accounts.mail import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings: Any, monkeypatch: Any) -> list[float]:
    """Tasks queued on the database backend; the worker's pauses are recorded, not waited for."""
    from django_tasks_db.management.commands import db_worker

    from fourthp.web import worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)  # the test's own transaction
    monkeypatch.setattr(worker, "_drop_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    pauses: list[float] = []
    monkeypatch.setattr(worker.time, "sleep", pauses.append)
    return pauses


def test_the_worker_logs_a_database_error_waits_and_goes_on(
    database_queue: list[float], monkeypatch: Any, caplog: Any, mailoutbox: Any
) -> None:
    from django_tasks_db.models import DBTaskResultQuerySet

    real = DBTaskResultQuerySet.get_locked
    outage = iter([True, True, True])  # three failed attempts, then the database is back

    def flaky(self: Any) -> Any:
        if next(outage, False):
            raise OperationalError("server closed the connection unexpectedly")
        return real(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", flaky)
    notify("members_application_received", ["ana@example.org"], {"application": {"name": "Ana"}})
    with caplog.at_level(logging.ERROR, logger="fourthp.web.worker"):
        call_command("run_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert [m.to for m in mailoutbox] == [["ana@example.org"]]
    assert database_queue == [1.0, 2.0, 4.0]  # it waited longer each time
    assert caplog.text.count("The task worker lost the database") == 3


def test_the_plain_db_worker_would_have_exited(database_queue: list[float], monkeypatch: Any) -> None:
    """What run_worker is for: django-tasks-db's own worker stops on the same error."""
    from django_tasks_db.models import DBTaskResultQuerySet

    def down(self: Any) -> Any:
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", down)
    with pytest.raises(OperationalError):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
