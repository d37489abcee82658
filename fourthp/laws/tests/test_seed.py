"""The seeded corpus, as imported into the database, is the text of its sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fourthp.laws.models import Instrument, Section
from fourthp.lib.text import normalise_text

# The labelled sections of the shared corpus, beside the project.
LABELS = Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "dev" / "labels.jsonl"

pytestmark = pytest.mark.django_db


def _labels() -> list[dict[str, str]]:
    assert LABELS.exists(), f"labels.jsonl is needed beside the project for this test: {LABELS.name} not found"
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_labelled_section_is_imported_with_its_exact_text(seeded: None) -> None:
    labels = _labels()
    by_key = {s.key: s for s in Section.objects.current()}
    assert len(labels) == 150
    for label in labels:
        section = by_key.get(label["id"])
        assert section is not None, f"{label['id']} was not imported"
        assert section.text == normalise_text(label["text"]), label["id"]
        assert section.citation == label["citation"], label["id"]


def test_each_seeded_instrument_records_its_source_and_licence(seeded: None) -> None:
    instruments = Instrument.objects.all()
    assert {i.jurisdiction.code for i in instruments} == {
        *("US", "US-DC", "CA", "UN", "COE"),
        *("RO", "UA", "HU", "FR", "GT", "EU", "GH"),  # the member countries' own law
    }
    for instrument in instruments:
        assert instrument.source_url.startswith("https://"), instrument.key
        assert instrument.licence, instrument.key


def test_loading_the_seed_again_changes_nothing(seeded: None) -> None:
    from django.core.management import call_command

    from fourthp.jurisdictions.models import Jurisdiction

    Jurisdiction.objects.filter(code="FR").update(legislature="Parlement")
    counts = (Jurisdiction.objects.count(), Instrument.objects.count(), Section.objects.count())
    call_command("load_seed", verbosity=0)
    assert (Jurisdiction.objects.count(), Instrument.objects.count(), Section.objects.count()) == counts
    assert Jurisdiction.objects.get(code="FR").legislature == "Parlement"
