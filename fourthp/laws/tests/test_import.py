from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fourthp.accounts.models import AuditEvent
from fourthp.laws.actions import ImportRefused, InstrumentMetadata, do_import_document
from fourthp.laws.models import Instrument, InstrumentImport, Section
from fourthp.testing import assert_access_walk, make_analyst, make_legislator, make_member, make_secretariat

pytestmark = pytest.mark.django_db

DC_CODE = Path(__file__).resolve().parents[3] / "data" / "statutes" / "us-dc-code"
PLAIN_ACT = b"""Modern Slavery Act

1. Offence of trafficking
A person commits an offence if the person recruits, transports or harbours another person for exploitation.

2. Penalty
A person guilty of an offence under section 1 is liable to imprisonment for 15 years.
"""


def _table_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _corrupted_last_section() -> bytes:
    data = (DC_CODE / "22-1843.xml").read_bytes()
    return data[: len(data) * 2 // 3]  # the file ends in the middle of its last section


def test_an_upload_corrupted_in_its_last_section_changes_no_table(seeded: None) -> None:
    client = Client()
    client.force_login(make_analyst())
    before = _table_counts()
    response = client.post(
        "/import/",
        {"file": SimpleUploadedFile("22-1843.xml", _corrupted_last_section()), "format": "dc-xml"},
    )
    assert response.status_code == 200
    assert "22-1843.xml" in response.content.decode()
    after = _table_counts()
    # Only the refusal is recorded: it counts against the uploader's hourly allowance.
    assert after.pop("accounts.AuditEvent") == before.pop("accounts.AuditEvent") + 1
    assert after == before


def test_a_failure_while_writing_sections_leaves_every_table_as_it_was(seeded: None) -> None:
    from fourthp.analyzer.readers import ParsedDocument, ParsedSection

    # The last section collides with a key already in the atlas: refused before any write.
    document = ParsedDocument(
        title="Test",
        language="en",
        sections=[
            ParsedSection(number="22-1830", heading="A", text="First.", citation=""),
            ParsedSection(number="22-1833", heading="B", text="Second.", citation=""),
        ],
    )
    meta = InstrumentMetadata(
        key="dc-copy", jurisdiction_code="US-DC", title="Copy", type="code", section_key_prefix="us-dc"
    )
    before = _table_counts()
    with pytest.raises(ImportRefused, match="us-dc-22-1833"):
        do_import_document(document, meta, acting_user=None)
    assert _table_counts() == before


def test_an_analyst_uploads_previews_and_confirms_a_statute(seeded: None) -> None:
    client = Client()
    client.force_login(make_analyst())
    response = client.post("/import/", {"file": SimpleUploadedFile("msa.txt", PLAIN_ACT), "format": "auto"})
    assert response.status_code == 302
    staged = InstrumentImport.objects.get()
    preview = client.get(response["Location"])
    assert b"Offence of trafficking" in preview.content
    assert Instrument.objects.filter(key="gb-msa").count() == 0
    confirm = client.post(
        response["Location"],
        {
            "title": "Modern Slavery Act",
            "jurisdiction": "gb",
            "type": "act",
            "status": "in_force",
            "language": "en",
            "key": "gb-msa",
            "section_key_prefix": "gb-msa",
            "citation_template": "Modern Slavery Act, s. {number}",
        },
    )
    assert confirm.status_code == 302
    instrument = Instrument.objects.get(key="gb-msa")
    assert instrument.jurisdiction.code == "GB"
    assert list(instrument.sections.values_list("key", "citation")) == [
        ("gb-msa-1", "Modern Slavery Act, s. 1"),
        ("gb-msa-2", "Modern Slavery Act, s. 2"),
    ]
    staged.refresh_from_db()
    assert staged.state == InstrumentImport.State.CONFIRMED


def test_the_preview_form_names_what_is_wrong(seeded: None) -> None:
    client = Client()
    client.force_login(make_analyst())
    response = client.post("/import/", {"file": SimpleUploadedFile("msa.txt", PLAIN_ACT), "format": "text"})
    page = client.post(
        response["Location"],
        {"title": "X", "jurisdiction": "ZZ", "type": "act", "status": "in_force", "language": "en",
         "key": "Bad Key", "section_key_prefix": "x", "citation_template": "no number"},
    )  # fmt: skip
    text = page.content.decode()
    assert "No jurisdiction is called ZZ or has it as its code." in text
    assert "Use only lower-case letters" in text
    assert "must contain {number}" in text
    assert Instrument.objects.filter(title="X").count() == 0


def test_an_empty_or_binary_upload_gets_a_clear_message(seeded: None) -> None:
    client = Client()
    client.force_login(make_analyst())
    for name, data in (("empty.txt", b""), ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)):
        response = client.post("/import/", {"file": SimpleUploadedFile(name, data), "format": "auto"})
        assert response.status_code == 200
        assert b"field-error" in response.content, name
    assert InstrumentImport.objects.count() == 0


