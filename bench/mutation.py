"""Break one access rule at a time and run the tests that should notice: caught or survived, per mutant.

Run by hand (it takes a while: one pytest run per mutant); see bench/README.md.

The mutants are found, not listed: every predicate `can_*` in `fourthp/*/access.py` is inverted (each
`return X` becomes `return not (X)`), and every helper `access_*` there stops refusing (each `raise` and each
call to a `require_*`/`access_*` helper becomes `pass`, so it returns what it would have returned to an
allowed caller). Three rules named by the issue are also looked for by pattern wherever they live (access.py,
then queries.py, models.py): the group manage rule, the jurisdiction edit rule and the assessment edit rule;
each of their predicates is also made to grant everyone (each `return X` becomes `return True`), the break
that once left every test green.

Each mutant edits the file in place, runs `pytest -x -q` over the app's tests, the tests of the apps whose
code uses the function, and fourthp/web/tests, then puts the file back byte for byte, even on Ctrl-C.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "fourthp"
PYTEST = ROOT / ".venv" / "bin" / "pytest"

# The rules a review found unguarded, by app and by the name their function has (before or after the redesign).
NAMED = (
    ("group manage rule", "groups", r"^can_manage"),
    ("jurisdiction edit rule", "jurisdictions", r"^(can_edit|access_jurisdiction)"),
    ("assessment edit rule", "assessments", r"^(can_edit|access_assessment_edit)"),
)
NAMED_MODULES = ("access.py", "queries.py", "models.py")


@dataclass
class Mutant:
    path: Path
    function: str
    kind: str  # "invert" (a predicate), "grant" (a predicate says yes to all) or "allow" (a helper stops refusing)
    labels: list[str] = field(default_factory=list)

    @property
    def app(self) -> str:
        return self.path.relative_to(PACKAGE).parts[0]

    @property
    def name(self) -> str:
        label = f" [{', '.join(self.labels)}]" if self.labels else ""
        return f"{self.app}.{self.path.stem}.{self.function} ({self.kind}){label}"


def _functions(path: Path) -> Iterator[ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield node


def _kind(function: str) -> str | None:
    if function.startswith("can_"):
        return "invert"
    if function.startswith("access_"):
        return "allow"
    return None


def discover() -> list[Mutant]:
    mutants: dict[tuple[Path, str], Mutant] = {}
    for path in sorted(PACKAGE.glob("*/access.py")):
        for node in _functions(path):
            kind = _kind(node.name)
            if kind is not None:
                mutants[(path, node.name)] = Mutant(path, node.name, kind)
    for label, app, pattern in NAMED:
        found = False
        for module in NAMED_MODULES:
            path = PACKAGE / app / module
            if not path.exists():
                continue
            for node in _functions(path):
                kind = _kind(node.name)
                if kind is not None and re.search(pattern, node.name):
                    mutants.setdefault((path, node.name), Mutant(path, node.name, kind)).labels.append(label)
                    if kind == "invert":
                        grant = Mutant(path, node.name, "grant")
                        mutants.setdefault((path, node.name + " grant"), grant).labels.append(label)
                    found = True
            if found:
                break
        if not found:
            print(f"note: no function for the {label} ({app}, {pattern}) was found", file=sys.stderr)
    return list(mutants.values())


def _own_statements(function: ast.FunctionDef) -> Iterator[ast.AST]:
    """The nodes of `function`'s body, not those of functions or lambdas nested in it."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
                stack.append(child)


def _offset(lines: list[str], line: int, col: int) -> int:
    # ast columns count UTF-8 bytes.
    return sum(len(text) for text in lines[: line - 1]) + len(lines[line - 1].encode("utf-8")[:col].decode("utf-8"))


