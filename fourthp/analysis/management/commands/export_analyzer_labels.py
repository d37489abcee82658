"""Write analysts' confirms and rejects of the analyzer's suggestions as training rows:
`manage.py export_analyzer_labels [--output PATH]`.

The file (JSON lines, by default data/analyzer/analyst-labels.jsonl) is what
`make train-analyzer` reads as its optional file of analysts' labels; train again
after exporting, or the ranker refuses the changed training data as stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from fourthp.analysis.queries import analyzer_label_rows

DEFAULT_OUTPUT = Path(settings.BASE_DIR) / "data" / "analyzer" / "analyst-labels.jsonl"


class Command(BaseCommand):
    help = "Write analysts' confirms and rejects of suggestions as training rows for the learned ranker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="where to write (default: %(default)s)")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = analyzer_label_rows()
        path = Path(options["output"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        confirmed = sum(len(r["labels"]) for r in rows)
        rejected = sum(len(r["rejected"]) for r in rows)
        self.stdout.write(
            f"{len(rows)} section versions ({confirmed} confirmed, {rejected} rejected) written to {path}; "
            "run `make train-analyzer` to use them."
        )
