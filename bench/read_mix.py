"""A read mix against gunicorn on PostgreSQL: latency percentiles and error rate per kind of request.

1. Creates the scratch database `fourthp_bench_read_mix` on the PostgreSQL server given
   (dropping a leftover one), migrates it, loads the seed (`load_seed`) and collects the
   static files into a temporary folder.
2. Starts gunicorn (2 workers, DEBUG off, a throwaway SECRET_KEY, ALLOWED_HOSTS=127.0.0.1)
   and one task worker (`run_worker`) on it, on loopback only.
3. Phase 1, the mix: for --seconds, --clients threads each request, in turn, the home page,
   a report card, the world map, a search, an API list and the report-card PDF (following
   whatever the PDF URL answers: a file, or a redirect to one). Prints p50/p95/p99 and the
   error rate per kind.
4. Phase 2: the home page's p95 with one client alone, then with one client while
   --pdf-clients threads keep asking for PDFs of several jurisdictions; prints both and
   the ratio.
5. Stops both servers and drops the scratch database.

Every loop is bounded by a deadline and a request count; it never asserts on a timing.
The API's per-address rate limit is turned off (API_RATE empty): every request comes from
127.0.0.1, and the bench measures the server, not the limit.

    .venv/bin/python bench/read_mix.py [--postgres postgres://postgres@127.0.0.1:5432/postgres]
        [--seconds 60] [--clients 4] [--pdf-clients 4] [--port 18600]
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
SCRATCH = "fourthp_bench_read_mix"
MAX_REQUESTS_PER_CLIENT = 100_000
REQUEST_TIMEOUT = 60

MIX = {
    "home": "/",
    "report card": "/jurisdictions/US-DC/report-card/",
    "world map": "/maps/",
    "search": "/search/?q=forced+labour",
    "API list": "/api/v1/jurisdictions?limit=50",
    "PDF": "/jurisdictions/US/report-card.pdf",
}
PDF_CODES = ["US", "US-DC", "CA", "FR", "DE", "GB", "BR", "IN"]


class Outcomes:
    """Latencies (ms) and failures per kind of request, shared by the client threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = {}
        self.errors: dict[str, int] = {}
        self.limited: dict[str, int] = {}
        self.examples: dict[str, str] = {}

    def add(self, kind: str, ms: float, status: int, note: str = "") -> None:
        with self.lock:
            self.times.setdefault(kind, []).append(ms)
            if status == 429:
                self.limited[kind] = self.limited.get(kind, 0) + 1
            elif not 200 <= status < 400:
                self.errors[kind] = self.errors.get(kind, 0) + 1
                self.examples.setdefault(kind, f"{status} {note}".strip())


def fetch(base: str, path: str) -> tuple[int, str]:
    """GET base+path, following redirects, reading the whole body; the final status."""
    try:
        with urllib.request.urlopen(base + path, timeout=REQUEST_TIMEOUT) as response:  # noqa: S310 (loopback)
            response.read()
            return response.status, ""
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, error.reason or ""
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        return 0, str(error)


def drive(base: str, paths: list[tuple[str, str]], deadline: float, outcomes: Outcomes, offset: int = 0) -> None:
    for n in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= deadline:
            return
        kind, path = paths[(n + offset) % len(paths)]
        start = time.perf_counter()
        status, note = fetch(base, path)
        outcomes.add(kind, (time.perf_counter() - start) * 1000, status, note)


def run_clients(base: str, plans: list[tuple[list[tuple[str, str]], int]], seconds: float) -> Outcomes:
    """Run one thread per (paths, offset) plan until `seconds` have passed; their outcomes."""
    outcomes = Outcomes()
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=drive, args=(base, paths, deadline, outcomes, offset), daemon=True)
        for paths, offset in plans
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + REQUEST_TIMEOUT + 5)
    return outcomes


def percentile(samples: list[float], p: float) -> float:
    if len(samples) < 2:
        return samples[0] if samples else float("nan")
    return statistics.quantiles(samples, n=100, method="inclusive")[int(p) - 1]


def report(outcomes: Outcomes, seconds: float) -> None:
    print(
        f"{'kind':<12} {'requests':>8} {'per s':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'429':>5}"
    )
    total = errors = 0
    for kind in MIX:
        samples = outcomes.times.get(kind, [])
        count = len(samples)
        failed = outcomes.errors.get(kind, 0)
        total += count
        errors += failed
        print(
            f"{kind:<12} {count:>8} {count / seconds:>6.1f} {percentile(samples, 50):>8.0f} "
            f"{percentile(samples, 95):>8.0f} {percentile(samples, 99):>8.0f} "
            f"{(failed / count if count else 0):>7.1%} {outcomes.limited.get(kind, 0):>5}"
        )
    print(f"all: {total} requests, {errors} errors ({(errors / total if total else 0):.2%})")
    for kind, example in outcomes.examples.items():
        print(f"  first error of {kind}: {example}")


