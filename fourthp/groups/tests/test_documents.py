"""The private document space: uploads within limits, versions kept, files only behind the access check."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.fixtures import Settings

from fourthp.accounts.models import AuditEvent
from fourthp.groups.models import DocumentVersion, GroupDocument
from fourthp.groups.tests.helpers import PDF, PNG, documents_url, logged_in, pdf, stored_files
from fourthp.testing import make_group, make_group_member, make_member, make_secretariat

pytestmark = pytest.mark.django_db


def _upload(client, group, file, title="Draft brief", note=""):  # type: ignore[no-untyped-def]
    return client.post(documents_url(group), {"title": title, "file": file, "note": note})


def test_a_member_uploads_a_pdf_and_downloads_it_with_its_name_and_type(media_root: Path) -> None:
    group = make_group()
    member = make_group_member(group)
    response = _upload(logged_in(member), group, pdf("Brief on debt bondage.pdf"))
    document = GroupDocument.objects.get(group=group)
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    version = document.versions.get()
    assert (version.number, version.filename, version.content_type) == (
        1,
        "Brief on debt bondage.pdf",
        "application/pdf",
    )
    # Stored under a random name inside MEDIA_ROOT/groups/<id>/, not under the name as uploaded.
    assert version.file.name.startswith(f"groups/{group.pk}/")
    assert "Brief" not in version.file.name
    assert AuditEvent.objects.filter(verb="group.document_uploaded", actor=member).count() == 1

    download = logged_in(member).get(version.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF  # type: ignore[attr-defined]
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    assert "Brief on debt bondage.pdf" in download["Content-Disposition"]


def test_a_file_over_the_limit_is_refused_with_the_limit_and_nothing_is_stored(
    settings: Settings, media_root: Path
) -> None:
    settings.GROUP_DOCUMENT_MAX_BYTES = 1024
    group = make_group()
    member = make_group_member(group)
    response = _upload(logged_in(member), group, pdf(content=PDF + b"x" * 2048))
    page = response.content.decode()
    assert response.status_code == 400
    assert "The file is 2.0\xa0KB; files in the group&#x27;s space may be at most 1.0\xa0KB." in page
    assert not GroupDocument.objects.exists()
    assert not DocumentVersion.objects.exists()
    assert stored_files(media_root) == []


def test_a_file_whose_content_is_not_a_pdf_is_refused_even_with_a_pdf_name(media_root: Path) -> None:
    group = make_group()
    member = make_group_member(group)
    response = _upload(logged_in(member), group, pdf("invoice.pdf", b"MZ\x90\x00 this is a Windows program"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "not what its name says" in page
    assert "Allowed: PDF" in page
    assert not GroupDocument.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tool.exe", b"MZ\x90\x00", "cannot be uploaded"),
        ("page.html", b"<html><script>alert(1)</script>", "cannot be uploaded"),
        ("notes.txt", b"caf\xe9 latin-1 is not UTF-8", "not what its name says"),
        ("slides.pptx", PDF, "not what its name says"),
    ],
)
def test_files_of_other_types_are_refused_saying_what_is_allowed(
    media_root: Path, name: str, content: bytes, message: str
) -> None:
    group = make_group()
    response = _upload(logged_in(make_group_member(group)), group, SimpleUploadedFile(name, content))
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "UTF-8 text (.txt, .md, .csv)" in page
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("notes.md", "# Notes\n\nÉlan — naïve".encode(), "text/markdown; charset=utf-8"),
        ("figures.csv", b"country,score\nUS,3\n", "text/csv; charset=utf-8"),
        ("chart.png", PNG, "image/png"),
        (
            "draft.docx",
            b"PK\x03\x04" + b"\x00" * 40,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_allowed_types_are_accepted_with_their_media_type(name: str, content: bytes, content_type: str) -> None:
    group = make_group()
    response = _upload(logged_in(make_group_member(group)), group, SimpleUploadedFile(name, content))
    assert response.status_code == 302
    assert DocumentVersion.objects.get().content_type == content_type


def test_a_new_version_keeps_the_old_one_downloadable(media_root: Path) -> None:
    group = make_group()
    member = make_group_member(group)
    client = logged_in(member)
    _upload(client, group, pdf("v1.pdf", PDF + b"% first\n"))
    document = GroupDocument.objects.get()
    response = client.post(document.get_absolute_url(), {"file": pdf("v2.pdf", PDF + b"% second\n"), "note": "Edits"})
    assert response.status_code == 302
    assert list(document.versions.order_by("number").values_list("number", "filename")) == [
        (1, "v1.pdf"),
        (2, "v2.pdf"),
    ]
    first = client.get(f"/groups/{group.slug}/documents/{document.pk}/v1/")
    second = client.get(f"/groups/{group.slug}/documents/{document.pk}/v2/")
    assert b"".join(first.streaming_content).endswith(b"% first\n")  # type: ignore[attr-defined]
    assert b"".join(second.streaming_content).endswith(b"% second\n")  # type: ignore[attr-defined]
    assert len(stored_files(media_root)) == 2
    page = client.get(document.get_absolute_url()).content.decode()
    assert "v1.pdf" in page and "v2.pdf" in page and "Edits" in page
    listing = client.get(documents_url(group)).content.decode()
    assert "v1</a>" in listing and "v2</a>" in listing


def test_a_refused_new_version_adds_nothing() -> None:
    group = make_group()
    client = logged_in(make_group_member(group))
    _upload(client, group, pdf())
    document = GroupDocument.objects.get()
    response = client.post(document.get_absolute_url(), {"file": SimpleUploadedFile("x.pdf", b"not a pdf")})
    assert response.status_code == 400
    assert document.versions.count() == 1


def test_a_non_member_gets_403_on_documents_and_downloads_and_a_visitor_is_sent_to_sign_in() -> None:
    group = make_group()
    _upload(logged_in(make_group_member(group)), group, pdf())
    version = DocumentVersion.objects.get()
    outsider = logged_in(make_member())
    assert outsider.get(documents_url(group)).status_code == 403
    assert outsider.get(version.document.get_absolute_url()).status_code == 403
    assert outsider.get(version.get_absolute_url()).status_code == 403
    visitor = logged_in(None).get(version.get_absolute_url())
    assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]
    assert logged_in(make_secretariat()).get(version.get_absolute_url()).status_code == 200


def test_a_document_of_another_group_is_not_found_through_this_one() -> None:
    group, other = make_group(), make_group()
    _upload(logged_in(make_group_member(other)), other, pdf())
    document = GroupDocument.objects.get()
    member = logged_in(make_group_member(group))
    assert member.get(f"/groups/{group.slug}/documents/{document.pk}/").status_code == 404
    assert member.get(f"/groups/{group.slug}/documents/{document.pk}/v1/").status_code == 404
    assert member.get(f"/groups/{other.slug}/documents/{document.pk}/v9/").status_code == 403


def test_outside_the_space_a_missing_file_answers_like_a_present_one() -> None:
    group = make_group()
    assert logged_in(make_member()).get(f"/groups/{group.slug}/documents/999/v1/").status_code == 403
    visitor = logged_in(None).get(f"/groups/{group.slug}/documents/999/v1/")
    assert visitor.status_code == 302 and "/accounts/login/" in visitor["Location"]
