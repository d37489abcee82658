"""`manage.py backup_db PATH` (`make backup`): a complete copy of the database in one file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fourthp.web.backup import BackupError, backup_database, vendor


class Command(BaseCommand):
    help = "Back up the whole database to a file: SQLite's online backup, or pg_dump --format=custom."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file to write (replaced if it exists)")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        try:
            backup_database(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backed up the {vendor()} database to {path} ({path.stat().st_size:,} bytes).")
