"""The learned ranker against the rules alone, on law neither was fitted on.

Part one, leave one source out: every source (jurisdiction) of the ranker's
training rows is scored by a ranker fitted on the others. Part two, measure
only: the rows of the hold-out sets that come from the evaluation corpus (never
trained on) are scored by the ranker fitted on every training row. For each
source, language and in total it prints micro precision, recall and F1 of the
rules (their threshold), the ranker's precise and thorough modes, and recall@3:
the share of (jurisdiction, provision) pairs with a labelled section for which a
right section is among the three the ranker (or the rules' confidence) puts
first, ranked within the jurisdiction's labelled sections and within each whole
labelled instrument. Then what labelling a tenth of a new source adds, the
training time, and the speed and peak memory of rules plus ranker on the
Missouri bills, pinned to one CPU.

``--world-only`` measures only the labelled world set (``bench/world/``): each of
its instruments is read whole from the world corpus and every section ranked,
first by the shipped ranker (the set is blind to it), then by rankers fitted on
the training rows plus the world rows of every other jurisdiction (leave one
source out). Recall@3 counts a (instrument, provision) pair as found when one of
the three sections ranked first is labelled with the provision; an unlabelled
section ranked there counts as a miss. Precision, recall and F1 are over the
labelled rows.

    .venv/bin/python bench/analyzer_ranker.py [--corpus EVAL] [--bills DIR] [--no-speed] [--world-only]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from analyzer_accuracy import _instruments, _level, _title, _with_text, read_rows  # noqa: E402

from fourthp.analyzer.analyze import THRESHOLD, analyze_sections  # noqa: E402
from fourthp.analyzer.framework import load_framework  # noqa: E402
from fourthp.analyzer.ranker import (  # noqa: E402
    RANKER_VERSION,
    TRAINING_FILE,
    Ranker,
    TrainingRow,
    _training_rules,
    model_text,
    rank_sections,
    read_manifest,
    read_training,
    sha256_file,
)
from fourthp.analyzer.readers import ReaderError, detect_format, read_document  # noqa: E402
from fourthp.analyzer.train import AUTHORED, DEV_FOLDERS, loso  # noqa: E402

EVAL = ROOT.parent / "shared" / "corpus" / "eval"
WORLD = ROOT.parent / "shared" / "corpus" / "world"
WORLD_SET = ROOT / "bench" / "world" / "world.jsonl"
MEASURED = ("us-unseen", "commonwealth-unseen", "south-asia-unseen", "us-fresh-unseen")


class Item:
    """A scored row: its source, language, instrument, gold, ranker scores and rules confidences."""

    def __init__(
        self, source: str, language: str, instrument: str, gold: Any, ranker: Any, rules: Any, labelled: bool = True
    ) -> None:
        self.source, self.language, self.instrument = source, language, instrument
        self.gold, self.ranker, self.rules, self.labelled = gold, ranker, rules, labelled


def prf(items: Sequence[Item], which: str, cut: float) -> tuple[float, float, float]:
    right = chosen = total = 0
    for it in items:
        pred = getattr(it, which) >= cut
        right += int((pred & (it.gold > 0)).sum())
        chosen += int(pred.sum())
        total += int(it.gold.sum())
    p = right / chosen if chosen else 0.0
    r = right / total if total else 0.0
    return p, r, (2 * right / (chosen + total) if chosen + total else 0.0)


def recall_at(items: Sequence[Item], which: str, key: str, k: int = 3) -> tuple[float, int]:
    """Share of (group, provision) pairs with a labelled row whose top k rows hold a right one."""
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        groups[getattr(it, key)].append(it)
    hit = pairs = 0
    for members in groups.values():
        gold = np.array([m.gold for m in members])
        score = np.array([getattr(m, which) for m in members])
        for j in np.flatnonzero(gold.sum(axis=0)):
            pairs += 1
            order = np.argsort(-score[:, j], kind="stable")[:k]
            hit += int(gold[order, j].any())
    return (hit / pairs if pairs else 0.0), pairs


def table(title: str, items: Sequence[Item], precise: float, thorough: float) -> None:
    print(f"\n{title}")
    print(
        f"  {'':<22}{'rows':>5}{'labels':>7}  {'rules P/R/F1':>17}  {'precise P/R/F1':>17}  "
        f"{'thorough P/R/F1':>17}  {'R@3 rules':>10}{'R@3 ranker':>11}{'pairs':>6}"
    )
    groups: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        groups[f"source {it.source}"].append(it)
    for it in items:
        groups[f"language {it.language}"].append(it)
    groups["all"] = list(items)
    for name, members in groups.items():
        rules = prf(members, "rules", THRESHOLD)
        pr = prf(members, "ranker", precise)
        th = prf(members, "ranker", thorough)
        r3_rules, pairs = recall_at(members, "rules", "source")
        r3_ranker, _ = recall_at(members, "ranker", "source")
        print(
            f"  {name:<22}{len(members):>5}{int(sum(m.gold.sum() for m in members)):>7}  "
            f"{rules[0]:.2f}/{rules[1]:.2f}/{rules[2]:.3f}  {pr[0]:.2f}/{pr[1]:.2f}/{pr[2]:.3f}  "
            f"{th[0]:.2f}/{th[1]:.2f}/{th[2]:.3f}  {r3_rules:>10.3f}{r3_ranker:>11.3f}{pairs:>6}"
        )
    r3_rules, pairs = recall_at(items, "rules", "instrument")
    r3_ranker, _ = recall_at(items, "ranker", "instrument")
    print(
        f"  recall@3 within each whole labelled instrument: rules {r3_rules:.3f}, ranker {r3_ranker:.3f} ({pairs} pairs)"
    )


def measured_rows(corpus: Path, framework: Any, ranker: Ranker) -> list[Item]:
    """The hold-out rows from the evaluation corpus, scored by the ranker fitted on every training row."""
    index = {p.id: i for i, p in enumerate(framework.provisions)}
    items: list[Item] = []
    for name in MEASURED:
        rows, _ = _with_text(read_rows([ROOT / "bench" / "holdout" / f"{name}.jsonl"]), corpus)
        rows = [r for r in rows if str(r.get("source_file", "")).split("/", 1)[0] not in DEV_FOLDERS]
        for group in _instruments(rows).values():
            level = _level(group[0]["jurisdiction"])
            sections = [(str(r["id"]), str(r["text"])) for r in group]
            headings = [str(r["heading"]) for r in group]
            title = _title(corpus, group[0]) or ""
            analysis = analyze_sections(sections, framework, headings=headings, context=title, level=level)
            ranking = rank_sections(ranker, sections, headings=headings, context=title, level=level, analysis=analysis)
            score = {(r.section, r.provision): r.confidence for rs in ranking.by_provision.values() for r in rs}
            rules = {(s.number, f.provision): f.confidence for s in analysis.sections for f in s.findings}
            for r in group:
                gold = np.zeros(len(index))
                for pid in r["labels"]:
                    gold[index[pid]] = 1
                key = str(r["id"])
                items.append(
                    Item(
                        str(r["jurisdiction"]),
                        "en",
                        f"{name}:{group[0].get('source_file')}",
                        gold,
                        np.array([score.get((key, pid), 0.0) for pid in index]),
                        np.array([rules.get((key, pid), 0.0) for pid in index]),
                    )
                )
    return items


def tenth(rows: list[TrainingRow], framework: Any, rules: Any, precise: float) -> None:
    """For each source: F1 on its rows with none of them trained on, and with a random tenth (at least 2) added."""
    print("\nLabelling a tenth of a new source (precise mode; F1 on the other nine tenths, seed 0):")
    rng = random.Random(0)
    index = {p.id: i for i, p in enumerate(framework.provisions)}
    before_all: list[Item] = []
    after_all: list[Item] = []
    for source in sorted({r.source for r in rows} - {AUTHORED}):
        mine = [i for i, r in enumerate(rows) if r.source == source]
        if len(mine) < 10:
            continue
        added = set(rng.sample(mine, max(2, len(mine) // 10)))
        rest = [i for i in mine if i not in added]
        others = [i for i, r in enumerate(rows) if r.source != source]
        results = []
        for kept in (others, others + sorted(added)):
            ranker = Ranker([rows[i] for i in kept], framework, rules=rules[kept])
            texts = [model_text(rows[i].heading, rows[i].text) for i in rest]
            scores = ranker.scores(texts, rules[rest], rows[rest[0]].level)
            items = []
            for k, i in enumerate(rest):
                gold = np.zeros(len(index))
                for pid in rows[i].labels:
                    gold[index[pid]] = 1
                items.append(Item(source, rows[i].language, rows[i].instrument, gold, scores[k], rules[i]))
            results.append(items)
        before_all += results[0]
        after_all += results[1]
        b, a = prf(results[0], "ranker", precise)[2], prf(results[1], "ranker", precise)[2]
        print(f"  {source:<8} {len(added):>3} rows added: F1 {b:.3f} -> {a:.3f}")
    b, a = prf(before_all, "ranker", precise)[2], prf(after_all, "ranker", precise)[2]
    print(f"  all      F1 {b:.3f} -> {a:.3f}")


class WorldInstrument:
    """One instrument of the world set read whole: its sections and which labelled row each one is."""

    def __init__(self, path: str, rows: list[dict[str, Any]], corpus: Path) -> None:
        data = (corpus / path).read_bytes()
        doc = read_document(data, detect_format(data, Path(path).name), filename=Path(path).name)
        self.path, self.title = path, doc.title
        self.source, self.language = str(rows[0]["jurisdiction"]), str(rows[0]["language"])
        self.level = _level(self.source)
        by_text = {str(r["text"]): r for r in rows}
        self.sections = [(f"{i}:{s.number}", s.text) for i, s in enumerate(doc.sections)]
        self.headings = [s.heading for s in doc.sections]
        self.rows = [by_text.get(s.text) for s in doc.sections]
        missing = len(rows) - sum(1 for r in self.rows if r is not None)
        if missing:
            raise SystemExit(f"{path}: {missing} labelled rows match no section of the document as read")


def world_instruments(corpus: Path, path: Path = WORLD_SET) -> list[WorldInstrument]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in read_rows([path]):
        groups[str(r["source_file"])].append(r)
    return [WorldInstrument(name, rows, corpus) for name, rows in sorted(groups.items())]


def world_items(instruments: Sequence[WorldInstrument], framework: Any, ranker_for: Any) -> list[Item]:
    """Every section of every instrument, scored by ``ranker_for(source)``; unlabelled sections carry no gold."""
    index = {p.id: i for i, p in enumerate(framework.provisions)}
    items: list[Item] = []
    for ins in instruments:
        analysis = analyze_sections(ins.sections, framework, headings=ins.headings, context=ins.title, level=ins.level)
        ranking = rank_sections(
            ranker_for(ins.source),
            ins.sections,
            headings=ins.headings,
            context=ins.title,
            level=ins.level,
            analysis=analysis,
        )
        score = {(r.section, r.provision): r.confidence for rs in ranking.by_provision.values() for r in rs}
        rules = {(s.number, f.provision): f.confidence for s in analysis.sections for f in s.findings}
        for (key, _), row in zip(ins.sections, ins.rows, strict=True):
            gold = np.zeros(len(index))
            for pid in row["labels"] if row else ():
                gold[index[pid]] = 1
            items.append(
                Item(
                    ins.source,
                    ins.language,
                    ins.path,
                    gold,
                    np.array([score.get((key, pid), 0.0) for pid in index]),
                    np.array([rules.get((key, pid), 0.0) for pid in index]),
                    labelled=row is not None,
                )
            )
    return items


def world_table(title: str, items: Sequence[Item], precise: float, thorough: float) -> None:
    """Per language and in all: P/R/F1 on the labelled rows, recall@3 within each whole instrument."""
    print(f"\n{title}")
    print(
        f"  {'':<14}{'sections':>9}{'rows':>5}{'labels':>7}  {'rules P/R/F1':>17}  {'precise P/R/F1':>17}  "
        f"{'thorough P/R/F1':>17}  {'R@3 rules':>10}{'R@3 ranker':>11}{'pairs':>6}"
    )
    languages = sorted({it.language for it in items})
    for name, members in [(f"language {lang}", [it for it in items if it.language == lang]) for lang in languages] + [
        ("all", list(items))
    ]:
        labelled = [it for it in members if it.labelled]
        rules = prf(labelled, "rules", THRESHOLD)
        pr = prf(labelled, "ranker", precise)
        th = prf(labelled, "ranker", thorough)
        r3_rules, pairs = recall_at(members, "rules", "instrument")
        r3_ranker, _ = recall_at(members, "ranker", "instrument")
        print(
            f"  {name:<14}{len(members):>9}{len(labelled):>5}{int(sum(m.gold.sum() for m in members)):>7}  "
            f"{rules[0]:.2f}/{rules[1]:.2f}/{rules[2]:.3f}  {pr[0]:.2f}/{pr[1]:.2f}/{pr[2]:.3f}  "
            f"{th[0]:.2f}/{th[1]:.2f}/{th[2]:.3f}  {r3_rules:>10.3f}{r3_ranker:>11.3f}{pairs:>6}"
        )


def world_training_rows(instruments: Sequence[WorldInstrument]) -> list[TrainingRow]:
    return [
        TrainingRow(
            id=str(row["id"]),
            source=ins.source,
            language=ins.language,
            instrument=ins.path,
            title=ins.title,
            level=ins.level,
            heading=str(row["heading"]),
            text=str(row["text"]),
            labels=tuple(row["labels"]),
        )
        for ins in instruments
        for row in ins.rows
        if row is not None
    ]


def world(
    corpus: Path, framework: Any, ranker: Ranker, rows: list[TrainingRow], precise: float, thorough: float
) -> None:
    instruments = world_instruments(corpus)
    blind = world_items(instruments, framework, lambda source: ranker)
    world_table("World set, blind (the shipped ranker; no world row trained on):", blind, precise, thorough)
    extra = world_training_rows(instruments)
    everything = list(rows) + extra
    rules = _training_rules(everything, framework, {p.id: i for i, p in enumerate(framework.provisions)})
    fitted: dict[str, Ranker] = {}

    def without(source: str) -> Ranker:
        if source not in fitted:
            kept = [i for i, r in enumerate(everything) if r.source != source]
            fitted[source] = Ranker([everything[i] for i in kept], framework, rules=rules[kept])
        return fitted[source]

    loso_items = world_items(instruments, framework, without)
    world_table(
        "World set, leave one source out (training rows plus the other jurisdictions' world rows):",
        loso_items,
        precise,
        thorough,
    )


def speed(bills: Path, framework: Any, ranker: Ranker) -> None:
    files = sorted(p for p in bills.iterdir() if p.is_file())
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    sections = 0
    rules_seconds = ranker_seconds = 0.0
    for path in files:
        data = path.read_bytes()
        try:
            doc = read_document(data, detect_format(data, path.name), filename=path.name)
        except ReaderError:
            continue
        pairs = [(s.number, s.text) for s in doc.sections]
        headings = [s.heading for s in doc.sections]
        start = time.process_time()
        analysis = analyze_sections(pairs, framework, headings=headings, context=doc.title)
        middle = time.process_time()
        rank_sections(ranker, pairs, headings=headings, context=doc.title, analysis=analysis)
        rules_seconds += middle - start
        ranker_seconds += time.process_time() - middle
        sections += len(pairs)
    total = rules_seconds + ranker_seconds
    print(f"\nSpeed on {bills.name}: {len(files)} files, {megabytes:.1f} MB, {sections} sections (CPU time, one CPU)")
    print(f"  rules {rules_seconds:.1f} s ({megabytes / rules_seconds:.2f} MB/s), ranker {ranker_seconds:.1f} s")
    print(f"  rules + ranker {total:.1f} s: {megabytes / total:.2f} MB/s, {sections / total:.0f} sections/s")
    print(f"  peak resident memory (ru_maxrss): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(EVAL), help="the evaluation corpus (default: %(default)s)")
    parser.add_argument("--bills", default=str(EVAL / "us-missouri-bills-2024"))
    parser.add_argument("--framework", default=str(ROOT / "data" / "frameworks" / "four-p-v1.yaml"))
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--world", default=str(WORLD), help="the world corpus (default: %(default)s)")
    parser.add_argument("--world-only", action="store_true", help="measure only the labelled world set")
    parser.add_argument("--speed-only", action="store_true", help="measure only the speed on the bills")
    args = parser.parse_args()
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[-1]})
    framework = load_framework(args.framework)
    meta = read_manifest()
    precise, thorough = meta["thresholds"]["precise"], meta["thresholds"]["thorough"]
    rows = read_training()
    print(f"Ranker {RANKER_VERSION}, training data sha256 {sha256_file(TRAINING_FILE)[:12]} ({len(rows)} rows)")
    print(f"thresholds: rules {THRESHOLD}, precise {precise}, thorough {thorough} (from the manifest, chosen on LOSO)")
    print(f"machine: CPU {cpus[-1]} of {os.cpu_count()}, {platform.platform()}, Python {platform.python_version()}")

    index = {p.id: i for i, p in enumerate(framework.provisions)}
    rules = _training_rules(rows, framework, index)
    if args.world_only:
        world(Path(args.world), framework, Ranker(rows, framework, rules=rules), rows, precise, thorough)
        return
    if args.speed_only:
        speed(Path(args.bills), framework, Ranker(rows, framework, rules=rules))
        return
    scores, labels, _ = loso(rows, framework)
    items = [
        Item(r.source, r.language, r.instrument, labels[i], scores[i], rules[i])
        for i, r in enumerate(rows)
        if r.source != AUTHORED
    ]
    table("Leave one source out (the ranker's training sources):", items, precise, thorough)

    start, cpu = time.perf_counter(), time.process_time()
    ranker = Ranker(rows, framework, rules=rules)
    fit_wall, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"\nFitting the ranker on every training row: {fit_cpu:.1f} s CPU ({fit_wall:.1f} s wall)")

    measured = measured_rows(Path(args.corpus), framework, ranker)
    table("Measure only: hold-out rows from the evaluation corpus (never trained on):", measured, precise, thorough)
    table("Both together (every source unseen by the model that scored it):", items + measured, precise, thorough)
    tenth(rows, framework, rules, precise)
    world(Path(args.world), framework, ranker, rows, precise, thorough)
    if not args.no_speed:
        speed(Path(args.bills), framework, ranker)


if __name__ == "__main__":
    main()
