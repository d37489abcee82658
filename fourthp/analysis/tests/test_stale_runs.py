"""A run the task worker stopped on is requeued once, then marked failed saying so, with a Retry button.

The worker is killed for real in tests/faults/; here its death is what the
database shows afterwards: a run left "running" whose heartbeat went quiet.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from fourthp.accounts.models import AuditEvent
from fourthp.analysis.actions import do_recover_stale_runs
from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.results import decode_result
from fourthp.testing import (
    assert_access_walk,
    make_analyst,
    make_legislator,
    make_member,
    make_reviewer,
    make_secretariat,
    make_staff,
)

pytestmark = pytest.mark.django_db

SECTION = (
    "A person who recruits, transports or harbours another person by force, fraud or coercion "
    "for the purpose of sexual exploitation commits the offence of trafficking in persons."
)
STOPPED = "The background worker stopped while reading this document. Nothing was saved from this run."


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def long_text(sections: int) -> str:
    return "\n".join(f"Section {n}. Offence {n}\n{SECTION}\n" for n in range(1, sections + 1))


@pytest.fixture
def database_queue(settings: Any, monkeypatch: Any) -> None:
    """Long texts are queued on the database backend, as in production, and run by `run_worker --batch`."""
    from django_tasks_db.management.commands import db_worker

    from fourthp.web import worker

    # The test runs inside one transaction; the worker must not close its connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    monkeypatch.setattr(worker, "_drop_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.ANALYZER_SYNC_MAX_BYTES = 1_000
    settings.ANALYZER_STALE_SECONDS = 120
    settings.ANALYZER_RUN_ATTEMPTS = 2


def run_worker() -> None:
    from django.core.management import call_command

    call_command("run_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def worker_dies_on(run: AnalysisRun, *, minutes_ago: int = 10) -> None:
    """What a worker killed half way leaves: the run taken, some progress, and a heartbeat that stopped."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(id=run.task_id).update(status="RUNNING", started_at=timezone.now())
    AnalysisRun.objects.filter(pk=run.pk).update(
        state=AnalysisRun.State.RUNNING,
        attempts=run.attempts + 1,
        sections_done=3,
        started_at=timezone.now(),
        heartbeat_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_a_run_whose_worker_stopped_is_requeued_once_then_failed_with_a_retry_button(database_queue: None) -> None:
    analyst = make_analyst()
    client = logged_in(analyst)
    assert client.post(reverse("analysis-start"), {"text": long_text(8)}).status_code == 302
    run = AnalysisRun.objects.get()
    worker_dies_on(run)

    # Reading the page finds the run stale and requeues it with a new task.
    page = client.get(run.get_absolute_url()).text
    assert "Waiting for the task worker to start." in page
    run.refresh_from_db()
    first_task = run.task_id
    assert (run.state, run.sections_done, run.attempts) == (AnalysisRun.State.QUEUED, 0, 1)
    assert AuditEvent.objects.filter(verb="analysis.requeued").count() == 1

    # The second worker stops too: two starts is all a run gets.
    worker_dies_on(run)
    page = client.get(run.get_absolute_url()).text
    run.refresh_from_db()
    assert run.state == AnalysisRun.State.FAILED and run.result is None and run.finished_at is not None
    assert run.task_id == first_task  # not queued a third time
    assert STOPPED in page.replace("&#x27;", "'")
    assert f'action="{reverse("analysis-retry", args=[run.pk])}"' in page

    # Retry starts it again as a new run, which the worker finishes.
    response = client.post(reverse("analysis-retry", args=[run.pk]))
    again = AnalysisRun.objects.exclude(pk=run.pk).get()
    assert response["Location"] == again.get_absolute_url()
    assert (again.text, again.state, again.sections_total) == (run.text, AnalysisRun.State.QUEUED, 8)
    assert AuditEvent.objects.filter(verb="analysis.start", data__retry_of=run.pk).exists()
    run_worker()
    again.refresh_from_db()
    assert again.state == AnalysisRun.State.DONE and again.sections_done == 8 and decode_result(again.result).sections


def test_a_stale_run_no_longer_counts_against_the_waiting_limit(database_queue: None, settings: Any) -> None:
    settings.ANALYZER_WAITING_RUNS = 1
    settings.ANALYZER_RUN_ATTEMPTS = 1
    analyst = make_analyst()
    client = logged_in(analyst)
    assert client.post(reverse("analysis-start"), {"text": long_text(8)}).status_code == 302
    run = AnalysisRun.objects.get()
    worker_dies_on(run, minutes_ago=1)  # quiet, but not yet for ANALYZER_STALE_SECONDS
    refused = client.post(reverse("analysis-start"), {"text": long_text(8)})
    assert escape("You already have 1 long document waiting or being analysed") in refused.text

    worker_dies_on(run, minutes_ago=10)
    assert client.post(reverse("analysis-start"), {"text": long_text(8)}).status_code == 302
    run.refresh_from_db()
    assert run.state == AnalysisRun.State.FAILED and STOPPED in run.error


def test_a_queued_run_whose_task_was_taken_by_a_worker_that_stopped_is_requeued(database_queue: None) -> None:
    from django_tasks_db.models import DBTaskResult

    client = logged_in(make_analyst())
    client.post(reverse("analysis-start"), {"text": long_text(8)})
    run = AnalysisRun.objects.get()
    # The worker took the task and stopped before it started the run.
    DBTaskResult.objects.filter(id=run.task_id).update(status="RUNNING", started_at=timezone.now())
    assert do_recover_stale_runs().requeued == 0  # it may still be starting
    AnalysisRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=10))
    assert do_recover_stale_runs().requeued == 1
    run_worker()
    run.refresh_from_db()
    assert run.state == AnalysisRun.State.DONE and run.attempts == 1


