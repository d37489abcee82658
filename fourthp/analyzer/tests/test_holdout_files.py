"""The labelled hold-out sets the accuracy bench reads are well formed: a
malformed row would silently change what a measurement measures."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from fourthp.analyzer.framework import load_framework

PROJECT = Path(__file__).resolve().parents[3]
HOLDOUT = PROJECT / "bench" / "holdout"
ORDER = {p.id: i for i, p in enumerate(load_framework(PROJECT / "data" / "frameworks" / "four-p-v1.yaml").provisions)}
KEYS = ["id", "jurisdiction", "source_file", "citation", "heading", "text", "labels", "notes"]
# A row from a source whose words may not be stored keeps only where its lines are.
KEYS_BY_LINES = [
    "id",
    "jurisdiction",
    "source_file",
    "citation",
    "heading",
    "text",
    "text_lines",
    "text_sha256",
    "labels",
    "notes",
]
SETS = sorted(HOLDOUT.glob("*-unseen.jsonl"))


def _rows(path: Path) -> list[dict]:
    """A labelled file's rows, checked to be there and to have unique ids."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert rows
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "ids repeat"
    return rows


def _assert_known_labels_in_framework_order(row: dict) -> None:
    assert set(row["labels"]) <= set(ORDER), row["id"]
    assert row["labels"] == sorted(set(row["labels"]), key=ORDER.__getitem__), row["id"]


def test_the_hold_out_sets_are_there() -> None:
    assert {p.name for p in SETS} >= {
        "treaties-unseen.jsonl",
        "commonwealth-unseen.jsonl",
        "us-unseen.jsonl",
        "south-asia-unseen.jsonl",
        "us-fresh-unseen.jsonl",
    }


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.name)
def test_every_row_is_well_formed(path: Path) -> None:
    for row in _rows(path):
        assert list(row) in (KEYS, KEYS_BY_LINES), row["id"]
        _assert_known_labels_in_framework_order(row)
        assert row["text"] or "text_lines" in row, row["id"]


TRAINING = PROJECT / "bench" / "training" / "training.jsonl"
KEYS_TRAINING = [
    "id",
    "jurisdiction",
    "title",
    "source_url",
    "citation",
    "heading",
    "text",
    "text_sha256",
    "labels",
    "notes",
]


def test_the_training_set_is_well_formed_and_its_stored_texts_are_the_texts_read() -> None:
    for row in _rows(TRAINING):
        assert list(row) == KEYS_TRAINING, row["id"]
        assert row["title"] and row["source_url"].startswith("http"), row["id"]
        _assert_known_labels_in_framework_order(row)
        if row["text"]:
            assert hashlib.sha256(row["text"].encode()).hexdigest() == row["text_sha256"], row["id"]


SECOND = sorted((HOLDOUT / "second").glob("*-second.jsonl"))


def test_every_blind_set_but_the_tuned_treaties_has_a_second_labelling() -> None:
    assert {p.name for p in SECOND} == {
        "us-fresh-second.jsonl",
        "us-second.jsonl",
        "commonwealth-second.jsonl",
        "south-asia-second.jsonl",
    }


@pytest.mark.parametrize("path", SECOND, ids=lambda p: p.name)
def test_a_second_labelling_labels_rows_of_its_set_in_its_order(path: Path) -> None:
    first = HOLDOUT / path.name.replace("-second.jsonl", "-unseen.jsonl")
    first_ids = [r["id"] for r in _rows(first)]
    rows = _rows(path)
    ids = [r["id"] for r in rows]
    assert ids == [i for i in first_ids if i in set(ids)], "not the set's rows, in the set's order"
    for row in rows:
        assert list(row) == ["id", "labels", "notes"], row["id"]
        _assert_known_labels_in_framework_order(row)
