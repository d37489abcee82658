"""A screen a stopped worker left running is picked up again or given up, and starting screens is rate-limited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from fourthp.accounts.actions import do_create_api_token
from fourthp.accounts.models import AuditEvent
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.supplychains.actions import do_recover_stale_screens
from fourthp.supplychains.models import ProcurementScreen
from fourthp.testing import client_as, make_member
from fourthp.web.worker import sweep_stale_work


def _left_running(owner: Any, *, attempts: int, quiet_minutes: int) -> ProcurementScreen:
    """A screen as a worker killed half way leaves it: running, its progress quiet since then."""
    return ProcurementScreen.objects.create(
        owner=owner,
        file_name="purchases.csv",
        buyer=Jurisdiction.objects.get(code="FR"),
        state=ProcurementScreen.State.RUNNING,
        attempts=attempts,
        lines_total=2,
        lines_done=1,
        lines=[[2, "Cocoa beans", "Ghana", ""], [3, "Paper clips", "Ghana", ""]],
        progress_at=timezone.now() - dt.timedelta(minutes=quiet_minutes),
    )


def test_a_screen_left_running_by_a_stopped_worker_is_run_again_by_the_sweep(seeded: None) -> None:
    screen = _left_running(make_member(), attempts=1, quiet_minutes=11)
    sweep_stale_work()
    screen.refresh_from_db()
    # Tests run tasks at once: the requeued screen has been run to the end by its task.
    assert screen.state == "done" and screen.attempts == 2 and screen.lines_done == 2
    assert [r["line"] for r in screen.results] == [2]
    assert AuditEvent.objects.filter(verb="supplychains.requeued").count() == 1


def test_a_screen_still_making_progress_is_left_alone(seeded: None) -> None:
    screen = _left_running(make_member(), attempts=1, quiet_minutes=2)
    assert do_recover_stale_screens().requeued == 0
    screen.refresh_from_db()
    assert screen.state == "running"


def test_a_screen_that_keeps_stopping_is_marked_failed_and_its_owner_told_why(seeded: None) -> None:
    member = make_member()
    screen = _left_running(member, attempts=2, quiet_minutes=11)
    assert do_recover_stale_screens().failed == 1
    screen.refresh_from_db()
    assert screen.state == "failed" and screen.finished_at is not None
    page = client_as(member).get(f"/supply-chains/screens/{screen.pk}/").content.decode()
    assert "The background worker stopped while screening this file" in page
    _, raw = do_create_api_token(member, name="script")
    api = Client().get(f"/api/v1/procurement-screens/{screen.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert api["state"] == "failed" and "upload the file again" in api["error"]


def test_a_second_sweep_changes_nothing(seeded: None) -> None:
    _left_running(make_member(), attempts=2, quiet_minutes=11)
    assert do_recover_stale_screens().failed == 1
    assert do_recover_stale_screens() == do_recover_stale_screens().__class__()


def _upload(client: Client) -> Any:
    file = SimpleUploadedFile("p.csv", b"good,country\nCocoa,Ghana\n")
    return client.post("/supply-chains/screens/", {"file": file, "buyer": "France"})


def test_starting_screens_is_limited_per_member_on_the_page_and_the_api_together(seeded: None, settings: Any) -> None:
    settings.PROCUREMENT_SCREENS_RATE = "2/h"
    member = make_member()
    page = client_as(member)
    assert _upload(page).status_code == 302
    _, raw = do_create_api_token(member, name="script")
    body = {"buyer": "FR", "lines": [{"good": "Cocoa", "country": "Ghana"}]}
    api = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert api.post("/api/v1/procurement-screens", body, content_type="application/json", **headers).status_code == 201
    refused = api.post("/api/v1/procurement-screens", body, content_type="application/json", **headers)
    assert refused.status_code == 429 and refused.json()["code"] == "rate_limited" and refused["Retry-After"]
    assert "procurement screens" in refused.json()["detail"]
    response = _upload(page)
    assert response.status_code == 429
    assert "You have started many screens in a short time" in response.content.decode()
    assert ProcurementScreen.objects.filter(owner=member).count() == 2
    # Another member has a count of her own.
    assert _upload(client_as(make_member())).status_code == 302