def mutate(source: str, mutant: Mutant) -> str:
    """The source with `mutant` applied; raises LookupError if there was nothing to change."""
    tree = ast.parse(source)
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == mutant.function)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []
    for node in _own_statements(function):
        if mutant.kind == "invert" and isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            start = _offset(lines, value.lineno, value.col_offset)
            end = _offset(lines, value.end_lineno or value.lineno, value.end_col_offset or 0)
            edits.append((start, end, f"not ({source[start:end]})"))
        elif mutant.kind == "grant" and isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            start = _offset(lines, value.lineno, value.col_offset)
            end = _offset(lines, value.end_lineno or value.lineno, value.end_col_offset or 0)
            edits.append((start, end, "True"))
        elif mutant.kind == "allow":
            refuses = isinstance(node, ast.Raise) or (
                isinstance(node, ast.Expr)
                and isinstance(node.value, ast.Call)
                and re.match(r"(require_|access_)", ast.unparse(node.value.func).split(".")[-1])
            )
            if refuses:
                start = _offset(lines, node.lineno, node.col_offset)
                end = _offset(lines, node.end_lineno or node.lineno, node.end_col_offset or 0)
                edits.append((start, end, "pass"))
    if not edits:
        raise LookupError("nothing to change")
    for start, end, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    compile(source, str(mutant.path), "exec")
    return source


def test_paths(mutant: Mutant) -> list[str]:
    """The app's tests, the tests of every app whose code names the function, and fourthp/web/tests."""
    apps = {mutant.app}
    for path in PACKAGE.glob("*/**/*.py"):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts or path == mutant.path:
            continue
        if re.search(rf"\b{re.escape(mutant.function)}\b", path.read_text(encoding="utf-8")):
            apps.add(parts[0])
    paths = [f"fourthp/{app}" for app in sorted(apps) if (PACKAGE / app / "tests").is_dir()]
    return [*paths, "fourthp/web/tests"]


def run(mutant: Mutant, timeout: int, extra: list[str]) -> str:
    original = mutant.path.read_bytes()
    try:
        mutated = mutate(original.decode("utf-8"), mutant)
    except (LookupError, SyntaxError) as exc:
        return f"invalid ({exc})"
    command = [str(PYTEST), "-x", "-q", "-p", "no:cacheprovider", *extra, *test_paths(mutant)]
    try:
        mutant.path.write_text(mutated, encoding="utf-8")
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return "timeout"
    finally:
        mutant.path.write_bytes(original)
    if result.returncode == 1:
        failed = re.search(r"^FAILED (.+?)(?: - |$)", result.stdout, re.MULTILINE)
        return "caught" + (f" by {failed.group(1)}" if failed else "")
    if result.returncode == 0:
        return "SURVIVED"
    tail = (result.stdout + result.stderr).strip().splitlines()[-1:] or [""]
    return f"error (pytest exit {result.returncode}: {tail[0]})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run only the mutants whose name matches this regular expression")
    parser.add_argument("--list", action="store_true", help="list the mutants and the tests each would run, and stop")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds allowed to one mutant's pytest run")
    parser.add_argument("pytest_args", nargs="*", help="more arguments for pytest (after --)")
    args = parser.parse_args()
    mutants = [m for m in discover() if re.search(args.only, m.name)]
    if not mutants:
        print(f"no mutant matches {args.only!r}", file=sys.stderr)
        return 2
    if args.list:
        for mutant in mutants:
            print(f"{mutant.name}: {' '.join(test_paths(mutant))}")
        return 0
    clean = subprocess.run(["git", "diff", "--quiet"], cwd=ROOT, check=False).returncode == 0
    # A stop from outside is a Ctrl-C, so the file being mutated is put back before the script ends.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    results: dict[str, int] = {}
    print(f"{len(mutants)} mutant(s); python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    interrupted = False
    try:
        for mutant in mutants:
            started = time.monotonic()
            print(f"{mutant.name} ... ", end="", flush=True)
            outcome = run(mutant, args.timeout, args.pytest_args)
            print(f"{outcome} ({time.monotonic() - started:.0f} s)", flush=True)
            results[outcome.split()[0]] = results.get(outcome.split()[0], 0) + 1
    except KeyboardInterrupt:
        interrupted = True
        print("\nstopped; the file being mutated was put back", flush=True)
    if clean and subprocess.run(["git", "diff", "--quiet"], cwd=ROOT, check=False).returncode != 0:
        print("the tree differs from the start: check `git diff`", file=sys.stderr)
        return 3
    print("summary: " + ", ".join(f"{count} {outcome}" for outcome, count in sorted(results.items())))
    if interrupted:
        return 130
    return 1 if results.get("SURVIVED") else 0


if __name__ == "__main__":
    sys.exit(main())
