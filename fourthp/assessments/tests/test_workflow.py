"""An analyst assesses a provision in the web interface, a reviewer approves or returns it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from fourthp.accounts.models import AuditEvent
from fourthp.accounts.roles import Role
from fourthp.assessments.models import Assessment, Evidence
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument, Section
from fourthp.testing import (
    assert_access_walk,
    make_analyst,
    make_instrument,
    make_jurisdiction,
    make_legislator,
    make_member,
    make_reviewer,
    make_secretariat,
    make_section,
    make_staff,
    make_user,
)

OFFENCE = (
    "(1) A person who recruits, transports or harbours another person by force, fraud or coercion "
    "for the purpose of sexual exploitation commits an offence.\n"
    "(2) A person guilty of an offence under subsection (1) is liable to imprisonment for 20 years."
)
QUOTE = (
    "recruits, transports or harbours another person by force, fraud or coercion for the purpose of sexual exploitation"
)


@pytest.fixture
def land(seeded: None) -> tuple[Jurisdiction, Section]:
    jurisdiction = make_jurisdiction("QQ", name="Quuxland")
    instrument = make_instrument(jurisdiction, sections=0, key="qq-act", section_key_prefix="qq")
    section = make_section(instrument, number="5", text=OFFENCE, heading="Trafficking")
    return jurisdiction, section


def provision(slug: str = "crim.sex-trafficking") -> Provision:
    return Provision.objects.get(framework__slug="four-p", framework__version=1, slug=slug)


def logged_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def form_data(status: str = "full", quote: str = QUOTE, key: str = "qq-5", **extra: str) -> dict[str, str]:
    data = {
        "status": status,
        "rationale": "Section 5(1) covers the acts, the means and the purpose.",
        "law_reviewed": "",
        "evidence-TOTAL_FORMS": "2",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "20",
        "evidence-0-section_key": key,
        "evidence-0-quote": quote,
        "evidence-1-section_key": "",
        "evidence-1-quote": "",
    }
    data.update(extra)
    return data


START = "/assessments/new/?jurisdiction=QQ&provision=crim.sex-trafficking"


def test_an_analyst_drafts_submits_and_a_reviewer_publishes(land: tuple[Jurisdiction, Section]) -> None:
    jurisdiction, section = land
    analyst, reviewer = make_analyst(), make_reviewer()
    response = logged_in(analyst).get(START)
    assert response.status_code == 200
    assert '<option value="qq-5">' in response.text  # the evidence picker lists the jurisdiction's sections

    response = logged_in(analyst).post(START, form_data(submit="1"))
    assert response.status_code == 302, response.content
    assessment = Assessment.objects.get(jurisdiction=jurisdiction)
    assert assessment.state == Assessment.State.IN_REVIEW
    assert assessment.assessor == analyst
    evidence = assessment.evidence.get()
    assert section.text[evidence.start : evidence.end] == QUOTE == evidence.quote

    # Not public while in review.
    card = Client().get(reverse("report-card-json", args=["QQ"])).json()
    row = next(p for p in card["provisions"] if p["provision"] == "crim.sex-trafficking")
    assert row["status"] == "unknown"
    # To a visitor it is not there, as a missing number is not.
    assert Client().get(assessment.get_absolute_url()).status_code == 404

    response = logged_in(reviewer).post(reverse("assessment-approve", args=[assessment.pk]))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.PUBLISHED and assessment.reviewer == reviewer

    card = Client().get(reverse("report-card-json", args=["QQ"])).json()
    row = next(p for p in card["provisions"] if p["provision"] == "crim.sex-trafficking")
    assert row["status"] == "full"
    assert row["evidence"][0]["quote"] == QUOTE
    assert row["evidence"][0]["section_key"] == "qq-5"
    assert row["evidence"][0]["url"].endswith(f"mark={evidence.start}-{evidence.end}#quote")
    # The evidence link opens the section with the quote highlighted.
    page = Client().get(row["evidence"][0]["url"].split("#")[0])
    assert f'<mark id="quote">{QUOTE}</mark>' in page.text
    verbs = set(AuditEvent.objects.filter(target_id=str(assessment.pk)).values_list("verb", flat=True))
    assert {"assessment.create", "assessment.submit", "assessment.approve"} <= verbs


def test_an_analyst_cannot_approve_her_own_work_even_with_both_roles(land: tuple[Jurisdiction, Section]) -> None:
    both = make_user("ada", Role.ANALYST, Role.REVIEWER)
    logged_in(both).post(START, form_data(submit="1"))
    assessment = Assessment.objects.get(jurisdiction__code="QQ")
    response = logged_in(both).post(reverse("assessment-approve", args=[assessment.pk]))
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.IN_REVIEW


def test_a_reviewer_returns_a_draft_with_a_comment_the_assessor_sees(land: tuple[Jurisdiction, Section]) -> None:
    analyst, reviewer = make_analyst(), make_reviewer()
    logged_in(analyst).post(START, form_data(submit="1"))
    assessment = Assessment.objects.get(jurisdiction__code="QQ")
    response = logged_in(reviewer).post(reverse("assessment-return", args=[assessment.pk]), {"comment": ""})
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.IN_REVIEW  # an empty comment is refused
    logged_in(reviewer).post(
        reverse("assessment-return", args=[assessment.pk]), {"comment": "Quote subsection (2) too."}
    )
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.DRAFT
    response = logged_in(analyst).get(reverse("assessment-edit", args=[assessment.pk]))
    assert "Quote subsection (2) too." in response.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (form_data(quote="words that are not in the section"), "The quote is not in the text"),
        (form_data(quote="offence"), "occurs 2 times"),
        (form_data(status="absent", quote="", key=""), "complete body of law reviewed"),
        (form_data(key="us-18-1591", quote="sex trafficking"), "evidence must come from the jurisdiction assessed"),
        (form_data(key="no-such-section"), "There is no section"),
        (form_data(rationale=""), "This field is required"),
    ],
)
def test_bad_assessments_are_refused_with_a_clear_message_and_nothing_is_written(
    land: tuple[Jurisdiction, Section], data: dict[str, str], message: str
) -> None:
    response = logged_in(make_analyst()).post(START, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.filter(jurisdiction__code="QQ").exists()
    assert not Evidence.objects.filter(section__key="qq-5").exists()


def test_a_full_finding_needs_evidence_before_review(land: tuple[Jurisdiction, Section]) -> None:
    response = logged_in(make_analyst()).post(START, form_data(quote="", key="", submit="1"))
    assert "needs at least one quoted section" in response.content.decode()
    assert not Assessment.objects.filter(jurisdiction__code="QQ", state="in_review").exists()


def test_a_selection_with_offsets_picks_the_second_occurrence(land: tuple[Jurisdiction, Section]) -> None:
    _, section = land
    second = section.text.index("offence", section.text.index("offence") + 1)
    data = form_data(quote="offence", **{"evidence-0-start": str(second), "evidence-0-end": str(second + 7)})
    logged_in(make_analyst()).post(START, data)
    evidence = Evidence.objects.get(section=section)
    assert (evidence.start, evidence.end) == (second, second + 7)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("evidence-0-start", "Start of the quote must be a whole number between 0 and 100,000,000."),
        ("evidence-0-end", "End of the quote must be a whole number between 0 and 100,000,000."),
        ("evidence-0-version", "Version of the section must be a whole number between 1 and 1,000,000."),
    ],
)
def test_a_made_up_offset_or_version_is_refused_in_plain_words(
    land: tuple[Jurisdiction, Section], name: str, message: str
) -> None:
    data = form_data(**{"evidence-0-start": "0", "evidence-0-end": "7", name: "99999999999999999999"})
    response = logged_in(make_analyst()).post(START, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.filter(jurisdiction__code="QQ").exists()


def test_a_provision_that_does_not_apply_to_the_level_is_refused(seeded: None) -> None:
    national_only = Provision.objects.filter(framework__slug="four-p", applies_subnational=False).first()
    assert national_only is not None
    response = logged_in(make_analyst()).get(f"/assessments/new/?jurisdiction=US-DC&provision={national_only.slug}")
    assert "does not apply" in response.content.decode()


def test_revising_a_published_finding_keeps_it_public_until_the_revision_is_approved(
    land: tuple[Jurisdiction, Section],
) -> None:
    analyst, reviewer = make_analyst(), make_reviewer()
    logged_in(analyst).post(START, form_data(status="partial", submit="1"))
    first = Assessment.objects.get(jurisdiction__code="QQ")
    logged_in(reviewer).post(reverse("assessment-approve", args=[first.pk]))
    response = logged_in(analyst).post(reverse("assessment-revise", args=[first.pk]))
    draft = Assessment.objects.get(jurisdiction__code="QQ", state="draft")
    assert response["Location"] == reverse("assessment-edit", args=[draft.pk])
    assert draft.revises == first and draft.evidence.count() == 1
    logged_in(analyst).post(reverse("assessment-edit", args=[draft.pk]), form_data(status="full", submit="1"))
    card = Client().get(reverse("report-card-json", args=["QQ"])).json()
    assert next(p for p in card["provisions"] if p["provision"] == "crim.sex-trafficking")["status"] == "partial"
    logged_in(reviewer).post(reverse("assessment-approve", args=[draft.pk]))
    first.refresh_from_db()
    assert first.state == Assessment.State.SUPERSEDED
    card = Client().get(reverse("report-card-json", args=["QQ"])).json()
    row = next(p for p in card["provisions"] if p["provision"] == "crim.sex-trafficking")
    assert row["status"] == "full"
    assert len(row["revisions"]) == 2  # the public sees the date of each revision
    history = logged_in(reviewer).get(reverse("assessment-history", args=[draft.pk]))
    assert history.status_code == 200 and "partial" in history.text


def test_only_the_assessor_or_the_secretariat_edits_a_draft(land: tuple[Jurisdiction, Section]) -> None:
    author = make_analyst()
    logged_in(author).post(START, form_data())
    assessment = Assessment.objects.get(jurisdiction__code="QQ")
    other = make_user("otto", Role.ANALYST)
    assert logged_in(other).get(reverse("assessment-edit", args=[assessment.pk])).status_code == 403
    assert logged_in(make_secretariat()).get(reverse("assessment-edit", args=[assessment.pk])).status_code == 200


def test_access_to_the_assessment_pages_for_every_role(land: tuple[Jurisdiction, Section]) -> None:
    analyst, reviewer, secretariat = make_analyst(), make_reviewer(), make_secretariat()
    outsiders = [make_member(), make_legislator(), make_staff()]
    assert_access_walk("/assessments/", wrong=outsiders, right=[analyst, reviewer, secretariat])
    assert_access_walk(START, wrong=[*outsiders, reviewer], right=[analyst, secretariat])
    logged_in(analyst).post(START, form_data(submit="1"))
    assessment = Assessment.objects.get(jurisdiction__code="QQ")
    detail = reverse("assessment-detail", args=[assessment.pk])
    # Work in progress is not shown to exist outside assessment staff: 404, as for a missing number.
    assert_access_walk(detail, wrong=[], hidden=outsiders, visitor_status=404, right=[analyst, reviewer, secretariat])
    assert_access_walk(
        reverse("assessment-history", args=[assessment.pk]), wrong=outsiders, right=[analyst, reviewer, secretariat]
    )
    assert_access_walk(
        reverse("assessment-return", args=[assessment.pk]),
        method="post",
        data={"comment": "Please cite the penalty."},
        hidden=outsiders,
        wrong=[analyst],
        right=[reviewer],
        redirects_to=detail,
    )
    assert_access_walk(
        reverse("assessment-submit", args=[assessment.pk]),
        method="post",
        hidden=outsiders,
        wrong=[reviewer],
        right=[analyst],
        redirects_to=detail,
    )
    assert_access_walk(
        reverse("assessment-approve", args=[assessment.pk]),
        method="post",
        hidden=outsiders,
        wrong=[analyst],
        right=[secretariat],
        redirects_to=detail,
    )
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.PUBLISHED
    # Once published, anyone may read it.
    assert Client().get(detail).status_code == 200
    assert_access_walk(
        reverse("assessment-revise", args=[assessment.pk]),
        method="post",
        wrong=[*outsiders, reviewer],
        right=[analyst],
        # A new draft is made from the published finding and opened for editing.
        redirects_to=lambda location: re.fullmatch(r"/assessments/\d+/edit/", location) is not None,
    )


def test_the_analyzer_can_prefill_the_evidence_span(land: tuple[Jurisdiction, Section]) -> None:
    _, section = land
    start = section.text.index(QUOTE)
    response = logged_in(make_analyst()).get(f"{START}&section=qq-5&start={start}&end={start + len(QUOTE)}&status=full")
    assert response.status_code == 200
    assert f'value="{start}"' in response.text and QUOTE in response.text


def test_the_section_text_fragment_gives_the_exact_text_for_selection(land: tuple[Jurisdiction, Section]) -> None:
    response = Client().get("/assessments/section-text/?key=qq-5")
    assert response.status_code == 200
    assert 'data-section-key="qq-5"' in response.text
    assert Client().get("/assessments/section-text/?key=nope").status_code == 404


def test_instrument_fixture_is_separate_from_the_seed(land: tuple[Jurisdiction, Section]) -> None:
    assert Instrument.objects.get(key="qq-act").jurisdiction.code == "QQ"