@contextmanager
def scratch_database(server: str) -> Iterator[str]:
    import psycopg

    base = server.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'drop database if exists "{SCRATCH}" with (force)')
        conn.execute(f'create database "{SCRATCH}"')
    try:
        yield f"{base}/{SCRATCH}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'drop database if exists "{SCRATCH}" with (force)')


def wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered")
        if fetch(base, "/")[0] == 200:
            return
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {base} within {seconds:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres", help="a server URL")
    parser.add_argument("--seconds", type=float, default=60, help="length of the mix; phase 2 takes as long")
    parser.add_argument("--clients", type=int, default=4, help="client threads of the mix")
    parser.add_argument("--pdf-clients", type=int, default=4, help="threads asking for PDFs in phase 2")
    parser.add_argument("--port", type=int, default=18600, help="loopback port for gunicorn")
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"

    with scratch_database(args.postgres) as database, tempfile.TemporaryDirectory(prefix="fourthp-bench-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "DATABASE_CONN_MAX_AGE": "60",
            "DEBUG": "0",
            "SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SITE_URL": base,
            "STATIC_ROOT": str(Path(tmp) / "static"),
            "MEDIA_ROOT": str(Path(tmp) / "media"),
            "API_RATE": "",
            "LOG_LEVEL": "WARNING",
        }
        env.pop("REDIS_URL", None)
        started = time.perf_counter()
        for command in (
            ["migrate", "--no-input", "-v", "0"],
            ["load_seed", "-v", "0"],
            ["collectstatic", "--no-input", "-v", "0"],
        ):
            subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True)
        print(f"scratch database {SCRATCH} migrated and seeded in {time.perf_counter() - started:.0f} s")

        gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
        logs = open(Path(tmp) / "servers.log", "wb")  # noqa: SIM115 (closed below)
        worker = subprocess.Popen(
            [PY, "manage.py", "run_worker", "--no-reload", "--queue-name", "default"],
            cwd=ROOT,
            env=env,
            stdout=logs,
            stderr=logs,
        )
        server = subprocess.Popen(
            [gunicorn, "fourthp.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{args.port}", "--timeout", "120"],
            cwd=ROOT,
            env=env,
            stdout=logs,
            stderr=logs,
        )
        try:
            wait_until_up(base, server)
            for path in MIX.values():  # warm both workers' caches a little
                fetch(base, path)

            paths = list(MIX.items())
            print(f"\nphase 1: the mix, {args.clients} clients for {args.seconds:.0f} s")
            mix = run_clients(base, [(paths, i) for i in range(args.clients)], args.seconds)
            report(mix, args.seconds)

            half = args.seconds / 2
            home = [("home", "/")]
            pdfs = [("PDF", f"/jurisdictions/{code}/report-card.pdf") for code in PDF_CODES]
            print(
                f"\nphase 2: the home page alone, then beside {args.pdf_clients} PDF clients, then beside as many "
                f"home-page clients, {half:.0f} s each"
            )
            alone = run_clients(base, [(home, 0)], half)
            loaded = run_clients(base, [(home, 0)] + [(pdfs, i) for i in range(args.pdf_clients)], half)
            p95_alone = percentile(alone.times.get("home", []), 95)
            p95_loaded = percentile(loaded.times.get("home", []), 95)
            pdf_count = len(loaded.times.get("PDF", []))
            print(f"home alone:      {len(alone.times.get('home', []))} requests, p95 {p95_alone:.0f} ms")
            print(
                f"home beside PDF: {len(loaded.times.get('home', []))} requests, p95 {p95_loaded:.0f} ms "
                f"({pdf_count} PDF requests, {loaded.errors.get('PDF', 0)} errors, {loaded.limited.get('PDF', 0)} 429, "
                f"{loaded.errors.get('home', 0)} home errors)"
            )
            print(f"ratio p95 beside PDF / alone: {p95_loaded / p95_alone:.2f}")
            # The control: the same number of clients asking for the home page itself. On a machine with
            # as many cores as app-server workers, any closed-loop load queues the measured client; the
            # PDF is only to blame for what its load costs beyond that.
            control = run_clients(base, [(home, 0)] + [(home, i + 1) for i in range(args.pdf_clients)], half)
            p95_control = percentile(control.times.get("home", []), 95)
            print(
                f"home beside {args.pdf_clients} more home clients (control): p95 {p95_control:.0f} ms; "
                f"ratio beside PDF / beside control: {p95_loaded / p95_control:.2f}"
            )
        finally:
            stop(server)
            stop(worker)
            logs.close()
            tail = (Path(tmp) / "servers.log").read_text(errors="replace").strip().splitlines()[-5:]
            if any("Error" in line or "Traceback" in line for line in tail):
                print("last lines of the servers' log:\n  " + "\n  ".join(tail))
            shutil.rmtree(Path(tmp) / "static", ignore_errors=True)

    print(f"\nmachine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}")


if __name__ == "__main__":
    sys.exit(main())
