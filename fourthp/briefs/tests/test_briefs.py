"""The resources library: briefs cite figures by reference, stay current, and pass the content check to publish."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client

from fourthp.briefs.checks import find_problems
from fourthp.briefs.citations import render_with_footnotes
from fourthp.briefs.models import CheckOverride, Resource
from fourthp.briefs.tests.factories import make_resource
from fourthp.statistics.models import Quality
from fourthp.statistics.tests.factories import make_statistic
from fourthp.testing import client_as, make_analyst, make_secretariat

pytestmark = pytest.mark.django_db

DRAFTS = yaml.safe_load(
    (Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "content_drafts.yaml").read_text(encoding="utf-8")
)


def test_the_seed_briefs_are_published_with_their_sources_and_filtered_by_provision_and_place(seeded: None) -> None:
    client = Client()
    listed = client.get("/resources.json").json()
    slugs = {r["slug"] for r in listed["items"]}
    assert {"forced-labour-what-the-estimates-say", "us-federal-cases-referrals-are-not-convictions"} <= slugs
    brief = client.get("/resources/forced-labour-what-the-estimates-say.json").json()
    assert [f["number"] for f in brief["footnotes"]] == [1, 2, 3]
    assert "Global Estimates of Modern Slavery" in brief["footnotes"][0]["text"]
    assert "49,600,000" in brief["footnotes"][0]["text"]
    assert 'href="#fn-1"' in brief["body_html"]
    page = client.get("/resources/us-federal-cases-referrals-are-not-convictions/").content.decode()
    assert "Human Trafficking Data Collection Activities" in page and "D.C. Code § 22-1836" in page
    by_provision = client.get("/resources.json?provision=crim.online-platforms").json()
    assert [r["slug"] for r in by_provision["items"]] == ["us-federal-cases-referrals-are-not-convictions"]
    # A brief about the United States is found from the District of Columbia, by name through the picker.
    by_place = client.get("/resources.json", {"jurisdiction": "US-DC"}).json()
    assert [r["slug"] for r in by_place["items"]] == ["us-federal-cases-referrals-are-not-convictions"]
    api = client.get("/api/v1/briefs").json()
    assert api["count"] == 2 and {r["slug"] for r in api["items"]} == slugs
    # Every seed brief passes the content check, and every draft of the fixtures is judged as the pure check does.
    for resource in Resource.objects.all():
        assert find_problems(resource.body) == []
    for draft in DRAFTS["bad"]:
        assert [[p.code, p.found] for p in find_problems(draft["text"])] == draft["problems"], draft["name"]
    for draft in DRAFTS["good"]:
        assert find_problems(draft["text"]) == [], draft["name"]


def test_a_superseded_figure_is_rendered_as_its_newest_estimate_with_a_note() -> None:
    newest = make_statistic("profits-new", measure="Annual profits", value=Decimal("236000000000"), period="2021")
    middle = make_statistic("profits-mid", quality=Quality.SUPERSEDED, superseded_by=newest, period="2014")
    make_statistic("profits-old", quality=Quality.SUPERSEDED, superseded_by=middle, period="2012")
    rendered = render_with_footnotes("Profits are large [[stat:profits-old]]; see also [[stat:profits-old]].")
    [footnote] = rendered.footnotes
    assert "Annual profits: 236,000,000,000" in footnote.text and footnote.url == newest.get_absolute_url()
    assert "profits-old" in footnote.note and "2012" in footnote.note
    assert str(rendered.html).count('href="#fn-1"') == 2 and str(rendered.html).count('id="fnref-1"') == 1


def test_an_unsourced_figure_is_never_shown_by_value_or_source() -> None:
    make_statistic("circulating", quality=Quality.UNSOURCED, value=Decimal("8642013"), claimed_by="A website")
    rendered = render_with_footnotes("A claim [[stat:circulating]] and an unknown one [[stat:nowhere]].")
    shown = str(rendered.html) + " ".join(f.text + f.note + f.url for f in rendered.footnotes)
    assert "8642013" not in shown and "8,642,013" not in shown and "A website" not in shown
    assert all("no traceable source" in f.text for f in rendered.footnotes)


def test_publishing_is_refused_with_reasons_unless_the_secretariat_gives_one() -> None:
    draft = make_resource("uncited", body="Nearly 99.5% of victims are never identified.\n\nCall +40 21 123 4567.")
    url = f"/resources/{draft.slug}/publish/"
    analyst = client_as(make_analyst())
    shown = analyst.get(url).content.decode()
    assert "Line 1, column 8:" in shown and "“99.5%” is a figure without a source" in shown
    assert "looks like a telephone number" in shown
    refused = analyst.post(url, {"override_reason": "It is fine."}).content.decode()
    assert "Only the secretariat can publish" in refused
    draft.refresh_from_db()
    assert draft.state == Resource.State.DRAFT and not CheckOverride.objects.exists()
    secretariat_user = make_secretariat()
    secretariat = client_as(secretariat_user)
    assert "correct them before publishing" in secretariat.post(url, {"override_reason": ""}).content.decode()
    response = secretariat.post(url, {"override_reason": "Quoted to rebut it in the next paragraph."})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == Resource.State.PUBLISHED
    override = CheckOverride.objects.get()
    assert override.by == secretariat_user and override.reason == "Quoted to rebut it in the next paragraph."
    assert override.target == f"briefs.resource:{draft.pk}" and {p["code"] for p in override.problems} == {
        "uncited-figure",
        "phone",
    }
    assert "Quoted to rebut it" in secretariat.get(draft.get_absolute_url()).content.decode()
    assert "Quoted to rebut it" not in Client().get(draft.get_absolute_url()).content.decode()


def test_a_change_to_a_published_brief_makes_a_new_draft_version(seeded: None) -> None:
    brief = make_resource("versioned", published=True)
    analyst = client_as(make_analyst())
    form: dict[str, Any] = {
        "kind": "brief", "title": brief.title, "slug": brief.slug, "language": "en", "summary": brief.summary,
        "body": "Identification comes first [[section:us-dc-22-1836]].", "url": "", "jurisdictions": "Romania",
    }  # fmt: skip
    assert analyst.post(f"/resources/{brief.slug}/edit/", form).status_code == 302
    brief.refresh_from_db()
    assert (brief.version, brief.state) == (2, Resource.State.DRAFT)
    assert [j.code for j in brief.jurisdictions.all()] == ["RO"]
    assert Client().get(brief.get_absolute_url()).status_code == 404
    preview = analyst.post(
        "/resources/preview/", {**form, "body": "Police rescued 40 women [[stat:global-modern-slavery-2021]]."}
    )
    fragment = preview.content.decode()
    assert fragment.startswith('<div id="preview"') and "write “supported, or assisted to leave” instead" in fragment
    assert "49,600,000" in fragment
    assert analyst.post(f"/resources/{brief.slug}/publish/").status_code == 302
    brief.refresh_from_db()
    assert brief.is_published


def test_an_external_resource_needs_its_link() -> None:
    analyst = client_as(make_analyst())
    form = {"kind": "external", "title": "A toolkit", "slug": "toolkit", "language": "en", "summary": "A toolkit."}
    response = analyst.post("/resources/new/", {**form, "url": ""})
    assert "An external resource needs the link" in response.content.decode()
    assert analyst.post("/resources/new/", {**form, "url": "https://example.org/toolkit"}).status_code == 302
