"""How long a report card and a map take to render, against the template alone.

Loads 250 synthetic jurisdictions × 47 provisions of published assessments
(each full or partial one with a piece of evidence) into a scratch database,
then times, over repeated runs:

- the report card page (`/jurisdictions/<code>/report-card/`) through the
  whole stack, and the same template rendered from a context prepared once;
- the world map page (`/maps/`), and its template rendered from a prepared context.

The overhead ratio (whole page ÷ template alone) is the figure to report.
Everything is written in one transaction that is rolled back at the end, so the
scratch database is left as it was. Nothing here asserts on a timing.

    .venv/bin/python bench/report_card_render.py                       # SQLite, a scratch file
    .venv/bin/python bench/report_card_render.py --database postgres://postgres@127.0.0.1:5432/fourthp_bench
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from scratch import setup_scratch_database, timed  # noqa: E402

JURISDICTIONS = 250
STATUSES = ("full", "partial", "absent", "unknown")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="sqlite:////tmp/fourthp-bench.sqlite3", help="DATABASE_URL to use")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    setup_scratch_database(args.database)
    from django.db import connection, transaction
    from django.template.loader import render_to_string
    from django.test import Client, RequestFactory
    from django.utils import timezone

    from fourthp.assessments.maps import build_map
    from fourthp.assessments.models import Assessment, Evidence
    from fourthp.assessments.queries import default_framework, get_report_card
    from fourthp.jurisdictions.models import Jurisdiction
    from fourthp.laws.models import Instrument, Section
    from fourthp.lib.maps import render_svg

    framework = default_framework()
    provisions = list(framework.provisions.order_by("order"))
    client = Client(HTTP_HOST="localhost")
    factory = RequestFactory(HTTP_HOST="localhost")

    def page(url: str) -> Callable[[], object]:
        def get() -> object:
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            return response

        return get

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            now = timezone.now()
            places = [
                Jurisdiction(code=f"B{i:03d}", name=f"Benchland {i}", kind="sovereign_state", level="national")
                for i in range(JURISDICTIONS)
            ]
            Jurisdiction.objects.bulk_create(places)
            places = list(Jurisdiction.objects.filter(code__startswith="B", name__startswith="Benchland"))
            sections = []
            for j in places:
                instrument = Instrument.objects.create(
                    key=f"bench-{j.code.lower()}",
                    jurisdiction=j,
                    title=f"Bench Act {j.code}",
                    type="act",
                    section_key_prefix=f"bench-{j.code.lower()}",
                )
                sections.append(
                    Section(
                        instrument=instrument,
                        key=f"bench-{j.code.lower()}-1",
                        number="1",
                        citation=f"Bench Act {j.code}, s. 1",
                        order=1,
                        text="A person who recruits another by force for exploitation commits an offence.",
                    )
                )
            Section.objects.bulk_create(sections)
            section_of = {s.key: s for s in Section.objects.filter(key__startswith="bench-")}
            assessments = []
            for n, j in enumerate(places):
                for m, provision in enumerate(provisions):
                    status = STATUSES[(n + m) % 4]
                    if status == "unknown":
                        continue
                    assessments.append(
                        Assessment(
                            jurisdiction=j,
                            provision=provision,
                            status=status,
                            rationale="Synthetic finding.",
                            law_reviewed="The whole code." if status == "absent" else "",
                            state="published",
                            published_at=now,
                        )
                    )
            Assessment.objects.bulk_create(assessments)
            evidence = [
                Evidence(
                    assessment=a,
                    section=section_of[f"bench-{a.jurisdiction.code.lower()}-1"],
                    start=2,
                    end=30,
                    quote=section_of[f"bench-{a.jurisdiction.code.lower()}-1"].text[2:30],
                )
                for a in Assessment.objects.filter(
                    jurisdiction__in=places, status__in=["full", "partial"]
                ).select_related("jurisdiction")
            ]
            Evidence.objects.bulk_create(evidence)
            target = places[0]

            card_page = timed(page(f"/jurisdictions/{target.code}/report-card/"), args.runs)
            request = factory.get(f"/jurisdictions/{target.code}/report-card/")
            card = get_report_card(target, framework)
            context = {"card": card, "jurisdiction": target, "can_assess": False, "json_url": "/x.json"}
            # Touch the evidence once so the prepared context holds everything.
            render_to_string("assessments/report_card.html", context, request=request)
            card_template = timed(
                lambda: render_to_string("assessments/report_card.html", context, request=request), args.runs
            )

            map_page = timed(page("/maps/"), max(5, args.runs // 3))
            view = build_map("world", framework)
            svg = render_svg(view.geometry, view.places, title=view.title, legend=view.legend)
            map_context = {
                "svg": svg,
                "view": view,
                "which": "world",
                "maps": {},
                "measure": "overall",
                "pillars": [],
                "provisions": [],
                "indicators": [],
                "off_map": [],
                "errors": [],
                "json_url": "/maps.json",
            }
            map_request = factory.get("/maps/")
            map_template = timed(
                lambda: render_to_string("assessments/maps.html", map_context, request=map_request),
                max(5, args.runs // 3),
            )
            svg_only = timed(
                lambda: render_svg(view.geometry, view.places, title=view.title, legend=view.legend), args.runs
            )
            raise Rollback
    except Rollback:
        pass

    print(f"database: {connection.vendor} ({args.database.split('@')[-1]})")
    print(
        f"data: {JURISDICTIONS} synthetic jurisdictions x {len(provisions)} provisions, "
        f"{len(assessments)} published assessments, {len(evidence)} evidence quotes"
    )
    print(f"median of {args.runs} runs (maps: {max(5, args.runs // 3)})")
    print(f"{'':34}{'whole page':>12}{'template only':>15}{'overhead':>10}")
    print(
        f"{'report card (1 jurisdiction)':34}{card_page:>10.1f}ms{card_template:>13.1f}ms{card_page / card_template:>9.2f}x"
    )
    print(
        f"{'world map (all jurisdictions)':34}{map_page:>10.1f}ms{map_template:>13.1f}ms{map_page / map_template:>9.2f}x"
    )
    print(f"{'  of which the SVG alone':34}{svg_only:>10.1f}ms")


if __name__ == "__main__":
    main()
