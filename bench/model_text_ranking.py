"""How the analyzer ranks the model provision library: for each variant of each model text, is the provision it
was written for the analyzer's first choice, among its findings lower down, or not found at all?

Reads data/model_provisions/four-p-v1/ and data/frameworks/four-p-v1.yaml directly (no database), fills each
text as the library page does (option defaults, the level's names) and analyses it as one section of a
"Trafficking in Persons Act", with its heading and level. Prints figures; asserts nothing.

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
from fourthp.drafting.text import fill, parse_options  # noqa: E402


def main() -> None:
    framework = load_framework(ROOT / "data" / "frameworks" / "four-p-v1.yaml")
    levels = {p.id: p.levels for p in framework.provisions}
    outcome: Counter[str] = Counter()
    by_tradition: Counter[tuple[str, str]] = Counter()
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
                    found = sorted(analysis.findings, key=lambda f: -f.confidence)
                    mine = [f for f in found if f.provision == entry["provision"]]
                    if mine and mine[0].confidence == found[0].confidence:
                        result = "first"
                    elif mine:
                        result = "found lower"
                    else:
                        result = "not found"
                    outcome[result] += 1
                    by_tradition[(tradition, result)] += 1
                    if result != "first":
                        top = ", ".join(f"{f.provision} {f.confidence}" for f in found[:3]) or "nothing"
                        misses.append(f"{entry['provision']} ({tradition}, {level}): {result}; analyzer: {top}")
    total = sum(outcome.values())
    print(f"variants analysed: {total}")
    for result in ("first", "found lower", "not found"):
        print(f"  {result}: {outcome[result]} ({100 * outcome[result] / total:.1f}%)")
    for tradition in ("common_law", "civil_law"):
        n = sum(v for (t, _), v in by_tradition.items() if t == tradition)
        print(f"  {tradition}: first {by_tradition[(tradition, 'first')]} of {n}")
    if "--list" in sys.argv:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
