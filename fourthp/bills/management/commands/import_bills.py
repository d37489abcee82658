"""Import bills from an Open States JSON or a CSV file (docs/bills.md): every bill, or none if a row is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fourthp.bills.actions import ImportRefused, do_import_bills
from fourthp.bills.importers import MAX_IMPORT_BYTES, READERS
from fourthp.core.errors import NotFound
from fourthp.jurisdictions.queries import find_jurisdiction_by_code_or_name


class Command(BaseCommand):
    help = "Import bills from Open States JSON or the project's CSV into one jurisdiction."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The file to read.")
        parser.add_argument("--jurisdiction", required=True, help="Code or name of the jurisdiction, e.g. US-DC.")
        parser.add_argument("--format", choices=sorted(READERS), default="openstates")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        try:
            jurisdiction = find_jurisdiction_by_code_or_name(options["jurisdiction"])
        except NotFound as exc:
            raise CommandError(exc.message) from None
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise CommandError(f"The file is larger than {MAX_IMPORT_BYTES} bytes; split it.")
        bills, problems = READERS[options["format"]](path.read_bytes())
        try:
            summary = do_import_bills(jurisdiction, bills, acting_user=None, source_name=path.name, problems=problems)
        except ImportRefused as exc:
            lines = "\n".join(f"  line {p.line}: {p.reason}" for p in exc.problems)
            raise CommandError(f"Nothing was imported; fix these rows:\n{lines}") from None
        self.stdout.write(f"{summary.created} new bills, {summary.updated} updated.")
        if summary.sessions_created:
            self.stdout.write(f"New sessions without dates: {', '.join(summary.sessions_created)}.")
