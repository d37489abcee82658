"""PDFs given to the analyzer: read with a time and a memory limit, large ones by the task worker,
refusals said plainly and counted against the analyst's hourly allowance."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django_tasks import default_task_backend

from fourthp.accounts.models import AuditEvent
from fourthp.analysis.models import AnalysisRun
from fourthp.testing import make_analyst, make_slow_pdf, make_text_pdf

pytestmark = pytest.mark.django_db

ACT = [
    "Section 1. Trafficking in persons",
    "A person who recruits, transports or harbours another person by force, fraud or coercion",
    "for the purpose of sexual exploitation commits the offence of trafficking in persons.",
]


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def analyse(client: Client, name: str, data: bytes) -> Any:
    return client.post(reverse("analysis-start"), {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def queue(settings: Any) -> Any:
    """A task queue that keeps jobs until the test runs them, as the database queue and its worker do."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    return default_task_backend


def run_worker(queue: Any) -> None:
    for result in list(queue.results):
        result.task.call(*result.args, **result.kwargs)
    queue.clear()


def test_a_small_pdf_is_read_and_analysed_while_the_page_waits(seeded: None) -> None:
    response = analyse(logged_in(make_analyst()), "act.pdf", make_text_pdf(ACT))
    assert response.status_code == 302
    run = AnalysisRun.objects.get()
    assert run.state == AnalysisRun.State.DONE and "recruits, transports" in run.text


def test_a_pdf_that_takes_too_long_to_read_is_refused_saying_so_and_counts(seeded: None, settings: Any) -> None:
    settings.PDF_READ_SECONDS = 1
    settings.ANALYZER_RUNS_PER_HOUR = 1
    client = logged_in(make_analyst())
    response = analyse(client, "slow.pdf", make_slow_pdf())
    assert response.status_code == 200
    assert "slow.pdf took too long to read (more than 1 seconds)" in response.text
    assert AnalysisRun.objects.count() == 0
    assert AuditEvent.objects.filter(verb="analysis.upload_refused").count() == 1

    # The refused upload used the hour's one analysis: the next is refused before anything is read.
    refused = client.post(reverse("analysis-start"), {"text": "\n".join(ACT)})
    assert refused.status_code == 200
    assert escape("analysis in the last hour (files that could not be read count too)") in refused.text
    assert AnalysisRun.objects.count() == 0


def test_a_pdf_that_needs_too_much_memory_is_refused_as_too_large_not_damaged(seeded: None, settings: Any) -> None:
    settings.PDF_READ_SECONDS = 300
    settings.PDF_READ_MEMORY_MB = 120
    response = analyse(logged_in(make_analyst()), "big.pdf", make_slow_pdf())
    assert "big.pdf is too large to read here (limit 120 MB" in response.text
    assert "damaged" not in response.text and AnalysisRun.objects.count() == 0


def test_a_large_pdf_is_read_by_the_task_worker_and_then_analysed(seeded: None, settings: Any, queue: Any) -> None:
    settings.PDF_READ_IN_WORKER_BYTES = 100
    client = logged_in(make_analyst())
    response = analyse(client, "act.pdf", make_text_pdf(ACT))
    assert response.status_code == 302
    run = AnalysisRun.objects.get()
    assert run.state == AnalysisRun.State.QUEUED and run.text == ""  # nothing was read on the request
    assert [r.task.name for r in queue.results] == ["read_and_analyse_upload"]
    stored = queue.results[0].args[1]
    assert default_storage.exists(stored)

    run_worker(queue)
    run.refresh_from_db()
    assert run.state == AnalysisRun.State.DONE and "recruits, transports" in run.text
    assert run.sections_done == run.sections_total >= 1
    assert not default_storage.exists(stored)


def test_a_large_pdf_the_worker_cannot_read_fails_the_run_saying_why(seeded: None, settings: Any, queue: Any) -> None:
    settings.PDF_READ_IN_WORKER_BYTES = 100
    settings.PDF_WORKER_READ_SECONDS = 1
    client = logged_in(make_analyst())
    response = analyse(client, "slow.pdf", make_slow_pdf())
    assert response.status_code == 302
    run_worker(queue)
    run = AnalysisRun.objects.get()
    assert run.state == AnalysisRun.State.FAILED
    page = client.get(run.get_absolute_url()).text
    assert "slow.pdf took too long to read (more than 1 seconds)" in page


def test_a_large_pdf_with_pasted_text_beside_it_is_refused_as_two_things(seeded: None, settings: Any) -> None:
    settings.PDF_READ_IN_WORKER_BYTES = 100
    response = logged_in(make_analyst()).post(
        reverse("analysis-start"), {"file": SimpleUploadedFile("act.pdf", make_text_pdf(ACT)), "text": "Some text."}
    )
    assert response.status_code == 200 and "Give one thing to analyse" in response.text
    assert AnalysisRun.objects.count() == 0


def test_a_large_pdf_whose_reading_worker_stopped_fails_saying_to_upload_again_and_offers_no_retry(
    seeded: None, settings: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.PDF_READ_IN_WORKER_BYTES = 100
    settings.ANALYZER_STALE_SECONDS = 120
    settings.PDF_WORKER_READ_SECONDS = 120
    client = logged_in(make_analyst())
    analyse(client, "act.pdf", make_text_pdf(ACT))
    run = AnalysisRun.objects.get()
    # A worker took the read and died with it.
    DBTaskResult.objects.filter(id=run.task_id).update(status="RUNNING", started_at=timezone.now())

    # Still within the time a read may take: the run is left alone, not analysed as an empty text.
    AnalysisRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=200))
    client.get(reverse("analysis-start"))
    run.refresh_from_db()
    assert run.state == AnalysisRun.State.QUEUED
    assert DBTaskResult.objects.count() == 1

    # Past it: failed, saying the file was not kept, and nothing queued to analyse an empty text.
    AnalysisRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=300))
    client.get(reverse("analysis-start"))
    run.refresh_from_db()
    assert run.state == AnalysisRun.State.FAILED
    assert DBTaskResult.objects.count() == 1
    page = client.get(run.get_absolute_url()).text
    assert "the file was not kept" in page
    # No Retry: there is nothing left to read.
    assert reverse("analysis-retry", args=[run.pk]) not in page
    client.post(reverse("analysis-retry", args=[run.pk]))
    assert AnalysisRun.objects.count() == 1
