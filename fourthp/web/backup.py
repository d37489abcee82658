"""Back up and restore the whole database, on SQLite or PostgreSQL, and checksum every table.

SQLite is copied page by page with its online backup API (`sqlite3.Connection.backup`),
which is consistent while the web server and the task worker keep writing. PostgreSQL
is dumped with `pg_dump -Fc` and restored with `pg_restore --clean --if-exists
--single-transaction`, so a restore that fails half way leaves the database as it was.
A backup is written to a temporary file beside its destination and renamed into place
once complete, so a failed backup never replaces a good one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connection, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """The backup or restore could not be done; the message says why."""


def vendor() -> str:
    return str(connection.vendor)


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments and environment from the default database's settings."""
    db = connection.settings_dict
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).") from exc
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def backup_database(destination: Path) -> None:
    """Write a complete copy of the default database to `destination`."""
    destination = destination.resolve()
    if not destination.parent.is_dir():
        raise BackupError(f"The folder {destination.parent} does not exist.")
    handle, temporary = tempfile.mkstemp(prefix=".backup-", dir=destination.parent)
    os.close(handle)
    try:
        if vendor() == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(temporary)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        elif vendor() == "postgresql":
            args, env = _pg_environment()
            name = str(connection.settings_dict["NAME"])
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", temporary, *args, name], env)
        else:
            raise BackupError(f"Backing up a {vendor()} database is not supported; use SQLite or PostgreSQL.")
        os.replace(temporary, destination)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def restore_database(source: Path) -> None:
    """Replace everything in the default database by the backup in `source` (made by `backup_database`)."""
    if not source.is_file():
        raise BackupError(f"There is no file {source}.")
    with source.open("rb") as file:
        head = file.read(16)
    if vendor() == "sqlite":
        if head != SQLITE_MAGIC:
            raise BackupError(f"{source} is not a SQLite backup.")
        # Check the backup is whole before the database is touched.
        backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if backup.execute("pragma integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{source} is damaged (SQLite integrity check failed).")
            connection.ensure_connection()
            backup.backup(connection.connection)
        finally:
            backup.close()
    elif vendor() == "postgresql":
        if not head.startswith(PG_MAGIC):
            raise BackupError(f"{source} is not a PostgreSQL backup made by pg_dump --format=custom.")
        args, env = _pg_environment()
        name = str(connection.settings_dict["NAME"])
        # Nobody may hold a table the restore drops: this process lets go of its connections first.
        connections.close_all()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                *args,
                "--dbname",
                name,
                str(source),
            ],
            env,
        )
    else:
        raise BackupError(f"Restoring a {vendor()} database is not supported; use SQLite or PostgreSQL.")


def table_checksums() -> dict[str, tuple[int, str]]:
    """Per table of the default database: its row count and a SHA-256 of all its rows (in a fixed order)."""
    sums: dict[str, tuple[int, str]] = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            sums[table] = (len(rows), digest)
    return sums
