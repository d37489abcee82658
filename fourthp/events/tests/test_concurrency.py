"""No double booking: concurrent requests, each on its own database connection, through HTTP.

On PostgreSQL the event's row lock (SELECT ... FOR UPDATE) serialises them; on
SQLite the project's IMMEDIATE transactions with a busy timeout do. The same
tests run on both.

SQLite's in-memory test database is shared between threads in "shared cache"
mode, which answers a second writer with "database table is locked" at once
instead of waiting: a behaviour production (a database file) never has. On
SQLite the threads therefore run on a file copy of the test database, opened
with the project's own connection options, as the web server would.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from fourthp.events.models import Registration
from fourthp.events.tests.factories import make_event, make_registration
from fourthp.testing import make_member

THREADS = 10
T = TypeVar("T")


@contextmanager
def threads_database() -> Iterator[None]:
    """Let other threads reach what this thread has written (a file copy on SQLite; PostgreSQL as is)."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    settings_dict = connections.settings["default"]
    memory_name = settings_dict["NAME"]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "threads.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        # New connections (one per thread) open the file; this thread's in-memory one stays open and untouched.
        settings_dict["NAME"] = str(path)
        try:
            yield
        finally:
            settings_dict["NAME"] = memory_name


def _in_thread(read: Callable[[], T]) -> T:
    """Run `read` on a connection of its own: inside `threads_database` this thread's connection is not it."""
    box: list[T] = []

    def run() -> None:
        try:
            box.append(read())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    return box[0]


def _at_once(users: list[Any], request: Callable[[Client], Any]) -> list[int]:
    """Send one request per user from its own thread, all released together; the status codes."""
    barrier = threading.Barrier(len(users))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def run(user: Any) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=30)
            statuses.append(request(client).status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return statuses


@pytest.mark.django_db(transaction=True)
def test_ten_members_registering_at_once_for_the_last_seat_get_one_seat_and_nine_places_in_line() -> None:
    event = make_event(capacity=1)
    users = [make_member() for _ in range(THREADS)]
    with threads_database():
        statuses = _at_once(users, lambda client: client.post(f"/events/{event.pk}/register/"))
        states = _in_thread(lambda: list(Registration.objects.filter(event=event).values_list("user_id", "state")))
    assert statuses == [302] * THREADS
    assert sorted(state for _user, state in states) == ["confirmed"] + ["waitlisted"] * (THREADS - 1)
    assert {user for user, _state in states} == {u.pk for u in users}


@pytest.mark.django_db(transaction=True)
def test_two_seats_freed_at_once_go_to_the_first_two_in_line_each_once() -> None:
    event = make_event(capacity=2)
    holders = [make_member(), make_member()]
    for holder in holders:
        make_registration(event, holder)
    start = timezone.now() - dt.timedelta(hours=1)
    line = [make_member() for _ in range(4)]
    for place, user in enumerate(line):
        make_registration(event, user, "waitlisted", created_at=start + dt.timedelta(minutes=place))
    with threads_database():
        statuses = _at_once(holders, lambda client: client.post(f"/events/{event.pk}/cancel/"))
        confirmed = _in_thread(
            lambda: set(Registration.objects.filter(event=event, state="confirmed").values_list("user_id", flat=True))
        )
        waiting = _in_thread(
            lambda: list(
                Registration.objects.filter(event=event, state="waitlisted")
                .order_by("created_at")
                .values_list("user_id", flat=True)
            )
        )
    assert statuses == [302, 302]
    assert confirmed == {line[0].pk, line[1].pk}
    assert waiting == [line[2].pk, line[3].pk]
