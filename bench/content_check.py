"""How fast the content check reads public texts.

Checks the seed briefs, and a long text made by repeating the drafts of the content check's fixtures (every kind
of problem, densely) up to --chars characters, with the registry of data/statistics and the wording list of data/briefs; prints the time of each,
best of --repeat runs, with the machine it ran on. Nothing is asserted.

    .venv/bin/python bench/content_check.py [--chars 40000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fourthp.lib.contentcheck import Figure, check_text, read_wording  # noqa: E402

STATISTICS = yaml.safe_load((ROOT / "data" / "statistics" / "statistics.yaml").read_text(encoding="utf-8"))
REGISTRY = {s["id"]: Figure(s["quality"], s.get("superseded_by", "")) for s in STATISTICS["statistics"]}


def best_of(repeat: int, text: str, wording: list) -> tuple[float, int]:  # type: ignore[type-arg]
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = len(check_text(text, REGISTRY, wording))
        times.append(time.perf_counter() - start)
    return min(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    wording = read_wording(ROOT / "data" / "briefs" / "wording.txt")
    drafts = yaml.safe_load((ROOT / "tests" / "fixtures" / "content_drafts.yaml").read_text(encoding="utf-8"))
    dense = "\n\n".join(d["text"] for d in drafts["good"] + drafts["bad"])
    long_text = (dense * (args.chars // len(dense) + 1))[: args.chars]
    briefs = yaml.safe_load((ROOT / "data" / "briefs" / "briefs.yaml").read_text(encoding="utf-8"))["resources"]
    print(f"machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}")
    print(f"wording list: {len(wording)} entries")
    for brief in briefs:
        seconds, found = best_of(args.repeat, brief["body"], wording)
        print(f"seed brief {brief['slug']}: {len(brief['body'])} chars, {seconds * 1000:.1f} ms, {found} problems")
    seconds, found = best_of(args.repeat, long_text, wording)
    print(f"dense drafts: {len(long_text)} chars, {seconds * 1000:.1f} ms, {found} problems")


if __name__ == "__main__":
    main()
