"""Rewrite stored analysis results to version 2 (see fourthp.analysis.results).

Before version 2 a result had no version and two offset conventions: an instrument's findings were
into each section's own text, an uploaded or pasted text's into the run's whole text; a section was
named by `number`, an instrument section's version was only in the run's outline, and the suggested
findings were stored twice. Version 2 names each section by `key` with its atlas `version`, and every
finding's offsets are into its section's text. The conversion functions are pure, and kept here (not
imported from the app) so that this migration means the same thing whatever the code becomes.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

VERSION = 2


def convert_result(raw: Any, *, outline: list[dict[str, Any]], from_instrument: bool) -> Any:
    """A result of before version 2 in version 2's shape; a version 2 result (or none) as it is.

    `outline` is the run's: for an instrument, each section's key and version; for an uploaded file,
    each section's number, heading and span; empty for pasted text.
    """
    if not isinstance(raw, dict) or raw.get("version") == VERSION:
        return raw
    versions = {str(item["key"]): item["version"] for item in outline if "key" in item} if from_instrument else {}
    sections = []
    for section in raw.get("sections", []):
        key = str(section["number"])
        # Findings of an uploaded or pasted text were into the run's text: move them into their section's.
        base = 0 if from_instrument else int(section["start"])
        sections.append(
            {
                "key": key,
                "heading": str(section.get("heading", "")),
                "start": int(section["start"]),
                "end": int(section["end"]),
                "version": versions.get(key),
                "findings": [
                    {
                        "provision": str(f["provision"]),
                        "start": int(f["start"]) - base,
                        "end": int(f["end"]) - base,
                        "confidence": float(f["confidence"]),
                        "reason": str(f["reason"]),
                        "excerpt": str(f["excerpt"]),
                    }
                    for f in section.get("findings", [])
                ],
            }
        )
    return {
        "version": VERSION,
        "framework": str(raw.get("framework", "")),
        "framework_version": int(raw.get("framework_version") or 0),
        "engine": str(raw.get("engine", "")),
        "threshold": float(raw.get("threshold", 0)),
        "sections": sections,
    }


def revert_result(raw: Any, *, from_instrument: bool) -> Any:
    """A version 2 result in the shape of before it (for unapplying this migration)."""
    if not isinstance(raw, dict) or raw.get("version") != VERSION:
        return raw
    sections = []
    for section in raw["sections"]:
        base = 0 if from_instrument else int(section["start"])
        findings = [
            {
                "provision": f["provision"],
                "section": section["key"],
                "start": f["start"] + base,
                "end": f["end"] + base,
                "confidence": f["confidence"],
                "reason": f["reason"],
                "excerpt": f["excerpt"],
            }
            for f in section["findings"]
        ]
        sections.append(
            {
                "number": section["key"],
                "heading": section["heading"],
                "start": section["start"],
                "end": section["end"],
                "findings": findings,
            }
        )
    threshold = raw["threshold"]
    return {
        "framework": raw["framework"],
        "framework_version": raw["framework_version"],
        "engine": raw["engine"],
        "threshold": threshold,
        "sections": sections,
        "suggested": [f for s in sections for f in s["findings"] if f["confidence"] >= threshold],
    }


def _rewrite(apps: Any, convert: Any) -> None:
    AnalysisRun = apps.get_model("analysis", "AnalysisRun")
    runs = AnalysisRun.objects.filter(result__isnull=False).only("pk", "result", "outline", "instrument_id")
    for run in runs.iterator(chunk_size=200):
        new = convert(run)
        if new != run.result:
            AnalysisRun.objects.filter(pk=run.pk).update(result=new)


def forwards(apps: Any, schema_editor: Any) -> None:
    _rewrite(
        apps,
        lambda run: convert_result(run.result, outline=run.outline or [], from_instrument=run.instrument_id is not None),
    )


def backwards(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, lambda run: revert_result(run.result, from_instrument=run.instrument_id is not None))


class Migration(migrations.Migration):
    dependencies = [
        ("analysis", "0003_run_heartbeat"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
