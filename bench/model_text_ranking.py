"""How the analyzer ranks the model provision library: for each variant of each model text, is the provision it
was written for the analyzer's first choice, among its findings lower down, or not found at all?

Reads data/model_provisions/four-p-v1/ and data/frameworks/four-p-v1.yaml directly (no database), fills each
text as the library page does (option defaults, the level's names) and analyses it as one section of a
"Trafficking in Persons Act", with its heading and level, twice: by the rules alone, and by the whole engine
(the rules with the learned ranker, whose confidence is the one a run shows). Prints figures; asserts nothing.

    .venv/bin/python bench/model_text_ranking.py [--list]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fourthp.analyzer.analyze import analyze_sections  # noqa: E402
from fourthp.analyzer.framework import load_framework  # noqa: E402
from fourthp.analyzer.ranker import load_ranker, rank_sections  # noqa: E402
from fourthp.drafting.text import fill, parse_options  # noqa: E402


def main() -> None:
    framework = load_framework(ROOT / "data" / "frameworks" / "four-p-v1.yaml")
    levels = {p.id: p.levels for p in framework.provisions}
    ranker = load_ranker(framework)
    outcome: Counter[tuple[str, str]] = Counter()
    by_tradition: Counter[tuple[str, str, str]] = Counter()
    misses = []
    for path in sorted((ROOT / "data" / "model_provisions" / "four-p-v1").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["model_provisions"]:
            options = parse_options(entry.get("options"))
            texts = entry["texts"]
            for level in levels[entry["provision"]]:
                for tradition in ("common_law", "civil_law"):
                    variant = (texts.get("subnational") or {}).get(tradition) if level == "subnational" else None
                    variant = variant or texts[tradition]
                    text = fill(variant["text"], level=level, options=options)
                    analysis = analyze_sections(
                        [("1", text)], framework, headings=[variant["heading"]], context="Trafficking in Persons Act",
                        level=level,
                    )  # fmt: skip
                    rules = {f.provision: f.confidence for f in analysis.findings}
                    ranking = rank_sections(
                        ranker, [("1", text)], headings=[variant["heading"]], context="Trafficking in Persons Act",
                        level=level, analysis=analysis,
                    )  # fmt: skip
                    engine = {pid: ranked[0].confidence for pid, ranked in ranking.by_provision.items() if ranked}
                    for name, scores in (("rules", rules), ("engine", engine)):
                        found = sorted(scores.items(), key=lambda kv: -kv[1])
                        mine = scores.get(entry["provision"], 0.0)
                        if mine > 0 and mine == found[0][1]:
                            result = "first"
                        elif mine > 0:
                            result = "found lower"
                        else:
                            result = "not found"
                        outcome[(name, result)] += 1
                        by_tradition[(name, tradition, result)] += 1
                        if result != "first":
                            top = ", ".join(f"{pid} {c}" for pid, c in found[:3]) or "nothing"
                            rank = [pid for pid, _ in found].index(entry["provision"]) + 1 if mine > 0 else None
                            own = f"; its own: rank {rank}, {mine}" if rank else ""
                            misses.append(
                                f"{name}: {entry['provision']} ({tradition}, {level}): {result}; top: {top}{own}"
                            )
    total = sum(v for (name, _), v in outcome.items() if name == "rules")
    print(f"variants analysed: {total}")
    for name, label in (("rules", "rules alone"), ("engine", "rules with the learned ranker")):
        print(label)
        for result in ("first", "found lower", "not found"):
            print(f"  {result}: {outcome[(name, result)]} ({100 * outcome[(name, result)] / total:.1f}%)")
        for tradition in ("common_law", "civil_law"):
            n = sum(v for (m, t, _), v in by_tradition.items() if m == name and t == tradition)
            print(f"  {tradition}: first {by_tradition[(name, tradition, 'first')]} of {n}")
    if "--list" in sys.argv:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
