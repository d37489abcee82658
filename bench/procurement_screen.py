"""How many lines of a procurement file a screen reads and checks per second.

Makes a CSV of --lines lines (a mix of goods on ILAB's list from listed countries, goods named by a synonym or
only by an HS code, goods with no finding, and bad rows), then times, separately, reading the file
(`reading.read_upload`), building the index (`screening.Screener`) and screening every line as the task worker
does (`running.do_run_screen`, progress saves included), in a scratch database with the seed loaded. It prints
lines per second for each step and for the whole. Everything is written in one transaction that is rolled back
at the end. Nothing here asserts on a timing.

    .venv/bin/python bench/procurement_screen.py [--lines 10000]
    .venv/bin/python bench/procurement_screen.py --database postgres://postgres@127.0.0.1:5432/fourthp_bench_screen
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scratch import setup_scratch_database  # noqa: E402

MIX = [
    ("Cocoa beans", "Ghana", ""),
    ("Cacao", "Côte d'Ivoire", ""),
    ("Widget", "China", "8541.43"),
    ("Garments", "Bangladesh", "6109"),
    ("Printer paper", "Germany", "4802"),
    ("Tomatoes", "Mexico", ""),
    ("Office chairs", "", ""),
    ("Gold", "Atlantis", "7108"),
]


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="sqlite:////tmp/fourthp-bench-screen.sqlite3")
    parser.add_argument("--lines", type=int, default=10_000)
    args = parser.parse_args()
    os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    setup_scratch_database(args.database)
    from django.db import connection, transaction

    from fourthp.jurisdictions.models import Jurisdiction
    from fourthp.supplychains.models import ProcurementScreen
    from fourthp.supplychains.reading import read_upload
    from fourthp.supplychains.running import do_run_screen
    from fourthp.supplychains.screening import Screener
    from fourthp.testing import make_member

    rows = ["good,country,hs code"] + [",".join(MIX[n % len(MIX)]) for n in range(args.lines)]
    data = ("\n".join(rows) + "\n").encode()
    figures: list[tuple[str, float]] = []
    try:
        with transaction.atomic():
            start = time.perf_counter()
            upload = read_upload("bench.csv", data, max_lines=args.lines)
            figures.append(("read the CSV", time.perf_counter() - start))
            start = time.perf_counter()
            Screener()
            figures.append(("build the index (once per screen)", time.perf_counter() - start))
            screen = ProcurementScreen.objects.create(
                owner=make_member(), file_name="bench.csv", buyer=Jurisdiction.objects.get(code="FR"),
                lines_total=len(upload.lines),
                lines=[[line.number, line.good, line.country, line.hs_code] for line in upload.lines],
                bad_rows=[[row.number, row.reason] for row in upload.bad_rows],
            )  # fmt: skip
            start = time.perf_counter()
            done = do_run_screen(screen.pk)
            figures.append(("screen every line (index included)", time.perf_counter() - start))
            assert done is not None and done.state == "done"
            at_risk, clear, bad = len(done.results), done.lines_clear, len(done.bad_rows)
            raise Rollback
    except Rollback:
        pass
    print(f"machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}")
    print(f"database: {connection.vendor}; lines: {args.lines} ({at_risk} at risk, {clear} clear, {bad} bad rows)")
    for label, seconds in figures:
        print(f"{label:40} {seconds * 1000:9.1f} ms  {args.lines / seconds:12,.0f} lines/s")
    total = figures[0][1] + figures[2][1]
    print(f"{'read and screen':40} {total * 1000:9.1f} ms  {args.lines / total:12,.0f} lines/s")


if __name__ == "__main__":
    main()
