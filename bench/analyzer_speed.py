"""How fast the default (rules) analyzer reads a large corpus of bills.

Pins itself to one CPU, reads every file of the corpus folder (default: the
2,593 Missouri bills of 2024, 38 MB of Markdown), runs ``analyze`` on each
and prints MB/s, sections/s and peak resident memory; then times a plain
regular-expression keyword scan of the same text, as a floor to compare with.

    .venv/bin/python bench/analyzer_speed.py [--corpus PATH] [--framework PATH]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fourthp.analyzer import analyze  # noqa: E402
from fourthp.analyzer.analyze import ENGINE  # noqa: E402
from fourthp.analyzer.framework import load_framework  # noqa: E402

KEYWORDS = re.compile(r"traffick\w*|slave\w*|forced labou?r|servitude", re.IGNORECASE)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "eval" / "us-missouri-bills-2024"))
    parser.add_argument("--framework", default=str(ROOT / "data" / "frameworks" / "four-p-v1.yaml"))
    args = parser.parse_args()

    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[0]})
    framework = load_framework(args.framework)
    files = sorted(p for p in Path(args.corpus).iterdir() if p.is_file())
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    chars = sum(len(t) for t in texts)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    sections = suggested = findings = 0
    start = time.perf_counter()
    for text in texts:
        analysis = analyze(text, framework)
        sections += len(analysis.sections)
        findings += len(analysis.findings)
        suggested += len(analysis.suggested)
    analyzer_seconds = time.perf_counter() - start

    start = time.perf_counter()
    hits = sum(1 for text in texts for _ in KEYWORDS.finditer(text))
    scan_seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux

    print(f"Analyzer speed — engine {ENGINE}")
    print(f"corpus: {args.corpus}: {len(files)} files, {megabytes:.1f} MB, {chars} characters")
    print(
        f"machine: pinned to CPU {cpus[0]} of {os.cpu_count()} ({cpu_model()}), {platform.platform()}, Python {platform.python_version()}"
    )
    print(
        f"analyzer: {analyzer_seconds:.2f} s  {megabytes / analyzer_seconds:.2f} MB/s  {sections / analyzer_seconds:.0f} sections/s"
    )
    print(f"  {sections} sections, {findings} findings, {suggested} suggested")
    print(
        f"keyword scan (re.finditer {KEYWORDS.pattern!r}): {scan_seconds:.3f} s  {megabytes / scan_seconds:.1f} MB/s, {hits} hits"
    )
    print(f"analyzer / keyword scan time ratio: {analyzer_seconds / scan_seconds:.1f}x")
    print(f"peak resident memory (ru_maxrss): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
