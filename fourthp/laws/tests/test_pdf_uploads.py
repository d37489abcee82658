"""Uploaded PDFs are read with a time and a memory limit, refusals say why, and refused uploads count."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from fourthp.accounts.models import AuditEvent
from fourthp.laws.models import InstrumentImport
from fourthp.testing import make_analyst, make_slow_pdf, make_text_pdf

pytestmark = pytest.mark.django_db

ACT = ["1. Offence of trafficking", "A person who recruits another person for exploitation commits an offence."]


def upload(client: Client, name: str, data: bytes) -> Any:
    return client.post("/import/", {"file": SimpleUploadedFile(name, data), "format": "auto"})


def analyst_client() -> Client:
    client = Client()
    client.force_login(make_analyst())
    return client


def test_a_statute_pdf_is_read_into_sections(seeded: None) -> None:
    response = upload(analyst_client(), "act.pdf", make_text_pdf(ACT))
    assert response.status_code == 302
    assert "recruits another person" in str(InstrumentImport.objects.get().parsed)


def test_a_pdf_that_takes_too_long_to_read_is_refused_saying_so(seeded: None, settings: Any) -> None:
    settings.PDF_READ_SECONDS = 1
    response = upload(analyst_client(), "slow.pdf", make_slow_pdf())
    assert response.status_code == 200
    assert "slow.pdf took too long to read (more than 1 seconds)" in response.content.decode()
    assert InstrumentImport.objects.count() == 0


def test_a_pdf_that_needs_too_much_memory_is_refused_as_too_large_not_damaged(seeded: None, settings: Any) -> None:
    settings.PDF_READ_SECONDS = 300
    settings.PDF_READ_MEMORY_MB = 120
    response = upload(analyst_client(), "big.pdf", make_slow_pdf())
    page = response.content.decode()
    assert "big.pdf is too large to read here (limit 120 MB" in page
    assert "damaged" not in page
    assert InstrumentImport.objects.count() == 0


def test_refused_uploads_count_against_the_hourly_allowance(seeded: None, settings: Any) -> None:
    settings.IMPORT_UPLOADS_PER_HOUR = 2
    settings.PDF_READ_SECONDS = 1
    client = analyst_client()
    assert "took too long to read" in upload(client, "slow.pdf", make_slow_pdf()).content.decode()
    settings.PDF_READ_SECONDS = 60
    assert "damaged" in upload(client, "cut.pdf", make_text_pdf(ACT)[:200]).content.decode()
    assert AuditEvent.objects.filter(verb="upload.refused").count() == 2
    refused = upload(client, "act.pdf", make_text_pdf(ACT))
    assert refused.status_code == 200
    assert escape("You have uploaded 2 files in the last hour (files that could not be read count too)") in (
        refused.content.decode()
    )
    assert InstrumentImport.objects.count() == 0
    # Another analyst has her own allowance.
    assert upload(analyst_client(), "act.pdf", make_text_pdf(ACT)).status_code == 302
