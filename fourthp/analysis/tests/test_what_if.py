"""The what-if report card: today's card beside the card as it would be, for a visitor's choice, a pending
bill or a draft the analyzer read; always a hypothesis, never a finding."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.results import AnalysisResult, ResultFinding, ResultSection
from fourthp.assessments.models import Assessment
from fourthp.assessments.queries import default_framework, get_report_card
from fourthp.bills.models import Bill, BillVersion, TouchedProvision
from fourthp.bills.tests.factories import make_bill, make_session
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.testing import client_as, make_analyst, make_legislator, make_member

pytestmark = pytest.mark.django_db

URL = "/jurisdictions/CA/what-if/"
BANNER = "Hypothetical, not a finding."
DRAFT = (
    "Section 1. Trafficking in persons\n"
    "A person who recruits, transports or harbours another person by force, fraud or coercion "
    "for the purpose of sexual exploitation commits the offence of trafficking in persons.\n"
)


def ca_gaps() -> list[str]:
    card = get_report_card(Jurisdiction.objects.get(code="CA"), default_framework())
    return [row.provision.slug for row in card.gaps]


def test_a_visitor_sees_the_what_if_beside_todays_card_with_the_change_explained(seeded: None) -> None:
    gaps = ca_gaps()
    assert len(gaps) >= 2
    before = Assessment.objects.count()
    response = client_as(None).get(URL, {"provisions": ",".join(gaps[:2])})
    assert Assessment.objects.count() == before
    assert response.status_code == 200
    page = response.text
    assert BANNER in page
    assert "Today" in page and "If enacted (hypothetical)" in page
    assert page.count('class="changed"') >= 2  # the changed rows are marked
    assert "would be met in full" in page
    # Her choice is kept in the form; the gaps are offered as checkboxes.
    assert f'value="{gaps[0]}" checked' in page
    # A visitor may not upload a draft.
    assert reverse("report-card-what-if-upload", args=["CA"]) not in page


def test_the_json_twin_gives_both_scores_the_changed_rows_and_the_explanations(seeded: None) -> None:
    gaps = ca_gaps()
    data = client_as(None).get("/jurisdictions/CA/what-if.json", {"provisions": gaps[0]}).json()
    assert data["hypothetical"] is True
    assert data["assumed_full"] == [gaps[0]]
    assert [row["provision"] for row in data["changed"]] == [gaps[0]]
    assert data["changed"][0]["what_if"] == "full"
    assert data["what_if"]["score"] >= data["today"]["score"]
    assert data["explanations"]
    assert {p["pillar"] for p in data["pillars"]} >= {"prevention", "protection", "prosecution"}


def test_nothing_chosen_shows_todays_card_twice_and_says_nothing_would_change(seeded: None) -> None:
    data = client_as(None).get("/jurisdictions/CA/what-if.json").json()
    assert data["today"] == data["what_if"]
    assert data["changed"] == []


def test_unknown_provision_ids_get_a_clear_message_not_an_error(seeded: None) -> None:
    response = client_as(None).get(URL, {"provisions": "no.such-thing,<b>x</b>"})
    assert response.status_code == 200
    assert "The framework has no provisions with the ids" in response.text
    assert "no.such-thing" in response.text and "<b>x</b>" not in response.text
    data = client_as(None).get("/jurisdictions/CA/what-if.json", {"provisions": "no.such-thing"}).json()
    assert data["unknown_provisions"] == ["no.such-thing"]
    assert data["changed"] == []


def test_a_provision_that_does_not_apply_at_the_level_is_left_out_and_said_so(seeded: None) -> None:
    framework = default_framework()
    national_only = next(
        (p for p in Provision.objects.filter(framework=framework) if not p.applies_to("subnational")), None
    )
    if national_only is None:
        pytest.skip("every provision applies to subnational jurisdictions")
    data = client_as(None).get("/jurisdictions/US-DC/what-if.json", {"provisions": national_only.slug}).json()
    assert data["not_applicable"] == [national_only.slug]


def pending_bill(status: str = Bill.Status.IN_COMMITTEE, code: str = "CA") -> tuple[Bill, str]:
    session = make_session(Jurisdiction.objects.get(code=code))
    bill = make_bill(session, status=status)
    version = BillVersion.objects.create(bill=bill, label="As introduced")
    gap = ca_gaps()[0]
    provision = Provision.objects.get(framework=default_framework(), slug=gap)
    TouchedProvision.objects.create(version=version, provision=provision, section="3", confidence=0.8)
    return bill, gap


def test_a_pending_bill_counts_the_provisions_its_latest_text_touches_and_says_so(seeded: None) -> None:
    bill, gap = pending_bill()
    response = client_as(None).get(URL, {"bill": bill.pk})
    assert response.status_code == 200
    assert f"Bill {bill.number} (As introduced)" in response.text
    assert "not reviewed" in response.text
    data = client_as(None).get("/jurisdictions/CA/what-if.json", {"bill": bill.pk}).json()
    assert data["bill"]["bill"] == bill.pk
    assert [row["provision"] for row in data["changed"]] == [gap]
    # The bill's page links to it.
    detail = client_as(None).get(bill.get_absolute_url()).text
    assert f"{URL}?bill={bill.pk}" in detail


def test_an_enacted_or_foreign_bill_is_not_counted_and_the_page_says_why(seeded: None) -> None:
    enacted, _gap = pending_bill(status=Bill.Status.ENACTED)
    data = client_as(None).get("/jurisdictions/CA/what-if.json", {"bill": enacted.pk}).json()
    assert data["changed"] == [] and data["bill"] is None
    assert "no longer pending" in data["notes"][0]
    assert URL not in client_as(None).get(enacted.get_absolute_url()).text
    foreign, _gap = pending_bill(code="US-DC")
    data = client_as(None).get("/jurisdictions/CA/what-if.json", {"bill": foreign.pk}).json()
    assert data["changed"] == [] and "another legislature" in data["notes"][0]
    data = client_as(None).get("/jurisdictions/CA/what-if.json", {"bill": "x1"}).json()
    assert "not a bill number" in data["notes"][0]


def finished_run(owner: object, suggested: str, weaker: str) -> AnalysisRun:
    result = AnalysisResult(
        framework="four-p",
        framework_version=default_framework().version,
        engine="rules-1",
        threshold=0.5,
        sections=(
            ResultSection(
                key="2",
                heading="Victims",
                start=0,
                end=40,
                findings=(
                    ResultFinding(suggested, 0, 10, 0.9, "matched", "a victim"),
                    ResultFinding(weaker, 0, 10, 0.2, "weak", "a word"),
                ),
            ),
        ),
    )
    return AnalysisRun.objects.create(
        created_by=owner,
        text="Section 2. Victims\nA victim shall be ...",
        original_name="draft.txt",
        jurisdiction=Jurisdiction.objects.get(code="CA"),
        state=AnalysisRun.State.DONE,
        result=result.to_json(),
    )


def test_an_analysed_draft_counts_its_suggestions_above_the_threshold_marked_as_suggestions(seeded: None) -> None:
    analyst = make_analyst()
    gaps = ca_gaps()
    run = finished_run(analyst, gaps[0], gaps[1])
    before = Assessment.objects.count()
    client = client_as(analyst)
    page = client.get(URL, {"run": run.pk}).text
    assert "Suggested by the analyzer, not reviewed" in page
    assert "suggested by the analyzer" in page
    data = client.get("/jurisdictions/CA/what-if.json", {"run": run.pk}).json()
    assert [row["provision"] for row in data["changed"]] == [gaps[0]]  # the weaker finding is not counted
    assert data["analysis"]["suggested"] == [{"provision": gaps[0], "confidence": 0.9}]
    assert Assessment.objects.count() == before, "a suggestion was written as a finding"


def test_anothers_draft_is_not_shown_to_exist(seeded: None) -> None:
    run = finished_run(make_analyst(), ca_gaps()[0], ca_gaps()[1])
    assert client_as(None).get(URL, {"run": run.pk}).status_code == 404
    assert client_as(make_member()).get(URL, {"run": run.pk}).status_code == 404
    assert client_as(make_analyst()).get(URL, {"run": run.pk}).status_code == 404


def test_an_analyst_uploads_a_draft_and_lands_on_its_what_if(seeded: None) -> None:
    analyst = make_analyst()
    client = client_as(analyst)
    assert reverse("report-card-what-if-upload", args=["CA"]) in client.get(URL).text
    text = (
        "Section 1. Trafficking in persons\n"
        "A person who recruits, transports or harbours another person by force, fraud or coercion "
        "for the purpose of sexual exploitation commits the offence of trafficking in persons.\n"
    )
    upload = SimpleUploadedFile("draft.txt", text.encode(), content_type="text/plain")
    response = client.post(reverse("report-card-what-if-upload", args=["CA"]), {"file": upload})
    assert response.status_code == 302, response.content
    run = AnalysisRun.objects.get(created_by=analyst)
    assert response["Location"] == f"{URL}?run={run.pk}"
    assert run.jurisdiction is not None and run.jurisdiction.code == "CA"
    page = client.get(response["Location"]).text
    assert "Draft read by the analyzer: draft.txt" in page


def test_a_legislator_has_her_draft_read_for_the_what_if_without_the_analyzers_pages(seeded: None) -> None:
    legislator = make_legislator()
    client = client_as(legislator)
    assert reverse("report-card-what-if-upload", args=["CA"]) in client.get(URL).text
    response = client.post(reverse("report-card-what-if-upload", args=["CA"]), {"text": DRAFT})
    assert response.status_code == 302, response.content
    run = AnalysisRun.objects.get(created_by=legislator)
    page = client.get(response["Location"]).text
    assert "Draft read by the analyzer" in page and "crim.sex-trafficking" in page
    assert run.get_absolute_url() not in page  # the analyzer's own pages stay closed to her
    assert client.get(run.get_absolute_url()).status_code == 403
    # The draft may be unpublished: to another legislator, and to a visitor, the run does not exist.
    assert client_as(make_legislator()).get(response["Location"]).status_code == 404
    assert client_as(None).get(response["Location"]).status_code == 404
    # A member who neither drafts bills nor uses the analyzer is refused, and a visitor is asked to sign in.
    assert (
        client_as(make_member()).post(reverse("report-card-what-if-upload", args=["CA"]), {"text": DRAFT}).status_code
        == 403
    )
    assert (
        "/accounts/login/"
        in client_as(None).post(reverse("report-card-what-if-upload", args=["CA"]), {"text": DRAFT})["Location"]
    )


def test_the_what_if_polls_its_own_address_while_the_draft_is_read(seeded: None) -> None:
    legislator = make_legislator()
    client = client_as(legislator)
    location = client.post(reverse("report-card-what-if-upload", args=["CA"]), {"text": DRAFT})["Location"]
    run = AnalysisRun.objects.get(created_by=legislator)
    AnalysisRun.objects.filter(pk=run.pk).update(state=AnalysisRun.State.RUNNING)
    page = client.get(location).text
    assert f'hx-get="{location}"' in page and "analyze/" not in page.split('hx-get="', 1)[1].split('"', 1)[0]
    waiting = client.get(location, HTTP_HX_REQUEST="true")
    assert waiting.status_code == 200 and "reading the draft" in waiting.text and "<html" not in waiting.text
    assert "HX-Request" in waiting["Vary"]
    AnalysisRun.objects.filter(pk=run.pk).update(state=AnalysisRun.State.DONE)
    assert client.get(location, HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"


def test_an_empty_or_oversized_upload_is_refused_with_a_message(seeded: None, settings: Any) -> None:
    client = client_as(make_analyst())
    url = reverse("report-card-what-if-upload", args=["CA"])
    response = client.post(url, {"text": ""})
    assert response.status_code == 400
    assert 'role="alert"' in response.text and "/jurisdictions/CA/what-if.json" in response.text
    settings.ANALYZER_UPLOAD_MAX_BYTES = 100
    upload = SimpleUploadedFile("draft.txt", b"x" * 200, content_type="text/plain")
    response = client.post(url, {"file": upload})
    assert response.status_code == 400
    assert "the largest file the analyzer accepts is" in response.text
    assert AnalysisRun.objects.count() == 0


def test_the_report_card_links_to_its_what_if(seeded: None) -> None:
    assert URL in client_as(None).get("/jurisdictions/CA/report-card/").text


def test_a_card_with_no_grade_today_says_why_and_the_grade_it_would_have(seeded: None) -> None:
    card = get_report_card(Jurisdiction.objects.get(code="CA"), default_framework())
    assert card.overall.grade is None, "the seed assesses too few of Canada's provisions for a grade"
    every = [row.provision.slug for row in card.rows]
    page = client_as(None).get(URL, {"provisions": ",".join(every)}).text
    assert "No grade today, as too few provisions are assessed; grade A if enacted" in page
    assert "no grade →" not in page