def test_a_worker_that_comes_back_after_its_run_was_requeued_writes_nothing(
    database_queue: None, monkeypatch: Any
) -> None:
    from fourthp.analysis import running

    client = logged_in(make_analyst())
    client.post(reverse("analysis-start"), {"text": long_text(8)})
    run = AnalysisRun.objects.get()
    real_analyze = running.analyze
    calls = []

    def slow_worker(*args: Any, **kwargs: Any) -> Any:
        # The first worker goes quiet long enough to be given up on, then carries on.
        calls.append(1)
        if len(calls) == 1:
            AnalysisRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=10))
            assert do_recover_stale_runs().requeued == 1
        return real_analyze(*args, **kwargs)

    monkeypatch.setattr(running, "analyze", slow_worker)
    assert running.do_run_analysis(run.pk).state == AnalysisRun.State.QUEUED  # its result was not written
    run.refresh_from_db()
    assert run.result is None and run.sections_done == 0
    run_worker()
    run.refresh_from_db()
    assert run.state == AnalysisRun.State.DONE and run.attempts == 2 and len(calls) == 2


def test_only_the_person_who_started_a_run_may_retry_it(database_queue: None) -> None:
    owner = make_analyst()
    logged_in(owner).post(reverse("analysis-start"), {"text": long_text(8)})
    run = AnalysisRun.objects.get()
    AnalysisRun.objects.filter(pk=run.pk).update(state=AnalysisRun.State.FAILED, error="stopped")
    retry = reverse("analysis-retry", args=[run.pk])
    # Without the role: 403. Another analyst or a reviewer may not know the run exists: 404, as for a missing
    # one. The secretariat may read it, but a retry is started by and counted for its owner only: 403.
    wrong = [make_member(), make_legislator(), make_staff(), make_secretariat()]
    assert_access_walk(retry, method="post", wrong=wrong, hidden=[make_analyst(), make_reviewer()], right=[owner])
    assert logged_in(owner).get(retry).status_code == 405
    assert AnalysisRun.objects.count() == 2


def test_a_retry_over_the_limit_is_refused_saying_why(database_queue: None, settings: Any) -> None:
    settings.ANALYZER_WAITING_RUNS = 1
    analyst = make_analyst()
    client = logged_in(analyst)
    client.post(reverse("analysis-start"), {"text": long_text(8)})
    failed = AnalysisRun.objects.get()
    AnalysisRun.objects.filter(pk=failed.pk).update(state=AnalysisRun.State.FAILED, error="stopped")
    client.post(reverse("analysis-start"), {"text": long_text(8)})  # now one is waiting
    response = client.post(reverse("analysis-retry", args=[failed.pk]), follow=True)
    assert escape("You already have 1 long document waiting or being analysed") in response.text
    assert AnalysisRun.objects.count() == 2
    # A run that has not failed is not started twice.
    waiting = AnalysisRun.objects.exclude(pk=failed.pk).get()
    response = client.post(reverse("analysis-retry", args=[waiting.pk]), follow=True)
    assert "Only a failed analysis can be started again." in response.text
