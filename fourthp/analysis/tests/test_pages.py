"""Analysts run the analyzer in the web interface: upload or pick an instrument, see suggestions, start drafts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from fourthp.accounts.models import AuditEvent
from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.results import ResultFinding, decode_result
from fourthp.analysis.sources import AnalysisRefused, check_analysis_input
from fourthp.analysis.tasks import run_analysis
from fourthp.assessments.models import Assessment
from fourthp.frameworks.models import Provision
from fourthp.laws.models import Instrument, Section
from fourthp.lib.text import normalise_text
from fourthp.testing import (
    assert_access_walk,
    make_analyst,
    make_legislator,
    make_member,
    make_reviewer,
    make_secretariat,
    make_staff,
)

pytestmark = pytest.mark.django_db

OFFENCE = (
    "Section 1. Trafficking in persons\n"
    "A person who recruits, transports or harbours another person by force, fraud or coercion "
    "for the purpose of sexual exploitation commits the offence of trafficking in persons.\n"
)


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def long_text(sections: int) -> str:
    return "\n".join(f"Section {n}. Offence {n}\n{OFFENCE.splitlines()[1]}\n" for n in range(1, sections + 1))


def test_an_analyst_uploads_a_small_text_and_sees_a_suggestion_explained(seeded: None) -> None:
    analyst = make_analyst()
    client = logged_in(analyst)
    upload = SimpleUploadedFile("offence.txt", OFFENCE.encode(), content_type="text/plain")
    response = client.post(reverse("analysis-start"), {"file": upload})
    assert response.status_code == 302, response.content
    run = AnalysisRun.objects.get(created_by=analyst)
    assert response["Location"] == run.get_absolute_url()
    assert run.state == AnalysisRun.State.DONE and run.original_name == "offence.txt"
    assert run.sections_done == run.sections_total >= 1

    page = client.get(run.get_absolute_url()).text
    sex_trafficking = Provision.objects.get(framework__slug="four-p", framework__version=1, slug="crim.sex-trafficking")
    assert sex_trafficking.title in page
    assert reverse("provision-detail", args=["four-p", "crim.sex-trafficking"]) + "?version=1" in page
    result = decode_result(run.result)
    section, finding = next(
        (s, f) for s, f in result.findings() if f.provision == "crim.sex-trafficking" and result.is_suggested(f)
    )
    assert f"confidence {round(finding.confidence * 100)}%" in page
    assert escape(finding.reason) in page
    # Offsets point into the section's text, which lies at the section's span of the stored text.
    section_text = run.text[section.start : section.end]
    assert " ".join(section_text[finding.start : finding.end].split()).startswith(finding.excerpt.rstrip("…"))
    assert "<mark>" in page  # the passage relied on is highlighted
    # Not in the atlas: no draft button, and the way to the import page.
    assert reverse("analysis-draft", args=[run.pk]) not in page
    assert reverse("instrument-import") in page
    # The run is listed among the analyst's recent runs.
    assert run.get_absolute_url() in client.get(reverse("analysis-start")).text


def test_pasted_text_is_analysed_and_weaker_findings_show_on_request(seeded: None) -> None:
    client = logged_in(make_analyst())
    response = client.post(reverse("analysis-start"), {"text": "\r\n" + OFFENCE.replace("\n", "\r\n")}, follow=True)
    run = AnalysisRun.objects.get()
    assert run.text == normalise_text("\r\n" + OFFENCE.replace("\n", "\r\n")) and "\r" not in run.text
    assert "Suggestions" in response.text and "<mark>" in response.text
    # Raise the stored threshold above every finding: all of them become weaker findings.
    run.result["threshold"] = 0.999
    run.save(update_fields=["result"])
    findings = [f for _s, f in decode_result(run.result).findings()]
    page = client.get(run.get_absolute_url()).text
    assert f"Show weaker findings ({len(findings)})" in page
    assert "<mark>" not in page
    everything = client.get(run.get_absolute_url() + "?weaker=1").text
    assert "Show suggestions only" in everything and "below the threshold" in everything
    for finding in findings:
        assert f"<code>{finding.provision}</code>" in everything


def test_a_large_text_runs_in_the_background_and_its_progress_survives_a_reload(
    seeded: None, settings: Any, monkeypatch: Any
) -> None:
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The test runs inside one transaction; the worker's close_old_connections would close it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.ANALYZER_SYNC_MAX_BYTES = 1_000
    analyst = make_analyst()
    client = logged_in(analyst)
    text = long_text(8)
    assert len(text.encode()) > 1_000
    response = client.post(reverse("analysis-start"), {"text": text})
    assert response.status_code == 302
    run = AnalysisRun.objects.get()
    assert run.state == AnalysisRun.State.QUEUED and run.result is None
    assert run.sections_total == 8 and run.sections_done == 0
    assert DBTaskResult.objects.count() == 1

    page = client.get(run.get_absolute_url()).text
    assert "0 of 8 sections" in page
    assert 'hx-trigger="every 2s"' in page and 'aria-live="polite"' in page and "<progress" in page
    fragment = client.get(run.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert "0 of 8 sections" in fragment.text and "<html" not in fragment.text

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    run.refresh_from_db()
    assert run.state == AnalysisRun.State.DONE
    assert (run.sections_done, run.sections_total) == (8, 8)
    assert run.started_at is not None and run.finished_at is not None
    assert any(decode_result(run.result).is_suggested(f) for _s, f in decode_result(run.result).findings())

    # The poll now asks for a reload, and the page shows the result without polling.
    assert client.get(run.get_absolute_url(), HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    page = client.get(run.get_absolute_url()).text
    assert "every 2s" not in page
    assert "Section 8" in page and "<mark>" in page


def test_the_task_stores_progress_as_it_goes(seeded: None, settings: Any, monkeypatch: Any) -> None:
    from fourthp.analysis import running

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    settings.ANALYZER_SYNC_MAX_BYTES = 300
    monkeypatch.setattr(running, "PROGRESS_SECTIONS", 2)
    monkeypatch.setattr(running, "PROGRESS_SECONDS", 3600.0)
    seen: list[tuple[int, int]] = []
    real_update = running._Progress.__call__

    def spy(self: Any, done: int, total: int) -> None:
        real_update(self, done, total)
        run = AnalysisRun.objects.get(pk=self.run_id)
        seen.append((run.sections_done, run.sections_total))

    monkeypatch.setattr(running._Progress, "__call__", spy)
    logged_in(make_analyst()).post(reverse("analysis-start"), {"text": long_text(5)})
    run = AnalysisRun.objects.get()
    assert run.state == AnalysisRun.State.QUEUED
    assert run_analysis.call(run.pk) == "done"
    # Stored every second section and at the end, never more than done.
    assert seen == [(0, 5), (2, 5), (2, 5), (4, 5), (5, 5)]
    # Running it again (a retried task) changes nothing.
    finished = AnalysisRun.objects.get(pk=run.pk).finished_at
    assert run_analysis.call(run.pk) == "done"
    assert AnalysisRun.objects.get(pk=run.pk).finished_at == finished


def test_a_failing_run_says_why_and_keeps_no_partial_result(seeded: None, monkeypatch: Any) -> None:
    from fourthp.analysis import running

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(running, "analyze", broken)
    client = logged_in(make_analyst())
    client.post(reverse("analysis-start"), {"text": OFFENCE})
    run = AnalysisRun.objects.get()
    assert run.state == AnalysisRun.State.FAILED and run.result is None and run.finished_at is not None
    assert "unexpected error" in run.error and "boom" not in run.error
    page = client.get(run.get_absolute_url()).text
    assert run.error in page.replace("&#x27;", "'")


def suggestion_on(run: AnalysisRun, section_key: str) -> ResultFinding:
    result = decode_result(run.result)
    section = next(s for s in result.sections if s.key == section_key)
    applies = set(
        Provision.objects.filter(framework__slug="four-p", framework__version=1, applies_subnational=True).values_list(
            "slug", flat=True
        )
    )
    return next(f for f in section.findings if result.is_suggested(f) and f.provision in applies)


def test_one_click_on_an_atlas_instrument_starts_one_draft_with_the_evidence_span(seeded: None) -> None:
    analyst = make_analyst()
    client = logged_in(analyst)
    instrument = Instrument.objects.get(key="us-dc-22-18a")
    response = client.post(reverse("analysis-start"), {"instrument": instrument.key})
    run = AnalysisRun.objects.get()
    assert response["Location"] == run.get_absolute_url()
    assert run.state == AnalysisRun.State.DONE and run.jurisdiction == instrument.jurisdiction
    assert run.sections_total == Section.objects.current().filter(instrument=instrument).count()
    finding = suggestion_on(run, "us-dc-22-1833")
    page = client.get(run.get_absolute_url()).text
    assert reverse("analysis-draft", args=[run.pk]) in page
    assert "nothing is claimed until you read the law and decide" in page

    before = Assessment.objects.count()
    data = {"section": "us-dc-22-1833", "provision": finding.provision}
    response = client.post(reverse("analysis-draft", args=[run.pk]), data)
    assert Assessment.objects.count() == before + 1
    draft = Assessment.objects.get(assessor=analyst)
    assert response["Location"] == reverse("assessment-edit", args=[draft.pk])
    assert draft.state == Assessment.State.DRAFT and draft.status == "unknown"
    assert draft.jurisdiction.code == "US-DC" and draft.provision.slug == finding.provision
    assert draft.rationale.startswith(f"Suggested by the analyzer ({run.engine}): ")
    assert draft.rationale.endswith("To be confirmed by the analyst.")
    evidence = draft.evidence.get()
    section = Section.objects.get(key="us-dc-22-1833", is_current=True)
    assert evidence.section == section
    assert (evidence.start, evidence.end) == (finding.start, finding.end)
    assert evidence.quote == section.text[finding.start : finding.end]
    assert client.get(response["Location"]).status_code == 200
    assert AuditEvent.objects.filter(verb="analysis.draft", target_id=str(draft.pk)).exists()

    # A second click goes to the open draft instead of making another.
    again = client.post(reverse("analysis-draft", args=[run.pk]), data, follow=True)
    assert Assessment.objects.count() == before + 1
    assert again.redirect_chain[-1][0] == draft.get_absolute_url()
    assert "already has an open assessment" in again.text
    # The page now links to the open assessment instead of offering the button.
    assert reverse("assessment-detail", args=[draft.pk]) in client.get(run.get_absolute_url()).text


def test_a_draft_is_refused_for_a_provision_that_does_not_apply_or_a_made_up_suggestion(seeded: None) -> None:
    client = logged_in(make_analyst())
    client.post(reverse("analysis-start"), {"instrument": "us-dc-22-18a"})
    run = AnalysisRun.objects.get()
    national_only = Provision.objects.filter(framework__slug="four-p", applies_subnational=False).first()
    assert national_only is not None
    # Plant a suggestion of a national-only provision in the stored result.
    section = next(s for s in run.result["sections"] if s["key"] == "us-dc-22-1833")
    section["findings"].append({**section["findings"][0], "provision": national_only.slug})
    run.save(update_fields=["result"])
    before = Assessment.objects.count()
    response = client.post(
        reverse("analysis-draft", args=[run.pk]),
        {"section": "us-dc-22-1833", "provision": national_only.slug},
        follow=True,
    )
    assert "does not apply to" in response.text
    response = client.post(
        reverse("analysis-draft", args=[run.pk]), {"section": "us-dc-22-1833", "provision": "no.such"}, follow=True
    )
    assert "no such suggestion" in response.text
    assert Assessment.objects.count() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   \n  "}, "There is nothing to analyse"),
        ({"file": ("empty.txt", b"")}, "The submitted file is empty"),
        ({"file": ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2)}, "binary file"),
        ({"file": ("law.txt", b"A" * 2_000)}, "the largest file the analyzer accepts is"),
        ({"text": "B" * 2_000}, "the most the analyzer accepts is"),
        ({"text": OFFENCE, "instrument": "us-dc-22-18a"}, "Give one thing to analyse"),
        ({"text": OFFENCE, "jurisdiction": "ZZZ"}, "No jurisdiction is called ZZZ or has it as its code."),
    ],
)
def test_bad_input_gets_a_clear_error_and_nothing_is_written(
    seeded: None, settings: Any, data: dict[str, Any], message: str
) -> None:
    settings.ANALYZER_UPLOAD_MAX_BYTES = 1_000
    if "file" in data:
        name, content = data["file"]
        data = {"file": SimpleUploadedFile(name, content)}
    events = AuditEvent.objects.exclude(verb="analysis.upload_refused").count()
    response = logged_in(make_analyst()).post(reverse("analysis-start"), data)
    assert response.status_code == 200
    assert message in response.text.replace("&#x27;", "'")
    assert AnalysisRun.objects.count() == 0
    # Only the refusal of a file that could not be read is recorded (it counts against the allowance).
    assert AuditEvent.objects.exclude(verb="analysis.upload_refused").count() == events


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-16"),  # little-endian, with a byte-order mark
        lambda text: text.encode("utf-16-be"),  # big-endian, without one
        lambda text: text.encode("utf-8-sig"),
    ],
    ids=["utf-16le-bom", "utf-16be", "utf-8-bom"],
)
def test_an_upload_in_utf16_or_utf8_with_a_byte_order_mark_is_analysed_as_its_text(seeded: None, encode: Any) -> None:
    client = logged_in(make_analyst())
    text = OFFENCE.replace("commits", "— “knowingly” — commits")
    client.post(reverse("analysis-start"), {"file": SimpleUploadedFile("plain.txt", text.encode())})
    response = client.post(reverse("analysis-start"), {"file": SimpleUploadedFile("encoded.txt", encode(text))})
    assert response.status_code == 302, response.text
    plain, encoded = AnalysisRun.objects.order_by("pk")
    assert encoded.state == AnalysisRun.State.DONE
    assert encoded.text == plain.text and "“knowingly”" in encoded.text
    assert decode_result(encoded.result) == decode_result(plain.result)


def test_an_upload_with_a_nul_character_after_the_first_8_kb_is_refused_and_nothing_is_stored(seeded: None) -> None:
    data = (OFFENCE + "Padding line of an ordinary statute.\n" * 300 + "Section 2. Hidden\nA \x00 here.\n").encode()
    assert data.index(b"\x00") > 8192
    events = AuditEvent.objects.count()
    response = logged_in(make_analyst()).post(reverse("analysis-start"), {"file": SimpleUploadedFile("law.txt", data)})
    assert response.status_code == 200
    assert "law.txt contains NUL characters" in response.text
    # Nothing is stored but the record of the refusal, which counts against the hourly allowance.
    assert AnalysisRun.objects.count() == 0
    assert list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True)[events:]) == [
        "analysis.upload_refused"
    ]


def test_pasted_text_with_a_nul_character_is_refused_in_the_form_and_by_the_action(seeded: None) -> None:
    # The request is refused before any view reads it (a NUL in any form field)...
    response = logged_in(make_analyst()).post(reverse("analysis-start"), {"text": OFFENCE + "\x00"})
    assert response.status_code == 400
    assert "The request has a NUL character (\\x00, or %00 in an address) in its form fields." in response.text
    # ...and the analyzer's own check refuses it from any other caller.
    with pytest.raises(AnalysisRefused, match="NUL characters"):
        check_analysis_input(text=OFFENCE + "\x00")
    assert AnalysisRun.objects.count() == 0


def test_a_pasted_text_over_the_limit_is_refused_in_the_form_saying_both_sizes_and_kept_in_the_box(
    seeded: None, settings: Any
) -> None:
    settings.ANALYZER_TEXT_MAX_CHARS = 100
    client = logged_in(make_analyst())
    assert 'maxlength="100"' in client.get(reverse("analysis-start")).text
    text = "Section 1. Offence\r\n" + "A person who recruits another person commits an offence. " * 3
    response = client.post(reverse("analysis-start"), {"text": text})
    assert response.status_code == 200
    size = len(text.replace("\r\n", "\n"))  # as the browser counts it
    assert f"The pasted text is {size} characters long; the most the analyzer accepts is 100." in response.text
    assert escape(text) in response.text  # shown again in the box, as sent
    assert AnalysisRun.objects.count() == 0


def test_with_the_default_limits_a_paste_one_character_over_still_reaches_the_form(seeded: None, settings: Any) -> None:
    # Three bytes a character, the most the browser sends for one it counts: the body stays readable.
    text = "€" * (settings.ANALYZER_TEXT_MAX_CHARS + 1)
    assert len(text.encode()) < settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = logged_in(make_analyst()).post(reverse("analysis-start"), {"text": text})
    assert response.status_code == 200
    assert "The pasted text is 1,000,001 characters long; the most the analyzer accepts is 1,000,000." in response.text
    assert AnalysisRun.objects.count() == 0


def test_a_form_too_large_to_read_gets_a_page_saying_so_not_a_bare_400(seeded: None, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    # As a browser sends it: the CSRF check reads the body first, before any view.
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_analyst())
    client.get(reverse("analysis-start"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("analysis-start"), {"csrfmiddlewaretoken": token, "text": OFFENCE * 100})
    assert response.status_code == 413
    assert "What you sent is larger than the 9.8\xa0KB a form may carry" in response.text
    assert "nothing was saved" in response.text
    assert reverse("analysis-start") in response.text
    assert AnalysisRun.objects.count() == 0


def test_a_text_limit_the_form_body_cannot_carry_is_a_warning_of_manage_py_check(settings: Any) -> None:
    from fourthp.analysis.checks import check_pasted_text_fits_in_a_form

    assert check_pasted_text_fits_in_a_form() == []
    settings.ANALYZER_TEXT_MAX_CHARS = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 3
    assert [w.id for w in check_pasted_text_fits_in_a_form()] == ["fourthp.W001"]


def test_only_analysts_reviewers_and_the_secretariat_reach_the_analyzer(seeded: None) -> None:
    wrong = [make_member(), make_legislator(), make_staff()]
    right = [make_analyst(), make_reviewer(), make_secretariat()]
    assert_access_walk(reverse("analysis-start"), wrong=wrong, right=right)
    assert_access_walk(
        reverse("analysis-start"),
        method="post",
        data={"text": OFFENCE},
        wrong=wrong,
        right=right,
        # Each run started is opened on its own page.
        redirects_to=lambda location: re.fullmatch(r"/analyze/\d+/", location) is not None,
    )
    for user in right:
        assert "Analyzer" in logged_in(user).get("/").text
    for user in wrong:
        assert reverse("analysis-start") not in logged_in(user).get("/").text


def test_a_run_is_seen_by_whoever_started_it_and_the_secretariat(seeded: None) -> None:
    owner = make_analyst()
    logged_in(owner).post(reverse("analysis-start"), {"instrument": "us-dc-22-18a"})
    run = AnalysisRun.objects.get()
    # Without the role: 403, as for any run number. Another analyst or reviewer: 404, as for a missing run.
    outsiders = [make_member(), make_legislator(), make_staff()]
    colleagues = [make_analyst(), make_reviewer()]
    assert_access_walk(run.get_absolute_url(), wrong=outsiders, hidden=colleagues, right=[owner, make_secretariat()])
    draft = reverse("analysis-draft", args=[run.pk])
    data = {"section": "us-dc-22-1833", "provision": suggestion_on(run, "us-dc-22-1833").provision}
    # Drafting is an analyst's step: a reviewer who may see the run still may not draft from it.
    # The owner's click starts a draft, opened for editing; the secretariat's finds it open and shows it.
    assert_access_walk(
        draft,
        method="post",
        data=data,
        wrong=outsiders,
        hidden=colleagues,
        right=[owner, make_secretariat()],
        redirects_to=lambda location: re.fullmatch(r"/assessments/\d+/(edit/)?", location) is not None,
    )


def test_a_reviewer_sees_suggestions_without_draft_buttons(seeded: None) -> None:
    reviewer = make_reviewer()
    client = logged_in(reviewer)
    client.post(reverse("analysis-start"), {"instrument": "us-dc-22-18a"})
    run = AnalysisRun.objects.get()
    page = client.get(run.get_absolute_url()).text
    assert "<mark>" in page
    assert reverse("analysis-draft", args=[run.pk]) not in page
    assert client.post(reverse("analysis-draft", args=[run.pk]), {"section": "x", "provision": "y"}).status_code == 403


def test_the_results_page_runs_a_fixed_number_of_queries(seeded: None, django_assert_num_queries: Any) -> None:
    client = logged_in(make_analyst())
    client.post(reverse("analysis-start"), {"instrument": "us-dc-22-18a"})
    run = AnalysisRun.objects.get()
    # Session, user, roles, the run, the framework, its provisions, the sections, the open assessments; and
    # the header's counts of her work and of her unread notifications.
    with django_assert_num_queries(10):
        assert client.get(run.get_absolute_url() + "?weaker=1").status_code == 200


def test_deleting_an_account_deletes_the_analyses_it_ran(seeded: None) -> None:
    from fourthp.accounts.actions import do_delete_account

    analyst, other = make_analyst(), make_secretariat()
    logged_in(analyst).post(reverse("analysis-start"), {"text": OFFENCE})
    logged_in(other).post(reverse("analysis-start"), {"text": OFFENCE})
    assert AnalysisRun.objects.count() == 2
    do_delete_account(analyst, acting_user=analyst)
    assert list(AnalysisRun.objects.values_list("created_by", flat=True)) == [other.pk]


ACT_SECTION = (
    "A victim of an offence under this Act shall not be liable for any offence under any law "
    "which is a direct consequence of the offence committed against him or her."
)


def test_an_acts_title_and_headings_reach_the_analyzer_for_pasted_uploaded_and_atlas_text(seeded: None) -> None:
    """Sections of an act on trafficking need not repeat the word: the web run
    passes the title (the text's first line, or the atlas instrument's) and headings."""
    client = logged_in(make_analyst())
    act = "Trafficking in Persons Act\n\n1. Short title\nThis Act may be cited as the Act.\n\n2. Victim not liable\n"
    act += ACT_SECTION + "\n"

    def suggested(run: AnalysisRun) -> set[str]:
        result = decode_result(run.result)
        return {f.provision for _s, f in result.findings() if result.is_suggested(f)}

    client.post(reverse("analysis-start"), {"text": act})
    upload = SimpleUploadedFile("act.txt", act.encode(), content_type="text/plain")
    client.post(reverse("analysis-start"), {"file": upload})
    pasted, uploaded = AnalysisRun.objects.order_by("pk")
    assert "prot.non-punishment" in suggested(pasted)
    assert "prot.non-punishment" in suggested(uploaded)

    instrument = Instrument.objects.get(key="us-dc-22-18a")
    Section.objects.create(
        instrument=instrument,
        key="t-1",
        number="99",
        heading="Victim not liable",
        citation="§ 99",
        order=999,
        text=ACT_SECTION,
    )
    client.post(reverse("analysis-start"), {"instrument": instrument.key})
    atlas = AnalysisRun.objects.order_by("pk").last()
    assert atlas is not None and atlas.instrument == instrument
    result = decode_result(atlas.result)
    assert "prot.non-punishment" in {
        f.provision for s, f in result.findings() if s.key == "t-1" and result.is_suggested(f)
    }


def test_a_text_said_to_be_a_states_law_is_not_asked_for_what_only_national_law_can_do(seeded: None) -> None:
    residence = (
        "Section 4. Residence of victims\nThe Secretary shall grant victims of trafficking in persons a period of "
        "recovery and reflection and a temporary residence permit and immigration status, whether or not they "
        "cooperate with the prosecution.\n"
    )
    client = logged_in(make_analyst())
    runs = {}
    for code in ("", "CA", "US-DC"):
        response = client.post(reverse("analysis-start"), {"text": residence, "jurisdiction": code})
        assert response.status_code == 302, response.content
        runs[code] = AnalysisRun.objects.order_by("-pk").first()
    found = {code: {f.provision for _s, f in decode_result(run.result).findings()} for code, run in runs.items()}
    assert "prot.immigration-relief" in found[""] and "prot.immigration-relief" in found["CA"]
    assert "prot.immigration-relief" not in found["US-DC"]
    page = client.get(runs["US-DC"].get_absolute_url()).text
    assert "subnational law: the provisions the framework keeps for national law are not looked for" in page


def test_a_person_may_have_only_so_many_long_documents_waiting_and_so_many_runs_an_hour(
    seeded: None, settings: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}}
    settings.ANALYZER_SYNC_MAX_BYTES = 300
    settings.ANALYZER_WAITING_RUNS = 2
    analyst = make_analyst()
    client = logged_in(analyst)
    page = client.get(reverse("analysis-start")).text
    assert "You may have up to 2 long documents waiting or being analysed at a time" in page
    for _ in range(2):
        assert client.post(reverse("analysis-start"), {"text": long_text(5)}).status_code == 302
    refused = client.post(reverse("analysis-start"), {"text": long_text(5)})
    assert refused.status_code == 200
    assert escape("You already have 2 long documents waiting or being analysed") in refused.text
    assert AnalysisRun.objects.of(analyst).count() == 2
    # A short text is analysed at once, so it does not wait behind them.
    assert client.post(reverse("analysis-start"), {"text": OFFENCE}).status_code == 302
    # Another analyst's queue is her own.
    assert logged_in(make_analyst()).post(reverse("analysis-start"), {"text": long_text(5)}).status_code == 302
    # A run left unfinished for more than a day (a stopped worker) no longer holds a place.
    AnalysisRun.objects.of(analyst).filter(state=AnalysisRun.State.QUEUED).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    assert client.post(reverse("analysis-start"), {"text": long_text(5)}).status_code == 302

    settings.ANALYZER_RUNS_PER_HOUR = (
        AnalysisRun.objects.of(analyst).filter(created_at__gte=timezone.now() - timedelta(hours=1)).count()
    )
    refused = client.post(reverse("analysis-start"), {"text": OFFENCE})
    assert refused.status_code == 200
    assert "analyses in the last hour (files that could not be read count too)" in refused.text
