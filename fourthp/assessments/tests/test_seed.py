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
WORLD_SEED = DATA / "four-p-v1-world-seed.yaml"
SEEDS = sorted(DATA.glob("*-seed.yaml"))
MEMBER_COUNTRIES = ("RO", "UA", "HU", "FR")


def seed_rows() -> list[dict]:
    return [row for path in SEEDS for row in yaml.safe_load(path.read_text(encoding="utf-8"))["assessments"]]


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
    rows = seed_rows()
    assert len(rows) >= 50, f"the seeds hold only {len(rows)} assessments: the checks below would prove nothing"
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


def labelled_sections_against(assessment: Assessment, by_section: dict[str, set[str]]) -> set[str]:
    """The labelled sections of the assessment's jurisdiction that address its provision."""
    return {
        key
        for key, provisions in by_section.items()
        if assessment.provision.slug in provisions
        and assessment.jurisdiction.instruments.filter(sections__key=key).exists()
    }


def says_what_was_reviewed(assessment: Assessment) -> bool:
    """An "absent" names the law reviewed; every finding gives its reason."""
    return bool(assessment.rationale.strip()) and (
        assessment.status != Status.ABSENT or bool(assessment.law_reviewed.strip())
    )


def an_absent_copy(assessment: Assessment, **fields: str) -> Assessment:
    """An unsaved "absent" finding for the same jurisdiction and provision as `assessment`."""
    return Assessment(
        jurisdiction=assessment.jurisdiction,
        provision=assessment.provision,
        status=Status.ABSENT,
        rationale=fields.get("rationale", "Nothing in the code addresses it."),
        law_reviewed=fields.get("law_reviewed", "The whole criminal code."),
    )


def test_no_provision_with_a_labelled_section_is_marked_absent(seed: list[Assessment]) -> None:
    by_section = labels()
    for assessment in seed:
        if assessment.status == Status.ABSENT:
            labelled = labelled_sections_against(assessment, by_section)
            assert not labelled, f"{assessment} is absent but {sorted(labelled)} address it"
    # The seed may hold no "absent" row: the rule must still catch one, so it is tried on a row that breaks it,
    # an "absent" for a provision the seed finds fully met by a labelled section.
    met = [a for a in seed if a.status == Status.FULL and labelled_sections_against(a, by_section)]
    assert met, "the seed has no fully met provision with a labelled section to build a wrong 'absent' from"
    assert labelled_sections_against(an_absent_copy(met[0]), by_section)


def test_every_absent_names_the_law_reviewed_and_unknowns_say_what_to_review(seed: list[Assessment]) -> None:
    for assessment in seed:
        assert says_what_was_reviewed(assessment), assessment
    # The seed may hold no "absent" row: the rule is tried on rows built to keep and to break it.
    assert says_what_was_reviewed(an_absent_copy(seed[0]))
    assert not says_what_was_reviewed(an_absent_copy(seed[0], law_reviewed=" "))
    assert not says_what_was_reviewed(an_absent_copy(seed[0], rationale=""))


def test_the_seed_covers_every_applicable_provision_once_for_each_jurisdiction(seed: list[Assessment]) -> None:
    from fourthp.frameworks.models import Provision

    provisions = list(Provision.objects.filter(framework__slug="four-p", framework__version=1))
    for code in ("US", "US-DC", "CA", *MEMBER_COUNTRIES):
        mine = [a for a in seed if a.jurisdiction.code == code]
        jurisdiction = mine[0].jurisdiction
        expected = {p.slug for p in provisions if p.applies_to(jurisdiction.level)}
        got = [a.provision.slug for a in mine]
        assert sorted(got) == sorted(expected), code


def test_loading_the_seed_again_changes_nothing(seed: list[Assessment]) -> None:
    from fourthp.assessments.actions import do_load_seed_assessments

    kept = 0
    for path in SEEDS:
        report = do_load_seed_assessments(path, acting_user=None)
        assert report.created == 0, path.name
        kept += report.kept
    assert kept == len(seed)


def test_the_shipped_labels_match_the_seeded_sections(seeded: None) -> None:
    from fourthp.laws.models import Section

    keys = set(labels())
    seeded_keys = set(Section.objects.filter(key__in=keys).values_list("key", flat=True))
    missing = keys - seeded_keys
    # Treaty labels refer to treaties in the atlas too; every label names a real section.
    assert not missing, sorted(missing)[:10]


def test_the_member_countries_report_cards_state_at_least_ten_provisions(seed: list[Assessment]) -> None:
    from django.test import Client

    assert WORLD_SEED in SEEDS
    for code in MEMBER_COUNTRIES:
        card = Client().get(f"/jurisdictions/{code}/report-card.json").json()
        stated = [row for row in card["provisions"] if row["published_at"] is not None]
        assert len(stated) >= 10, code
        assert all(row["rationale"] and row["rationale_translations"].get("es") for row in stated), code
        quoted = [row for row in stated if row["status"] in (Status.FULL, Status.PARTIAL)]
        assert quoted and all(row["evidence"] for row in quoted), code


def test_every_member_country_finding_has_its_rationale_in_english_and_spanish(seed: list[Assessment]) -> None:
    mine = [a for a in seed if a.jurisdiction.code in MEMBER_COUNTRIES]
    assert {a.jurisdiction.code for a in mine} == set(MEMBER_COUNTRIES)
    for assessment in mine:
        spanish = assessment.rationale_translations.get("es", "")
        assert assessment.rationale.strip() and spanish.strip(), assessment
        assert spanish != assessment.rationale, assessment
        assert assessment.status != Status.ABSENT, assessment


@pytest.mark.parametrize(
    ("code", "name", "instruments"),
    [
        ("RO", "Romania", {"ro-cod-penal", "ro-legea-230-2010"}),
        ("UA", "Ukraine", {"ua-law-3739-vi", "ua-kryminalnyi-kodeks"}),
        ("HU", "Hungary", {"hu-btk"}),
        ("FR", "France", {"fr-code-penal", "fr-ceseda"}),
        ("US", "United States", {"us-18-77", "us-22-78"}),
        ("CA", "Canada", {"ca-cc-trafficking", "ca-s211"}),
    ],
)
def test_the_report_card_says_which_law_was_read_and_that_the_rest_was_not(
    seed: list[Assessment], code: str, name: str, instruments: set[str]
) -> None:
    from django.test import Client

    from fourthp.laws.models import Instrument

    client = Client()
    card = client.get(f"/jurisdictions/{code}/report-card.json").json()
    assert {i["key"] for i in card["law_read"]} == instruments
    page = client.get(f"/jurisdictions/{code}/report-card/").content.decode()
    assert "Law read for these findings:" in page
    for key in instruments:
        instrument = Instrument.objects.get(key=key)
        assert f'href="{instrument.get_absolute_url()}"' in page
    assert f"The rest of the law of {name} has not been read" in page


def test_each_member_country_settles_at_least_ten_provisions_from_its_own_text(seed: list[Assessment]) -> None:
    # Unknown is not a finding on the law: at least ten provisions must be full, partial or absent.
    for code in MEMBER_COUNTRIES:
        settled = [a for a in seed if a.jurisdiction.code == code and a.status != Status.UNKNOWN]
        assert len(settled) >= 10, f"{code}: only {len(settled)} provisions settled"
        assert all(a.rationale and a.rationale_in("es") != a.rationale for a in settled), code
