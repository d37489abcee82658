"""`manage.py restore_db PATH` (`make restore`): replace the database by a backup made by backup_db."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from fourthp.web.backup import BackupError, restore_database, vendor


class Command(BaseCommand):
    help = "Replace everything in the database by a backup made with backup_db (same database kind)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the backup file to restore")
        parser.add_argument("--no-input", action="store_false", dest="interactive", help="do not ask to confirm")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if options["interactive"]:
            name = connection.settings_dict["NAME"]
            answer = input(f"Replace everything in the {vendor()} database {name} by {path}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            restore_database(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the {vendor()} database from {path}.")
