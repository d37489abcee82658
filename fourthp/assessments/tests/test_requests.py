"""Statute suggestions and assessment requests: the invitation, its forms, the queue, the e-mails and the notice."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from fourthp.assessments.models import Assessment, AssessmentRequest
from fourthp.frameworks.models import Framework
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.testing import client_as, make_analyst, make_jurisdiction, make_member, make_secretariat

pytestmark = pytest.mark.django_db

ASK = "/jurisdictions/{}/ask-for-assessment/"
SUGGEST = "/jurisdictions/{}/suggest-statute/"


@pytest.fixture
def place(seeded: None) -> Jurisdiction:
    """A jurisdiction with no report card."""
    return make_jurisdiction("ZQ", name="Zedland")


def _page(client: Client, code: str = "ZQ") -> str:
    response = client.get(f"/jurisdictions/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def _publish_one(jurisdiction: Jurisdiction) -> Assessment:
    provision = Framework.objects.default().provisions.get(slug="crim.debt-bondage")
    return Assessment.objects.create(
        jurisdiction=jurisdiction,
        provision=provision,
        status="unknown",
        rationale="Nothing found yet.",
        state=Assessment.State.PUBLISHED,
        published_at=timezone.now(),
    )


# ------------------------------------------------------------------ the invitation


def test_a_visitor_is_invited_to_sign_in_and_given_no_form(place: Jurisdiction) -> None:
    page = _page(Client())
    assert "Not yet assessed" in page
    assert "/accounts/login/?next=/jurisdictions/ZQ/" in page
    assert ASK.format("ZQ") not in page and SUGGEST.format("ZQ") not in page


def test_a_member_gets_both_forms_on_the_jurisdiction_page_and_the_report_card(place: Jurisdiction) -> None:
    client = client_as(make_member())
    for page in (_page(client), client.get("/jurisdictions/ZQ/report-card/").content.decode()):
        assert ASK.format("ZQ") in page and SUGGEST.format("ZQ") in page
        assert 'enctype="multipart/form-data"' in page


def test_a_jurisdiction_with_a_report_card_shows_no_invitation_and_refuses_requests(place: Jurisdiction) -> None:
    _publish_one(place)
    client = client_as(make_member())
    assert "Not yet assessed" not in _page(client) and ASK.format("ZQ") not in _page(client)
    response = client.post(ASK.format("ZQ"), {"note": ""})
    assert "already has a report card" in response.content.decode()
    assert not AssessmentRequest.objects.exists()


# ------------------------------------------------------------------ the forms and their errors


def test_asking_for_an_assessment_records_it_and_emails_the_secretariat(
    place: Jurisdiction, django_capture_on_commit_callbacks: Any
) -> None:
    secretariat = make_secretariat()
    member = make_member()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(member).post(ASK.format("ZQ"), {"note": "A new law passed in 2024."}, follow=True)
    assert "the secretariat has your request" in response.content.decode()
    found = AssessmentRequest.objects.get()
    assert (found.kind, found.state, found.requester, found.note) == (
        "assessment",
        "open",
        member,
        "A new law passed in 2024.",
    )
    assert found.framework == Framework.objects.default()
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
    assert "Zedland" in mail.outbox[0].subject and f"/assessment-requests/{found.pk}/" in mail.outbox[0].body


def test_a_second_open_request_of_the_same_member_is_told_kindly_and_not_recorded(place: Jurisdiction) -> None:
    client = client_as(make_member())
    client.post(ASK.format("ZQ"), {"note": ""})
    response = client.post(ASK.format("ZQ"), {"note": "Again"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "You have already asked for an assessment of Zedland" in text and "thank you" in text
    assert AssessmentRequest.objects.count() == 1
    assert "You have asked for it (open)" in _page(client)


def test_a_statute_is_suggested_by_its_address(place: Jurisdiction) -> None:
    response = client_as(make_member()).post(
        SUGGEST.format("ZQ"), {"url": "https://laws.example.org/zq/act", "format": "auto", "note": "The 2024 act."}
    )
    assert response.status_code == 302
    found = AssessmentRequest.objects.get()
    assert (found.kind, found.url, found.file.name) == ("statute", "https://laws.example.org/zq/act", "")


@pytest.mark.parametrize("url", ["ftp://laws.example.org/act", "javascript:alert(1)", "laws.example.org/act"])
def test_an_address_that_is_not_a_web_address_is_refused(place: Jurisdiction, url: str) -> None:
    response = client_as(make_member()).post(SUGGEST.format("ZQ"), {"url": url, "format": "auto"})
    assert "Give a web address that starts with https:// or http://." in response.content.decode()
    assert not AssessmentRequest.objects.exists()


def test_a_statute_needs_an_address_or_a_file(place: Jurisdiction) -> None:
    response = client_as(make_member()).post(SUGGEST.format("ZQ"), {"url": "", "format": "auto"})
    assert "Give the statute&#x27;s web address or upload its file." in response.content.decode()


def test_a_statute_file_is_kept_with_its_name_and_format_and_served_to_the_queue_only(place: Jurisdiction) -> None:
    upload = SimpleUploadedFile("act.html", b"<html><body><h1>Act</h1><p>Section 1.</p></body></html>")
    client_as(make_member()).post(SUGGEST.format("ZQ"), {"file": upload, "format": "auto"})
    found = AssessmentRequest.objects.get()
    assert (found.filename, found.format) == ("act.html", "html")
    assert found.file.name.startswith("assessment-requests/") and "act" not in found.file.name
    response = client_as(make_analyst()).get(f"/assessment-requests/{found.pk}/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"<html>")  # type: ignore[attr-defined]
    assert 'filename="act.html"' in response["Content-Disposition"]


def test_a_file_over_the_limit_is_refused_saying_the_limit(place: Jurisdiction, settings: Any) -> None:
    settings.STATUTE_UPLOAD_MAX_BYTES = 1_048_576
    upload = SimpleUploadedFile("act.txt", b"Section 1. " * 200_000)
    response = client_as(make_member()).post(SUGGEST.format("ZQ"), {"file": upload, "format": "auto"})
    assert "the largest file accepted is 1.0 MB" in response.content.decode()
    assert not AssessmentRequest.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("act.exe", b"MZ\x90\x00\x03", "Files of this type (.exe) cannot be read as a statute"),
        ("act.txt", b"PK\x03\x04\x00\x00\x00\x00binary\x00\x00", "is not a text file"),
        ("act.pdf", b"Section 1. Not a PDF at all.", "is not a PDF"),
    ],
)
def test_a_file_of_the_wrong_format_is_refused(place: Jurisdiction, name: str, content: bytes, words: str) -> None:
    upload = SimpleUploadedFile(name, content)
    response = client_as(make_member()).post(SUGGEST.format("ZQ"), {"file": upload, "format": "auto"})
    assert words in response.content.decode()
    assert not AssessmentRequest.objects.exists()


def test_a_member_over_the_rate_is_refused(place: Jurisdiction, settings: Any) -> None:
    settings.ASSESSMENT_REQUESTS_RATE = "2/h"
    client = client_as(make_member())
    for n in range(2):
        assert (
            client.post(SUGGEST.format("ZQ"), {"url": f"https://laws.example.org/{n}", "format": "auto"}).status_code
            == 302
        )
    response = client.post(SUGGEST.format("ZQ"), {"url": "https://laws.example.org/3", "format": "auto"})
    assert response.status_code == 429 and "many suggestions and requests" in response.content.decode()
    assert AssessmentRequest.objects.count() == 2


def test_a_form_sent_by_htmx_is_answered_with_the_invitation_alone(place: Jurisdiction) -> None:
    client = client_as(make_member())
    response = client.post(ASK.format("ZQ"), {"note": "Please."}, HTTP_HX_REQUEST="true")
    text = response.content.decode()
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    assert text.lstrip().startswith('<section class="card invitation"') and "<html" not in text
    assert "the secretariat has your request" in text and "Requested by 1 member." in text
    assert AssessmentRequest.objects.count() == 1
    response = client.post(
        SUGGEST.format("ZQ"), {"url": "ftp://laws.example.org/act", "format": "auto"}, HTTP_HX_REQUEST="true"
    )
    # htmx swaps only a 2xx answer: the refusal is said in the returned form.
    assert response.status_code == 200
    assert "Give a web address that starts with https:// or http://." in response.content.decode()
    response = client.post(
        SUGGEST.format("ZQ"), {"url": "https://laws.example.org/act", "format": "auto"}, HTTP_HX_REQUEST="true"
    )
    assert "the secretariat has the statute you suggested" in response.content.decode()
    assert AssessmentRequest.objects.count() == 2


def test_htmx_over_the_rate_is_told_in_the_form(place: Jurisdiction, settings: Any) -> None:
    settings.ASSESSMENT_REQUESTS_RATE = "1/h"
    client = client_as(make_member())
    client.post(SUGGEST.format("ZQ"), {"url": "https://laws.example.org/1", "format": "auto"}, HTTP_HX_REQUEST="true")
    response = client.post(
        SUGGEST.format("ZQ"), {"url": "https://laws.example.org/2", "format": "auto"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "many suggestions and requests" in response.content.decode()
    assert AssessmentRequest.objects.count() == 1


def test_htmx_reloads_the_page_once_a_report_card_was_published_meanwhile(place: Jurisdiction) -> None:
    _publish_one(place)
    response = client_as(make_member()).post(ASK.format("ZQ"), {"note": ""}, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert not AssessmentRequest.objects.exists()


# ------------------------------------------------------------------ the notice


def test_the_page_counts_members_who_asked_and_never_names_them(place: Jurisdiction) -> None:
    askers = [make_member(), make_member()]
    for member in askers:
        client_as(member).post(ASK.format("ZQ"), {"note": ""})
    client_as(askers[0]).post(SUGGEST.format("ZQ"), {"url": "https://laws.example.org/x", "format": "auto"})
    for page in (_page(Client()), Client().get("/jurisdictions/ZQ/report-card/").content.decode()):
        assert "Requested by 2 members." in page
        assert all(m.display_name not in page and m.email not in page for m in askers)


def test_the_page_says_an_assessment_is_in_progress(place: Jurisdiction) -> None:
    client_as(make_member()).post(ASK.format("ZQ"), {"note": ""})
    found = AssessmentRequest.objects.get()
    client_as(make_secretariat()).post(f"/assessment-requests/{found.pk}/", {"state": "in_progress"})
    page = _page(Client())
    assert "An assessment is in progress." in page and "Requested by" not in page


# ------------------------------------------------------------------ the queue and the state changes


def test_the_queue_filters_by_state_and_jurisdiction(place: Jurisdiction) -> None:
    other = make_jurisdiction("ZR", name="Ruritania")
    member = make_member()
    client = client_as(member)
    client.post(ASK.format("ZQ"), {"note": ""})
    client.post(ASK.format("ZR"), {"note": ""})
    declined = AssessmentRequest.objects.get(jurisdiction=other)
    secretariat = client_as(make_secretariat())
    secretariat.post(f"/assessment-requests/{declined.pk}/", {"state": "declined", "reason": "Out of scope."})
    assert "2 requests." in secretariat.get("/assessment-requests/").content.decode()
    page = secretariat.get("/assessment-requests/?state=open").content.decode()
    assert "1 request." in page and "Zedland" in page and "Ruritania" not in page
    page = secretariat.get("/assessment-requests/?jurisdiction=Ruritania").content.decode()
    assert "1 request." in page and "Ruritania" in page and "Zedland" not in page
    page = secretariat.get("/assessment-requests/?jurisdiction=Nowhereland").content.decode()
    assert "field-error" in page


def test_marking_in_progress_assigns_the_analyst_and_emails_the_requester_in_her_language(
    seeded: None, django_capture_on_commit_callbacks: Any
) -> None:
    # Greenland has no report card in the seed; its CLDR name in Spanish is Groenlandia.
    member, analyst = make_member(), make_analyst()
    client_as(member).post(ASK.format("GL"), {"note": ""}, HTTP_ACCEPT_LANGUAGE="es")
    found = AssessmentRequest.objects.get()
    assert found.language == "es"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(make_secretariat()).post(
            f"/assessment-requests/{found.pk}/",
            {"state": "in_progress", "assigned_to": analyst.pk},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.state, found.assigned_to, found.changed_by is not None) == ("in_progress", analyst, True)
    [message] = mail.outbox
    assert message.to == [member.email]
    assert "Groenlandia" in message.subject and "Greenland" not in message.body
    assert "La secretaría de Fourth P" in message.body
    assert [r.state for r in found.history.order_by("history_date")] == ["open", "in_progress"]


def test_done_links_the_assessment_and_declined_needs_a_reason(
    place: Jurisdiction, django_capture_on_commit_callbacks: Any
) -> None:
    member = make_member()
    client_as(member).post(ASK.format("ZQ"), {"note": ""})
    client_as(member).post(SUGGEST.format("ZQ"), {"url": "https://laws.example.org/x", "format": "auto"})
    ask = AssessmentRequest.objects.get(kind="assessment")
    statute = AssessmentRequest.objects.get(kind="statute")
    secretariat = client_as(make_secretariat())
    response = secretariat.post(f"/assessment-requests/{statute.pk}/", {"state": "declined", "reason": ""})
    assert response.status_code == 400 and "Say why it is declined" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(
            f"/assessment-requests/{statute.pk}/", {"state": "declined", "reason": "Already in the atlas."}
        )
    assert "Already in the atlas." in mail.outbox[-1].body
    assessment = _publish_one(place)
    elsewhere = _publish_one(make_jurisdiction("ZS"))
    response = secretariat.post(f"/assessment-requests/{ask.pk}/", {"state": "done", "assessment": elsewhere.pk})
    assert f"Assessment number {elsewhere.pk} is not of Zedland." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        secretariat.post(f"/assessment-requests/{ask.pk}/", {"state": "done", "assessment": assessment.pk})
    ask.refresh_from_db()
    assert (ask.state, ask.assessment) == ("done", assessment)
    assert f"/assessments/{assessment.pk}/" in mail.outbox[-1].body
    # A finished request is not moved again.
    response = secretariat.post(f"/assessment-requests/{ask.pk}/", {"state": "declined", "reason": "x"}, follow=True)
    assert "This request is already done." in response.content.decode()
    ask.refresh_from_db()
    assert ask.state == "done"


def test_only_an_analyst_can_be_given_a_request(place: Jurisdiction) -> None:
    client_as(make_member()).post(ASK.format("ZQ"), {"note": ""})
    found = AssessmentRequest.objects.get()
    response = client_as(make_secretariat()).post(
        f"/assessment-requests/{found.pk}/", {"state": "in_progress", "assigned_to": make_member().pk}
    )
    assert response.status_code == 400
    found.refresh_from_db()
    assert found.state == "open"


def test_the_queue_is_linked_from_the_navigation_of_those_who_read_it(place: Jurisdiction) -> None:
    assert 'href="/assessment-requests/"' in _page(client_as(make_secretariat()))
    assert 'href="/assessment-requests/"' in _page(client_as(make_analyst()))
    assert 'href="/assessment-requests/"' not in _page(client_as(make_member()))


def test_the_queue_reads_in_a_fixed_number_of_queries(place: Jurisdiction, django_assert_max_num_queries: Any) -> None:
    for _ in range(5):
        client_as(make_member()).post(ASK.format("ZQ"), {"note": ""})
    client = client_as(make_secretariat())
    client.get("/assessment-requests/")
    with django_assert_max_num_queries(12):
        assert client.get("/assessment-requests/").status_code == 200
