"""Analysts propose, reviewers publish: drafts stay out of sight of the public until a reviewer publishes them."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fourthp.drafting.models import ModelProvision, ModelProvisionVersion
from fourthp.drafting.tests.factories import make_draft_model
from fourthp.testing import client_as, make_analyst, make_member, make_reviewer, make_secretariat


def _form(client: Client, slug: str) -> dict[str, str]:
    """The propose form as the page fills it, from the newest version."""
    page = client.get(f"/model-provisions/{slug}/propose/")
    form = page.context["form"]
    return {name: form[name].value() or "" for name in form.fields}


@pytest.mark.django_db
def test_a_proposed_version_waits_for_a_reviewer_and_the_published_text_stays(seeded: None) -> None:
    analyst, reviewer = make_analyst(), make_reviewer()
    writer = client_as(analyst)
    data = _form(writer, "hotline-and-posting")
    data["text_common_law_national"] = data["text_common_law_national"].replace(
        "at all hours", "every day, at all hours"
    )
    data["change_summary"] = "Says every day."
    assert writer.post("/model-provisions/hotline-and-posting/propose/", data).status_code == 302

    assert "every day, at all hours" not in Client().get("/model-provisions/hotline-and-posting/").content.decode()
    assert client_as(make_member()).get("/model-provisions/hotline-and-posting/").status_code == 200
    model = ModelProvision.objects.get(slug="hotline-and-posting")
    assert model.versions.get(number=2).state == ModelProvisionVersion.State.PROPOSED

    assert client_as(reviewer).post("/model-provisions/hotline-and-posting/versions/2/publish/").status_code == 302

    assert "every day, at all hours" in Client().get("/model-provisions/hotline-and-posting/").content.decode()
    assert model.versions.get(number=1).state == ModelProvisionVersion.State.SUPERSEDED
    compared = Client().get("/model-provisions/hotline-and-posting/compare/?a=1&b=2").content.decode()
    assert "<ins>every day,</ins>" in compared
    twin = json.loads(Client().get("/model-provisions/hotline-and-posting/compare.json?a=1&b=2").content)
    assert any(r["kind"] == "changed" for r in twin["rows"])


@pytest.mark.django_db
def test_a_draft_is_missing_to_visitors_and_members_on_its_page_its_twin_and_the_api(seeded: None) -> None:
    make_draft_model(make_analyst())
    for client in (Client(), client_as(make_member())):
        assert client.get("/model-provisions/draft-register/").status_code == 404
        assert client.get("/model-provisions/draft-register.json").status_code == 404
        assert client.get("/model-provisions/draft-register/compare/").status_code == 404
        assert "draft-register" not in client.get("/model-provisions.json").content.decode()
    assert Client().get("/api/v1/model-provisions/draft-register").status_code == 404
    listed = json.loads(Client().get("/api/v1/model-provisions?limit=100").content)
    assert "draft-register" not in {m["slug"] for m in listed["items"]}
    assert all(m["state"] == "published" for m in listed["items"]) and listed["count"] >= 47
    assert client_as(make_reviewer()).get("/model-provisions/draft-register/").status_code == 200


@pytest.mark.django_db
def test_only_a_reviewer_who_did_not_write_it_publishes(seeded: None) -> None:
    secretariat = make_secretariat()
    make_draft_model(secretariat)
    url = "/model-provisions/draft-register/versions/1/publish/"
    assert client_as(make_analyst()).post(url).status_code == 403
    assert client_as(secretariat).post(url).status_code == 403
    assert client_as(make_reviewer()).post(url).status_code == 302
    assert ModelProvision.objects.get(slug="draft-register").is_published


@pytest.mark.django_db
def test_a_returned_proposal_needs_a_reason_and_leaves_the_draft_unpublished(seeded: None) -> None:
    make_draft_model(make_analyst())
    reviewer = client_as(make_reviewer())
    url = "/model-provisions/draft-register/versions/1/return/"
    refused = reviewer.post(url, {"reason": ""})
    assert refused.status_code == 400 and "This field is required." in refused.content.decode()
    assert reviewer.post(url, {"reason": "Cite the data protection law."}).status_code == 302
    model = ModelProvision.objects.get(slug="draft-register")
    assert model.state == ModelProvision.State.DRAFT
    assert model.versions.get().review_note == "Cite the data protection law."


@pytest.mark.django_db
def test_the_form_names_an_unknown_placeholder_and_a_bad_option(seeded: None) -> None:
    writer = client_as(make_analyst())
    assert (
        "Use {{jurisdiction}}, {{legislature}}"
        in writer.get("/model-provisions/hotline-and-posting/propose/").content.decode()
    )
    data = _form(writer, "hotline-and-posting")
    data["text_civil_law_national"] += "\nFine of {{fine_amount}}."
    data["change_summary"] = "Adds a fine."
    page = writer.post("/model-provisions/hotline-and-posting/propose/", data).content.decode()
    assert "{{fine_amount}} is neither an option nor one of the jurisdiction&#x27;s names." in page
    data["options"] = "- name: fine_amount\n  values: [100]\n  default: 200\n"
    page = writer.post("/model-provisions/hotline-and-posting/propose/", data).content.decode()
    assert "The default of option fine_amount must be one of its values." in page
    assert ModelProvision.objects.get(slug="hotline-and-posting").versions.count() == 1


@pytest.mark.django_db
def test_an_analyst_proposes_a_new_model_provision_from_a_working_group_output(seeded: None) -> None:
    from fourthp.groups.models import GroupOutput
    from fourthp.testing import make_group

    output = GroupOutput.objects.create(
        group=make_group(), kind="model_policy", title="Hotline policy", summary="A hotline for all."
    )
    data = {
        "provision_slug": "prev.hotline",
        "slug": "hotline-short",
        "title": "A short hotline text",
        "output": str(output.pk),
        "heading_common_law": "Hotline",
        "heading_civil_law": "Hotline",
        "text_common_law_national": "{{authority}} shall run a hotline.",
        "text_civil_law_national": "{{authority}} runs a hotline.",
        "text_common_law_subnational": "{{authority}} shall run a hotline.",
        "text_civil_law_subnational": "{{authority}} runs a hotline.",
        "change_summary": "First draft.",
    }
    assert client_as(make_analyst()).post("/model-provisions/new/", data).status_code == 302
    model = ModelProvision.objects.get(slug="hotline-short")
    assert model.proposed_by_output == output and model.state == ModelProvision.State.IN_REVIEW
    assert Client().get("/model-provisions/hotline-short/").status_code == 404
