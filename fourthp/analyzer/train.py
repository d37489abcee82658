"""Train the ranker: gather the labelled rows, score them leave-one-source-out,
choose the two modes' thresholds from those scores, and write the manifest.

    python -m fourthp.analyzer.train [--shared PATH] [--check]

(``make train-analyzer``.) It reads the labelled sets the project may train on:

- the development labels (``corpus/dev/labels.jsonl`` under ``--shared``);
- the training set ``bench/training/training.jsonl`` (rows whose text is stored);
- every set under ``bench/holdout/`` whose first, blind run is recorded, but only
  its rows from the development corpus: rows from the evaluation corpus are for
  measuring, never for training.

- the short authored examples per provision in ``data/analyzer/examples.yaml``
  (source ``authored``: they teach the ranker each provision's words in the
  members' languages, and are left out of the figures the thresholds come from);
- an optional file of analysts' labels (``--labels``, by default
  ``data/analyzer/analyst-labels.jsonl`` if it exists), as written by
  ``manage.py export_analyzer_labels``: each row a section version with the
  provisions analysts confirmed on it.

A row whose text overlaps a row kept for measuring (a blind set, or any row from
the evaluation corpus that a set quotes) is left out, so that no measured text
is ever its own neighbour. The rows are written to
``data/analyzer/ranker-training.jsonl``; the manifest ``data/analyzer/ranker.json``
records the model version, the training file's SHA-256, the row counts, the
thresholds and the leave-one-source-out figures they came from. ``--check``
only says whether the manifest matches the training file (exit 1 if not).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn

from fourthp.analyzer.analyze import ENGINE
from fourthp.analyzer.framework import load_framework
from fourthp.analyzer.ranker import (
    EXAMPLES_FILE,
    MANIFEST_FILE,
    RANKER_VERSION,
    TRAINING_FILE,
    Matrix,
    Ranker,
    TrainingRow,
    _training_rules,
    authored_examples,
    best_threshold,
    micro_f1,
    model_text,
    read_training,
    sha256_file,
)
from fourthp.analyzer.readers import ReaderError, detect_format, read_document

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FRAMEWORK = ROOT / "data" / "frameworks" / "four-p-v1.yaml"
ANALYST_LABELS_FILE = ROOT / "data" / "analyzer" / "analyst-labels.jsonl"
AUTHORED = "authored"
DEV_FOLDERS = ("treaties", "us-federal-code", "us-dc-code", "canada")
# Sets whose first run is recorded (see bench/README.md); a new blind set stays out until then.
RECORDED = ("treaties-unseen", "us-unseen", "commonwealth-unseen", "south-asia-unseen", "us-fresh-unseen")
SHINGLE = 8


def level_of(jurisdiction: str) -> str:
    if jurisdiction in ("INT", AUTHORED):
        return ""
    return "subnational" if "-" in jurisdiction else "national"


def _instrument(row: dict[str, Any]) -> str:
    if "source_file" not in row:
        return "title:" + str(row["title"])
    source = Path(row["source_file"])
    return str(source.parent if source.parent.name.startswith(("title-", "us-dc-code")) else source)


def _title(dev: Path, row: dict[str, Any], cache: dict[str, str]) -> str:
    if "source_file" not in row:
        return str(row.get("title") or "")
    name = str(row["source_file"])
    if name not in cache:
        path = dev / name
        try:
            data = path.read_bytes()
            cache[name] = read_document(data, detect_format(data, path.name), filename=path.name).title
        except (OSError, ReaderError):
            cache[name] = ""
    return cache[name]


def _shingles(text: str) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    return {hash(" ".join(words[i : i + SHINGLE])) for i in range(max(0, len(words) - SHINGLE + 1))}


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def authored_rows() -> list[dict[str, Any]]:
    """The authored examples as training rows: one per provision and language."""
    return [
        {
            "id": f"{AUTHORED}-{pid}-{language}",
            "jurisdiction": AUTHORED,
            "language": language,
            "title": f"{AUTHORED}:{language}",
            "heading": "",
            "text": str(text),
            "labels": [pid],
        }
        for pid, by_language in authored_examples().items()
        for language, text in sorted(by_language.items())
    ]


def gather(
    shared: Path, bench: Path, analyst_labels: Path | None = None
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The training rows and counts of what was left out and why."""
    dev = shared / "corpus" / "dev"
    candidates: list[tuple[str, dict[str, Any]]] = [("dev", r) for r in _read(dev / "labels.jsonl")]
    candidates += [("training", r) for r in _read(bench / "training" / "training.jsonl")]
    candidates += [(AUTHORED, r) for r in authored_rows()]
    if analyst_labels is not None and analyst_labels.exists():
        candidates += [("analysts", r) for r in _read(analyst_labels)]
    measured: list[str] = []
    for path in sorted((bench / "holdout").glob("*.jsonl")):
        for r in _read(path):
            from_dev = str(r.get("source_file", "")).split("/", 1)[0] in DEV_FOLDERS
            if path.stem in RECORDED and from_dev:
                candidates.append((path.stem, r))
            elif r.get("text"):
                measured.append(str(r["text"]))
    for path in sorted((bench / "world").glob("*.jsonl")) if (bench / "world").is_dir() else []:
        measured += [str(r["text"]) for r in _read(path) if r.get("text")]
    blind: set[int] = set()
    for text in measured:
        blind |= _shingles(text)
    rows: list[dict[str, Any]] = []
    skipped = {"no text": 0, "overlaps a measured text": 0, "duplicate id": 0}
    seen: set[str] = set()
    titles: dict[str, str] = {}
    for origin, r in candidates:
        text = str(r.get("text") or "")
        if not text.strip():
            skipped["no text"] += 1
            continue
        mine = _shingles(text)
        if mine and len(mine & blind) > len(mine) / 2:
            skipped["overlaps a measured text"] += 1
            continue
        if r["id"] in seen:
            skipped["duplicate id"] += 1
            continue
        seen.add(r["id"])
        jurisdiction = str(r["jurisdiction"])
        rows.append(
            {
                "id": str(r["id"]),
                "source": jurisdiction,
                "language": str(r.get("language") or "en"),
                "set": origin,
                "instrument": _instrument(r),
                "title": _title(dev, r, titles),
                "level": level_of(jurisdiction),
                "heading": str(r.get("heading") or ""),
                "text": text,
                "labels": list(r["labels"]),
            }
        )
    return rows, skipped


