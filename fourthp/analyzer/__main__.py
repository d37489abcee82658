"""Command line: analyse a statute file, or JSON lines of texts.

    python -m fourthp.analyzer FILE [--framework PATH] [--all] [--level national|subnational]
    python -m fourthp.analyzer --jsonl [--framework PATH] [--level ...] [--all] < texts.jsonl
    python -m fourthp.analyzer FILE --mode precise|thorough [--rank N] [--all]

FILE is read with :func:`fourthp.analyzer.readers.read_document` (plain text,
Markdown, HTML, PDF, DC and Canada XML) and a readable report is printed.
With ``--jsonl`` each input line ``{"id": ..., "text": ...}`` gives one output
line ``{"id": ..., "findings": [...]}`` listing the suggested findings.
With ``--all`` every finding is listed with its confidence (0–1), below the
threshold too, each marked ``suggested`` or not.

``--mode`` chooses who suggests: ``rules`` (the default) or the learned ranker
beside them (:mod:`fourthp.analyzer.ranker`) in its ``precise`` mode (fewer
suggestions, mostly right) or ``thorough`` mode (more, for a first pass).
``--rank N`` prints, for every provision, the N sections of the law that best
match it, best first, with the span and the reason. Ranker output names the
model version and the SHA-256 of its training data; if that data changed since
the model was trained, the command stops with a message instead.
``--level`` says whose law it is (a country's, or a state's or province's):
the provisions the framework does not apply at that level are not suggested.

Inputs larger than the limit (``--max-bytes``, default 50 MB, or the
``FOURTHP_ANALYZER_MAX_BYTES`` environment variable) are refused: a file
larger than that is almost certainly not one law, and reading it would hold
the whole text and its masked copy in memory. Problems with the input get a
one-line message on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from fourthp.analyzer.analyze import Analysis, analyze, analyze_sections
from fourthp.analyzer.framework import LEVELS, Framework, FrameworkError, load_framework
from fourthp.analyzer.ranker import MODES, Ranker, Ranking, StaleRanker, load_ranker, rank_sections
from fourthp.analyzer.readers import ReaderError, detect_format, read_document
from fourthp.analyzer.segment import split_sections

DEFAULT_FRAMEWORK = Path(__file__).resolve().parents[2] / "data" / "frameworks" / "four-p-v1.yaml"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class InputError(Exception):
    """Bad input, reported as one line on stderr."""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        framework = load_framework(args.framework)
    except (OSError, FrameworkError) as exc:
        return _fail(f"cannot load the framework {args.framework}: {_one_line(exc)}")
    if not args.jsonl and not args.file:
        return _fail("give a FILE to analyse, or --jsonl to read JSON lines on stdin")
    try:
        ranker = load_ranker(framework) if args.mode != "rules" or args.rank else None
        options = {"level": args.level, "show_all": args.all, "ranker": ranker, "mode": args.mode}
        if args.jsonl:
            _run_jsonl(sys.stdin.buffer, sys.stdout, framework, args.max_bytes, **options)
        else:
            _run_file(Path(args.file), sys.stdout, framework, args.max_bytes, rank=args.rank, **options)
    except (InputError, ReaderError, StaleRanker) as exc:
        return _fail(_one_line(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m fourthp.analyzer", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", help="a statute, bill or treaty (text, Markdown, HTML, PDF, XML)")
    parser.add_argument("--jsonl", action="store_true", help='read {"id", "text"} JSON lines on stdin')
    parser.add_argument("--framework", default=str(DEFAULT_FRAMEWORK), help="framework YAML (default: %(default)s)")
    parser.add_argument("--all", action="store_true", help="report findings below the suggestion threshold too")
    parser.add_argument(
        "--mode",
        choices=("rules", *MODES),
        default="rules",
        help="who suggests: the rules, or the learned ranker in its precise or thorough mode (default: %(default)s)",
    )
    parser.add_argument(
        "--rank", type=int, default=0, metavar="N", help="print every provision's N best-matching sections"
    )
    parser.add_argument(
        "--level",
        choices=LEVELS,
        default="",
        help="the level of the jurisdiction whose law it is: leaves out the provisions that do not apply at that level",
    )
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=int(os.environ.get("FOURTHP_ANALYZER_MAX_BYTES") or DEFAULT_MAX_BYTES),
        help="refuse inputs (a file, or one JSON line) larger than this (default: %(default)s)",
    )
    return parser


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _run_jsonl(
    stream: object,
    out: TextIO,
    framework: Framework,
    max_bytes: int,
    *,
    level: str = "",
    show_all: bool = False,
    ranker: Ranker | None = None,
    mode: str = "rules",
) -> None:
    assert hasattr(stream, "readline")
    number = 0
    while True:
        raw: bytes = stream.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        if len(raw) > max_bytes:
            raise InputError(f"line {number} is larger than the limit of {max_bytes} bytes")
        if not raw.strip():
            continue
        record = _record(raw, number)
        line: dict[str, object] = {"id": record[0]}
        if ranker is not None and mode != "rules":
            segments = split_sections(record[1])
            ranking = rank_sections(
                ranker,
                [(seg.number, seg.text) for seg in segments],
                headings=[seg.heading for seg in segments],
                level=level,
            )
            cut = ranking.thresholds[mode]
            line["findings"] = [
                _jsonl_finding(r.provision, r.confidence, r.start, r.end, r.section, r.confidence >= cut, show_all)
                for r in ranking.findings()
                if show_all or r.confidence >= cut
            ]
            line.update(mode=mode, threshold=cut, model=ranking.version, training_data_sha256=ranking.data_sha256)
        else:
            analysis = analyze(record[1], framework, level=level)
            shown = analysis.findings if show_all else analysis.suggested
            line["findings"] = [
                _jsonl_finding(
                    f.provision, f.confidence, f.start, f.end, f.section, f.confidence >= analysis.threshold, show_all
                )
                for f in shown
            ]
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        out.flush()


def _jsonl_finding(
    provision: str, confidence: float, start: int, end: int, section: str, suggested: bool, show_all: bool
) -> dict[str, object]:
    found: dict[str, object] = {
        "provision": provision,
        "confidence": confidence,
        "start": start,
        "end": end,
        "section": section,
    }
    if show_all:
        found["suggested"] = suggested
    return found


def _record(raw: bytes, number: int) -> tuple[object, str]:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"line {number} is not UTF-8 text") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number} is not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or "id" not in record:
        raise InputError(f'line {number} must be a JSON object with "id" and a string "text"')
    if "\x00" in record["text"]:
        raise InputError(f"line {number}: the text contains NUL characters (binary data?)")
    return record["id"], record["text"]


def _run_file(
    path: Path,
    out: TextIO,
    framework: Framework,
    max_bytes: int,
    *,
    show_all: bool,
    level: str = "",
    ranker: Ranker | None = None,
    mode: str = "rules",
    rank: int = 0,
) -> None:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(f"{path} is not a file")
        if size > max_bytes:
            raise InputError(f"{path} is {size} bytes, larger than the limit of {max_bytes} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    document = read_document(data, detect_format(data, path.name), filename=path.name)
    analysis = analyze_sections(
        [(s.number, s.text) for s in document.sections],
        framework,
        headings=[s.heading for s in document.sections],
        context=document.title,
        level=level,
    )
    texts = {s.number: s for s in document.sections}
    headings = {k: v.heading for k, v in texts.items()}
    if ranker is None:
        _report(out, path.name, document.title, analysis, headings, show_all=show_all)
        return
    ranking = rank_sections(
        ranker,
        [(s.number, s.text) for s in document.sections],
        headings=[s.heading for s in document.sections],
        context=document.title,
        level=level,
        analysis=analysis,
    )
    if mode == "rules":
        _report(out, path.name, document.title, analysis, headings, show_all=show_all)
    else:
        _ranked_report(out, path.name, document.title, ranking, headings, mode=mode, show_all=show_all)
    if rank:
        _rank_report(out, ranking, headings, rank)


def _ranked_report(
    out: TextIO, name: str, title: str, ranking: Ranking, headings: dict[str, str], *, mode: str, show_all: bool
) -> None:
    cut = ranking.thresholds[mode]
    suggested = ranking.suggested(mode)
    shown = ranking.findings() if show_all else suggested
    out.write(f"{name}{f' — {title}' if title else ''}\n")
    out.write(
        f"{len(suggested)} suggested findings in {mode} mode (confidence ≥ {cut}); "
        f"model {ranking.version}, training data sha256 {ranking.data_sha256[:12]}\n"
    )
    section = None
    for r in shown:
        if r.section != section:
            section = r.section
            heading = headings.get(section, "")
            out.write(f"\n§ {section}{f'  {heading}' if heading else ''}\n")
        mark = "*" if r.confidence >= cut else " "
        out.write(f" {mark}{r.confidence:.2f}  {r.provision:<32} [{r.start}:{r.end}]  {r.reason}\n")
    if not shown:
        out.write("\nNo provisions of the framework were recognised.\n")


def _rank_report(out: TextIO, ranking: Ranking, headings: dict[str, str], n: int) -> None:
    out.write(f"\nBest-matching sections per provision (top {n}):\n")
    for provision, ranked in ranking.by_provision.items():
        if not ranked:
            continue
        out.write(f"\n{provision}\n")
        for r in ranked[:n]:
            heading = headings.get(r.section, "")
            out.write(
                f"  {r.rank}. {r.confidence:.2f}  § {r.section}{f'  {heading}' if heading else ''}  — {r.reason}\n"
            )


def _report(
    out: TextIO, name: str, title: str, analysis: Analysis, headings: dict[str, str], *, show_all: bool
) -> None:
    shown = analysis.findings if show_all else analysis.suggested
    out.write(f"{name}{f' — {title}' if title else ''}\n")
    out.write(
        f"{len(analysis.sections)} sections; {len(analysis.suggested)} suggested findings "
        f"(confidence ≥ {analysis.threshold}) against {analysis.framework} v{analysis.framework_version}\n"
    )
    for section in analysis.sections:
        mine = [f for f in shown if f.section == section.number]
        if not mine:
            continue
        heading = headings.get(section.number, "")
        out.write(f"\n§ {section.number}{f'  {heading}' if heading else ''}\n")
        for f in mine:
            out.write(f"  {f.confidence:.2f}  {f.provision:<32} [{f.start}:{f.end}]  {f.reason}\n")
            out.write(f"        “{f.excerpt[:160]}”\n")
    if not shown:
        out.write("\nNo provisions of the framework were recognised.\n")


if __name__ == "__main__":
    sys.exit(main())
