"""The letter with its signatories as a PDF: printed by the task worker, never on the request, and kept."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django_tasks import default_task_backend
from django_tasks.backends.dummy import DummyBackend

from fourthp.campaigns.models import LetterPdf
from fourthp.campaigns.tests.factories import make_campaign, make_signature
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.testing import client_as, make_secretariat

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(settings: Any) -> Iterator[DummyBackend]:
    """A task queue that keeps jobs until `run_worker` runs them, as the database queue and its worker do."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield default_task_backend  # type: ignore[misc]


def run_worker(queue: DummyBackend) -> None:
    for result in list(queue.results):
        result.task.call(*result.args, **result.kwargs)
    queue.clear()


@pytest.fixture
def no_rendering_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def refuse(*args: object, **kwargs: object) -> bytes:
        calls.append("rendered")
        raise AssertionError("the PDF was rendered outside the task worker")

    monkeypatch.setattr("fourthp.campaigns.pdf.render_letter_pdf", refuse)
    monkeypatch.setattr("fourthp.campaigns.printing.render_letter_pdf", refuse)
    return calls


def test_the_request_only_asks_the_worker_for_the_letter(
    queue: DummyBackend, no_rendering_here: list[str], pdf_engine: None
) -> None:
    campaign = make_campaign()
    response = client_as(make_secretariat()).get(f"/campaigns/{campaign.slug}/letter.pdf")
    assert response.status_code == 202 and "The PDF is being prepared" in response.content.decode()
    assert no_rendering_here == [] and [r.task.name for r in queue.results] == ["make_letter_pdf"]


def test_the_worker_prints_the_letter_with_signatories_grouped_by_country(
    queue: DummyBackend, pdf_engine: None
) -> None:
    campaign = make_campaign(title="End debt bondage now")
    us, dc, ca = (Jurisdiction.objects.get(code=c) for c in ("US", "US-DC", "CA"))
    make_signature(campaign, name="Dana Capitol", jurisdiction=dc, show_name=True, is_legislator=True)
    make_signature(campaign, name="Uma States", jurisdiction=us, show_name=True)
    make_signature(campaign, name="Carl Hidden", jurisdiction=ca, show_name=False)
    client = client_as(make_secretariat())
    url = f"/campaigns/{campaign.slug}/letter.pdf"
    assert client.get(url).status_code == 202
    run_worker(queue)
    assert "Download the PDF" in client.get(url, headers={"HX-Request": "true"}).content.decode()
    pdf = client.get(url)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "End debt bondage now" in text and "debt bondage" in text and "3 signatures" in text
    assert "Carl Hidden" not in text and "1 signatory who asked not to be named" in text
    # Both US signatories are under the United States, District of Columbia included.
    assert text.index("Canada") < text.index("United States") < text.index("Dana Capitol")
    assert text.index("United States") < text.index("Uma States")
    assert client.get(url).content == pdf.content and queue.results == []  # served from the store
    # A new signature makes the stored letter out of date: the next request asks for a new one.
    make_signature(campaign, name="Newcomer", show_name=True)
    assert client.get(url).status_code == 202 and len(queue.results) == 1
    run_worker(queue)
    assert LetterPdf.objects.filter(campaign=campaign).count() == 1
