"""``python -m fourthp.analyzer``, run as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fourthp.analyzer import THRESHOLD

PROJECT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "fourthp.analyzer", *args],
        cwd=PROJECT,
        input=stdin,
        capture_output=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def assert_clear_error(result: subprocess.CompletedProcess[bytes], words: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode != 0
    assert "Traceback" not in stderr
    assert stderr.startswith("error: ") and stderr.count("\n") == 1, stderr
    assert words in stderr


def test_jsonl_gives_one_line_per_input_with_suggested_findings() -> None:
    lines = [
        {"id": 7, "text": (FIXTURES / "us-code-restitution.txt").read_text(encoding="utf-8")},
        {"id": "none", "text": "The speed limit is 25 miles per hour."},
    ]
    result = run("--jsonl", stdin="".join(json.dumps(x) + "\n" for x in lines).encode())
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == [7, "none"]
    assert out[1]["findings"] == []
    finding = next(f for f in out[0]["findings"] if f["provision"] == "prot.restitution")
    assert set(finding) == {"provision", "confidence", "start", "end", "section"}
    assert 0 <= finding["start"] < finding["end"] <= len(lines[0]["text"])
    assert THRESHOLD <= finding["confidence"] <= 1


def test_it_prints_a_readable_report_for_a_file(tmp_path: Path) -> None:
    path = tmp_path / "act.md"
    path.write_text(
        "# Anti-Trafficking Act\n\n" + (FIXTURES / "us-code-sex-trafficking.txt").read_text(encoding="utf-8")
    )
    result = run(str(path))
    assert result.returncode == 0, result.stderr
    report = result.stdout.decode()
    assert "act.md" in report and "crim.sex-trafficking" in report and "§ 901" in report


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_clear_error(run(str(path)), "is not a text file")


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    assert_clear_error(run(str(path)), "empty")


def test_a_file_in_another_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Sec. 1. Protección de víctimas de trata de personas.\n".encode("latin-1"))
    assert_clear_error(run(str(path)), "UTF-8")


def test_an_oversized_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # a sparse file: 200 MB that take no disk space
        handle.truncate(200 * 1024 * 1024)
    assert_clear_error(run(str(path)), "larger than the limit")


def test_an_oversized_json_line_is_refused() -> None:
    line = json.dumps({"id": 1, "text": "x" * 5000}).encode() + b"\n"
    result = run("--jsonl", stdin=line, env={"FOURTHP_ANALYZER_MAX_BYTES": "1000"})
    assert_clear_error(result, "line 1 is larger than the limit")


def test_a_malformed_json_line_is_refused_after_the_good_ones() -> None:
    result = run("--jsonl", stdin=b'{"id": 1, "text": "nothing"}\n{"id": 2, "text": \n')
    assert_clear_error(result, "line 2 is not valid JSON")
    assert json.loads(result.stdout.decode().splitlines()[0]) == {"id": 1, "findings": []}


def test_a_json_line_without_text_is_refused() -> None:
    assert_clear_error(run("--jsonl", stdin=b'{"id": 1}\n'), 'string "text"')


def test_a_missing_file_is_refused() -> None:
    assert_clear_error(run("/nonexistent/act.txt"), "cannot read")


def test_level_leaves_out_the_provisions_of_the_other_level_and_an_unknown_level_is_refused() -> None:
    text = (
        "The Secretary shall grant victims of trafficking in persons a period of recovery and reflection and a "
        "temporary residence permit and immigration status, whether or not they cooperate with the prosecution."
    )
    line = (json.dumps({"id": 1, "text": text}) + "\n").encode()

    def provisions(*args: str) -> set[str]:
        result = run("--jsonl", *args, stdin=line)
        assert result.returncode == 0, result.stderr
        return {f["provision"] for f in json.loads(result.stdout)["findings"]}

    assert "prot.immigration-relief" in provisions()
    assert "prot.immigration-relief" in provisions("--level", "national")
    assert "prot.immigration-relief" not in provisions("--level", "subnational")
    refused = run("--jsonl", "--level", "federal", stdin=line)
    assert refused.returncode == 2 and b"invalid choice: 'federal'" in refused.stderr
