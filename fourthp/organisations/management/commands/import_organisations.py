"""Import organisations from a CSV file: all rows or none; every bad row is printed with its line and reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fourthp.organisations.actions import ImportRefused, do_import_organisations


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV file (columns in docs/organisations.md); nothing is written if a row is bad."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("path", help="The CSV file (UTF-8, with a header row).")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path} cannot be read as UTF-8 text: {exc}") from exc
        try:
            result = do_import_organisations(text, acting_user=None)
        except ImportRefused as exc:
            for problem in exc.problems:
                self.stderr.write(f"line {problem.line}: {problem.reason}")
            raise CommandError(f"Nothing was imported: {len(exc.problems)} bad rows.") from exc
        self.stdout.write(f"Imported {result.created} organisations; {result.kept} already there were kept.")
