"""The learned ranker in the web interface: each run records which model ranked it, the "by provision" view
ranks a law's sections for one provision and drafts from one of them, and "find it in this law" gets there
from a report card."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from fourthp.analysis.actions import ranker_fields
from fourthp.analysis.models import AnalysisRun, SuggestionLabel
from fourthp.analysis.queries import run_ranking
from fourthp.analyzer import ranker
from fourthp.analyzer.ranker import RANKER_VERSION, StaleRanker, ranker_identity, read_manifest, sha256_file
from fourthp.assessments.models import Assessment
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument
from fourthp.testing import make_analyst, make_jurisdiction, make_member, make_reviewer

pytestmark = pytest.mark.django_db

PROVISION = "crim.sex-trafficking"
OFFENCE = (
    "Section 1. Trafficking in persons\n"
    "A person who recruits, transports or harbours another person by force, fraud or coercion "
    "for the purpose of sexual exploitation commits the offence of trafficking in persons.\n"
)


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def by_provision(run: AnalysisRun, provision: str = PROVISION) -> str:
    return reverse("analysis-by-provision", args=[run.pk]) + f"?provision={provision}"


def test_the_ranker_identity_is_the_manifests_and_a_changed_training_file_is_reported(tmp_path: Path) -> None:
    identity = ranker_identity()
    assert identity.version == RANKER_VERSION
    assert identity.data_sha256 == read_manifest()["data_sha256"] == sha256_file(ranker.TRAINING_FILE)
    changed = tmp_path / ranker.TRAINING_FILE.name
    changed.write_text(ranker.TRAINING_FILE.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    with pytest.raises(StaleRanker):
        ranker_identity(training=changed)


def test_a_run_records_the_model_and_its_training_data_and_shows_them(seeded: None) -> None:
    analyst = make_analyst()
    client = logged_in(analyst)
    client.post(reverse("analysis-start"), {"text": OFFENCE})
    run = AnalysisRun.objects.get(created_by=analyst)
    identity = ranker_identity()
    assert (run.model_version, run.training_data_sha256) == (identity.version, identity.data_sha256)
    assert run_ranking(run)[PROVISION][0].section == "1"
    page = client.get(run.get_absolute_url()).text
    assert identity.version in page and identity.data_sha256 in page
    assert reverse("analysis-by-provision", args=[run.pk]) in page


def test_a_stale_ranker_leaves_the_run_to_the_rules_and_says_so(seeded: None, monkeypatch: Any, tmp_path: Path) -> None:
    (tmp_path / ranker.TRAINING_FILE.name).write_text("", encoding="utf-8")
    (tmp_path / ranker.MANIFEST_FILE.name).write_text(ranker.MANIFEST_FILE.read_text(encoding="utf-8"))
    monkeypatch.setenv("FOURTHP_RANKER_DIR", str(tmp_path))
    assert ranker_fields() == {}
    analyst = make_analyst()
    client = logged_in(analyst)
    client.post(reverse("analysis-start"), {"text": OFFENCE})
    run = AnalysisRun.objects.get(created_by=analyst)
    assert run.state == AnalysisRun.State.DONE and run.result is not None
    assert (run.model_version, run.training_data_sha256, run.ranking) == ("", "", None)
    page = client.get(by_provision(run)).text
    assert "made without the learned ranker" in page


def test_the_api_names_the_ranker_model(seeded: None) -> None:
    from fourthp.analysis.tests.test_api import analyze, bearer

    response = analyze({"text": OFFENCE}, bearer(make_member()))
    assert response.status_code == 200, response.content
    body = response.json()
    identity = ranker_identity()
    assert (body["model_version"], body["training_data_sha256"]) == (identity.version, identity.data_sha256)


def test_by_provision_ranks_an_instruments_sections_and_drafts_from_the_chosen_one(seeded: None) -> None:
    analyst = make_analyst()
    client = logged_in(analyst)
    client.post(reverse("analysis-start"), {"instrument": "ro-cod-penal"})
    run = AnalysisRun.objects.get(created_by=analyst)
    assert run.state == AnalysisRun.State.DONE

    picker = client.get(reverse("analysis-by-provision", args=[run.pk])).text
    assert '<optgroup label="' in picker and f'value="{PROVISION}"' in picker
    page = client.get(by_provision(run)).text
    ranked = run_ranking(run)[PROVISION]
    assert ranked and [e.confidence for e in ranked] == sorted((e.confidence for e in ranked), reverse=True)
    first = ranked[0]
    assert "ro-cp-210" in {e.section for e in ranked[:3]}  # the trafficking offence, near the top
    assert f"confidence {round(first.confidence * 100)}%" in page
    assert reverse("analysis-draft", args=[run.pk]) in page and f'value="{first.section}"' in page

    # The rules find nothing in Romanian: the ranker's section is drafted from through the same action.
    choice = next(e for e in ranked if e.section == "ro-cp-210")
    response = client.post(
        reverse("analysis-draft", args=[run.pk]), {"section": choice.section, "provision": PROVISION}
    )
    draft = Assessment.objects.get(assessor=analyst)
    assert response["Location"] == reverse("assessment-edit", args=[draft.pk])
    evidence = draft.evidence.get()
    assert evidence.section.key == choice.section
    assert (evidence.start, evidence.end) == (choice.start, choice.end)
    assert SuggestionLabel.objects.get(run=run).applies is True


def test_by_provision_refuses_a_made_up_provision_with_a_message_and_hides_buttons_from_a_reviewer(
    seeded: None,
) -> None:
    reviewer = make_reviewer()
    client = logged_in(reviewer)
    client.post(reverse("analysis-start"), {"instrument": "ro-cod-penal"})
    run = AnalysisRun.objects.get(created_by=reviewer)
    page = client.get(by_provision(run, "no.such-thing"))
    assert page.status_code == 200 and "is not a provision of this framework" in page.text
    page = client.get(by_provision(run))
    assert "confidence" in page.text and reverse("analysis-draft", args=[run.pk]) not in page.text


def test_find_it_in_this_law_analyses_the_jurisdictions_instrument_then_reuses_the_run(seeded: None) -> None:
    analyst = make_analyst()
    client = logged_in(analyst)
    card = client.get(reverse("report-card", args=["RO"])).text
    # Every provision the card has no finding for, or finds absent, links to it; a full or partial one does not.
    links = re.findall(r'href="/analyze/find/RO/([^/"]+)/"', card)
    assert links and "crim.sex-trafficking" not in links  # full in the seed
    slug = links[0]
    find = reverse("analysis-find", args=["RO", slug])
    assert find not in Client().get(reverse("report-card", args=["RO"])).text  # not offered to visitors

    page = client.get(find)
    assert page.status_code == 200 and "Analyse" in page.text
    instrument = Instrument.objects.filter(jurisdiction__code="RO").order_by("title").first()
    assert instrument is not None
    response = client.post(find, {"instrument": instrument.key})
    run = AnalysisRun.objects.get(created_by=analyst)
    assert response["Location"] == by_provision(run, slug)
    # Asked again, the same run is reused rather than a second one started.
    again = client.post(find, {"instrument": instrument.key})
    assert again["Location"] == response["Location"] and AnalysisRun.objects.count() == 1
    assert client.get(find).status_code in {200, 302}


def test_find_it_in_this_law_without_instruments_says_so_and_never_fails(seeded: None) -> None:
    make_jurisdiction("QQ", name="Quuxland")
    client = logged_in(make_analyst())
    page = client.get(reverse("analysis-find", args=["QQ", PROVISION]))
    assert page.status_code == 200 and "No law of Quuxland is in the atlas yet" in page.text
    assert client.get(reverse("analysis-find", args=["QQ", "no.such"])).status_code == 404
    assert client.get(reverse("analysis-find", args=["ZZZ", PROVISION])).status_code == 404
    assert client.post(reverse("analysis-find", args=["QQ", PROVISION]), {"instrument": "x"}).status_code == 302
    assert logged_in(make_member()).get(reverse("analysis-find", args=["QQ", PROVISION])).status_code == 403
    assert Jurisdiction.objects.filter(code="QQ").exists()


def test_find_it_in_this_law_sends_a_long_instrument_to_the_task_worker_and_the_view_follows_it(
    seeded: None, settings: Any, monkeypatch: Any
) -> None:
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.ANALYZER_SYNC_MAX_BYTES = 300
    analyst = make_analyst()
    client = logged_in(analyst)
    find = reverse("analysis-find", args=["RO", PROVISION])
    response = client.post(find, {"instrument": "ro-cod-penal"})
    run = AnalysisRun.objects.get(created_by=analyst)
    assert run.state == AnalysisRun.State.QUEUED and run.model_version  # recorded when the run is made
    assert response["Location"] == by_provision(run)
    page = client.get(by_provision(run)).text
    assert "Waiting for the task worker" in page and 'hx-trigger="every 2s"' in page
    # While it waits, "find it" offers its progress rather than a second run.
    assert "follow its progress" in client.get(find).text

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    run.refresh_from_db()
    assert run.state == AnalysisRun.State.DONE and run_ranking(run)[PROVISION]
    assert client.get(by_provision(run), HTTP_HX_REQUEST="true")["HX-Refresh"] == "true"
    assert "ranked-1" in client.get(by_provision(run)).text
    # Done and up to date, the run is reused: "find it" links to its view (Romania has two instruments).
    listing = client.get(find).text
    assert "See its sections for this provision" in listing and escape(by_provision(run)) in listing


def test_with_one_instrument_analysed_find_it_goes_straight_to_the_by_provision_view(seeded: None) -> None:
    from fourthp.testing import make_instrument, make_section

    land = make_jurisdiction("QQ", name="Quuxland")
    instrument = make_instrument(land, sections=0, key="qq-act", section_key_prefix="qq")
    make_section(instrument, number="1", text=OFFENCE.splitlines()[1], heading="Trafficking in persons")
    client = logged_in(make_analyst())
    find = reverse("analysis-find", args=["QQ", PROVISION])
    assert 'name="instrument" value="qq-act"' in client.get(find).text
    started = client.post(find, {"instrument": "qq-act"})
    run = AnalysisRun.objects.get(instrument=instrument)
    assert started["Location"] == client.get(find)["Location"] == by_provision(run)
    page = client.get(by_provision(run)).text
    assert "<mark>" in page and 'value="qq-1"' in page  # the rules' passage is marked in the first section


def test_the_mode_chooses_which_ranked_sections_are_suggested_in_the_page_its_json_and_the_api(seeded: None) -> None:
    from fourthp.analysis.tests.test_api import bearer

    analyst = make_analyst()
    client = logged_in(analyst)
    client.post(reverse("analysis-start"), {"instrument": "us-dc-22-18a"})
    run = AnalysisRun.objects.get(created_by=analyst)
    stored = run.ranking["thresholds"]
    assert stored["thorough"] < stored["precise"]  # the manifest's, chosen on leave-one-source-out results
    # The modes' thresholds are the run's; set here so that they split the first three sections of a provision.
    slug = next(slug for slug, entries in run_ranking(run).items() if len({e.confidence for e in entries[:3]}) == 3)
    entries = run_ranking(run)[slug]
    precise, thorough = entries[0].confidence, entries[2].confidence
    run.ranking = {**run.ranking, "thresholds": {**stored, "precise": precise, "thorough": thorough}}
    run.save(update_fields=["ranking"])
    twin = reverse("analysis-by-provision-json", args=[run.pk])
    answers = {mode: client.get(twin, {"provision": slug, "mode": mode}).json() for mode in ("precise", "thorough")}
    for mode, threshold in (("precise", precise), ("thorough", thorough)):
        body = answers[mode]
        assert (body["mode"], body["threshold"], body["provision"]) == (mode, threshold, slug)
        assert (body["model_version"], body["training_data_sha256"]) == (run.model_version, run.training_data_sha256)
        assert all(s["suggested"] == (s["confidence"] >= threshold) for s in body["sections"])
    suggested = {mode: {s["section"] for s in answers[mode]["sections"] if s["suggested"]} for mode in answers}
    assert suggested["precise"] < suggested["thorough"]
    assert [s["section"] for s in answers["precise"]["sections"]] == [
        s["section"] for s in answers["thorough"]["sections"]
    ]

    page = client.get(by_provision(run, slug) + "&mode=thorough").text
    assert "the ranker&#x27;s thorough mode suggests them" in page or "the ranker's thorough mode suggests them" in page
    assert re.search(r'value="thorough"[^>]*checked', page)
    assert page.count("badge-suggested") == len(suggested["thorough"])
    assert f"{len(suggested['thorough'])} of the {len(answers['thorough']['sections'])} sections listed" in page

    refused = client.get(twin, {"provision": slug, "mode": "loose"})
    assert refused.status_code == 422 and "loose" in refused.json()["detail"]
    assert client.get(twin).json()["provision"] == "" and slug in client.get(twin).json()["provisions"]

    api = f"/api/v1/analyze/{run.pk}/ranking"
    answer = Client().get(api, {"provision": slug, "mode": "thorough"}, **bearer(analyst))
    assert answer.status_code == 200 and answer.json() == answers["thorough"]
    unknown = Client().get(api, {"provision": "no.such-thing"}, **bearer(analyst))
    assert unknown.status_code == 422 and "no.such-thing" in unknown.json()["detail"]
    AnalysisRun.objects.filter(pk=run.pk).update(state=AnalysisRun.State.RUNNING)
    waiting = Client().get(api, {"provision": slug}, **bearer(analyst))
    assert waiting.status_code == 409 and waiting.json()["code"] == "not_ready"
