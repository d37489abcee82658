"""A copy of the seeded test database, put back after each transactional test instead of emptying it.

Django empties every table after a transactional test (a browser test's live server, a test of
concurrency), and the next test that needs the seed loaded it again: seconds each time. The suite
instead takes one copy of the database right after the seed is loaded, and after each
transactional test puts the copy back, so every test starts from the seed as `make run` leaves it:
- SQLite: the whole database through SQLite's own online backup (schema, rows and search tables);
- PostgreSQL: every table's rows through binary COPY, written back in one transaction after a
  TRUNCATE (Django's foreign keys are deferred, so the order of tables does not matter), and every
  sequence set back to where it stood.
Another database vendor keeps Django's behaviour (empty, then reloaded where a test asks for the seed).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.test import TransactionTestCase


@dataclass
class _PostgresCopy:
    tables: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # table -> (column list, COPY data)
    sequences: list[tuple[str, int, bool]] = field(default_factory=list)


@dataclass
class Snapshot:
    alias: str
    sqlite: sqlite3.Connection | None = None
    postgres: _PostgresCopy | None = None

    def restore(self) -> None:
        connection = connections[self.alias]
        connection.ensure_connection()
        if self.sqlite is not None:
            raw = connection.connection
            assert raw is not None
            self.sqlite.backup(raw)
        elif self.postgres is not None:
            _restore_postgres(connection, self.postgres)


def take(alias: str = "default") -> Snapshot | None:
    """A copy of the database `alias` as it is now, or None where the vendor has no fast way back."""
    connection = connections[alias]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        raw = connection.connection
        assert raw is not None
        raw.backup(copy)
        return Snapshot(alias, sqlite=copy)
    if connection.vendor == "postgresql":
        return Snapshot(alias, postgres=_copy_postgres(connection))
    return None


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy_postgres(connection: Any) -> _PostgresCopy:
    copy = _PostgresCopy()
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(
            "SELECT c.relname, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "AND a.attgenerated = '' "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'django_migrations' "
            "GROUP BY c.relname ORDER BY c.relname"
        )
        for table, columns in cursor.fetchall():
            chunks: list[bytes] = []
            with cursor.copy(f"COPY {_quote(table)} ({columns}) TO STDOUT (FORMAT BINARY)") as out:
                for chunk in out:
                    chunks.append(bytes(chunk))
            copy.tables[table] = (columns, b"".join(chunks))
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value "
            "FROM pg_sequences WHERE schemaname = current_schema()"
        )
        for name, last_value in cursor.fetchall():
            # A sequence never used has no last value: its next value is its start, as setval(…, 1, false) gives.
            copy.sequences.append((name, last_value or 1, last_value is not None))
    return copy


def _restore_postgres(connection: Any, copy: _PostgresCopy) -> None:
    from django.db import transaction

    with transaction.atomic(using=connection.alias), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute("TRUNCATE " + ", ".join(_quote(table) for table in copy.tables) + " CASCADE")
        for table, (columns, data) in copy.tables.items():
            if data:
                with cursor.copy(f"COPY {_quote(table)} ({columns}) FROM STDIN (FORMAT BINARY)") as into:
                    into.write(data)
        for name, value, called in copy.sequences:
            cursor.execute("SELECT setval(%s, %s, %s)", [name, value, called])


def restore_after_transactional_tests(snapshot: Snapshot) -> None:
    """Put `snapshot` back after each transactional test, where Django would empty the database."""
    # Private to Django (and so unknown to its type stubs): the teardown that empties the database.
    flush = getattr(TransactionTestCase, "_fixture_teardown")  # noqa: B009

    def put_back(self: Any) -> None:
        if self.available_apps is not None or set(self._databases_names(include_mirrors=False)) != {snapshot.alias}:
            flush(self)
            return
        snapshot.restore()

    setattr(TransactionTestCase, "_fixture_teardown", put_back)  # noqa: B010
