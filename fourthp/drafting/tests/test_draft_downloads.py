"""A draft bill downloaded in its three formats: Akoma Ntoso XML and DOCX at once, the PDF from the task worker;
only for those who may read the draft."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django_tasks import default_task_backend
from django_tasks.backends.dummy import DummyBackend

from fourthp.drafting.exports.akn import validate
from fourthp.drafting.models import DraftPdf
from fourthp.drafting.tests.factories import make_bill_draft
from fourthp.testing import client_as, make_legislator, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(settings: Any) -> Iterator[DummyBackend]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    yield default_task_backend  # type: ignore[misc]


def run_worker(queue: DummyBackend) -> None:
    for result in list(queue.results):
        result.task.call(*result.args, **result.kwargs)
    queue.clear()


def test_the_draft_page_links_its_three_downloads_and_xml_and_word_come_at_once(seeded: None) -> None:
    author = make_legislator()
    draft = make_bill_draft(author)
    version = draft.versions.get()
    bill = version.composed()
    client = client_as(author)
    page = client.get(f"/drafts/{draft.pk}/").content.decode()
    for fmt in ("akn", "docx", "pdf"):
        assert f'href="/drafts/{draft.pk}/versions/1/{fmt}/"' in page
    xml = client.get(f"/drafts/{draft.pk}/versions/1/akn/")
    assert xml.status_code == 200 and xml["Content-Type"] == "application/akn+xml"
    assert xml["Content-Disposition"].endswith('-v1.xml"')
    assert validate(xml.content) == []
    word = client.get(f"/drafts/{draft.pk}/versions/1/docx/")
    assert word.status_code == 200 and word["Content-Disposition"].endswith('-v1.docx"')
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(word.content)).paragraphs)
    assert bill.short_title in text
    for section in bill.sections:
        assert section.heading in text
    assert client.get(f"/drafts/{draft.pk}/versions/1/odt/").status_code == 404
    assert client.get(f"/drafts/{draft.pk}/versions/9/docx/").status_code == 404


def test_nobody_else_downloads_a_draft(seeded: None) -> None:
    draft = make_bill_draft(make_legislator())
    stranger = client_as(make_member())
    for fmt in ("akn", "docx", "pdf"):
        assert stranger.get(f"/drafts/{draft.pk}/versions/1/{fmt}/").status_code == 404


def test_the_pdf_is_printed_by_the_worker_once_per_version(seeded: None, queue: DummyBackend, pdf_engine: None) -> None:
    author = make_legislator()
    draft = make_bill_draft(author)
    bill = draft.versions.get().composed()
    client = client_as(author)
    url = f"/drafts/{draft.pk}/versions/1/pdf/"
    waiting = client.get(url)
    assert waiting.status_code == 202 and "The PDF is being prepared" in waiting.content.decode()
    assert [r.task.name for r in queue.results] == ["make_draft_pdf"]
    client.get(url)  # asking again while it is being made queues nothing more
    assert len(queue.results) == 1
    run_worker(queue)
    pdf = client.get(url)
    assert pdf["Content-Type"] == "application/pdf" and pdf["Content-Disposition"].endswith('-v1.pdf"')
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert " ".join(bill.short_title.split()) in text
    assert client.get(url).content == pdf.content and queue.results == []
    assert DraftPdf.objects.count() == 1


def test_a_failed_pdf_says_so_and_is_asked_for_again(
    seeded: None, queue: DummyBackend, pdf_engine: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    author = make_legislator()
    draft = make_bill_draft(author)
    client = client_as(author)
    url = f"/drafts/{draft.pk}/versions/1/pdf/"
    client.get(url)

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("no fonts")

    monkeypatch.setattr("fourthp.drafting.printing.render_pdf", broken)
    run_worker(queue)
    assert DraftPdf.objects.get().state == DraftPdf.State.FAILED
    again = client.get(url)  # a failed one is asked for again
    assert again.status_code == 202 and [r.task.name for r in queue.results] == ["make_draft_pdf"]
