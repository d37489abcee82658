"""Photos of past convenings: checked and cleaned by Pillow, shown only with consent, withdrawn at once."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from fourthp.accounts.models import AuditEvent
from fourthp.events.models import Event, EventPhoto
from fourthp.events.photos import PHOTO_SMALL_WIDTH
from fourthp.events.tests.factories import make_event
from fourthp.testing import client_as, make_member, make_secretariat

pytestmark = pytest.mark.django_db

GPS_TAG = 0x8825


def _jpeg(width: int = 1600, height: int = 900, *, gps: bool = True, orientation: int | None = None) -> bytes:
    image = Image.new("RGB", (width, height), (120, 60, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    if gps:
        exif[GPS_TAG] = {1: "N", 2: (50.0, 51.0, 0.0), 3: "E", 4: (4.0, 21.0, 0.0)}
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _held(**fields: Any) -> Event:
    event = make_event(starts_at=timezone.now() - dt.timedelta(days=20), **fields)
    Event.objects.filter(pk=event.pk).update(report="Twelve delegations came.", report_published_at=timezone.now())
    event.refresh_from_db()
    return event


def _upload(client: Client, event: Event, content: bytes | None = None, **fields: Any) -> Any:
    data = {
        "image": SimpleUploadedFile("round-table.jpg", content if content is not None else _jpeg()),
        "alt_text": "Delegates around a round table",
        "caption": "The opening session, Brussels",
        **fields,
    }
    return client.post(f"/events/{event.pk}/photos/", data)


def test_a_photo_with_consent_is_stored_without_its_metadata_and_shown_in_the_archive() -> None:
    event = _held()
    staff = make_secretariat()
    response = _upload(client_as(staff), event, consent="on")
    assert response.status_code == 302
    photo = EventPhoto.objects.get()
    assert photo.consent_recorded_by == staff and photo.consent_recorded_at is not None
    assert (photo.width, photo.height) == (1600, 900)
    with photo.image.open("rb") as handle, Image.open(handle) as stored:
        assert stored.format == "JPEG" and not stored.getexif() and "exif" not in stored.info
    with photo.small.open("rb") as handle, Image.open(handle) as small:
        assert small.width == PHOTO_SMALL_WIDTH and not small.getexif()
    page = Client().get("/events/archive/").content.decode()
    assert "Twelve delegations came." in page and 'alt="Delegates around a round table"' in page
    assert f"/events/photos/{photo.pk}/small.jpg" in page
    assert f"/events/photos/{photo.pk}/full.jpg 1600w" in page and 'width="1600"' in page  # never "1,600"
    file = Client().get(f"/events/photos/{photo.pk}/full.jpg")
    assert file.status_code == 200 and file["Content-Type"] == "image/jpeg"
    assert AuditEvent.objects.filter(verb="event.photo_added").count() == 1


def test_a_photo_is_turned_upright_before_its_orientation_is_dropped() -> None:
    event = _held()
    _upload(client_as(make_secretariat()), event, _jpeg(800, 400, orientation=6), consent="on")
    assert (EventPhoto.objects.get().width, EventPhoto.objects.get().height) == (400, 800)


def test_a_photo_without_consent_is_seen_by_the_secretariat_alone_until_consent_is_recorded() -> None:
    event = _held()
    staff = make_secretariat()
    response = _upload(client_as(staff), event)
    assert response.status_code == 302
    photo = EventPhoto.objects.get()
    assert photo.consent_recorded_at is None
    for client in (Client(), client_as(make_member())):
        assert f"/events/photos/{photo.pk}/" not in client.get("/events/archive/").content.decode()
        assert f"/events/photos/{photo.pk}/" not in client.get(f"/events/{event.pk}/").content.decode()
        assert client.get(f"/events/photos/{photo.pk}/full.jpg").status_code == 404
        assert client.get(f"/events/photos/{photo.pk}/small.jpg").status_code == 404
        assert not client.get("/events/archive.json").json()["items"][0]["photos"]
    assert client_as(staff).get(f"/events/photos/{photo.pk}/full.jpg").status_code == 200
    assert "no consent recorded" in client_as(staff).get(f"/events/{event.pk}/photos/").content.decode()
    client_as(staff).post(f"/events/{event.pk}/photos/{photo.pk}/consent/")
    assert Client().get(f"/events/photos/{photo.pk}/full.jpg").status_code == 200
    assert AuditEvent.objects.filter(verb="event.photo_consent").count() == 1


def test_a_withdrawn_photo_is_hidden_at_once_and_its_reason_kept() -> None:
    event = _held()
    staff = make_secretariat()
    _upload(client_as(staff), event, consent="on")
    photo = EventPhoto.objects.get()
    assert Client().get(f"/events/photos/{photo.pk}/full.jpg").status_code == 200
    refused = client_as(staff).post(f"/events/{event.pk}/photos/{photo.pk}/withdraw/", {"reason": ""}, follow=True)
    assert "Say why the photo is withdrawn" in refused.content.decode()
    client_as(staff).post(
        f"/events/{event.pk}/photos/{photo.pk}/withdraw/", {"reason": "Ms Diaz asked by e-mail on 3 May."}
    )
    photo.refresh_from_db()
    assert photo.withdrawn_at is not None and photo.withdrawn_by == staff
    assert Client().get(f"/events/photos/{photo.pk}/full.jpg").status_code == 404
    assert f"/events/photos/{photo.pk}/" not in Client().get("/events/archive/").content.decode()
    assert AuditEvent.objects.get(verb="event.photo_withdrawn").data["reason"] == "Ms Diaz asked by e-mail on 3 May."
    again = client_as(staff).post(f"/events/{event.pk}/photos/{photo.pk}/consent/", follow=True)
    assert "it can no longer be published" in again.content.decode()
    assert Client().get(f"/events/photos/{photo.pk}/full.jpg").status_code == 404


def test_a_photo_of_an_event_outside_the_readers_audience_is_not_shown_to_her() -> None:
    event = _held(audience=Event.Audience.MEMBERS)
    _upload(client_as(make_secretariat()), event, consent="on")
    photo = EventPhoto.objects.get()
    assert Client().get(f"/events/photos/{photo.pk}/full.jpg").status_code == 404
    assert "Twelve delegations" not in Client().get("/events/archive/").content.decode()
    assert client_as(make_member()).get(f"/events/photos/{photo.pk}/full.jpg").status_code == 200


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 0, 0, 0)).save(out, format="PNG")
    return out.getvalue()


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, format="GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "changes", "field", "words"),
    [
        (b"not an image at all", {}, "image", "not a photo that can be read"),
        (_gif(), {}, "image", "upload a JPEG, PNG or WebP photo"),
        (_jpeg()[:400], {}, "image", "damaged or cut short"),
        (None, {"alt_text": ""}, "alt_text", "Describe what the photo shows"),
        (None, {"caption": ""}, "caption", "Write a caption"),
    ],
)
def test_the_photo_form_says_plainly_what_is_wrong(
    content: bytes | None, changes: dict[str, str], field: str, words: str
) -> None:
    event = _held()
    response = _upload(client_as(make_secretariat()), event, content, **changes)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and any(words in e for e in errors[field]), errors
    assert not EventPhoto.objects.exists()


def test_the_size_and_pixel_limits_are_explicit(settings: Any) -> None:
    event = _held()
    staff = make_secretariat()
    settings.EVENT_PHOTO_MAX_PIXELS = 1_000_000
    response = _upload(client_as(staff), event, _png(1200, 1000))
    assert "1200 × 1000 pixels" in response.content.decode() and "1 million pixels" in response.content.decode()
    settings.EVENT_PHOTO_MAX_MB = 0
    response = _upload(client_as(staff), event)
    assert "the largest accepted is 0 MB" in response.content.decode()
    assert not EventPhoto.objects.exists()


def test_a_transparent_png_is_kept_as_a_jpeg_on_white() -> None:
    event = _held()
    _upload(client_as(make_secretariat()), event, _png(300, 200), consent="on")
    photo = EventPhoto.objects.get()
    with photo.image.open("rb") as handle, Image.open(handle) as stored:
        assert stored.format == "JPEG" and stored.getpixel((5, 5)) == (255, 255, 255)


def test_the_archive_lists_past_events_with_a_report_and_leaves_out_the_rest() -> None:
    with_report = _held(title="Spring hearing")
    make_event(title="Future caucus")
    make_event(title="Quiet meeting", starts_at=timezone.now() - dt.timedelta(days=40))
    draft = _held(title="Draft retreat", state=Event.State.DRAFT)
    page = Client().get("/events/archive/").content.decode()
    assert "Spring hearing" in page
    assert "Future caucus" not in page and "Quiet meeting" not in page and draft.title not in page
    data = Client().get("/events/archive.json").json()
    assert [item["id"] for item in data["items"]] == [with_report.pk]


def test_a_photo_whose_record_fails_leaves_no_file_behind(monkeypatch: Any, settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    event = _held()

    def fail(**kwargs: Any) -> None:
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(AuditEvent, "record", fail)
    with pytest.raises(RuntimeError):
        _upload(client_as(make_secretariat()), event, consent="on")
    assert not EventPhoto.objects.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_the_secretariat_finds_photos_by_consent_and_withdrawal_in_the_admin_but_changes_them_on_the_site() -> None:
    event = _held()
    staff = make_secretariat()
    client = client_as(staff)
    _upload(client, event, consent="on")
    _upload(client, event, caption="Without consent yet")
    listing = client.get("/admin/events/eventphoto/?consent_recorded_at__isempty=1").content.decode()
    assert "Without consent yet" in listing and "The opening session, Brussels" not in listing
    photo = EventPhoto.objects.get(caption="Without consent yet")
    page = client.get(f"/admin/events/eventphoto/{photo.pk}/change/")
    assert page.status_code == 200 and 'name="caption"' not in page.content.decode()
    assert client.post(f"/admin/events/eventphoto/{photo.pk}/change/", {"caption": "x"}).status_code == 403
    assert client_as(make_member()).get("/admin/events/eventphoto/").status_code == 403
