"""An analyst loads a statute in the formats official sources publish through the import page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fourthp.laws.models import InstrumentImport
from fourthp.testing import make_analyst

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "analyzer" / "tests" / "samples"


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("akn-sample-act.xml", "akoma-ntoso", "Trafficking in persons"),
        ("clml-modern-slavery-act-2015-extract.xml", "clml", "Slavery, servitude and forced or compulsory labour"),
        ("eurlex-directive-2011-36-extract.html", "eurlex-xhtml", "Offences concerning trafficking in human beings"),
        ("eurlex-directive-2024-1760-extract.html", "eurlex-xhtml", "Subject matter"),
    ],
)
def test_the_import_page_detects_and_previews_an_official_format(
    seeded: None, name: str, fmt: str, expected: str
) -> None:
    client = Client()
    client.force_login(make_analyst())
    data = (SAMPLES / name).read_bytes()
    response = client.post("/import/", {"file": SimpleUploadedFile(name, data), "format": "auto"})
    assert response.status_code == 302
    staged = InstrumentImport.objects.get()
    assert staged.format == fmt
    assert expected in [section["heading"] for section in staged.parsed["sections"]]
    assert expected in client.get(response["Location"]).content.decode()
