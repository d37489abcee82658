"""Would a learned combiner of the rules' evidence beat the rules' own threshold?

An experiment, not an engine: a logistic regression over what the rules already
compute for each candidate (raw score and its square, rule family, provision,
pillar, how strongly the section is tied to trafficking, whether its document
and title are, section length, whether it has a heading, how many candidates the
section has, whether it amends other law), trained on every labelled set but
one and scored on the one left out, against the rules' calibrated threshold on
the same set. Only sets the rules were written or tuned from may be named here:
a blind set would stop being blind once a model is fitted with it in view.

    .venv/bin/python bench/analyzer_combiner_cv.py --corpus CORPUS --set NAME=LABELS.jsonl ... [--variant NAME]

`CORPUS` holds the folders every set's `source_file` paths start with (for the
tuned sets, those of `../shared/corpus/dev` and `../shared/corpus/eval`; links
will do). Pure Python: a few thousand candidates, plain gradient descent.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analyzer_accuracy import _instruments, _level, _title, _with_text, read_rows  # noqa: E402

from fourthp.analyzer.analyze import THRESHOLD, _applicable, calibrate, section_contexts  # noqa: E402
from fourthp.analyzer.framework import load_framework  # noqa: E402
from fourthp.analyzer.rules import find_candidates  # noqa: E402

AMENDS = re.compile(r"is (?:hereby )?amended|to read as follows|by (?:inserting|striking)", re.I)
Features = dict[str, float]
Example = tuple[Features, int, float]  # features, right (1) or not, the rules' calibrated confidence

VARIANTS: dict[str, Callable[[Features], Features]] = {
    "all": lambda f: f,
    "no-provision": lambda f: {k: v for k, v in f.items() if not k.startswith("provision:")},
    "score-and-family": lambda f: {
        k: v for k, v in f.items() if k in ("bias", "score", "score2") or k.startswith("family:")
    },
}


def examples(path: Path, corpus: Path, framework: Any) -> tuple[list[Example], int]:
    """One example per provision the rules offer per section (the first, as `analyze` keeps), and the label count."""
    pillar = {p.id: p.pillar for p in framework.provisions}
    rows, _ = _with_text(read_rows([path]), corpus)
    gold = {str(r["id"]): set(r["labels"]) for r in rows}
    out: list[Example] = []
    for group in _instruments(rows).values():
        known = _applicable(framework, _level(group[0]["jurisdiction"]))
        sections = [(str(r["id"]), r["text"]) for r in group]
        headings = [r["heading"] for r in group]
        for ctx, key in section_contexts(sections, headings=headings, context=_title(corpus, group[0]) or ""):
            seen: set[str] = set()
            cands = []
            for cand in find_candidates(ctx):
                if cand.provision in known and cand.provision not in seen:
                    seen.add(cand.provision)
                    cands.append(cand)
            strong = sum(c.score >= 0.48 for c in cands)
            for c in cands:
                features = {
                    "bias": 1.0,
                    "score": c.score,
                    "score2": c.score**2,
                    f"family:{c.family}": 1.0,
                    f"provision:{c.provision}": 1.0,
                    f"pillar:{pillar[c.provision]}": 1.0,
                    "ht_level": ctx.ht_level,
                    "document_ht": float(ctx.document_ht),
                    "title_ht": float(ctx.title_ht),
                    "log_length": math.log1p(ctx.hi - ctx.lo) / 10,
                    "no_heading": float(not ctx.heading),
                    "candidates": strong / 10,
                    "amends": float(bool(AMENDS.search(ctx.text, ctx.lo, ctx.hi))),
                }
                out.append((features, int(c.provision in gold[key]), calibrate(c.score, c.family)))
    return out, sum(len(labels) for labels in gold.values())


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def train(data: list[Example], l2: float, epochs: int = 300, rate: float = 0.5) -> Features:
    weights: Features = {}
    for _ in range(epochs):
        grad: Features = {}
        for features, right, _ in data:
            error = _sigmoid(sum(weights.get(k, 0.0) * v for k, v in features.items())) - right
            for k, v in features.items():
                grad[k] = grad.get(k, 0.0) + error * v
        for k, g in grad.items():
            weights[k] = weights.get(k, 0.0) - rate * (g / len(data) + l2 * weights.get(k, 0.0))
    return weights


def f1(data: list[Example], labels: int, chosen: list[bool]) -> float:
    right = sum(1 for (_, r, _), c in zip(data, chosen, strict=True) if c and r)
    return 2 * right / (sum(chosen) + labels) if sum(chosen) + labels else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--set", action="append", required=True, help="NAME=LABELS.jsonl, a tuned set; at least two")
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="all")
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--framework", default=str(ROOT / "data" / "frameworks" / "four-p-v1.yaml"))
    args = parser.parse_args()
    framework = load_framework(args.framework)
    keep = VARIANTS[args.variant]
    sets: dict[str, tuple[list[Example], int]] = {}
    for spec in args.set:
        name, _, path = spec.partition("=")
        data, labels = examples(Path(path), Path(args.corpus), framework)
        sets[name] = ([(keep(f), r, c) for f, r, c in data], labels)
    print(f"variant {args.variant}, l2 {args.l2}; F1 on each set left out, rules (threshold {THRESHOLD}) vs combiner")
    for held, (data, labels) in sets.items():
        train_data = [e for name, (d, _) in sets.items() if name != held for e in d]
        train_labels = sum(n for name, (_, n) in sets.items() if name != held)
        weights = train(train_data, args.l2)
        scores = [_sigmoid(sum(weights.get(k, 0.0) * v for k, v in f.items())) for f, _, _ in train_data]
        # the combiner's threshold: the F1-best on the sets it was trained on
        cut = max(
            (t / 100 for t in range(20, 80, 2)), key=lambda t: f1(train_data, train_labels, [s >= t for s in scores])
        )
        held_scores = [_sigmoid(sum(weights.get(k, 0.0) * v for k, v in f.items())) for f, _, _ in data]
        rules = f1(data, labels, [c >= THRESHOLD for _, _, c in data])
        combiner = f1(data, labels, [s >= cut for s in held_scores])
        print(f"  {held:<12} rules {rules:.3f}   combiner {combiner:.3f}   (combiner threshold {cut:.2f})")


if __name__ == "__main__":
    main()
