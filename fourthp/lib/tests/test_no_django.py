"""The pure libraries work without Django: importing them loads no django module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[3]


def test_the_pure_libraries_load_no_django_module() -> None:
    code = (
        "import sys\n"
        "import fourthp, fourthp.lib.text, fourthp.lib.markup, fourthp.lib.jurisdictions\n"
        "import fourthp.lib.searchtext, fourthp.lib.boilerplate, fourthp.lib.contentcheck\n"
        "import fourthp.analyzer.framework, fourthp.analyzer.segment, fourthp.analyzer.readers\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
        "sys.exit(1 if loaded else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
