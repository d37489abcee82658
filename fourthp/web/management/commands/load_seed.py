"""Load the seed data shipped in data/: jurisdictions, frameworks, statutes, assessments, statistics and model
provisions.

Safe to run again and again: everything goes by natural key (a jurisdiction's
code, a framework's id and version, an instrument's key), so nothing is
duplicated and nothing a user has changed since is overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fourthp.analyzer.framework import FrameworkError
from fourthp.assessments.actions import AssessmentRefused, do_load_seed_assessments
from fourthp.briefs.actions import SeedRefused, do_load_resources
from fourthp.campaigns.actions import LetterRefused, do_load_letter_templates, do_load_op_ed_kits
from fourthp.circles.actions import CircleSeedRefused, do_load_circles
from fourthp.drafting.actions import LibraryRefused, do_load_model_library
from fourthp.findings.actions import do_load_findings, do_load_goods
from fourthp.frameworks.actions import FrameworkVersionConflict, do_load_framework
from fourthp.frameworks.models import Framework
from fourthp.indicators.actions import (
    FUNDING_FILE,
    UCR_FILE,
    IndicatorsRefused,
    do_load_funding,
    do_load_reported_offences,
)
from fourthp.jurisdictions.actions import do_load_jurisdictions
from fourthp.laws.actions import ImportRefused, do_load_seed_instruments
from fourthp.organisations.actions import ImportRefused as OrganisationsRefused
from fourthp.organisations.actions import do_import_organisations
from fourthp.statistics.actions import StatisticsRefused, do_load_statistics


class Command(BaseCommand):
    help = (
        "Load the seed jurisdictions, frameworks, statutes, assessments, statistics, briefs, letter templates, "
        "op-ed kits and model provisions (idempotent)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--data-dir", default=str(settings.DATA_DIR), help="Folder holding the seed data.")

    def handle(self, *args: Any, **options: Any) -> None:
        data = Path(options["data_dir"])
        created = do_load_jurisdictions(data / "jurisdictions" / "details.yaml")
        self.stdout.write(f"Jurisdictions: {created} created.")
        for path in sorted((data / "frameworks").glob("*.yaml")):
            try:
                framework, was_created = do_load_framework(path)
            except (FrameworkVersionConflict, FrameworkError) as exc:
                raise CommandError(f"The framework {path.name} could not be loaded: {exc}") from exc
            languages = ", ".join(sorted(framework.translations)) or "none"
            self.stdout.write(
                f"Framework {framework}: {'loaded' if was_created else 'already loaded'}; translations: {languages}."
            )
        try:
            count = do_load_seed_instruments(data / "statutes" / "instruments.yaml")
        except ImportRefused as exc:
            raise CommandError(f"A seed instrument could not be imported: {exc}") from exc
        self.stdout.write(f"Instruments: {count} imported.")
        if (data / "findings").is_dir():
            findings = do_load_findings(data / "findings")
            skipped = ", ".join(f"{place} ({source})" for source, place in sorted(findings.skipped))
            self.stdout.write(
                f"Findings: {findings.created_total} created; not placed (no ISO 3166-1 code): {skipped}."
            )
            goods = do_load_goods(data / "findings")
            self.stdout.write(
                f"Goods at risk: {goods.created} created, {goods.existing} already there; not placed: "
                f"{', '.join(sorted(goods.skipped)) or 'none'}."
            )
        for path in sorted((data / "assessments").glob("*-seed.yaml")):
            try:
                report = do_load_seed_assessments(path, acting_user=None)
            except AssessmentRefused as exc:
                raise CommandError(f"A seed assessment could not be loaded: {exc}") from exc
            self.stdout.write(f"Assessments from {path.name}: {report.created} loaded, {report.kept} already there.")
        self._load_file(
            data / "statistics" / "statistics.yaml",
            do_load_statistics,
            StatisticsRefused,
            "The statistics registry could not be loaded",
            "Statistics",
        )
        self._load_indicators(data / "indicators")
        organisations = data / "organisations" / "organisations.csv"
        if organisations.is_file():
            try:
                result = do_import_organisations(organisations.read_text(encoding="utf-8"), acting_user=None)
            except OrganisationsRefused as exc:
                raise CommandError(f"The seed organisations could not be loaded: {exc}") from exc
            self.stdout.write(f"Organisations: {result.created} loaded, {result.kept} already there.")

        self._load_file(
            data / "briefs" / "briefs.yaml",
            do_load_resources,
            SeedRefused,
            "A seed brief could not be loaded",
            "Briefs",
        )

        self._load_file(
            data / "circles" / "circles.yaml",
            do_load_circles,
            CircleSeedRefused,
            "A seed circle could not be loaded",
            "Circles",
        )

        self._load_file(
            data / "letters" / "templates.yaml",
            do_load_letter_templates,
            LetterRefused,
            "The letter templates could not be loaded",
            "Letter templates",
        )

        self._load_file(
            data / "campaigns" / "op-ed-kits.yaml",
            do_load_op_ed_kits,
            LetterRefused,
            "The op-ed kits could not be loaded",
            "Op-ed kits",
        )

        for folder in sorted(p for p in (data / "model_provisions").glob("*-v*") if p.is_dir()):
            slug, _, version = folder.name.rpartition("-v")
            written_for = Framework.objects.filter(slug=slug, version=int(version)).first()
            if written_for is None:
                raise CommandError(f"The model provisions in {folder.name} are for a framework that is not loaded.")
            try:
                made, kept = do_load_model_library(folder, written_for)
            except LibraryRefused as exc:
                raise CommandError(f"The model provisions of {folder.name} could not be loaded: {exc}") from exc
            self.stdout.write(f"Model provisions from {folder.name}: {made} loaded, {kept} already there.")

    def _load_file(
        self,
        path: Path,
        loader: Callable[[Path], tuple[int, int]],
        refused: type[Exception],
        failure: str,
        label: str,
    ) -> None:
        """Load one seed file that loads by key (what is there already is kept), if the file is shipped."""
        if not path.is_file():
            return
        try:
            created, kept = loader(path)
        except refused as exc:
            raise CommandError(f"{failure}: {exc}") from exc
        self.stdout.write(f"{label}: {created} loaded, {kept} already there.")

    def _load_indicators(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        try:
            offences = do_load_reported_offences(folder / UCR_FILE)
            created, kept = do_load_funding(folder / FUNDING_FILE)
        except IndicatorsRefused as exc:
            raise CommandError(f"The indicators could not be loaded: {exc}") from exc
        unplaced = ", ".join(sorted(offences.unplaced)) or "none"
        self.stdout.write(
            f"Reported offences: {offences.created} loaded, {offences.kept} already there; not placed: {unplaced}."
        )
        self.stdout.write(f"Funding comparisons: {created} loaded, {kept} already there.")
