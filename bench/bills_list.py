"""How long the bill list takes with 10,000 bills, and how many queries it makes.

Loads into a scratch database 10,000 synthetic bills spread over 20 jurisdictions and 3 sessions each,
each with two actions and one version touching one provision, then reads, as a visitor, the bill list's
first and last pages, filtered by jurisdiction, by status and by provision, and their JSON twin. It prints
the median time of each page and its SQL query count (the figure that must not grow with the number of
bills). Everything is written in one transaction that is rolled back at the end. Nothing here asserts on
a timing.

    .venv/bin/python bench/bills_list.py                                   # SQLite, a scratch file
    .venv/bin/python bench/bills_list.py --database postgres://postgres@127.0.0.1:5432/fourthp_bills
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scratch import setup_scratch_database, timed  # noqa: E402

BILLS = 10_000
JURISDICTIONS = 20
SESSIONS = 3
PROVISION = "prot.non-punishment"


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="sqlite:////tmp/fourthp-bench-bills.sqlite3")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    setup_scratch_database(args.database)
    from django.db import connection, transaction
    from django.test import Client

    from fourthp.bills.models import Bill, BillAction, BillVersion, LegislativeSession, TouchedProvision
    from fourthp.frameworks.models import Framework, Provision
    from fourthp.jurisdictions.models import Jurisdiction

    rows: list[tuple[str, float, int]] = []
    try:
        with transaction.atomic():
            places = list(Jurisdiction.objects.order_by("code")[:JURISDICTIONS])
            sessions = [
                LegislativeSession.objects.create(
                    jurisdiction=place, name=f"bench-{n}", starts_on=dt.date(2024 + n, 1, 10)
                )
                for place in places
                for n in range(SESSIONS)
            ]
            statuses = list(Bill.Status)
            bills = Bill.objects.bulk_create(
                Bill(
                    jurisdiction=sessions[n % len(sessions)].jurisdiction,
                    session=sessions[n % len(sessions)],
                    number=f"HB {n}",
                    title=f"An act concerning trafficking in persons, number {n}",
                    status=statuses[n % len(statuses)],
                    last_action_on=dt.date(2024, 1, 1) + dt.timedelta(days=n % 700),
                )
                for n in range(BILLS)
            )
            BillAction.objects.bulk_create(
                BillAction(bill=bill, date=bill.last_action_on, description=what, order=i)  # type: ignore[misc]
                for bill in bills
                for i, what in enumerate(("Introduced", "Referred to committee"))
            )
            versions = BillVersion.objects.bulk_create(BillVersion(bill=bill, label="As introduced") for bill in bills)
            provision = Provision.objects.get(framework=Framework.objects.default(), slug=PROVISION)
            TouchedProvision.objects.bulk_create(
                TouchedProvision(version=v, provision=provision, section="1", confidence=0.8) for v in versions[::3]
            )
            last_page = BILLS // 50
            code = places[0].code
            client = Client(HTTP_HOST="localhost")
            for label, url in [
                ("first page", "/bills/"),
                ("last page", f"/bills/?page={last_page}"),
                ("one jurisdiction", f"/bills/?jurisdiction={code}"),
                ("one status", "/bills/?status=in_committee"),
                ("one provision", f"/bills/?provision={PROVISION}"),
                ("JSON twin, all filters", f"/bills.json?jurisdiction={code}&status=introduced&provision={PROVISION}"),
            ]:

                def get(url: str = url) -> None:
                    response = client.get(url)
                    assert response.status_code == 200, (url, response.status_code)

                # Counted with an execute wrapper: Django empties its own query log when a request starts.
                executed: list[str] = []

                def count(execute, sql, params, many, context, executed=executed):  # type: ignore[no-untyped-def]
                    executed.append(sql)
                    return execute(sql, params, many, context)

                with connection.execute_wrapper(count):
                    get()
                rows.append((label, timed(get, args.runs), len(executed)))
            raise Rollback
    except Rollback:
        pass

    print(f"bill list with {BILLS:,} bills — {connection.vendor}, Python {platform.python_version()}")
    print(f"{'page':<26} {'median ms':>10} {'queries':>8}")
    for label, ms, count in rows:
        print(f"{label:<26} {ms:>10.1f} {count:>8}")


if __name__ == "__main__":
    main()
