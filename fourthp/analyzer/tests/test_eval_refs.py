"""The evaluation corpus is for measuring only: nothing outside bench/ names it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[3]
SCRIPT = PROJECT / "bin" / "check-eval-refs"
NEEDLE = "corpus" + "/eval"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_no_file_outside_bench_refers_to_the_evaluation_corpus() -> None:
    result = subprocess.run([str(SCRIPT)], cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_check_fails_and_names_a_file_that_refers_to_it(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    (copy / "bin").mkdir(parents=True)
    shutil.copy(SCRIPT, copy / "bin" / "check-eval-refs")
    (copy / "notes.md").write_text(f"see ../shared/{NEEDLE}/x\n")
    (copy / "bench").mkdir()
    (copy / "bench" / "speed.py").write_text(f"PATH = '{NEEDLE}'\n")
    result = subprocess.run(
        [str(copy / "bin" / "check-eval-refs")], cwd=copy, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert "notes.md" in result.stderr and "speed.py" not in result.stderr
