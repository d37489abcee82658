"""Analysts' confirms and rejects of suggestions are kept as labels and exported for the ranker's training."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from fourthp.accounts.models import AuditEvent
from fourthp.analysis.models import AnalysisRun, SuggestionLabel
from fourthp.analysis.tests.test_pages import logged_in, suggestion_on
from fourthp.analyzer import train
from fourthp.laws.models import Section
from fourthp.testing import make_analyst

pytestmark = pytest.mark.django_db

SECTION = "us-dc-22-1833"


def _run(client: Client) -> AnalysisRun:
    client.post(reverse("analysis-start"), {"instrument": "us-dc-22-18a"})
    return AnalysisRun.objects.get()


def test_a_confirm_and_a_reject_are_kept_as_labels_and_exported_as_training_rows(seeded: None, tmp_path: Path) -> None:
    analyst = make_analyst()
    client = logged_in(analyst)
    run = _run(client)
    confirmed = suggestion_on(run, SECTION).provision
    section_result = next(s for s in run.result["sections"] if s["key"] == SECTION)
    rejected = next(f["provision"] for f in section_result["findings"] if f["provision"] != confirmed)
    page = client.get(run.get_absolute_url()).text
    assert reverse("analysis-reject", args=[run.pk]) in page

    client.post(reverse("analysis-draft", args=[run.pk]), {"section": SECTION, "provision": confirmed})
    response = client.post(reverse("analysis-reject", args=[run.pk]), {"section": SECTION, "provision": rejected})
    assert response["Location"] == run.get_absolute_url()

    section = Section.objects.get(key=SECTION, is_current=True)
    labels = {(label.provision_slug, label.applies) for label in SuggestionLabel.objects.all()}
    assert labels == {(confirmed, True), (rejected, False)}
    label = SuggestionLabel.objects.get(applies=False)
    assert label.section == section and label.labelled_by == analyst and label.run == run
    assert label.labelled_at is not None
    assert AuditEvent.objects.filter(verb="analysis.reject", target_id=str(run.pk)).exists()

    out = tmp_path / "analyst-labels.jsonl"
    call_command("export_analyzer_labels", "--output", str(out), stdout=io.StringIO())
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == f"analyst-{SECTION}-v{section.version}"
    assert row["jurisdiction"] == "US-DC" and row["text"] == section.text and row["heading"] == section.heading
    assert row["labels"] == [confirmed] and row["rejected"] == [rejected] and row["verdicts"] == 2
    assert set(row) == {
        "id",
        "jurisdiction",
        "language",
        "title",
        "citation",
        "heading",
        "text",
        "text_sha256",
        "labels",
        "rejected",
        "verdicts",
    }
    assert analyst.email not in json.dumps(row)

    # The training command reads the exported file as one more source of labelled rows.
    bench = tmp_path / "bench"
    (bench / "training").mkdir(parents=True)
    (bench / "holdout").mkdir()
    (bench / "training" / "training.jsonl").write_text("", encoding="utf-8")
    shared = tmp_path / "shared"
    (shared / "corpus" / "dev").mkdir(parents=True)
    (shared / "corpus" / "dev" / "labels.jsonl").write_text("", encoding="utf-8")
    gathered, _ = train.gather(shared, bench, out)
    mine = [r for r in gathered if r["id"] == row["id"]]
    assert mine and mine[0]["labels"] == [confirmed] and mine[0]["source"] == "US-DC"


def test_a_later_verdict_replaces_an_earlier_one_in_the_export(seeded: None, tmp_path: Path) -> None:
    client = logged_in(make_analyst())
    run = _run(client)
    provision = suggestion_on(run, SECTION).provision
    client.post(reverse("analysis-reject", args=[run.pk]), {"section": SECTION, "provision": provision})
    client.post(reverse("analysis-draft", args=[run.pk]), {"section": SECTION, "provision": provision})
    out = tmp_path / "labels.jsonl"
    call_command("export_analyzer_labels", "--output", str(out), stdout=io.StringIO())
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row["labels"] == [provision] and row["rejected"] == [] and row["verdicts"] == 2


def test_a_made_up_suggestion_cannot_be_rejected(seeded: None) -> None:
    client = logged_in(make_analyst())
    run = _run(client)
    response = client.post(
        reverse("analysis-reject", args=[run.pk]), {"section": SECTION, "provision": "no.such"}, follow=True
    )
    assert "no such suggestion" in response.text
    assert not SuggestionLabel.objects.exists()
