"""How often the statute analyzer suggests the provisions an analyst would.

Each labelled row is one section. Rows are grouped by the instrument they come
from (a code chapter, an act, a treaty) and each instrument's rows are analysed
together with ``analyze_sections``, passing what a real caller reading that
instrument knows: each section's heading and the instrument's title (read from
the source file with the project's own reader). Labels and notes are never
passed. The set of provisions suggested for each section is compared with the
row's labels. Prints micro precision, recall and F1 overall, per source,
per pillar and per provision, and the precision of all findings (suggested or
not) per confidence decile: a calibrated analyzer is right about 8 times in
10 on findings it gives 0.8.

Then, for the provisions that no labelled row has, it prints what the
analyzer suggests on the authored fixtures in fourthp/analyzer/tests/fixtures/.

    .venv/bin/python bench/analyzer_accuracy.py [--labels PATH ...] [--corpus DIR] [--framework PATH]
        [--gold SECOND-LABELLER.jsonl] [--errors] [--fit]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV_LABELS = ROOT.parent / "shared" / "corpus" / "dev" / "labels.jsonl"
DEV_FLOOR = 0.85  # micro F1 on the whole development set
sys.path.insert(0, str(ROOT))

from fourthp.analyzer import analyze_sections  # noqa: E402
from fourthp.analyzer.analyze import ENGINE, THRESHOLD, Finding, section_contexts  # noqa: E402
from fourthp.analyzer.framework import load_framework  # noqa: E402
from fourthp.analyzer.readers import ReaderError, detect_format, read_document  # noqa: E402
from fourthp.analyzer.rules import find_candidates  # noqa: E402

SOURCES = {
    "US": "US federal",
    "US-DC": "DC",
    "CA": "Canada",
    "INT": "treaties",
    "PK": "Pakistan",
    "LK": "Sri Lanka",
    "US-HI": "Hawaii",
    "US-MO": "Missouri",
    "GB": "United Kingdom",
    "GB-SCT": "Scotland",
    "GB-NIR": "Northern Ireland",
    "AU": "Australia",
    "KE": "Kenya",
    "ZA": "South Africa",
    "PH": "Philippines",
    "SG": "Singapore",
    "EU": "European Union",
    "DE": "Germany",
    "FR": "France",
}
FIXTURES = ROOT / "fourthp" / "analyzer" / "tests" / "fixtures"


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: set[str], gold: set[str]) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return f"{name:<34} P {p:5.3f}  R {r:5.3f}  F1 {self.f1():5.3f}   (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--labels",
        nargs="+",
        default=[str(DEV_LABELS)],
        help="one or more labelled sets (JSON lines); several are scored together",
    )
    parser.add_argument("--framework", default=str(ROOT / "data" / "frameworks" / "four-p-v1.yaml"))
    parser.add_argument(
        "--corpus",
        default="",
        help="folder the rows' source_file paths are relative to (default: the labels file's folder)",
    )
    parser.add_argument(
        "--gold",
        nargs="+",
        default=[],
        help="score against these files' labels instead (JSON lines of id and labels: a second labeller's); "
        "only the rows they hold are scored",
    )
    parser.add_argument("--errors", action="store_true", help="list each row's false positives and misses")
    parser.add_argument(
        "--fit", action="store_true", help="fit the calibration tables and threshold on these rows and print them"
    )
    args = parser.parse_args()

    framework = load_framework(args.framework)
    pillar_of = {p.id: p.pillar for p in framework.provisions}
    rows = read_rows(args.labels)
    if args.gold:
        rows = _regold(rows, args.gold)
    corpus = Path(args.corpus) if args.corpus else Path(args.labels[0]).parent
    rows, unreadable = _with_text(rows, corpus)
    if unreadable:
        print(f"{unreadable} labelled rows left out: their text is not stored or could not be rebuilt from {corpus}")

    overall, by_source, by_folder = Tally(), defaultdict(Tally), defaultdict(Tally)
    by_pillar, by_provision = defaultdict(Tally), defaultdict(Tally)
    deciles: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    labelled: Counter[str] = Counter()
    if args.fit:
        _fit(rows, corpus, {p.id for p in framework.provisions})
        return
    analysed: dict[str, list[Finding]] = {}
    sourceless = 0
    for group in _instruments(rows).values():
        title = _title(corpus, group[0])
        if title is None:
            sourceless += 1
            title = ""
        analysis = analyze_sections(
            [(str(r["id"]), r["text"]) for r in group],
            framework,
            headings=[r["heading"] for r in group],
            context=title,
            level=_level(group[0]["jurisdiction"]),
        )
        for section in analysis.sections:
            analysed[section.number] = list(section.findings)
    for row in rows:
        gold = set(row["labels"])
        labelled.update(gold)
        findings = analysed[str(row["id"])]
        predicted = {f.provision for f in findings if f.confidence >= THRESHOLD}
        overall.add(predicted, gold)
        by_source[row["jurisdiction"]].add(predicted, gold)
        by_folder[_folder(row)].add(predicted, gold)
        for pid in pillar_of:
            by_provision[pid].add(predicted & {pid}, gold & {pid})
            by_pillar[pillar_of[pid]].add(predicted & {pid}, gold & {pid})
        for f in findings:
            bucket = deciles[min(9, int(f.confidence * 10))]
            bucket[0] += 1
            bucket[1] += f.provision in gold
        if args.errors and (predicted ^ gold):
            print(f"# {row['id']} ({row['jurisdiction']}): fp {sorted(predicted - gold)} fn {sorted(gold - predicted)}")

    print(f"Analyzer accuracy — {date.today().isoformat()} — engine {ENGINE}, threshold {THRESHOLD}")
    print(f"labels: {' '.join(args.labels)} ({len(rows)} sections)")
    if args.gold:
        print(f"gold: the labels of {' '.join(args.gold)}, not those of the files above")
    if sourceless:
        print(
            f"warning: {sourceless} source documents are not under {corpus}, so their titles are unknown "
            "and the figures are lower than they should be: pass --corpus"
        )
    print(f"machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}\n")
    print(overall.line("ALL (micro)"))
    if not args.gold and [Path(p).resolve() for p in args.labels] == [DEV_LABELS.resolve()]:
        # Judged unrounded: 0.8497 prints as 0.850 above but is under the floor.
        met = "met" if overall.f1() >= DEV_FLOOR else "NOT met"
        print(f"{'floor on the whole set':<34} F1 {overall.f1():.4f} against {DEV_FLOOR}: {met}")
    print_by_source_and_pillar(by_source, by_pillar, framework, by_folder)
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


def print_by_source_and_pillar(
    by_source: dict[str, Tally], by_pillar: dict[str, Tally], framework: Any, by_folder: dict[str, Tally] | None = None
) -> None:
    """Print the per-source (and per-folder, when there are several) and per-pillar lines."""
    print("\nper source")
    for key in sorted(by_source):
        print(by_source[key].line(f"  {SOURCES.get(key, key)} [{key}]"))
    if by_folder and len(by_folder) > 1:
        print("\nper corpus folder")
        for key in sorted(by_folder):
            print(by_folder[key].line(f"  {key}"))
    print("\nper pillar")
    for pillar in framework.pillars:
        print(by_pillar[pillar.id].line(f"  {pillar.id}"))


def _fit(rows: list[dict[str, Any]], corpus: Path, known: set[str]) -> None:
    """Print, per rule family, the isotonic (pool-adjacent-violators) fit of
    precision on raw rule score, and the F1 of each raw-score threshold."""
    gold = {str(r["id"]): set(r["labels"]) for r in rows}
    points: dict[str, list[tuple[float, int]]] = defaultdict(list)
    predicted: list[tuple[float, str, str]] = []
    for group in _instruments(rows).values():
        sections = [(str(r["id"]), r["text"]) for r in group]
        headings = [r["heading"] for r in group]
        for ctx, key in section_contexts(sections, headings=headings, context=_title(corpus, group[0]) or ""):
            for cand in find_candidates(ctx):
                if cand.provision in known:
                    points[cand.family].append((cand.score, int(cand.provision in gold[key])))
                    predicted.append((cand.score, key, cand.provision))
    for family, pts in sorted(points.items()):
        print(f"{family!r}: {_pav(sorted(pts))},")
    total = sum(len(g) for g in gold.values())
    for step in range(30, 71, 2):
        t = step / 100
        tp = sum(1 for score, key, pid in predicted if score >= t and pid in gold[key])
        n = sum(1 for score, _, _ in predicted if score >= t)
        f1 = 2 * tp / (n + total) if n + total else 0.0
        print(f"raw threshold {t:.2f}: suggested {n}, right {tp}, F1 {f1:.3f}")


def _pav(points: list[tuple[float, int]]) -> tuple[tuple[float, float], ...]:
    """Pool adjacent violators: blocks of (mean score, precision), non-decreasing."""
    blocks: list[list[float]] = []  # [sum of scores, sum of hits, count]
    for score, hit in points:
        blocks.append([score, float(hit), 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
            last = blocks.pop()
            for i in range(3):
                blocks[-1][i] += last[i]
    # Laplace-smoothed: a block of 40 right out of 40 is evidence of about 0.98, not proof of 1.
    return tuple((round(b[0] / b[2], 3), round((b[1] + 1) / (b[2] + 2), 3)) for b in blocks)


def read_rows(paths: list[str] | list[Path]) -> list[dict[str, Any]]:
    """The rows of one or more JSON-lines files, in order; blank lines skipped."""
    return [
        json.loads(line)
        for path in paths
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _regold(rows: list[dict[str, Any]], paths: list[str]) -> list[dict[str, Any]]:
    """The rows ``paths`` also label, each with their labels in place of its own."""
    other = {str(row["id"]): list(row["labels"]) for row in read_rows(paths)}
    return [{**row, "labels": other[str(row["id"])]} for row in rows if str(row["id"]) in other]


def _with_text(rows: list[dict[str, Any]], corpus: Path) -> tuple[list[dict[str, Any]], int]:
    """Rows whose text is kept out of the repository (a source without a licence) get it back from the corpus.

    Such a row has `text_lines`: for each line of its text, the line number, start and length in the source
    file after each line is trimmed and its runs of spaces collapsed; `text_sha256` checks the result. A row
    whose lines could not be located (`text_lines` null), or whose source is missing, is left out.
    """
    kept, unreadable = [], 0
    lines_of: dict[str, list[str]] = {}
    for row in rows:
        if "source_file" not in row and not row["text"]:
            unreadable += 1  # a training row whose text is not stored: its source's terms allow no copy
            continue
        if "text_lines" not in row:
            kept.append(row)
            continue
        source = row["source_file"]
        if source not in lines_of:
            try:
                raw = (corpus / source).read_text(encoding="utf-8").splitlines()
            except OSError:
                raw = []
            lines_of[source] = [re.sub(r"[ \t]+", " ", line).strip() for line in raw]
        lines = lines_of[source]
        try:
            text = "\n".join(lines[i][j : j + n] for i, j, n in row["text_lines"] or [])
        except IndexError:
            text = ""
        if not row["text_lines"] or hashlib.sha256(text.encode()).hexdigest() != row["text_sha256"]:
            unreadable += 1
            continue
        kept.append({**row, "text": text})
    return kept, unreadable


def _instruments(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows by instrument: a code chapter split into one file per section is one instrument;
    a training row (text read from the web, no source file) names its instrument in `title`."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if "source_file" not in row:
            groups["title:" + str(row["title"])].append(row)
            continue
        source = Path(row["source_file"])
        one_file_per_section = source.parent.name.startswith(("title-", "us-dc-code"))
        groups[str(source.parent if one_file_per_section else source)].append(row)
    return groups


def _level(jurisdiction: str) -> str:
    """The level of a row's jurisdiction, as an analyst picking an instrument in
    the atlas knows it: an ISO 3166-2 subdivision ("US-CT") is subnational, a
    country ("PK") national; a treaty ("INT") binds no level in particular."""
    if jurisdiction == "INT":
        return ""
    return "subnational" if "-" in jurisdiction else "national"


def _folder(row: dict[str, Any]) -> str:
    """The corpus folder a row comes from; `training` for a training row."""
    if "source_file" not in row:
        return "training"
    return str(row["source_file"]).split("/", 1)[0]


def _title(corpus: Path, row: dict[str, Any]) -> str | None:
    """The title the project's reader gives the row's source document; None if the file is not there.
    A training row carries its instrument's title."""
    if "source_file" not in row:
        return str(row["title"])
    path = corpus / row["source_file"]
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return read_document(data, detect_format(data, path.name), filename=path.name).title
    except ReaderError:
        return ""


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
