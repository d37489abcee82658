"""The stored result of a run: one typed, versioned decoder, and migration 0004, which rewrites each of the
shapes stored before version 2 (pasted text, uploaded file, atlas instrument) into it."""

from __future__ import annotations

import importlib
import json
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import describe_run
from fourthp.analysis.results import (
    RESULT_VERSION,
    AnalysisResult,
    ResultFinding,
    ResultFormatError,
    ResultSection,
    decode_result,
)
from fourthp.testing import make_analyst, make_instrument

migration = importlib.import_module("fourthp.analysis.migrations.0004_result_version_2")

TEXT = (
    "Offences Act\n\n"
    "1. Trafficking\nA person who recruits another by force for exploitation commits an offence.\n\n"
    "2. Penalty\nThe penalty is ten years.\n"
)
FIRST = TEXT.index("1. Trafficking")
SECOND = TEXT.index("2. Penalty")
PASSAGE = "recruits another by force"
AT = TEXT.index(PASSAGE)


def legacy_finding(section: str, start: int, end: int, confidence: float = 0.9) -> dict[str, Any]:
    return {
        "provision": "crim.trafficking",
        "section": section,
        "start": start,
        "end": end,
        "confidence": confidence,
        "reason": "act, means and purpose",
        "excerpt": "recruits another by force",
    }


def legacy_result(sections: list[dict[str, Any]]) -> dict[str, Any]:
    """A result as the analyzer stored it before version 2 (Analysis.to_dict)."""
    return {
        "framework": "four-p",
        "framework_version": 1,
        "engine": "rules-1",
        "threshold": 0.45,
        "sections": sections,
        "suggested": [f for s in sections for f in s["findings"] if f["confidence"] >= 0.45],
    }


# Pasted text: no outline; sections and findings both at offsets into the run's whole text.
PASTED = legacy_result(
    [
        {"number": "1", "heading": "Trafficking", "start": FIRST, "end": SECOND, "findings": []},
        {"number": "2", "heading": "Penalty", "start": SECOND, "end": len(TEXT), "findings": []},
    ]
)
PASTED["sections"][0]["findings"] = [legacy_finding("1", AT, AT + len(PASSAGE))]
PASTED["suggested"] = list(PASTED["sections"][0]["findings"])
# An uploaded file: the reader's outline, and offsets moved into the run's text as for pasted text.
UPLOADED_OUTLINE = [
    {"number": "1", "heading": "Trafficking", "start": FIRST, "end": SECOND - 2},
    {"number": "2", "heading": "Penalty", "start": SECOND, "end": len(TEXT)},
]
UPLOADED = legacy_result(
    [
        {
            "number": "1",
            "heading": "Trafficking",
            "start": FIRST,
            "end": SECOND - 2,
            "findings": [legacy_finding("1", AT, AT + len(PASSAGE)), legacy_finding("1", FIRST, FIRST + 5, 0.2)],
        },
        {"number": "2", "heading": "Penalty", "start": SECOND, "end": len(TEXT), "findings": []},
    ]
)
# An atlas instrument: the outline names each section's key and version; offsets into each section's text.
INSTRUMENT_OUTLINE = [{"key": "s-1", "version": 3}, {"key": "s-2", "version": 1}]
INSTRUMENT = legacy_result(
    [
        {"number": "s-1", "heading": "Trafficking", "start": 0, "end": 80, "findings": [legacy_finding("s-1", 9, 34)]},
        {"number": "s-2", "heading": "Penalty", "start": 0, "end": 25, "findings": []},
    ]
)


def converted(raw: dict[str, Any], outline: list[dict[str, Any]], *, instrument: bool) -> AnalysisResult:
    return decode_result(migration.convert_result(raw, outline=outline, from_instrument=instrument))


def test_a_result_round_trips_through_its_json() -> None:
    result = AnalysisResult(
        framework="four-p",
        framework_version=1,
        engine="rules-1",
        threshold=0.45,
        sections=(
            ResultSection("s-1", "Heading", 0, 40, 2, (ResultFinding("crim.x", 3, 9, 0.5, "why", "text"),)),
            ResultSection("2", "", 40, 60),
        ),
    )
    stored = json.loads(json.dumps(result.to_json()))
    assert stored["version"] == RESULT_VERSION
    assert decode_result(stored) == result


@pytest.mark.parametrize("raw", [PASTED, None, [], {"version": RESULT_VERSION, "framework": "four-p"}])
def test_a_result_of_another_version_or_shape_is_refused_not_guessed_at(raw: Any) -> None:
    with pytest.raises(ResultFormatError):
        decode_result(raw)


def test_a_pasted_texts_old_result_has_its_offsets_moved_into_each_section() -> None:
    result = converted(PASTED, [], instrument=False)
    first = result.sections[0]
    assert (first.key, first.heading, first.start, first.end, first.version) == (
        "1",
        "Trafficking",
        FIRST,
        SECOND,
        None,
    )
    (finding,) = first.findings
    assert TEXT[first.start : first.end][finding.start : finding.end] == PASSAGE
    assert (finding.start, finding.end) == (AT - FIRST, AT - FIRST + len(PASSAGE))
    assert result.sections[1].findings == ()
    assert (result.framework, result.framework_version, result.engine, result.threshold) == (
        "four-p",
        1,
        "rules-1",
        0.45,
    )


