"""How long the personal home page takes with a large partnership, and how many queries it and the header make.

Loads into a scratch database 10,000 synthetic bills over 20 jurisdictions (most still pending), 2,000 open
assessments (an analyst's drafts, half of them returned, and 1,000 waiting for review), 300 membership
applications, 500 open assessment requests, and 60 working groups and 60 upcoming events the person belongs
to. Then it reads, as each role, the home page and its JSON twin, and a plain page (the frameworks list)
whose header carries the work count. It prints the median time of each and its SQL query count (the figure
that must not grow with the data). Everything is written in one transaction that is rolled back at the end.
Nothing here asserts on a timing.

    .venv/bin/python bench/home.py                                   # SQLite, a scratch file
    .venv/bin/python bench/home.py --database postgres://postgres@127.0.0.1:5432/fourthp_bench_home
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scratch import setup_scratch_database, timed  # noqa: E402

BILLS = 10_000
JURISDICTIONS = 20
DRAFTS = 1_000
IN_REVIEW = 1_000
APPLICATIONS = 300
REQUESTS = 500
GROUPS = 60
EVENTS = 60


class Rollback(Exception):
    pass


def _load(places: list[Any], users: dict[str, Any]) -> None:
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from fourthp.accounts.roles import Role
    from fourthp.assessments.models import Assessment, AssessmentRequest
    from fourthp.bills.models import Bill, LegislativeSession
    from fourthp.events.models import Event, Registration
    from fourthp.frameworks.models import Framework, Provision
    from fourthp.groups.models import GroupMembership, WorkingGroup
    from fourthp.jurisdictions.models import Jurisdiction
    from fourthp.members.models import Application, Profile

    now = timezone.now()
    from fourthp.testing import give_authenticator

    for role, user in users.items():
        if role in ("reviewer", "secretariat"):
            give_authenticator(user)  # they must sign in with two factors
        if role != "member":
            user.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])
        Profile.objects.create(user=user, name=user.username, jurisdiction=places[0])
    sessions = [
        LegislativeSession.objects.create(jurisdiction=place, name="bench", starts_on=dt.date(2025, 1, 10))
        for place in places
    ]
    statuses = list(Bill.Status)
    Bill.objects.bulk_create(
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
    framework = Framework.objects.default()
    provisions = list(Provision.objects.filter(framework=framework).order_by("order"))
    taken = set(Assessment.objects.open().values_list("jurisdiction_id", "provision_id"))
    pairs = (
        (j, p)
        for j in Jurisdiction.objects.order_by("code").values_list("pk", flat=True)
        for p in provisions
        if (j, p.pk) not in taken
    )
    rows = []
    for n in range(DRAFTS + IN_REVIEW):
        jurisdiction_id, provision = next(pairs)
        drafted = n < DRAFTS
        rows.append(
            Assessment(
                jurisdiction_id=jurisdiction_id,
                provision=provision,
                status="partial",
                rationale="Bench.",
                assessor=users["analyst"] if drafted else users["member"],
                state=Assessment.State.DRAFT if drafted else Assessment.State.IN_REVIEW,
                review_comment="Quote the section." if drafted and n % 2 else "",
            )
        )
    Assessment.objects.bulk_create(rows)
    Application.objects.bulk_create(
        Application(
            name=f"Applicant {n}",
            email=f"applicant{n}@example.org",
            jurisdiction=places[n % len(places)],
            legislature="Assembly",
            role="legislator",
            mission_version=1,
            mission_text="Bench.",
            mission_accepted_at=now,
        )
        for n in range(APPLICATIONS)
    )
    everywhere = list(Jurisdiction.objects.order_by("code"))
    people = list(users.values())  # one open request per person and place
    AssessmentRequest.objects.bulk_create(
        AssessmentRequest(
            kind=AssessmentRequest.Kind.ASSESSMENT,
            jurisdiction=everywhere[n % len(everywhere)],
            framework=framework,
            requester=people[n // len(everywhere)],
        )
        for n in range(REQUESTS)
    )
    groups = WorkingGroup.objects.bulk_create(
        WorkingGroup(slug=f"bench-{n}", title=f"Bench group {n}", description="Bench.", visibility="private")
        for n in range(GROUPS)
    )
    events = Event.objects.bulk_create(
        Event(
            title=f"Bench convening {n}",
            description="Bench.",
            kind="virtual",
            starts_at=now + dt.timedelta(days=n + 1),
            ends_at=now + dt.timedelta(days=n + 1, hours=1),
            time_zone="UTC",
            online_link="https://meet.example.org/bench",
            audience="members",
            state="published",
        )
        for n in range(EVENTS)
    )
    for user in users.values():
        GroupMembership.objects.bulk_create(GroupMembership(group=g, user=user, state="active") for g in groups)
        Registration.objects.bulk_create(Registration(event=e, user=user, state="confirmed") for e in events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="sqlite:////tmp/fourthp-bench-home.sqlite3")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    setup_scratch_database(args.database)
    from django.db import connection, transaction
    from django.test import Client

    from fourthp.accounts.models import User
    from fourthp.jurisdictions.models import Jurisdiction

    rows: list[tuple[str, str, float, int]] = []
    try:
        with transaction.atomic():
            places = list(Jurisdiction.objects.filter(code__in=["US-DC", "US"]).order_by("-code"))
            places += list(Jurisdiction.objects.exclude(code__in=["US-DC", "US"]).order_by("code")[: JURISDICTIONS - 2])
            users = {
                role: User.objects.create_user(username=f"bench-{role}", email=f"bench-{role}@example.org")
                for role in ("member", "analyst", "reviewer", "secretariat")
            }
            _load(places, users)
            for role, user in users.items():
                client = Client(HTTP_HOST="localhost")
                client.force_login(user)
                for label, url in [
                    ("home page", "/home/"),
                    ("home JSON", "/home.json"),
                    ("a page's header", "/frameworks/"),
                ]:

                    def get(url: str = url, client: Client = client) -> None:
                        response = client.get(url)
                        assert response.status_code == 200, (url, response.status_code)

                    # Counted with an execute wrapper: Django empties its own query log when a request starts.
                    executed: list[str] = []

                    def count(execute, sql, params, many, context, executed=executed):  # type: ignore[no-untyped-def]
                        executed.append(sql)
                        return execute(sql, params, many, context)

                    with connection.execute_wrapper(count):
                        get()
                    rows.append((role, label, timed(get, args.runs), len(executed)))
            raise Rollback
    except Rollback:
        pass

    print(
        f"home page with {BILLS:,} bills, {DRAFTS + IN_REVIEW:,} open assessments, {APPLICATIONS} applications, "
        f"{REQUESTS} requests — {connection.vendor}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {platform.platform()}"
    )
    print(f"{'role':<12} {'page':<18} {'median ms':>10} {'queries':>8}")
    for role, label, ms, queries in rows:
        print(f"{role:<12} {label:<18} {ms:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
