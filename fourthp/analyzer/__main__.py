"""Command line: analyse a statute file, or JSON lines of texts.

    python -m fourthp.analyzer FILE [--framework PATH] [--all] [--level national|subnational]
    python -m fourthp.analyzer --jsonl [--framework PATH] [--level ...] < texts.jsonl

FILE is read with :func:`fourthp.analyzer.readers.read_document` (plain text,
Markdown, HTML, PDF, DC and Canada XML) and a readable report is printed.
With ``--jsonl`` each input line ``{"id": ..., "text": ...}`` gives one output
line ``{"id": ..., "findings": [...]}`` listing the suggested findings.
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
from fourthp.analyzer.readers import ReaderError, detect_format, read_document

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
    try:
        if args.jsonl:
            _run_jsonl(sys.stdin.buffer, sys.stdout, framework, args.max_bytes, level=args.level)
        elif args.file:
            _run_file(Path(args.file), sys.stdout, framework, args.max_bytes, show_all=args.all, level=args.level)
        else:
            return _fail("give a FILE to analyse, or --jsonl to read JSON lines on stdin")
    except (InputError, ReaderError) as exc:
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


def _run_jsonl(stream: object, out: TextIO, framework: Framework, max_bytes: int, *, level: str = "") -> None:
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
        analysis = analyze(record[1], framework, level=level)
        findings = [
            {"provision": f.provision, "confidence": f.confidence, "start": f.start, "end": f.end, "section": f.section}
            for f in analysis.suggested
        ]
        out.write(json.dumps({"id": record[0], "findings": findings}, ensure_ascii=False) + "\n")
        out.flush()


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
    path: Path, out: TextIO, framework: Framework, max_bytes: int, *, show_all: bool, level: str = ""
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
    _report(out, path.name, document.title, analysis, {k: v.heading for k, v in texts.items()}, show_all=show_all)


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