CONFIRM = {
    "title": "Modern Slavery Act",
    "jurisdiction": "gb",
    "type": "act",
    "status": "in_force",
    "language": "en",
    "key": "gb-msa",
    "section_key_prefix": "gb-msa",
}


@pytest.mark.parametrize(
    ("fmt", "encode"),
    [
        ("auto", lambda text: text.encode("utf-16")),  # little-endian, with a byte-order mark
        ("auto", lambda text: text.encode("utf-16-be")),  # big-endian, without one
        ("text", lambda text: text.encode("utf-16-le")),
        ("auto", lambda text: text.encode("utf-8-sig")),
    ],
    ids=["utf-16le-bom-auto", "utf-16be-auto", "utf-16le-text", "utf-8-bom-auto"],
)
def test_a_statute_in_utf16_or_utf8_with_a_byte_order_mark_is_imported_as_its_text(
    seeded: None, fmt: str, encode: Any
) -> None:
    text = PLAIN_ACT.decode().replace("for exploitation", "for “exploitation” — niño, café")
    client = Client()
    client.force_login(make_analyst())
    response = client.post("/import/", {"file": SimpleUploadedFile("msa.txt", encode(text)), "format": fmt})
    assert response.status_code == 302, response.content.decode()
    assert "“exploitation” — niño, café" in client.get(response["Location"]).content.decode()
    assert client.post(response["Location"], CONFIRM).status_code == 302
    sections = Section.objects.filter(instrument__key="gb-msa").order_by("order")
    assert [(s.number, s.heading, s.text) for s in sections] == [
        (
            "1",
            "Offence of trafficking",
            "A person commits an offence if the person recruits, transports or harbours another person "
            "for “exploitation” — niño, café.",
        ),
        ("2", "Penalty", "A person guilty of an offence under section 1 is liable to imprisonment for 15 years."),
    ]


def test_a_statute_with_a_nul_character_after_the_first_8_kb_is_refused_and_nothing_is_stored(
    seeded: None,
) -> None:
    data = PLAIN_ACT + b"A person commits an offence.\n" * 400 + b"3. Hidden\nText with a \x00 inside.\n"
    assert data.index(b"\x00") > 8192
    client = Client()
    client.force_login(make_analyst())
    before = _table_counts()
    for fmt in ("auto", "text", "markdown", "html"):
        response = client.post("/import/", {"file": SimpleUploadedFile("msa.txt", data), "format": fmt})
        assert response.status_code == 200
        assert "msa.txt contains NUL characters (the first on line 409)" in response.content.decode(), fmt
    # Nothing is stored but the record of each refusal, which counts against the hourly allowance.
    after = _table_counts()
    assert after.pop("accounts.AuditEvent") - before.pop("accounts.AuditEvent") == 4
    assert after == before
    assert AuditEvent.objects.filter(verb="upload.refused").count() == 4


def test_a_document_with_a_nul_character_is_refused_before_anything_is_written(seeded: None) -> None:
    from fourthp.analyzer.readers import ParsedDocument, ParsedSection

    document = ParsedDocument(title="Act", sections=[ParsedSection("1", "Offence", "Text \x00 here.")])
    meta = InstrumentMetadata(key="gb-nul", jurisdiction_code="GB", title="Act", type="act", section_key_prefix="gb")
    before = _table_counts()
    with pytest.raises(ImportRefused, match="Section 1 contains NUL characters"):
        do_import_document(document, meta, acting_user=None)
    clean = ParsedDocument(title="Act", sections=[ParsedSection("1", "Offence", "Text.")])
    with pytest.raises(ImportRefused, match="The key contains NUL characters"):
        do_import_document(clean, replace(meta, key="gb\x00nul"), acting_user=None)
    assert _table_counts() == before


