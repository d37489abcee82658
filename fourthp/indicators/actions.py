"""Loading the indicators' seed data: the FBI's reported offences per state and year, and funding comparisons."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from fourthp.indicators.models import FundingComparison, Offence, ReportedOffences
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.statistics.models import Statistic

UCR_FILE = Path("fbi-ucr") / "fbi_cde_human_trafficking_agency_2013-2020.csv"
FUNDING_FILE = Path("funding.yaml")
OFFENCES: dict[str, Offence] = {
    "Commercial Sex Acts": Offence.COMMERCIAL_SEX_ACTS,
    "Involuntary Servitude": Offence.INVOLUNTARY_SERVITUDE,
}
# The FBI's own abbreviations that are not the state's ISO 3166-2 code.
FBI_STATE_CODES = {"NB": "NE"}


class IndicatorsRefused(Exception):
    """A seed file of the indicators that cannot be loaded, with what is wrong in it."""


@dataclass
class OffencesReport:
    created: int = 0
    kept: int = 0
    unplaced: set[str] = field(default_factory=set)


def _count(text: str) -> int:
    return int(text.strip() or 0)


@transaction.atomic
def do_load_reported_offences(path: Path) -> OffencesReport:
    """Sum the agencies' rows of the FBI file per state, year and offence; a total already loaded is kept."""
    totals: dict[tuple[str, int, Offence], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                offence = OFFENCES[row["OFFENSE_SUBCAT_NAME"].strip()]
                state = row["STATE_ABBR"].strip()
                key = (f"US-{FBI_STATE_CODES.get(state, state)}", int(row["DATA_YEAR"]), offence)
                counts = (_count(row["ACTUAL_COUNT"]), _count(row["UNFOUNDED_COUNT"]), _count(row["CLEARED_COUNT"]))
            except (KeyError, ValueError) as exc:
                raise IndicatorsRefused(f"{path.name}, line {line}: cannot be read ({exc})") from exc
            total = totals[key]
            for index, value in enumerate(counts):
                total[index] += value
            total[3] += 1
    report = OffencesReport()
    states = {j.code: j for j in Jurisdiction.objects.filter(code__in={code for code, _y, _o in totals})}
    existing = set(ReportedOffences.objects.values_list("jurisdiction__code", "year", "offence"))
    new = []
    for (code, year, offence), (actual, unfounded, cleared, agencies) in sorted(totals.items()):
        if code not in states:
            report.unplaced.add(code)
        elif (code, year, offence) in existing:
            report.kept += 1
        else:
            new.append(
                ReportedOffences(
                    jurisdiction=states[code],
                    year=year,
                    offence=offence,
                    actual=actual,
                    unfounded=unfounded,
                    cleared=cleared,
                    agencies=agencies,
                )
            )
    ReportedOffences.objects.bulk_create(new)
    report.created = len(new)
    return report


@transaction.atomic
def do_load_funding(path: Path) -> tuple[int, int]:
    """Load the funding comparisons not yet there (created, kept); the file is loaded whole or not at all."""
    rows = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("comparisons") or []
    problems: list[str] = []
    created = kept = 0
    for number, row in enumerate(rows, start=1):
        try:
            jurisdiction = Jurisdiction.objects.get(code=str(row["jurisdiction"]))
            comparison = FundingComparison(
                jurisdiction=jurisdiction,
                year=int(row["year"]),
                funding=Statistic.objects.get(key=row["funding"]),
                profits=Statistic.objects.get(key=row["profits"]),
                note=str(row.get("note") or ""),
            )
            comparison.full_clean(validate_constraints=False)
        except (KeyError, TypeError, ValueError, Jurisdiction.DoesNotExist, Statistic.DoesNotExist) as exc:
            problems.append(f"comparison {number}: {exc!r}")
            continue
        except ValidationError as exc:
            problems.append(f"comparison {number}: {'; '.join(exc.messages)}")
            continue
        _, was_created = FundingComparison.objects.get_or_create(
            jurisdiction=comparison.jurisdiction,
            year=comparison.year,
            funding=comparison.funding,
            profits=comparison.profits,
            defaults={"note": comparison.note},
        )
        created, kept = created + was_created, kept + (not was_created)
    if problems:
        raise IndicatorsRefused(f"{path.name}: " + " | ".join(problems))
    return created, kept
