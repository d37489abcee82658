"""Concurrent signatures against gunicorn: how many are taken per second, and whether each is counted once.

1. Makes a scratch database: a SQLite file in a temporary folder, or, with --postgres (or a
   postgres:// DATABASE_URL), the database `fourthp_bench_signatures` on that server (dropping a
   leftover one). Migrates it, loads the jurisdictions (not the whole seed), and makes one open public campaign and
   --legislators legislator accounts, each signed in (a session made for her).
2. Starts gunicorn (--workers, DEBUG off, a throwaway SECRET_KEY) on loopback. The per-address
   limit on public signatures is set high through the environment (CAMPAIGN_SIGNATURES_RATE,
   --rate): every request comes from 127.0.0.1, and the bench measures the server, not the limit.
3. For --seconds, --clients threads post the public sign-on form, each with new addresses and,
   one post in --duplicate-every, an address some thread already posted; legislators' threads
   (one in four clients, when there are legislators) sign with one click, some of them twice.
4. Prints the accepted responses, the refused ones (429 rate-limited, 4xx, 5xx, no answer), the
   signatures in the database, the addresses held twice (must be 0), and the signatures per
   second; then checks that the database holds one signature for each address (and each
   legislator) that was accepted, says so, and exits 1 if not.

No worker runs: the confirmation e-mails stay queued, as the bench measures the form, not the mail.
Every loop is bounded by a deadline and a request count; nothing here is asserted by a test.

    .venv/bin/python bench/signatures.py [--seconds 60] [--clients 6] [--workers 3] [--port 18500]
        [--postgres postgres://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from read_mix import stop  # the same way of stopping gunicorn

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
SCRATCH = "fourthp_bench_signatures"
SLUG = "bench-end-debt-bondage"
MAX_REQUESTS_PER_CLIENT = 100_000
REQUEST_TIMEOUT = 60
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

SETUP = """
import json, django
django.setup()
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from allauth.account.models import EmailAddress
from fourthp.accounts.models import User
from fourthp.campaigns.models import Campaign
from fourthp.jurisdictions.actions import do_load_jurisdictions
do_load_jurisdictions(settings.DATA_DIR / "jurisdictions" / "details.yaml")
Campaign.objects.create(
    title="End debt bondage", slug=%(slug)r, audience=Campaign.Audience.PUBLIC, state=Campaign.State.OPEN,
    statement="We call on every legislature to make debt bondage a crime.",
)
legislators = Group.objects.get_or_create(name="legislator member")[0]
sessions = []
for n in range(%(legislators)d):
    user = User.objects.create_user(username=f"lena-{n}", email=f"lena-{n}@example.org", display_name=f"Lena {n}")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.groups.add(legislators)
    client = Client()
    client.force_login(user)
    sessions.append(client.cookies["sessionid"].value)
