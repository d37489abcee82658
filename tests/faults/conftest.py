"""A site of its own for each fault test: a real database other processes can open, a real worker to kill.

The database is a SQLite file, or a PostgreSQL database when the suite runs
with a postgres DATABASE_URL; it is migrated and seeded once per session and
copied for each test. Every process (the worker, a step of the test) is a
`manage.py` or `tests/faults/driver.py` run with the production settings, the
database task backend and the file e-mail backend, so that what one process
sent is readable by the test.
"""

from __future__ import annotations

import contextlib
import email
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("driver.py")
# Generous: these tests must pass on a loaded two-core machine. Nothing is timed; a state is waited for.
PATIENCE = 120.0
_numbers = itertools.count(1)


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def _base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOURTHP_PAUSE") and k != "REDIS_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="fourthp.settings",
        DEBUG="0",
        SECRET_KEY="fault-tests-only-secret-key-not-for-production",
        ALLOWED_HOSTS="localhost",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        LOG_LEVEL="WARNING",
        # Long documents go to the worker; only the worker's start-up sweep runs during a test.
        ANALYZER_SYNC_MAX_BYTES="1000",
        WORKER_SWEEP_SECONDS="3600",
        PYTHONUNBUFFERED="1",
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=PATIENCE * 2)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(args[:4])} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