def test_an_uploaded_files_old_result_has_its_offsets_moved_into_each_section_and_keeps_weaker_findings() -> None:
    result = converted(UPLOADED, UPLOADED_OUTLINE, instrument=False)
    first = result.sections[0]
    assert (first.start, first.end, first.version) == (FIRST, SECOND - 2, None)
    strong, weak = first.findings
    assert TEXT[first.start : first.end][strong.start : strong.end] == PASSAGE
    assert (weak.start, weak.end, result.is_suggested(weak)) == (0, 5, False)
    assert [f.provision for _s, f in result.findings() if result.is_suggested(f)] == ["crim.trafficking"]


def test_an_instruments_old_result_keeps_its_offsets_and_gains_each_sections_atlas_version() -> None:
    result = converted(INSTRUMENT, INSTRUMENT_OUTLINE, instrument=True)
    assert [(s.key, s.version, s.start, s.end) for s in result.sections] == [("s-1", 3, 0, 80), ("s-2", 1, 0, 25)]
    found = result.finding("s-1", "crim.trafficking")
    assert found is not None and (found[1].start, found[1].end) == (9, 34)


@pytest.mark.parametrize(
    ("raw", "outline", "instrument"),
    [(PASTED, [], False), (UPLOADED, UPLOADED_OUTLINE, False), (INSTRUMENT, INSTRUMENT_OUTLINE, True)],
    ids=["pasted", "uploaded", "instrument"],
)
def test_unapplying_the_migration_gives_back_the_old_result(raw: Any, outline: Any, instrument: bool) -> None:
    new = migration.convert_result(raw, outline=outline, from_instrument=instrument)
    assert migration.convert_result(new, outline=outline, from_instrument=instrument) == new  # already converted
    assert migration.revert_result(new, from_instrument=instrument) == raw


@pytest.mark.django_db
def test_the_migration_rewrites_stored_rows_of_each_old_shape_and_the_page_marks_the_same_passage() -> None:
    owner = make_analyst()
    done = {"state": AnalysisRun.State.DONE, "created_by": owner, "engine": "rules-1"}
    pasted = AnalysisRun.objects.create(text=TEXT, result=PASTED, **done)
    uploaded = AnalysisRun.objects.create(text=TEXT, outline=UPLOADED_OUTLINE, result=UPLOADED, **done)
    instrument = make_instrument(sections=2)
    atlas = AnalysisRun.objects.create(instrument=instrument, outline=INSTRUMENT_OUTLINE, result=INSTRUMENT, **done)
    unfinished = AnalysisRun.objects.create(text=TEXT, created_by=owner)

    migration.forwards(apps, None)

    for run in (pasted, uploaded, atlas):
        run.refresh_from_db()
        assert run.result["version"] == RESULT_VERSION
    assert decode_result(pasted.result) == converted(PASTED, [], instrument=False)
    assert decode_result(uploaded.result) == converted(UPLOADED, UPLOADED_OUTLINE, instrument=False)
    assert decode_result(atlas.result) == converted(INSTRUMENT, INSTRUMENT_OUTLINE, instrument=True)
    unfinished.refresh_from_db()
    assert unfinished.result is None
    # The page marks exactly the passage the old offsets into the whole text pointed at.
    for run in (pasted, uploaded):
        (section,) = describe_run(run).shown
        assert f"<mark>{PASSAGE}</mark>" in section.html

    migration.backwards(apps, None)
    uploaded.refresh_from_db()
    assert uploaded.result == UPLOADED


def run_of(client: Client, data: dict[str, Any]) -> AnalysisRun:
    client.post(reverse("analysis-start"), data)
    run = AnalysisRun.objects.order_by("-pk").first()
    assert run is not None and run.state == AnalysisRun.State.DONE
    return run


@pytest.mark.django_db
def test_results_the_analyzer_stores_now_come_back_unchanged_through_the_old_shape(seeded: None) -> None:
    """Each kind of run made today, written in the old shape and converted again, is what was stored."""
    client = Client()
    client.force_login(make_analyst())
    runs = [
        run_of(client, {"text": TEXT}),
        run_of(client, {"file": SimpleUploadedFile("act.txt", TEXT.encode(), content_type="text/plain")}),
        run_of(client, {"instrument": "us-dc-22-18a"}),
    ]
    assert any(f for run in runs for _s, f in decode_result(run.result).findings())
    for run in runs:
        instrument = run.instrument_id is not None
        old = migration.revert_result(run.result, from_instrument=instrument)
        assert "version" not in old and "suggested" in old
        assert migration.convert_result(old, outline=run.outline, from_instrument=instrument) == run.result
