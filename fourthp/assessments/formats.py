"""Assessments as files: the CSV of the report-card and bulk downloads."""

from __future__ import annotations

import csv
import io

from fourthp.assessments.schemas import AssessmentOut

CSV_COLUMNS = [
    "jurisdiction",
    "jurisdiction_name",
    "framework",
    "framework_version",
    "pillar",
    "provision",
    "provision_title",
    "status",
    "rationale",
    "law_reviewed",
    "published_at",
    "evidence_section_key",
    "evidence_section_version",
    "evidence_citation",
    "evidence_start",
    "evidence_end",
    "evidence_quote",
]


# A spreadsheet runs a cell that begins with one of these as a formula; an
# analyst's rationale or a quoted clause ("- a fine of...") could begin so.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def assessments_csv(items: list[AssessmentOut]) -> str:
    """One row per piece of evidence (one row with empty evidence columns when there is none).

    Text cells that a spreadsheet would read as a formula are prefixed with an apostrophe (see ``csv_cell``).
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for a in items:
        base = [
            a.jurisdiction.code,
            a.jurisdiction.name,
            a.framework,
            a.framework_version,
            a.pillar,
            a.provision,
            a.provision_title,
            a.status,
            a.rationale,
            a.law_reviewed,
            a.published_at.isoformat() if a.published_at else "",
        ]
        for e in a.evidence or [None]:  # type: ignore[list-item]
            row = base + ([e.section_key, e.section_version, e.citation, e.start, e.end, e.quote] if e else [""] * 6)
            writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()
