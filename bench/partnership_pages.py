"""How long the partnership pages take with many members, and how many queries each makes.

Loads into a scratch database 250 synthetic jurisdictions with published
findings for one provision, 10,000 member profiles (visibility chosen at random
field by field, a third agreeing to peer contact, one in twenty with lived
experience and half of those consenting to be listed), 40 working groups and
300 events with registrations. Then it times, over repeated runs, as a visitor
and as a signed-in member:

- the member directory (first page, and filtered by region and language),
- "countries represented",
- the peer finder for the provision, ranked against one jurisdiction,
- the working-group list and the event list.

It prints the median time of each page and the number of SQL queries it made
(the figure that must not grow with the number of members). Everything is
written in one transaction that is rolled back at the end. Nothing here asserts
on a timing.

    .venv/bin/python bench/partnership_pages.py                       # SQLite, a scratch file
    .venv/bin/python bench/partnership_pages.py --database postgres://postgres@127.0.0.1:5432/fourthp_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scratch import setup_scratch_database, timed  # noqa: E402

JURISDICTIONS = 250
MEMBERS = 10_000
GROUPS = 40
EVENTS = 300
PROVISION = "crim.debt-bondage"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="sqlite:////tmp/fourthp-bench-partnership.sqlite3")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    setup_scratch_database(args.database)
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from fourthp.accounts.models import User
    from fourthp.assessments.models import Assessment
    from fourthp.events.models import Event, Registration
    from fourthp.frameworks.models import Provision
    from fourthp.groups.models import GroupMembership, WorkingGroup
    from fourthp.jurisdictions.models import Jurisdiction
    from fourthp.members.models import VISIBLE_FIELDS, Consent, Profile, Visibility

    rng = random.Random(7)
    provision = Provision.objects.get(framework__slug="four-p", slug=PROVISION)

    class Rollback(Exception):
        pass

    rows: list[tuple[str, str, float, int]] = []
    try:
        with transaction.atomic():
            now = timezone.now()
            regions = [("002", "Africa"), ("019", "Americas"), ("142", "Asia"), ("150", "Europe"), ("009", "Oceania")]
            traditions = ["common_law", "civil_law", "mixed"]
            places = []
            for i in range(JURISDICTIONS):
                code, name = regions[i % len(regions)]
                places.append(
                    Jurisdiction(
                        code=f"B{i:03d}",
                        name=f"Benchland {i}",
                        kind="sovereign_state",
                        level="national",
                        region_code=code,
                        region_name=name,
                        legal_tradition=traditions[i % 3],
                    )
                )
            Jurisdiction.objects.bulk_create(places)
            places = list(Jurisdiction.objects.filter(code__startswith="B", name__startswith="Benchland"))
            statuses = ["full", "partial", "absent"]
            Assessment.objects.bulk_create(
                Assessment(
                    jurisdiction=j,
                    provision=provision,
                    status=statuses[n % 3],
                    rationale="Synthetic finding.",
                    law_reviewed="The whole code." if statuses[n % 3] == "absent" else "",
                    state="published",
                    published_at=now,
                )
                for n, j in enumerate(places)
            )
            password = make_password(None)
            users = User.objects.bulk_create(
                User(username=f"bench-{n}", email=f"bench-{n}@example.org", password=password) for n in range(MEMBERS)
            )
            users = list(User.objects.filter(username__startswith="bench-").order_by("pk"))
            levels = [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.SECRETARIAT]
            profiles = []
            for n, user in enumerate(users):
                lived = n % 20 == 0
                profiles.append(
                    Profile(
                        user=user,
                        name=f"Member {n:05d}",
                        role="lived-experience expert"
                        if lived
                        else rng.choice(["legislator", "researcher", "civil society"]),
                        jurisdiction=places[n % JURISDICTIONS],
                        languages=rng.sample(["en", "fr", "es", "ar", "ru"], 2),
                        organisation=f"Organisation {n % 300}",
                        **{f"{f}_visibility": rng.choice(levels) for f in VISIBLE_FIELDS},
                    )
                )
            Profile.objects.bulk_create(profiles)
            consents = []
            for n, user in enumerate(users):
                if n % 3 == 0:
                    consents.append(Consent(user=user, kind=Consent.Kind.PEER_CONTACT, statement="bench"))
                if n % 40 == 0:
                    consents.append(Consent(user=user, kind=Consent.Kind.LIVED_EXPERIENCE_LISTING, statement="bench"))
            Consent.objects.bulk_create(consents)
            groups = WorkingGroup.objects.bulk_create(
                WorkingGroup(slug=f"bench-group-{n}", title=f"Bench group {n}", description="Synthetic.")
                for n in range(GROUPS)
            )
            groups = list(WorkingGroup.objects.filter(slug__startswith="bench-group-"))
            GroupMembership.objects.bulk_create(
                GroupMembership(group=groups[n % GROUPS], user=user, state="active")
                for n, user in enumerate(users[:4000])
            )
            events = Event.objects.bulk_create(
                Event(
                    title=f"Bench convening {n}",
                    description="Synthetic.",
                    kind="virtual",
                    starts_at=now + dt.timedelta(days=n % 90 + 1),
                    ends_at=now + dt.timedelta(days=n % 90 + 1, hours=2),
                    time_zone="UTC",
                    online_link="https://meet.example.org/bench",
                    capacity=50,
                    audience=["public", "members", "group"][n % 3],
                    working_group=groups[n % GROUPS] if n % 3 == 2 else None,
                    state="published",
                )
                for n in range(EVENTS)
            )
            events = list(Event.objects.filter(title__startswith="Bench convening"))
            Registration.objects.bulk_create(
                Registration(event=events[n % EVENTS], user=user, state="confirmed", confirmed_at=now)
                for n, user in enumerate(users[:6000])
            )

            if connection.vendor == "postgresql":
                # Fresh statistics, as autovacuum would give a real database after a bulk load.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
            viewer = users[1]
            clients = {"visitor": Client(HTTP_HOST="localhost"), "member": Client(HTTP_HOST="localhost")}
            clients["member"].force_login(viewer)
            pages = [
                ("directory", "/members/"),
                ("directory, region + language", "/members/?region=150&language=fr"),
                ("countries represented", "/members/countries/"),
                ("peer finder", f"/peers/?provision={PROVISION}&jurisdiction=B003"),
                ("working groups", "/groups/"),
                ("events", "/events/"),
            ]
            for who, client in clients.items():
                for label, url in pages:

                    def get(client: Client = client, url: str = url) -> None:
                        response = client.get(url)
                        if response.status_code != 200:
                            raise SystemExit(f"{url} answered {response.status_code}")

                    connection.queries_log.clear()  # a full log (9,000 entries) would count nothing new
                    with CaptureQueriesContext(connection) as queries:
                        get()
                    rows.append((who, label, timed(get, args.runs), len(queries.captured_queries)))
            raise Rollback
    except Rollback:
        pass

    print(
        f"Partnership pages with {MEMBERS:,} members, {JURISDICTIONS} jurisdictions, {GROUPS} groups, {EVENTS} events"
    )
    print(f"database: {connection.vendor}; {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs")
    print(f"{'viewer':<8} {'page':<30} {'median ms':>10} {'queries':>8}")
    for who, label, ms, queries in rows:
        print(f"{who:<8} {label:<30} {ms:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
