"""The seed assessments shipped in data/assessments/ keep the rules a reader relies on.

labels.jsonl (which sections address which provisions) lives beside the seed
statutes in the corpus this project was built from; its section ids are the
atlas's section keys. The rules are checked against a copy of those labels
shipped in data/assessments/labels.jsonl.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from fourthp.assessments.models import Assessment, Status

DATA = Path(settings.DATA_DIR) / "assessments"
SEED = DATA / "four-p-v1-seed.yaml"


def labels() -> dict[str, set[str]]:
    rows = [json.loads(line) for line in (DATA / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return {row["id"]: set(row["labels"]) for row in rows}


def exceptions() -> set[tuple[str, str, str]]:
    document = yaml.safe_load((DATA / "exceptions.yaml").read_text(encoding="utf-8")) or {}
    found = set()
    for item in document.get("exceptions") or []:
        assert str(item.get("reason", "")).strip(), f"exception without a reason: {item}"
        found.add((item["jurisdiction"], item["provision"], item["section"]))
    return found


@pytest.fixture
def seed(seeded: None) -> list[Assessment]:
    rows = yaml.safe_load(SEED.read_text(encoding="utf-8"))["assessments"]
    found = list(
        Assessment.objects.filter(assessor__isnull=True, state=Assessment.State.PUBLISHED)
        .select_related("jurisdiction", "provision")
        .prefetch_related("evidence__section__instrument__jurisdiction")
    )
    assert len(found) == len(rows), "every seed row is loaded as one published assessment"
    return found


def test_every_quote_is_the_cited_sections_text_between_its_offsets(seed: list[Assessment]) -> None:
    quotes = 0
    for assessment in seed:
        for evidence in assessment.evidence.all():
            assert evidence.section.text[evidence.start : evidence.end] == evidence.quote, evidence
            assert evidence.section.instrument.jurisdiction == assessment.jurisdiction
            quotes += 1
    assert quotes > 0


def test_full_and_partial_cite_a_section_labelled_with_that_provision(seed: list[Assessment]) -> None:
    by_section = labels()
    allowed = exceptions()
    for assessment in seed:
        if assessment.status not in (Status.FULL, Status.PARTIAL):
            continue
        keys = [e.section.key for e in assessment.evidence.all()]
        assert keys, f"{assessment} has no evidence"
        code, slug = assessment.jurisdiction.code, assessment.provision.slug
        assert any(slug in by_section.get(key, set()) or (code, slug, key) in allowed for key in keys), (
            f"{code} {slug}: none of {keys} is labelled with it, and no reviewed exception names it"
        )


def test_no_provision_with_a_labelled_section_is_marked_absent(seed: list[Assessment]) -> None:
    by_section = labels()
    for assessment in seed.copy():
        if assessment.status != Status.ABSENT:
            continue
        labelled = {
            key
            for key, provisions in by_section.items()
            if assessment.provision.slug in provisions
            and assessment.jurisdiction.instruments.filter(sections__key=key).exists()
        }
        assert not labelled, f"{assessment} is absent but {sorted(labelled)} address it"


def test_every_absent_names_the_law_reviewed_and_unknowns_say_what_to_review(seed: list[Assessment]) -> None:
    for assessment in seed:
        if assessment.status == Status.ABSENT:
            assert assessment.law_reviewed.strip(), assessment
        assert assessment.rationale.strip(), assessment


def test_the_seed_covers_every_applicable_provision_once_for_each_jurisdiction(seed: list[Assessment]) -> None:
    from fourthp.frameworks.models import Provision

    provisions = list(Provision.objects.filter(framework__slug="four-p", framework__version=1))
    for code in ("US", "US-DC", "CA"):
        mine = [a for a in seed if a.jurisdiction.code == code]
        jurisdiction = mine[0].jurisdiction
        expected = {p.slug for p in provisions if p.applies_to(jurisdiction.level)}
        got = [a.provision.slug for a in mine]
        assert sorted(got) == sorted(expected), code


def test_loading_the_seed_again_changes_nothing(seed: list[Assessment]) -> None:
    from fourthp.assessments.actions import do_load_seed_assessments

    report = do_load_seed_assessments(SEED, acting_user=None)
    assert report.created == 0 and report.kept == len(seed)


def test_the_shipped_labels_match_the_seeded_sections(seeded: None) -> None:
    from fourthp.laws.models import Section

    keys = set(labels())
    seeded_keys = set(Section.objects.filter(key__in=keys).values_list("key", flat=True))
    missing = keys - seeded_keys
    # Treaty labels refer to treaties in the atlas too; every label names a real section.
    assert not missing, sorted(missing)[:10]
