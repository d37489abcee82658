"""The permission matrix of convenings and events: every route and API operation, walked as each role.

Each case names a URL name, builds its URL from a small world (one of each kind
of event, a working group, a calendar feed), and says what each of the six
matrix roles gets. Every case builds a fresh world, so a POST by one case never
changes what another sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from fourthp.events.models import CalendarFeed, Event, EventPhoto, EventSeries
from fourthp.events.tests.factories import make_event
from fourthp.testing import MATRIX_ROLES, Expect, assert_access_matrix, make_group, make_member, matrix_users


@dataclass
class World:
    users: dict[str, Any]
    public: Event
    members: Event
    group: Event
    draft: Event
    held: Event
    feed: CalendarFeed
    revoked_feed: CalendarFeed
    series: EventSeries
    photo: EventPhoto
    private_photo: EventPhoto


def build_world() -> World:
    group = make_group()
    owner = make_member()
    public = make_event(title="Public hearing")
    series = EventSeries.objects.create(
        title="Quarterly meeting", description="Every quarter.", rrule="FREQ=MONTHLY;INTERVAL=3;COUNT=2",
        first_starts_at=public.starts_at, duration_minutes=120,
    )  # fmt: skip
    Event.objects.filter(pk=public.pk).update(series=series, original_starts_at=public.starts_at)
    held = make_event(title="Last month's hearing", starts_at=timezone.now() - dt.timedelta(days=30))
    return World(
        users=matrix_users(group),
        public=public,
        members=make_event(title="Members caucus", audience=Event.Audience.MEMBERS),
        group=make_event(title="Group workshop", audience=Event.Audience.GROUP, working_group=group),
        draft=make_event(title="Planned retreat", state=Event.State.DRAFT),
        held=held,
        feed=CalendarFeed.objects.create(user=owner),
        revoked_feed=CalendarFeed.objects.create(user=make_member(), revoked_at=timezone.now()),
        series=series,
        photo=_photo(held, consent=True),
        private_photo=_photo(held, consent=False),
    )


def _photo(event: Event, *, consent: bool) -> EventPhoto:
    stored = default_storage.save(f"event-photos/test/{event.pk}.jpg", ContentFile(b"\xff\xd8 a photo"))
    return EventPhoto.objects.create(
        event=event, image=stored, small=stored, width=10, height=10, alt_text="A room", caption="The room",
        consent_recorded_at=timezone.now() if consent else None,
    )  # fmt: skip


ALL_OK: dict[str, Expect] = dict.fromkeys(MATRIX_ROLES, "ok")
SIGNED_IN: dict[str, Expect] = {**ALL_OK, "visitor": "login"}
SECRETARIAT_ONLY: dict[str, Expect] = {**dict.fromkeys(MATRIX_ROLES, 403), "visitor": "login", "secretariat": "ok"}
SECRETARIAT_ONLY_UNSEEN: dict[str, Expect] = {**SECRETARIAT_ONLY, **dict.fromkeys(MATRIX_ROLES[1:-1], 404)}
GROUP_SEES: dict[str, Expect] = {**dict.fromkeys(MATRIX_ROLES, 404), "working-group member": "ok", "secretariat": "ok"}
MEMBERS_SEE: dict[str, Expect] = {**ALL_OK, "visitor": 404}
SECRETARIAT_SEES: dict[str, Expect] = {**dict.fromkeys(MATRIX_ROLES, 404), "secretariat": "ok"}
ALL_404: dict[str, Expect] = dict.fromkeys(MATRIX_ROLES, 404)
# An event outside a member's audience answers 404 to her, as a missing one does: its number gives nothing away.
GROUP_REGISTERS: dict[str, Expect] = {
    **dict.fromkeys(MATRIX_ROLES, 404),
    "visitor": "login",
    "working-group member": "ok",
    "secretariat": "ok",
}


@dataclass(frozen=True)
class Case:
    name: str
    url: Callable[[World], str]
    expect: dict[str, Expect]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def _event(name: str, which: str) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"event": getattr(w, which).pk})


def _api(path: str) -> Callable[[World], str]:
    return lambda w: path.format(w=w)


CASES: list[Case] = [
    Case("event-list", lambda w: reverse("event-list"), ALL_OK),
    Case("event-detail", _event("event-detail", "public"), ALL_OK, note="public"),
    Case("event-detail", _event("event-detail", "members"), MEMBERS_SEE, note="members"),
    Case("event-detail", _event("event-detail", "group"), GROUP_SEES, note="group"),
    Case("event-detail", _event("event-detail", "draft"), SECRETARIAT_SEES, note="draft"),
    Case("event-ics", _event("event-ics", "public"), ALL_OK, note="public"),
    Case("event-ics", _event("event-ics", "members"), MEMBERS_SEE, note="members"),
    Case("event-ics", _event("event-ics", "group"), GROUP_SEES, note="group"),
    Case("event-feed", lambda w: reverse("event-feed"), ALL_OK),
    Case("event-series", lambda w: reverse("event-series", kwargs={"series": w.series.pk}), ALL_OK),
    Case(
        "event-series-register",
        lambda w: reverse("event-series-register", kwargs={"series": w.series.pk}),
        SIGNED_IN,
        method="post",
    ),
    # The secret address is the credential: calendar apps cannot sign in.
    Case("event-user-feed", lambda w: reverse("event-user-feed", kwargs={"token": w.feed.token}), ALL_OK),
    Case(
        "event-user-feed",
        lambda w: reverse("event-user-feed", kwargs={"token": w.revoked_feed.token}),
        ALL_404,
        note="revoked",
    ),
    Case("event-feed-settings", lambda w: reverse("event-feed-settings"), SIGNED_IN),
    Case(
        "event-feed-settings",
        lambda w: reverse("event-feed-settings"),
        SIGNED_IN,
        method="post",
        data={"action": "replace"},
    ),
    Case("event-register", _event("event-register", "public"), SIGNED_IN, method="post", note="public"),
    Case("event-register", _event("event-register", "members"), SIGNED_IN, method="post", note="members"),
    Case("event-register", _event("event-register", "group"), GROUP_REGISTERS, method="post", note="group"),
    Case("event-cancel-registration", _event("event-cancel-registration", "public"), SIGNED_IN, method="post"),
    Case(
        "event-cancel-registration",
        _event("event-cancel-registration", "group"),
        GROUP_REGISTERS,
        method="post",
        note="group",
    ),
    Case("event-create", lambda w: reverse("event-create"), SECRETARIAT_ONLY),
    Case("event-create", lambda w: reverse("event-create"), SECRETARIAT_ONLY, method="post"),
    Case("event-edit", _event("event-edit", "public"), SECRETARIAT_ONLY),
    Case("event-edit", _event("event-edit", "draft"), SECRETARIAT_ONLY_UNSEEN, note="draft"),
    Case("event-attendance", _event("event-attendance", "held"), SECRETARIAT_ONLY),
    Case("event-attendance", _event("event-attendance", "held"), SECRETARIAT_ONLY, method="post"),
    Case("event-report", _event("event-report", "held"), SECRETARIAT_ONLY),
    Case(
        "event-report",
        _event("event-report", "held"),
        SECRETARIAT_ONLY,
        method="post",
        data={"report": "Twelve delegations came.", "publish": "1"},
    ),
    Case("event-series-create", lambda w: reverse("event-series-create"), SECRETARIAT_ONLY),
    Case("event-series-create", lambda w: reverse("event-series-create"), SECRETARIAT_ONLY, method="post"),
    Case(
        "event-series-edit",
        lambda w: reverse("event-series-edit", kwargs={"series": w.series.pk}),
        SECRETARIAT_ONLY,
    ),
    Case(
        "event-series-edit",
        lambda w: reverse("event-series-edit", kwargs={"series": w.series.pk}),
        SECRETARIAT_ONLY,
        method="post",
    ),
    Case("event-move", _event("event-move", "public"), SECRETARIAT_ONLY),
    Case("event-move", _event("event-move", "public"), SECRETARIAT_ONLY, method="post", data={"reason": "x"}),
    Case("event-archive", lambda w: reverse("event-archive"), ALL_OK),
    Case("event-photos", _event("event-photos", "held"), SECRETARIAT_ONLY),
    Case("event-photos", _event("event-photos", "held"), SECRETARIAT_ONLY, method="post"),
    Case("event-photos", _event("event-photos", "draft"), SECRETARIAT_ONLY_UNSEEN, note="draft"),
    Case(
        "event-photo-consent",
        lambda w: reverse("event-photo-consent", kwargs={"event": w.held.pk, "photo": w.private_photo.pk}),
        SECRETARIAT_ONLY,
        method="post",
    ),
    Case(
        "event-photo-withdraw",
        lambda w: reverse("event-photo-withdraw", kwargs={"event": w.held.pk, "photo": w.photo.pk}),
        SECRETARIAT_ONLY,
        method="post",
        data={"reason": "She asked."},
    ),
    Case(
        "event-photo-file",
        lambda w: reverse("event-photo-file", kwargs={"photo": w.photo.pk, "size": "small"}),
        ALL_OK,
        note="consented",
    ),
    # Without recorded consent a photo does not exist for anyone but the secretariat.
    Case(
        "event-photo-file",
        lambda w: reverse("event-photo-file", kwargs={"photo": w.private_photo.pk, "size": "full"}),
        SECRETARIAT_SEES,
        note="no consent",
    ),
    Case("api-events-list", _api("/api/v1/events"), ALL_OK),
    Case("api-events-detail", _api("/api/v1/events/{w.public.pk}"), ALL_OK, note="public"),
    Case("api-events-detail", _api("/api/v1/events/{w.members.pk}"), MEMBERS_SEE, note="members"),
    Case("api-events-detail", _api("/api/v1/events/{w.group.pk}"), GROUP_SEES, note="group"),
    Case("api-events-detail", _api("/api/v1/events/{w.draft.pk}"), SECRETARIAT_SEES, note="draft"),
]

COVERED: set[str] = {case.name for case in CASES}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[f"{c.method} {c.name} {c.note}".strip() for c in CASES])
def test_each_role_gets_what_the_matrix_says(case: Case) -> None:
    world = build_world()
    assert_access_matrix(case.url(world), case.expect, world.users, method=case.method, data=case.data)


def test_the_api_routes_in_the_matrix_are_the_routers_operations() -> None:
    from fourthp.api.events import router

    operations = {
        operation.url_name for path_view in router.path_operations.values() for operation in path_view.operations
    }
    assert operations <= COVERED
