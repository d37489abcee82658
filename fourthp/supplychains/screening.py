"""Screening lines of a procurement file against ILAB's list: the index is built once per run, then each line
is looked up in memory (no query per line)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from fourthp.findings.models import GoodFinding
from fourthp.findings.sources import ILAB_NAMES
from fourthp.jurisdictions.queries import fold, list_places
from fourthp.supplychains.queries import good_index


@dataclass(frozen=True)
class Verdict:
    """A line's outcome: a reason it cannot be screened, or its findings (empty: no finding)."""

    reason: str = ""
    result: dict[str, Any] | None = None


class Screener:
    def __init__(self) -> None:
        findings = list(
            GoodFinding.objects.select_related("jurisdiction", "source").order_by("-year_described", "good", "kind")
        )
        self.index = good_index({f.good for f in findings})
        # (ILAB's good name, country code) -> its findings of the newest year that names them.
        self.findings: dict[tuple[str, str], list[GoodFinding]] = defaultdict(list)
        for finding in findings:
            key = (finding.good, finding.jurisdiction.code)
            listed = self.findings[key]
            if not listed or listed[0].year_described == finding.year_described:
                listed.append(finding)
        self.countries: dict[str, tuple[str, str]] = {}
        for place in list_places():
            if not place.is_country:
                continue
            entry = (place.jurisdiction.code, place.jurisdiction.name)
            for code in place.codes:
                self.countries.setdefault(fold(code), entry)
            for name in place.keys:
                self.countries.setdefault(name, entry)
        by_code = {entry[0]: entry for entry in self.countries.values()}
        for name, code in ILAB_NAMES.items():
            if code in by_code:
                self.countries.setdefault(fold(name), by_code[code])

    def screen(self, good: str, country: str, hs_code: str = "") -> Verdict:
        place = self.countries.get(fold(country))
        if place is None:
            return Verdict(reason=_("No country is called “%(name)s” or has it as its code.") % {"name": country})
        names, how = self.index.match(good, hs_code)
        found = [f for name in names for f in self.findings.get((name, place[0]), [])]
        if not found:
            return Verdict(result=None)
        return Verdict(
            result={
                "good": good,
                "country": country,
                "country_code": place[0],
                "country_name": place[1],
                "matched_good": found[0].good,
                "matched_by": how,
                "findings": [
                    {"good": f.good, "kind": f.kind, "year": f.year_described, "source": f.source.title} for f in found
                ],
            }
        )
