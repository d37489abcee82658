"""A brief as a PDF: printed by the task worker, never on the request, kept per version, with its sources."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django_tasks import default_task_backend
from django_tasks.backends.dummy import DummyBackend

from fourthp.briefs.models import ResourcePdf
from fourthp.briefs.tests.factories import make_resource
from fourthp.statistics.models import Quality
from fourthp.statistics.tests.factories import make_statistic

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(settings: Any) -> Iterator[DummyBackend]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield default_task_backend  # type: ignore[misc]


def run_worker(queue: DummyBackend) -> None:
    for result in list(queue.results):
        result.task.call(*result.args, **result.kwargs)
    queue.clear()


def _text(content: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)


def test_the_worker_prints_the_brief_with_its_sources_once_per_version(
    queue: DummyBackend, pdf_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = make_statistic("estimate-old", measure="People in forced labour", value=Decimal("20900000"))
    brief = make_resource("printed", published=True, body="Many are in forced labour [[stat:estimate-old]].")
    url = f"/resources/{brief.slug}/pdf/"
    client = Client()
    rendered_on_request: list[str] = []
    monkeypatch.setattr("fourthp.briefs.pdf.render_with_footnotes", lambda *a: rendered_on_request.append("x") or None)
    response = client.get(url)
    assert response.status_code == 202 and "The PDF is being prepared" in response.content.decode()
    assert rendered_on_request == [] and [r.task.name for r in queue.results] == ["make_resource_pdf"]
    monkeypatch.undo()
    run_worker(queue)
    pdf = client.get(url)
    assert pdf["Content-Type"] == "application/pdf" and "v1" in pdf["Content-Disposition"]
    text = _text(pdf.content)
    assert "Brief printed" in text and "People in forced labour: 20,900,000 people" in text
    assert client.get(url).content == pdf.content and queue.results == []  # served from the store
    # The figure is superseded: the next PDF gives the newest estimate, and the older file is removed.
    new = make_statistic("estimate-new", measure="People in modern slavery", value=Decimal("49600000"))
    old.quality, old.superseded_by = Quality.SUPERSEDED, new
    old.save()
    assert client.get(url).status_code == 202
    run_worker(queue)
    text = _text(client.get(url).content)
    assert "People in modern slavery: 49,600,000" in text and "earlier estimate" in text
    assert ResourcePdf.objects.count() == 1
