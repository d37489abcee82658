"""The learned ranker: its shipped training data, determinism, stale data, and the CLI's ranker modes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fourthp.analyzer.framework import load_framework
from fourthp.analyzer.ranker import (
    MANIFEST_FILE,
    RANKER_VERSION,
    TRAINING_FILE,
    Ranker,
    StaleRanker,
    load_ranker,
    rank_text,
    read_manifest,
    read_training,
    sha256_file,
)
from fourthp.analyzer.tests.test_cli import run as cli

PROJECT = Path(__file__).resolve().parents[3]
FRAMEWORK = load_framework(PROJECT / "data" / "frameworks" / "four-p-v1.yaml")
OFFENCE = (
    "1. Short title\nThis Act may be cited as the Protection of Persons Act.\n\n"
    "2. Trafficking in persons\nA person who recruits, transports, transfers, harbours or receives another "
    "person by means of force, deception or abuse of a position of vulnerability for the purpose of sexual "
    "exploitation commits an offence and is liable on conviction to imprisonment for twenty years.\n\n"
    "3. Commencement\nThis Act comes into force on the day of its publication.\n"
)


def test_the_shipped_manifest_matches_the_shipped_training_data() -> None:
    meta = read_manifest()
    assert meta["version"] == RANKER_VERSION
    assert meta["data_sha256"] == sha256_file(TRAINING_FILE)
    assert meta["rows"] == len(read_training())
    assert 0 < meta["thresholds"]["thorough"] <= meta["thresholds"]["precise"] < 1


def test_the_ranker_loads_and_puts_the_offence_first_for_its_provision() -> None:
    ranker = load_ranker(FRAMEWORK)
    assert load_ranker(FRAMEWORK) is ranker  # fitted once per process
    ranking = rank_text(ranker, OFFENCE)
    top = ranking.top("crim.sex-trafficking", 1)[0]
    assert top.section == "2"
    assert 0 <= top.confidence <= 1
    assert top.reason
    assert ranking.data_sha256 == sha256_file(TRAINING_FILE)
    assert {r.provision for r in ranking.suggested("precise")} <= {r.provision for r in ranking.suggested("thorough")}


def test_two_fits_on_the_same_rows_rank_identically() -> None:
    rows = read_training()[:150]
    first = rank_text(Ranker(rows, FRAMEWORK), OFFENCE).to_dict()
    second = rank_text(Ranker(rows, FRAMEWORK), OFFENCE).to_dict()
    assert first == second


def test_a_changed_training_file_without_retraining_is_refused(tmp_path: Path) -> None:
    shutil.copy(MANIFEST_FILE, tmp_path / MANIFEST_FILE.name)
    rows = TRAINING_FILE.read_text(encoding="utf-8").splitlines()
    changed = json.loads(rows[0])
    changed["labels"] = ["crim.penalties"]
    (tmp_path / TRAINING_FILE.name).write_text("\n".join([json.dumps(changed), *rows[1:]]) + "\n", encoding="utf-8")
    with pytest.raises(StaleRanker, match="make train-analyzer"):
        load_ranker(FRAMEWORK, training=tmp_path / TRAINING_FILE.name, manifest=tmp_path / MANIFEST_FILE.name)
    result = cli(
        "--jsonl", "--mode", "precise", stdin=b'{"id": 1, "text": "x"}\n', env={"FOURTHP_RANKER_DIR": str(tmp_path)}
    )
    assert result.returncode == 2
    assert "make train-analyzer" in result.stderr.decode()
    assert not result.stdout


def test_changed_authored_examples_without_retraining_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fourthp.analyzer import ranker

    assert read_manifest()["examples_sha256"] == sha256_file(ranker.EXAMPLES_FILE)
    changed = tmp_path / "examples.yaml"
    changed.write_text(
        ranker.EXAMPLES_FILE.read_text(encoding="utf-8") + "\nprev.hotline:\n  fr: Un numéro d'appel.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(ranker, "EXAMPLES_FILE", changed)
    with pytest.raises(StaleRanker, match="make train-analyzer"):
        load_ranker(FRAMEWORK, training=TRAINING_FILE, manifest=MANIFEST_FILE)


def test_jsonl_all_lists_every_finding_with_its_confidence_and_whether_it_is_suggested() -> None:
    line = json.dumps({"id": "act", "text": OFFENCE}).encode()
    result = cli("--jsonl", "--all", "--mode", "precise", stdin=line + b"\n")
    assert result.returncode == 0, result.stderr.decode()
    out = json.loads(result.stdout)
    assert out["model"] == RANKER_VERSION and out["training_data_sha256"] == sha256_file(TRAINING_FILE)
    findings = out["findings"]
    assert all(0 <= f["confidence"] <= 1 for f in findings)
    assert any(not f["suggested"] and f["confidence"] < out["threshold"] for f in findings)
    assert any(f["suggested"] and f["provision"] == "crim.sex-trafficking" and f["section"] == "2" for f in findings)
    plain = json.loads(cli("--jsonl", "--mode", "precise", stdin=line + b"\n").stdout)
    assert plain["findings"] == [{k: v for k, v in f.items() if k != "suggested"} for f in findings if f["suggested"]]


def test_jsonl_all_with_the_rules_marks_findings_below_the_threshold() -> None:
    line = json.dumps({"id": "act", "text": OFFENCE}).encode()
    out = json.loads(cli("--jsonl", "--all", stdin=line + b"\n").stdout)
    assert out["findings"] and all("suggested" in f for f in out["findings"])
