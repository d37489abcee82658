"""The statutes shipped in data/statutes read back exactly as labelled.

labels.jsonl is the hand-checked reference: for each labelled section, its
plain text and citation. It lives in the shared corpus beside the project;
without it these tests fail rather than pass vacuously.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from fourthp.analyzer.readers import InstrumentSpec, ParsedDocument, load_manifest, read_instrument
from fourthp.lib.text import normalise_text

PROJECT = Path(__file__).resolve().parents[3]
DATA = PROJECT / "data" / "statutes"
MANIFEST = DATA / "instruments.yaml"
LABELS = PROJECT.parent / "shared/corpus/dev/labels.jsonl"
WORLD = PROJECT.parent / "shared/corpus/world"

SPECS = load_manifest(MANIFEST)
SEEDED_JURISDICTIONS = {"US", "US-DC", "CA"}
TREATY_PREFIXES = ("palermo-", "coe-")
# The member countries' law (data/statutes/world/) is not in labels.jsonl; test_world_seed.py checks it.
LABELLED_SPECS = [spec for spec in SPECS if not spec.files[0].startswith("world/")]
LANGUAGES = {"US": "en", "US-DC": "en", "CA": "en", "UN": "en", "COE": "en", "EU": "en", "GH": "en",
             "RO": "ro", "UA": "uk", "HU": "hu", "FR": "fr", "GT": "es"}  # fmt: skip


@cache
def labels() -> dict[str, dict[str, Any]]:
    if not LABELS.is_file():
        pytest.fail(f"The reference labels are missing: expected {LABELS} (the shared corpus beside the project).")
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["id"]: row for row in rows}


@cache
def read(key: str) -> ParsedDocument:
    spec = next(s for s in SPECS if s.key == key)
    return read_instrument(spec, DATA)


def seeded_keys() -> set[str]:
    return {spec.key_for(section.number) for spec in SPECS for section in read(spec.key).sections}


@pytest.mark.parametrize("spec", LABELLED_SPECS, ids=lambda spec: spec.key)
def test_it_reads_every_labelled_section_of_the_instrument_verbatim(spec: InstrumentSpec) -> None:
    reference = labels()
    compared = 0
    for section in read(spec.key).sections:
        row = reference.get(spec.key_for(section.number))
        if row is None:
            continue
        compared += 1
        assert section.text == normalise_text(row["text"]), f"text of {row['id']}"
        if row.get("citation"):
            assert section.citation == row["citation"], f"citation of {row['id']}"
    assert compared > 0, f"no section of {spec.key} is labelled; its section keys may be wrong"


def test_it_reads_every_labelled_dc_section_verbatim() -> None:
    document = read("us-dc-22-18a")
    reference = labels()
    for section in document.sections:
        row = reference[f"us-dc-{section.number}"]
        assert section.text == normalise_text(row["text"])
        assert section.heading == row["heading"]


def test_the_dc_instrument_has_exactly_the_thirteen_sections_22_1831_to_22_1843() -> None:
    numbers = [section.number for section in read("us-dc-22-18a").sections]
    assert numbers == [f"22-{n}" for n in range(1831, 1844)]


def test_every_labelled_us_dc_canadian_and_treaty_section_is_seeded() -> None:
    wanted = {
        key
        for key, row in labels().items()
        if row["jurisdiction"] in SEEDED_JURISDICTIONS or key.startswith(TREATY_PREFIXES)
    }
    assert wanted
    assert sorted(wanted - seeded_keys()) == []


def test_the_criminal_code_instrument_keeps_only_the_trafficking_provisions() -> None:
    document = read("ca-cc-trafficking")
    assert [s.number for s in document.sections] == ["7(4.11)", "279.01", "279.011", "279.02", "279.03", "279.04"]
    assert document.sections[0].citation == "Criminal Code, R.S.C. 1985, c. C-46, s. 7(4.11)"


@pytest.mark.parametrize(("key", "articles"), [("un-palermo-protocol", 20), ("coe-cets-197", 47)])
def test_treaties_are_read_in_english_only(key: str, articles: int) -> None:
    document = read(key)
    assert [s.number for s in document.sections] == [str(n) for n in range(1, articles + 1)]
    text = "\n".join(s.text for s in document.sections)
    for dutch in ("Verdrag", "Artikel", "mensenhandel", "Staten die partij"):
        assert dutch not in text
    assert "IN WITNESS WHEREOF" not in text.upper()


def test_every_instrument_states_its_source_and_terms() -> None:
    for spec in SPECS:
        assert spec.source_url.startswith("https://"), spec.key
        assert spec.source_name and spec.licence, spec.key
        assert spec.jurisdiction in LANGUAGES, spec.key
        assert spec.language == LANGUAGES[spec.jurisdiction], spec.key
    canadian = [spec for spec in SPECS if spec.jurisdiction == "CA"]
    assert canadian and all(spec.licence == "Open Government Licence – Canada" for spec in canadian)


def test_every_shipped_source_file_is_used_and_is_an_unaltered_copy_of_the_corpus() -> None:
    listed = {name for spec in SPECS for name in spec.files}
    shipped = {
        path.relative_to(DATA).as_posix()
        for path in DATA.rglob("*")
        if path.is_file() and path.name not in {"instruments.yaml", "README.md"}
    }
    assert shipped == listed
    labels()  # fails clearly if the shared corpus is absent
    for name in sorted(shipped):
        source = WORLD / name.removeprefix("world/") if name.startswith("world/") else LABELS.parent / name
        assert (DATA / name).read_bytes() == source.read_bytes(), name
