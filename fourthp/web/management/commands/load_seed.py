"""Load the seed data shipped in data/: jurisdictions, frameworks and statutes.

Safe to run again and again: everything goes by natural key (a jurisdiction's
code, a framework's id and version, an instrument's key), so nothing is
duplicated and nothing a user has changed since is overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fourthp.frameworks.actions import FrameworkVersionConflict, do_load_framework
from fourthp.jurisdictions.actions import do_load_jurisdictions
from fourthp.laws.actions import ImportRefused, do_load_seed_instruments


class Command(BaseCommand):
    help = "Load the seed jurisdictions, frameworks and statutes (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--data-dir", default=str(settings.DATA_DIR), help="Folder holding the seed data.")

    def handle(self, *args: Any, **options: Any) -> None:
        data = Path(options["data_dir"])
        created = do_load_jurisdictions(data / "jurisdictions" / "details.yaml")
        self.stdout.write(f"Jurisdictions: {created} created.")
        for path in sorted((data / "frameworks").glob("*.yaml")):
            try:
                framework, was_created = do_load_framework(path)
            except FrameworkVersionConflict as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"Framework {framework}: {'loaded' if was_created else 'already loaded'}.")
        try:
            count = do_load_seed_instruments(data / "statutes" / "instruments.yaml")
        except ImportRefused as exc:
            raise CommandError(f"A seed instrument could not be imported: {exc}") from exc
        self.stdout.write(f"Instruments: {count} imported.")
