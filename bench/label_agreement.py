"""How far two labellers agree on the same sections: the ceiling for any analyzer.

Each file is JSON lines with at least `id` and `labels` (a hold-out set, or a
second labeller's file of `id, labels, notes`). Only the ids both files hold are
compared. Agreement is given as micro F1 with the first file taken as the
reference (F1 is symmetric: swapping the files swaps precision and recall and
leaves F1 unchanged), per source, per pillar and per provision, with the share
of sections on which the two label sets are identical and Cohen's kappa on the
yes/no decisions per provision pooled over all provisions.

    .venv/bin/python bench/label_agreement.py --first SET.jsonl ... --second SECOND.jsonl ... [--framework PATH]

To score the analyzer against the second labeller, pass the second file to
`analyzer_accuracy.py --gold`.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analyzer_accuracy import Tally, print_by_source_and_pillar, read_rows  # noqa: E402

from fourthp.analyzer.framework import load_framework  # noqa: E402


def read(paths: list[str]) -> dict[str, dict]:
    return {str(r["id"]): r for r in read_rows(paths)}


def kappa(first: list[set[str]], second: list[set[str]], provisions: list[str]) -> float:
    """Cohen's kappa over every (section, provision) yes/no decision."""
    n = yes_yes = yes_first = yes_second = 0
    for a, b in zip(first, second, strict=True):
        for pid in provisions:
            n += 1
            yes_yes += pid in a and pid in b
            yes_first += pid in a
            yes_second += pid in b
    no_no = n - yes_first - yes_second + yes_yes
    observed = (yes_yes + no_no) / n
    expected = (yes_first * yes_second + (n - yes_first) * (n - yes_second)) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--first", nargs="+", required=True, help="the reference labels (one or more sets)")
    parser.add_argument("--second", nargs="+", required=True, help="the other labeller's labels for the same rows")
    parser.add_argument("--framework", default=str(ROOT / "data" / "frameworks" / "four-p-v1.yaml"))
    args = parser.parse_args()
    framework = load_framework(args.framework)
    provisions = [p.id for p in framework.provisions]
    pillar_of = {p.id: p.pillar for p in framework.provisions}

    first, second = read(args.first), read(args.second)
    shared = [key for key in first if key in second]
    unknown = sorted({pid for key in shared for pid in second[key]["labels"]} - set(provisions))
    if unknown:
        raise SystemExit(f"second labeller: labels not in the framework: {', '.join(unknown)}")
    print(f"first: {' '.join(args.first)} ({len(first)} rows)")
    print(f"second: {' '.join(args.second)} ({len(second)} rows)")
    print(f"compared: {len(shared)} sections both files hold\n")

    overall, by_source, by_pillar, by_provision = Tally(), defaultdict(Tally), defaultdict(Tally), defaultdict(Tally)
    same = 0
    a_sets, b_sets = [], []
    for key in shared:
        a, b = set(first[key]["labels"]), set(second[key]["labels"])
        a_sets.append(a)
        b_sets.append(b)
        same += a == b
        overall.add(b, a)
        by_source[str(first[key].get("jurisdiction", "?"))].add(b, a)
        for pid in provisions:
            by_provision[pid].add(b & {pid}, a & {pid})
            by_pillar[pillar_of[pid]].add(b & {pid}, a & {pid})

    print(overall.line("ALL (micro), second vs first"))
    print(f"identical label sets: {same} of {len(shared)} sections ({same / len(shared):.3f})")
    print(f"Cohen's kappa, pooled over provisions: {kappa(a_sets, b_sets, provisions):.3f}")
    print_by_source_and_pillar(by_source, by_pillar, framework)
    print("\nper provision (either labeller used it)")
    for pid in provisions:
        t = by_provision[pid]
        if t.tp + t.fp + t.fn:
            print(t.line(f"  {pid}"))


if __name__ == "__main__":
    main()
