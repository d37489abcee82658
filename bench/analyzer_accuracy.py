"""How often the statute analyzer suggests the provisions an analyst would.

Each labelled row is one section: its text is analysed as one section
(``analyze_sections``) and the set of suggested provisions is compared with
the row's labels. Prints micro precision, recall and F1 overall, per source,
per pillar and per provision, and the precision of all findings (suggested or
not) per confidence decile: a calibrated analyzer is right about 8 times in
10 on findings it gives 0.8.

Then, for the provisions that no labelled row has, it prints what the
analyzer suggests on the authored fixtures in fourthp/analyzer/tests/fixtures/.

    .venv/bin/python bench/analyzer_accuracy.py [--labels PATH] [--framework PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fourthp.analyzer import analyze_sections  # noqa: E402
from fourthp.analyzer.analyze import ENGINE, THRESHOLD  # noqa: E402
from fourthp.analyzer.framework import load_framework  # noqa: E402

SOURCES = {"US": "US federal", "US-DC": "DC", "CA": "Canada", "INT": "treaties"}
FIXTURES = ROOT / "fourthp" / "analyzer" / "tests" / "fixtures"


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: set[str], gold: set[str]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{name:<34} P {p:5.3f}  R {r:5.3f}  F1 {f:5.3f}   (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", default=str(ROOT.parent / "shared" / "corpus" / "dev" / "labels.jsonl"))
    parser.add_argument("--framework", default=str(ROOT / "data" / "frameworks" / "four-p-v1.yaml"))
    parser.add_argument("--errors", action="store_true", help="list each row's false positives and misses")
    args = parser.parse_args()

    framework = load_framework(args.framework)
    pillar_of = {p.id: p.pillar for p in framework.provisions}
    rows = [json.loads(line) for line in Path(args.labels).read_text(encoding="utf-8").splitlines() if line.strip()]

    overall, by_source = Tally(), defaultdict(Tally)
    by_pillar, by_provision = defaultdict(Tally), defaultdict(Tally)
    deciles: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    labelled: Counter[str] = Counter()
    for row in rows:
        gold = set(row["labels"])
        labelled.update(gold)
        analysis = analyze_sections([(str(row["id"]), row["text"])], framework)
        predicted = {f.provision for f in analysis.suggested}
        overall.add(predicted, gold)
        by_source[row["jurisdiction"]].add(predicted, gold)
        for pid in pillar_of:
            by_provision[pid].add(predicted & {pid}, gold & {pid})
            by_pillar[pillar_of[pid]].add(predicted & {pid}, gold & {pid})
        for f in analysis.findings:
            bucket = deciles[min(9, int(f.confidence * 10))]
            bucket[0] += 1
            bucket[1] += f.provision in gold
        if args.errors and (predicted ^ gold):
            print(f"# {row['id']} ({row['jurisdiction']}): fp {sorted(predicted - gold)} fn {sorted(gold - predicted)}")

    print(f"Analyzer accuracy — {date.today().isoformat()} — engine {ENGINE}, threshold {THRESHOLD}")
    print(f"labels: {args.labels} ({len(rows)} sections)")
    print(f"machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}\n")
    print(overall.line("ALL (micro)"))
    print("\nper source")
    for key in sorted(by_source):
        print(by_source[key].line(f"  {SOURCES.get(key, key)} [{key}]"))
    print("\nper pillar")
    for pillar in framework.pillars:
        print(by_pillar[pillar.id].line(f"  {pillar.id}"))
    print("\nper provision (labelled examples in brackets)")
    for p in framework.provisions:
        print(by_provision[p.id].line(f"  {p.id} [{labelled[p.id]}]"))
    print("\nprecision of all findings per confidence decile")
    for d in range(10):
        n, right = deciles[d]
        share = f"{right / n:5.3f}" if n else "  -  "
        print(f"  [{d / 10:.1f}, {(d + 1) / 10:.1f})  findings {n:4d}  right {right:4d}  precision {share}")

    missing = [p.id for p in framework.provisions if not labelled[p.id]]
    print(f"\nprovisions with no labelled example ({len(missing)}): authored fixtures")
    _fixtures(framework, missing)


def _fixtures(framework: object, missing: list[str]) -> None:
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    for pid in missing:
        files = sorted(name for name, spec in expected.items() if pid in spec["expect"])
        found = 0
        for name in files:
            analysis = analyze_sections([(name, (FIXTURES / name).read_text(encoding="utf-8"))], framework)  # type: ignore[arg-type]
            hit = [f for f in analysis.findings if f.provision == pid]
            conf = f"{hit[0].confidence:.2f}" if hit else "none"
            found += bool(hit and hit[0].confidence >= THRESHOLD)
            print(f"  {pid:<32} {name:<36} confidence {conf}")
        negatives = [name for name, spec in expected.items() if spec["absent"] == "*" or pid in spec["absent"]]
        false = 0
        for name in negatives:
            analysis = analyze_sections([(name, (FIXTURES / name).read_text(encoding="utf-8"))], framework)  # type: ignore[arg-type]
            false += any(f.provision == pid for f in analysis.suggested)
        print(
            f"  {pid:<32} suggested on {found}/{len(files)} positive fixtures, {false}/{len(negatives)} hard negatives"
        )


if __name__ == "__main__":
    main()
