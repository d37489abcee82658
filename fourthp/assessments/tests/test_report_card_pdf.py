"""The PDF report card: printed by the task worker, kept per data date, served from the store, limited."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django_tasks import default_task_backend
from django_tasks.backends.dummy import DummyBackend

from fourthp.assessments.models import ReportCardPdf
from fourthp.assessments.tests.test_report_card import land, national_slugs  # noqa: F401  (fixture)
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Section
from fourthp.testing import publish_assessment

PDF_URL = "/jurisdictions/QQ/report-card.pdf"


@pytest.fixture
def queue(settings: Any) -> Iterator[DummyBackend]:
    """A task queue that keeps jobs until `run_worker` runs them, as the database queue and its worker do."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield default_task_backend  # type: ignore[misc]


def jobs(queue: DummyBackend) -> list[Any]:
    return [r for r in queue.results if r.task.name == "make_report_card_pdf"]


def run_worker(queue: DummyBackend) -> None:
    """What `manage.py db_worker` does: run every job waiting, then forget it."""
    for result in list(queue.results):
        result.task.call(*result.args, **result.kwargs)
    queue.clear()


@pytest.fixture
def no_rendering_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make any rendering fail loudly; the list records who tried."""
    calls: list[str] = []

    def refuse(*args: object, **kwargs: object) -> bytes:
        calls.append("rendered")
        raise AssertionError("the PDF was rendered outside the task worker")

    # The renderer itself, and the name the worker's printing module calls it by.
    monkeypatch.setattr("fourthp.assessments.pdf.render_report_card_pdf", refuse)
    monkeypatch.setattr("fourthp.assessments.printing.render_report_card_pdf", refuse)
    return calls


def test_the_request_never_renders_a_pdf_it_asks_the_worker_and_says_so(
    land: tuple[Jurisdiction, Section],  # noqa: F811
    queue: DummyBackend,
    no_rendering_here: list[str],
    pdf_engine: None,
) -> None:
    jurisdiction, section = land
    publish_assessment(jurisdiction, national_slugs()[0], "full", section)
    response = Client().get(PDF_URL)
    assert response.status_code == 202
    page = response.content.decode()
    assert "The PDF is being prepared" in page
    assert 'hx-trigger="every 2s"' in page and "<script>" not in page.split("</head>")[1]
    for other in ("/jurisdictions/QQ/report-card/", "/jurisdictions/QQ/report-card.csv", "/report-card.json"):
        assert other in page
    assert no_rendering_here == [] and len(jobs(queue)) == 1


def test_the_worker_makes_the_pdf_and_the_next_request_downloads_it(
    land: tuple[Jurisdiction, Section],  # noqa: F811
    queue: DummyBackend,
    pdf_engine: None,
) -> None:
    jurisdiction, section = land
    publish_assessment(jurisdiction, national_slugs()[0], "full", section)
    client = Client()
    assert client.get(PDF_URL).status_code == 202
    run_worker(queue)
    polled = client.get(PDF_URL, headers={"HX-Request": "true"})
    assert polled.status_code == 200 and "Download the PDF" in polled.content.decode()
    pdf = client.get(PDF_URL)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="fourthp-report-card-QQ.pdf"'
    assert pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Quuxland" in text and "What this law lacks" in text and "Findings as of" in text
    assert "//jurisdictions" not in text
    assert client.get(PDF_URL).content == pdf.content  # served from the store, not made again
    assert jobs(queue) == []


def test_the_pdf_is_printed_in_the_readers_language(
    land: tuple[Jurisdiction, Section],  # noqa: F811
    queue: DummyBackend,
    pdf_engine: None,
) -> None:
    jurisdiction, section = land
    publish_assessment(jurisdiction, national_slugs()[0], "full", section)
    client = Client(headers={"Accept-Language": "es"})
    client.get(PDF_URL)
    run_worker(queue)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(client.get(PDF_URL).content)).pages)
    assert "Lo que le falta a esta ley" in text and "What this law lacks" not in text
    assert "Persecución" in text and "Prosecution" not in text  # the framework's own texts, translated
    assert ReportCardPdf.objects.get().language == "es"


def test_a_published_change_gives_a_new_pdf_and_the_old_one_is_removed(
    land: tuple[Jurisdiction, Section],  # noqa: F811
    queue: DummyBackend,
    pdf_engine: None,
) -> None:
    jurisdiction, section = land
    slugs = national_slugs()
    publish_assessment(jurisdiction, slugs[0], "full", section)
    client = Client()
    client.get(PDF_URL)
    run_worker(queue)
    first = ReportCardPdf.objects.get()
    old = client.get(PDF_URL).content

    publish_assessment(jurisdiction, slugs[1], "absent")
    response = client.get(PDF_URL)
    assert response.status_code == 202 and len(jobs(queue)) == 1  # a new key: made again
    run_worker(queue)
    new = ReportCardPdf.objects.get()  # the PDF of the older data is gone
    assert new.pk != first.pk and new.data_date > first.data_date
    assert client.get(PDF_URL).content != old


def test_two_readers_asking_at_once_start_one_job(
    land: tuple[Jurisdiction, Section],  # noqa: F811
    queue: DummyBackend,
    pdf_engine: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    jurisdiction, section = land
    publish_assessment(jurisdiction, national_slugs()[0], "full", section)
    assert Client().get(PDF_URL).status_code == 202
    assert Client().get(PDF_URL).status_code == 202
    assert len(jobs(queue)) == 1

    # Two requests that both looked before either wrote: the second insert loses to the unique key.
    from fourthp.assessments.views import report_cards as views

    ReportCardPdf.objects.all().delete()
    queue.clear()
    monkeypatch.setattr(views, "find_report_card_pdf", lambda j, f, lang: (None, _data_date(j, f)))
    assert Client().get(PDF_URL).status_code == 202
    assert Client().get(PDF_URL).status_code == 202
    assert len(jobs(queue)) == 1 and ReportCardPdf.objects.count() == 1


def _data_date(jurisdiction: Jurisdiction, framework: Any) -> Any:
    from fourthp.assessments.queries import report_card_data_date

    return report_card_data_date(jurisdiction, framework)


def test_the_rate_limit_refuses_making_pdfs_but_not_downloading_made_ones(
    land: tuple[Jurisdiction, Section],  # noqa: F811
    queue: DummyBackend,
    pdf_engine: None,
    settings: Any,
) -> None:
    settings.REPORT_CARD_PDF_RATE = "1/h"
    jurisdiction, section = land
    publish_assessment(jurisdiction, national_slugs()[0], "full", section)
    client = Client()
    assert client.get(PDF_URL).status_code == 202
    run_worker(queue)
    for _ in range(3):
        made = client.get(PDF_URL)
        assert made.status_code == 200 and made.content.startswith(b"%PDF")

    other = Client().get("/jurisdictions/US-DC/report-card.pdf")  # same address, a PDF not made yet
    assert other.status_code == 429
    page = other.content.decode()
    assert "Too many PDFs have been asked for from your network" in page
    assert "/jurisdictions/US-DC/report-card.csv" in page
    assert jobs(queue) == []


def test_a_pdf_the_worker_could_not_make_says_so_and_offers_the_other_formats(
    land: tuple[Jurisdiction, Section],  # noqa: F811
    queue: DummyBackend,
    pdf_engine: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> bytes:
        raise RuntimeError("layout failed")

    monkeypatch.setattr("fourthp.assessments.printing.render_report_card_pdf", broken)
    client = Client()
    client.get(PDF_URL)
    run_worker(queue)
    response = client.get(PDF_URL)
    assert response.status_code == 503
    assert "could not be made" in response.content.decode() and jobs(queue) == []


def test_without_pango_the_pdf_link_says_why_and_offers_the_other_formats(
    land: tuple[Jurisdiction, Section],  # noqa: F811
    queue: DummyBackend,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_weasyprint(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    response = Client().get(PDF_URL)
    assert response.status_code == 503
    assert "Pango" in response.content.decode() and "/jurisdictions/QQ/report-card.csv" in response.content.decode()
    assert jobs(queue) == []