@pytest.fixture(scope="session")
def fault_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated, seeded database to copy: a SQLite file's path, or a PostgreSQL database's name."""
    env = _base_env()
    pg = _postgres_url()
    if pg:
        name = f"{urlsplit(pg).path.lstrip('/') or 'fourthp'}_faults_template"
        _admin(pg, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = _with_database(pg, name)
    else:
        name = str(tmp_path_factory.mktemp("faults") / "template.sqlite3")
        env["DATABASE_URL"] = f"sqlite:///{name}"
    env["MEDIA_ROOT"] = str(tmp_path_factory.mktemp("template-media"))
    _run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    _run([sys.executable, "manage.py", "load_seed", "-v", "0"], env)
    yield name
    if pg:
        _admin(pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Site:
    """One test's database, mail folder and processes."""

    def __init__(self, tmp: Path, database_url: str, *, postgres: str = "", database: str = "") -> None:
        self.postgres = postgres  # the server's address, on PostgreSQL
        self.database = database  # the database's name on PostgreSQL, its file on SQLite
        self.tmp = tmp
        self.mail = tmp / "mail"
        self.mail.mkdir()
        self.pause_file = tmp / "paused"
        self.env = _base_env()
        self.env.update(DATABASE_URL=database_url, EMAIL_FILE_PATH=str(self.mail), MEDIA_ROOT=str(tmp / "media"))
        self.processes: list[subprocess.Popen[bytes]] = []

    def _env(self, pause_at: str) -> dict[str, str]:
        env = dict(self.env)
        if pause_at:
            env.update(FOURTHP_PAUSE_AT=pause_at, FOURTHP_PAUSE_FILE=str(self.pause_file))
        return env

    def step(self, name: str, **arguments: Any) -> Any:
        """Run one step of tests/faults/driver.py to its end and return its answer."""
        out = _run([sys.executable, str(DRIVER), name, json.dumps(arguments)], self.env)
        return json.loads(out.strip().splitlines()[-1])

    def start(self, args: list[str], *, pause_at: str = "", **env: str) -> subprocess.Popen[bytes]:
        self.pause_file.unlink(missing_ok=True)
        log = (self.tmp / f"process-{len(self.processes) + 1}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, *args], cwd=ROOT, env={**self._env(pause_at), **env}, stdout=log, stderr=log
        )
        self.processes.append(process)
        return process

    def start_step(self, name: str, *, pause_at: str, **arguments: Any) -> subprocess.Popen[bytes]:
        return self.start([str(DRIVER), name, json.dumps(arguments)], pause_at=pause_at)

    def start_worker(self, *, pause_at: str = "", **env: str) -> subprocess.Popen[bytes]:
        args = ["manage.py", "run_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2", "-v", "1"]
        return self.start(args, pause_at=pause_at, **env)

    def log_of(self, process: subprocess.Popen[bytes]) -> str:
        number = self.processes.index(process) + 1
        return (self.tmp / f"process-{number}.log").read_text(errors="replace")

    def wait_until_paused(self, process: subprocess.Popen[bytes]) -> str:
        """Wait for the process to stop at its pause point; returns the point's name."""
        deadline = time.monotonic() + PATIENCE
        while not self.pause_file.exists():
            if process.poll() is not None:
                raise AssertionError(f"the process ended before its pause point:\n{self.log_of(process)}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the process never reached its pause point:\n{self.log_of(process)}")
            time.sleep(0.1)
        return self.pause_file.read_text()

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=PATIENCE)

    def stop(self, process: subprocess.Popen[bytes]) -> None:
        """Stop a worker as a supervisor does (SIGTERM: it finishes the task in hand)."""
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=PATIENCE)
            except subprocess.TimeoutExpired:
                self.kill(process)

    def wait_for(self, what: str, check: Callable[[], Any]) -> Any:
        """Poll `check` until it answers something true; fail, naming `what`, after PATIENCE seconds."""
        deadline = time.monotonic() + PATIENCE
        while True:
            answer = check()
            if answer:
                return answer
            if time.monotonic() > deadline:
                logs = "\n".join(self.log_of(p)[-3000:] for p in self.processes)
                raise AssertionError(f"waited {PATIENCE:.0f} s for {what}; last answer {answer!r}\n{logs}")
            time.sleep(0.5)

    def sent(self) -> Counter[str]:
        """How many messages the file e-mail backend wrote to each address."""
        counts: Counter[str] = Counter()
        for path in self.mail.iterdir():
            for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if chunk.strip():
                    counts[str(email.message_from_bytes(chunk)["To"])] += 1
        return counts

    @contextlib.contextmanager
    def outage(self) -> Iterator[None]:
        """The database cannot be reached until the block ends.

        PostgreSQL refuses new connections to it and drops the open ones. A SQLite file is moved
        aside, so that a process opening it finds an empty database without its tables.
        """
        if self.postgres:
            _admin(
                self.postgres,
                f'ALTER DATABASE "{self.database}" ALLOW_CONNECTIONS false',
                f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{self.database}'",
            )
            try:
                yield
            finally:
                _admin(self.postgres, f'ALTER DATABASE "{self.database}" ALLOW_CONNECTIONS true')
            return
        files = [Path(self.database + suffix) for suffix in ("", "-wal", "-shm")]
        aside = self.tmp / "aside"
        aside.mkdir()
        for path in files:
            if path.exists():
                path.rename(aside / path.name)
        try:
            yield
        finally:
            for path in files:
                path.unlink(missing_ok=True)  # the empty database a process made meanwhile
                if (aside / path.name).exists():
                    (aside / path.name).rename(path)

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                self.kill(process)


@pytest.fixture
def site(fault_template: str, tmp_path: Path) -> Iterator[Site]:
    pg = _postgres_url()
    if pg:
        name = f"{fault_template.removesuffix('_template')}_{next(_numbers)}_{uuid.uuid4().hex[:6]}"
        _admin(pg, f'CREATE DATABASE "{name}" TEMPLATE "{fault_template}"')
        made = Site(tmp_path, _with_database(pg, name), postgres=pg, database=name)
    else:
        path = tmp_path / "db.sqlite3"
        with sqlite3.connect(fault_template) as source, sqlite3.connect(path) as target:
            source.backup(target)
        made = Site(tmp_path, f"sqlite:///{path}", database=str(path))
    try:
        yield made
    finally:
        made.close()
        if pg:
            _admin(pg, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
