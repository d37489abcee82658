"""The archive of past convenings reads on a 375 px phone: its photos fit the screen and load their small copy."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from fourthp.events.actions import PhotoInput, do_add_photo
from fourthp.events.models import Event
from fourthp.events.photos import read_photo
from fourthp.events.tests.factories import make_event
from fourthp.testing import make_secretariat
from tests.browser.test_atlas_browser import screenshot
from tests.browser.test_phone_reading_browser import PHONE, assert_fits

pytestmark = pytest.mark.browser


def _photo(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 90, 140)).save(out, format="JPEG")
    return out.getvalue()


def test_the_archive_fits_a_phone_and_serves_it_the_small_photo(
    transactional_db: None, live_server: Any, new_page: Any, tmp_path: Path
) -> None:
    event = make_event(title="Spring hearing", starts_at=timezone.now() - dt.timedelta(days=20))
    Event.objects.filter(pk=event.pk).update(
        report="Twelve delegations came and agreed on **three** next steps.", report_published_at=timezone.now()
    )
    staff = make_secretariat()
    for caption in ("The opening session", "The round table"):
        data = PhotoInput(photo=read_photo(_photo(3000, 2000)), alt_text="Delegates", caption=caption, consent=True)
        do_add_photo(event, data, acting_user=staff)
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/events/archive/")
    screenshot(page, tmp_path, "event-archive")
    assert_fits(page, "The archive of past convenings")
    images = page.locator("ul.photos img")
    assert images.count() == 2
    images.first.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('ul.photos img').complete")
    box = images.first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    source = page.evaluate("() => document.querySelector('ul.photos img').currentSrc")
    assert source.endswith("/small.jpg"), source
    page.goto(f"{live_server.url}/events/{event.pk}/")
    assert_fits(page, "The page of a past convening with photos")