def loso(rows: Sequence[TrainingRow], framework: Any) -> tuple[Matrix, Matrix, list[str]]:
    """Leave-one-source-out scores: each source's rows scored by a ranker fitted on the others.
    Returns scores and labels (rows × provisions, in ``rows`` order) and the provision ids."""
    provisions = [p.id for p in framework.provisions]
    index = {pid: i for i, pid in enumerate(provisions)}
    scores = np.zeros((len(rows), len(provisions)))
    labels = np.zeros((len(rows), len(provisions)))
    for i, r in enumerate(rows):
        for pid in r.labels:
            labels[i, index[pid]] = 1
    rules = _training_rules(rows, framework, index)
    for source in sorted({r.source for r in rows}):
        held = [i for i, r in enumerate(rows) if r.source == source]
        kept = [i for i, r in enumerate(rows) if r.source != source]
        ranker = Ranker([rows[i] for i in kept], framework, rules=rules[kept])
        for i in held:
            scores[i] = ranker.scores([model_text(rows[i].heading, rows[i].text)], rules[i : i + 1], rows[i].level)[0]
    return scores, labels, provisions


def figures(scores: Matrix, labels: Matrix, cut: float) -> tuple[float, float, float]:
    pred = {(i, j) for i, j in zip(*np.nonzero(scores >= cut), strict=True)}
    gold = {(i, j) for i, j in zip(*np.nonzero(labels), strict=True)}
    return micro_f1(pred, gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fourthp.analyzer.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared folder holding corpus/dev")
    parser.add_argument("--framework", default=str(DEFAULT_FRAMEWORK))
    parser.add_argument("--check", action="store_true", help="only check that the manifest matches the training file")
    parser.add_argument(
        "--labels",
        default=str(ANALYST_LABELS_FILE),
        help="analysts' labels from `manage.py export_analyzer_labels` (used if the file exists; default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.check:
        meta = json.loads(MANIFEST_FILE.read_text(encoding="utf-8"))
        digest = sha256_file(TRAINING_FILE)
        examples = sha256_file(EXAMPLES_FILE) if EXAMPLES_FILE.exists() else ""
        if (
            digest != meta.get("data_sha256")
            or meta.get("version") != RANKER_VERSION
            or meta.get("examples_sha256", "") != examples
        ):
            print(
                f"stale: {TRAINING_FILE.name} is {digest[:12]}, the manifest was trained on {meta.get('data_sha256', '')[:12]}"
            )
            return 1
        print(f"up to date: {meta['version']}, data {digest[:12]}")
        return 0
    started = time.perf_counter()
    framework = load_framework(args.framework)
    raw, skipped = gather(Path(args.shared), ROOT / "bench", Path(args.labels))
    TRAINING_FILE.parent.mkdir(parents=True, exist_ok=True)
    TRAINING_FILE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in raw), encoding="utf-8")
    rows = read_training(TRAINING_FILE)
    index = {p.id: i for i, p in enumerate(framework.provisions)}
    rules = _training_rules(rows, framework, index)
    for record, vector in zip(raw, rules, strict=True):
        record["rules"] = {pid: float(vector[i]) for pid, i in index.items() if vector[i] > 0}
    TRAINING_FILE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in raw), encoding="utf-8")
    rows = read_training(TRAINING_FILE)
    scores, labels, _ = loso(rows, framework)
    measured = np.array([r.source != AUTHORED for r in rows])
    scores, labels = scores[measured], labels[measured]
    precise = best_threshold(scores, labels, beta=1.0)
    thorough = best_threshold(scores, labels, beta=2.0)
    by_mode: dict[str, dict[str, float]] = {}
    for mode, cut in (("precise", precise), ("thorough", thorough)):
        p, r, f = figures(scores, labels, cut)
        by_mode[mode] = {"threshold": cut, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
    manifest = {
        "version": RANKER_VERSION,
        "data_sha256": sha256_file(TRAINING_FILE),
        "examples_sha256": sha256_file(EXAMPLES_FILE) if EXAMPLES_FILE.exists() else "",
        "rows": len(rows),
        "labels": int(labels.sum()),
        "sources": sorted({r.source for r in rows}),
        "left_out": skipped,
        "thresholds": {"precise": precise, "thorough": thorough},
        "leave_one_source_out": by_mode,
        "rules": ENGINE,
        "scikit_learn": sklearn.__version__,
        "framework": f"{framework.id} v{framework.version}",
    }
    MANIFEST_FILE.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    elapsed = time.perf_counter() - started
    print(f"{len(rows)} rows, {int(labels.sum())} labels, {len(manifest['sources'])} sources; left out: {skipped}")
    for mode, fig in by_mode.items():
        print(
            f"  {mode:<9} threshold {fig['threshold']:.2f}  LOSO P {fig['precision']:.3f} R {fig['recall']:.3f} F1 {fig['f1']:.3f}"
        )
    print(f"wrote {TRAINING_FILE.relative_to(ROOT)} and {MANIFEST_FILE.relative_to(ROOT)} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