print(json.dumps(sessions))
"""


class Tally:
    """What the client threads saw, shared between them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.outcomes: Counter[str] = Counter()
        self.accepted_emails: Counter[str] = Counter()
        self.accepted_legislators: Counter[str] = Counter()
        self.posted: list[str] = []
        self.example = ""

    def record(self, kind: str, status: int, who: str, note: str = "") -> None:
        with self.lock:
            if kind == "public" and status == 200:
                self.outcomes["public accepted"] += 1
                self.accepted_emails[who] += 1
            elif kind == "one-click" and status == 302:
                self.outcomes["one-click accepted"] += 1
                self.accepted_legislators[who] += 1
            elif status == 429:
                self.outcomes[f"{kind} rate-limited (429)"] += 1
            else:
                self.outcomes[f"{kind} refused or failed ({status or 'no answer'})"] += 1
                self.example = self.example or f"{kind}: {status} {note}".strip()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request(url: str, data: dict[str, str] | None = None, cookies: str = "") -> tuple[int, str, str]:
    """GET (or POST `data` to) `url` without following redirects: status, body, Set-Cookie headers."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers={"Cookie": cookies} if cookies else {})  # noqa: S310
    try:
        with OPENER.open(req, timeout=REQUEST_TIMEOUT) as response:
            return response.status, response.read().decode(errors="replace"), str(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), str(error.headers)
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        return 0, str(error), ""


def csrf(url: str, cookies: str = "") -> tuple[str, str]:
    """The CSRF cookie and form token of the page at `url` (a page with a form)."""
    status, body, headers = request(url, cookies=cookies)
    cookie = re.search(r"csrftoken=([^;]+)", headers)
    token = TOKEN.search(body)
    if status != 200 or not cookie or not token:
        raise SystemExit(f"no CSRF token at {url} ({status})")
    return cookie.group(1), token.group(1)


def public_signer(base: str, number: int, deadline: float, tally: Tally, duplicate_every: int) -> None:
    url = f"{base}/campaigns/{SLUG}/sign/"
    cookie, token = csrf(url)
    rng = random.Random(number)
    for n in range(MAX_REQUESTS_PER_CLIENT):
        if time.monotonic() >= deadline:
            return
        with tally.lock:
            earlier = list(tally.posted[-200:])
        if duplicate_every and n % duplicate_every == duplicate_every - 1 and earlier:
            email = rng.choice(earlier)
        else:
            email = f"signer-{number}-{n}@example.net"
            with tally.lock:
                tally.posted.append(email)
        form = {
            "csrfmiddlewaretoken": token,
            "name": f"Signer {number}-{n}",
            "organisation": "",
            "jurisdiction": rng.choice(["CA", "FR", "RO", "US-DC"]),
            "email": email,
            "show_name": "on" if n % 2 else "",
        }
        status, body, _headers = request(url, form, cookies=f"csrftoken={cookie}")
        tally.record("public", status, email, body[:200] if status >= 400 else "")


def legislator_signer(base: str, sessions: list[str], deadline: float, tally: Tally) -> None:
    """Each legislator signs with one click; one in three clicks again, as with two tabs."""
    url = f"{base}/campaigns/{SLUG}/"
    for n, session in enumerate(sessions):
        if time.monotonic() >= deadline:
            return
        cookies = f"sessionid={session}"
        cookie, token = csrf(url, cookies)
        cookies += f"; csrftoken={cookie}"
        for _click in range(2 if n % 3 == 0 else 1):
            status, _body, _headers = request(
                f"{url}sign/member/", {"csrfmiddlewaretoken": token, "show_name": "on"}, cookies
            )
            tally.record("one-click", status, session)


def _on_server(base: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


@contextmanager
def scratch_database(postgres: str, tmp: Path) -> Iterator[str]:
    """A SQLite file in `tmp`, or a fresh scratch database on the PostgreSQL server, dropped at the end."""
    if not postgres:
        yield f"sqlite:///{tmp / 'bench.sqlite3'}"
        return
    base = postgres.rsplit("/", 1)[0]
    drop = f'drop database if exists "{SCRATCH}" with (force)'
    _on_server(base, drop, f'create database "{SCRATCH}"')
    try:
        yield f"{base}/{SCRATCH}"
    finally:
        _on_server(base, drop)


def count_in_database(env: dict[str, str]) -> dict[str, int]:
    code = (
        "import json, django\ndjango.setup()\n"
        "from django.db.models import Count\n"
        "from fourthp.campaigns.models import Signature\n"
        f"rows = Signature.objects.filter(campaign__slug={SLUG!r})\n"
        "print(json.dumps({'signatures': rows.count(), 'public': rows.filter(user__isnull=True).count(),\n"
        "  'one-click': rows.filter(user__isnull=False).count(),\n"
        "  'emails held twice': rows.exclude(email='').values('email').annotate(n=Count('id')).filter(n__gt=1).count(),\n"
        "  'accounts held twice': rows.filter(user__isnull=False).values('user').annotate(n=Count('id'))"
        ".filter(n__gt=1).count()}))\n"
    )
    done = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    answer: dict[str, int] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered")
        status, body, _headers = request(url)
        if status == 200:
            return
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer at {url} within {seconds:.0f} s: {status} {body[:300]}")


def cpu_model() -> str:
    info = Path("/proc/cpuinfo")
    names = [line.split(":", 1)[1].strip() for line in info.read_text().splitlines() if line.startswith("model name")]
    return names[0] if names else platform.processor() or "unknown CPU"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    given = os.environ.get("DATABASE_URL", "")
    parser.add_argument(
        "--postgres",
        default=given if given.startswith(("postgres://", "postgresql://")) else "",
        help="a PostgreSQL server URL (default: a postgres:// DATABASE_URL, else SQLite)",
    )
    parser.add_argument("--seconds", type=float, default=60, help="how long the clients post")
    parser.add_argument("--clients", type=int, default=6, help="client threads posting the public form")
    parser.add_argument("--legislators", type=int, default=40, help="legislator accounts signing with one click")
    parser.add_argument("--duplicate-every", type=int, default=10, help="one post in N repeats an earlier address")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=18500, help="loopback port for gunicorn (18500 and up)")
    parser.add_argument("--rate", default="1000000/m", help="CAMPAIGN_SIGNATURES_RATE for the run")
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"

    with tempfile.TemporaryDirectory(prefix="fourthp-bench-") as folder:
        tmp = Path(folder)
        with scratch_database(args.postgres, tmp) as database:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "fourthp.settings",
                "DATABASE_URL": database,
                "DATABASE_CONN_MAX_AGE": "60",
                "DEBUG": "0",
                "SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
                "ALLOWED_HOSTS": "127.0.0.1,testserver",
                "SECURE_SSL_REDIRECT": "0",
                "SITE_URL": base,
                "MEDIA_ROOT": str(tmp / "media"),
                "STATIC_ROOT": str(tmp / "static"),
                "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
                "CAMPAIGN_SIGNATURES_RATE": args.rate,
                "LOG_LEVEL": "WARNING",
            }
            env.pop("REDIS_URL", None)
            started = time.perf_counter()
            for command in (["migrate", "--no-input", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
                subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True)
            setup = SETUP % {"slug": SLUG, "legislators": args.legislators}
            made = subprocess.run([PY, "-c", setup], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
            sessions: list[str] = json.loads(made.stdout.strip().splitlines()[-1])
            engine = "PostgreSQL" if args.postgres else "SQLite"
            print(
                f"{engine} scratch database migrated, with the jurisdictions, in {time.perf_counter() - started:.0f} s"
            )

            logs = open(tmp / "server.log", "wb")  # noqa: SIM115 (closed below)
            gunicorn = [str(ROOT / ".venv" / "bin" / "gunicorn"), "fourthp.wsgi", "--workers", str(args.workers)]
            server = subprocess.Popen(
                [*gunicorn, "--bind", f"127.0.0.1:{args.port}", "--timeout", "120"],
                cwd=ROOT,
                env=env,
                stdout=logs,
                stderr=logs,
            )
            tally = Tally()
            try:
                wait_until_up(f"{base}/campaigns/{SLUG}/sign/", server)
                lanes = [sessions[i::2] for i in range(2)] if sessions else []
                print(
                    f"{args.clients} public clients and {len(lanes)} one-click clients ({len(sessions)} legislators) "
                    f"for {args.seconds:.0f} s against {args.workers} gunicorn workers"
                )
                deadline = time.monotonic() + args.seconds
                begun = time.monotonic()
                numbers = itertools.count(1)
                threads = [
                    threading.Thread(
                        target=public_signer, args=(base, next(numbers), deadline, tally, args.duplicate_every)
                    )
                    for _ in range(args.clients)
                ] + [threading.Thread(target=legislator_signer, args=(base, lane, deadline, tally)) for lane in lanes]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(args.seconds + REQUEST_TIMEOUT + 5)
                elapsed = time.monotonic() - begun
            finally:
                stop(server)
                logs.close()
            found = count_in_database(env)
            tail = (tmp / "server.log").read_text(errors="replace").strip().splitlines()[-5:]

    accepted = tally.outcomes["public accepted"] + tally.outcomes["one-click accepted"]
    repeats = sum(n - 1 for n in tally.accepted_emails.values()) + sum(
        n - 1 for n in tally.accepted_legislators.values()
    )
    expected = len(tally.accepted_emails) + len(tally.accepted_legislators)
    print(f"\n{engine}, {elapsed:.0f} s")
    for outcome, count in sorted(tally.outcomes.items()):
        print(f"  {outcome:<40} {count:>7}")
    refused = sum(n for k, n in tally.outcomes.items() if "accepted" not in k)
    print(f"  {'accepted responses':<40} {accepted:>7}  ({repeats} of them repeat an address or a legislator)")
    print(f"  {'rate-limited or refused responses':<40} {refused:>7}")
    print(f"  {'signatures in the database':<40} {found['signatures']:>7}  ({found['public']} public, "
          f"{found['one-click']} one-click)")  # fmt: skip
    print(f"  {'duplicates by e-mail':<40} {found['emails held twice']:>7}")
    print(f"  {'duplicates by account':<40} {found['accounts held twice']:>7}")
    print(f"  {'signatures per second':<40} {found['signatures'] / elapsed:>7.1f}")
    print(f"  {'accepted responses per second':<40} {accepted / elapsed:>7.1f}")
    if tally.example:
        print(f"  first refusal: {tally.example}")
    if any("Error" in line or "Traceback" in line for line in tail):
        print("last lines of the server's log:\n  " + "\n  ".join(tail))
    print(
        f"\nmachine: {os.cpu_count()} CPUs ({cpu_model()}), {platform.platform()}, Python {platform.python_version()}"
    )

    holds = found["signatures"] == expected and not found["emails held twice"] and not found["accounts held twice"]
    verdict = "matches" if holds else "DOES NOT match"
    print(
        f"\ncheck: the database's {found['signatures']} signatures {verdict} the {expected} accepted responses "
        f"of distinct addresses and legislators ({accepted} accepted less {repeats} repeats)"
    )
    return 0 if holds else 1


if __name__ == "__main__":
    sys.exit(main())