def test_an_upload_over_the_size_limit_is_refused(settings, seeded: None) -> None:
    settings.STATUTE_UPLOAD_MAX_BYTES = 50
    client = Client()
    client.force_login(make_analyst())
    response = client.post("/import/", {"file": SimpleUploadedFile("big.txt", PLAIN_ACT), "format": "text"})
    assert "the largest file accepted" in response.content.decode()


def test_only_analysts_and_the_secretariat_may_import(seeded: None) -> None:
    assert_access_walk("/import/", wrong=[make_member(), make_legislator()], right=[make_analyst(), make_secretariat()])


def test_only_analysts_may_edit_an_instrument_and_edits_are_kept_in_history(seeded: None) -> None:
    key = Instrument.objects.get(jurisdiction__code="US-DC").key
    assert_access_walk(f"/instruments/{key}/edit/", wrong=[make_member()], right=[make_analyst()])
    analyst = make_analyst()
    client = Client()
    client.force_login(analyst)
    form = client.get(f"/instruments/{key}/edit/").context["form"]
    data = {k: (v if v is not None else "") for k, v in form.initial.items()}
    data["notes"] = "Checked against the Council's publication."
    assert client.post(f"/instruments/{key}/edit/", data).status_code == 302
    history = client.get(f"/instruments/{key}/history/")
    assert b"Checked against the Council" in history.content


def test_an_amendment_is_a_new_version_and_the_old_text_stays(seeded: None) -> None:
    from fourthp.laws.actions import do_amend_section

    section = Section.objects.get(key="us-dc-22-1832")
    old_text = section.text
    do_amend_section(section, text="Amended text.", acting_user=None)
    client = Client()
    assert client.get("/api/v1/sections/us-dc-22-1832").json()["text"] == "Amended text."
    assert client.get("/api/v1/sections/us-dc-22-1832?version=1").json()["text"] == old_text


def test_an_html_statute_is_read_into_sections_without_its_page_furniture(seeded: None) -> None:
    page = b"""<html><head><title>Anti-Trafficking Act</title><script>var x = 1;</script></head>
    <body><nav>Home | Laws</nav><h1>Anti-Trafficking Act</h1>
    <h2>Section 1. Definitions</h2><p>In this Act, "exploitation" includes forced labour.</p>
    <h2>Section 2. Offence</h2><p>A person who recruits another for exploitation commits an offence.</p>
    </body></html>"""
    client = Client()
    client.force_login(make_analyst())
    response = client.post("/import/", {"file": SimpleUploadedFile("act.html", page), "format": "auto"})
    assert response.status_code == 302
    staged = InstrumentImport.objects.get()
    assert staged.format == "html"
    numbers = [s["number"] for s in staged.parsed["sections"]]
    assert numbers == ["1", "2"]
    text = " ".join(s["text"] for s in staged.parsed["sections"])
    assert "recruits another" in text
    assert "var x" not in text
    assert "Home | Laws" not in text


def test_the_preview_form_takes_the_jurisdiction_by_its_name(seeded: None) -> None:
    client = Client()
    client.force_login(make_analyst())
    response = client.post("/import/", {"file": SimpleUploadedFile("msa.txt", PLAIN_ACT), "format": "text"})
    client.post(
        response["Location"],
        {"title": "Modern Slavery Act", "jurisdiction": "united kingdom", "type": "act", "status": "in_force",
         "language": "en", "key": "gb-msa-name", "section_key_prefix": "gb-msa-name"},
    )  # fmt: skip
    assert Instrument.objects.get(key="gb-msa-name").jurisdiction.code == "GB"


def test_a_missing_instrument_section_or_upload_answers_404_naming_it(seeded: None) -> None:
    client = Client()
    client.force_login(make_analyst())
    assert "No instrument has the key no-such-act." in client.get("/instruments/no-such-act/").content.decode()
    assert client.get("/instruments/no-such-act/edit/").status_code == 404
    assert client.get("/instruments/no-such-act/history/").status_code == 404
    assert "No section has the key no-such-1." in client.get("/sections/no-such-1/").content.decode()
    assert client.get("/import/999999/").status_code == 404
    api = client.get("/api/v1/instruments/no-such-act")
    assert (api.status_code, api.json()["detail"]) == (404, "No instrument has the key no-such-act.")
    api = client.get("/api/v1/sections/no-such-1")
    assert (api.status_code, api.json()["detail"]) == (404, "No section has the key no-such-1.")
