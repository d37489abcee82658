"""The campaigns API: counts and the signatories who chose to be named, never an e-mail address."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from fourthp.campaigns.models import Campaign, Signature
from fourthp.campaigns.tests.factories import make_campaign, make_signature

pytestmark = pytest.mark.django_db


def test_the_api_lists_campaigns_with_counts_and_named_signatories_only() -> None:
    campaign = make_campaign(title="Protect workers")
    make_signature(campaign, name="Named Person", email="named@example.net", show_name=True, is_legislator=True)
    make_signature(campaign, name="Hidden Person", email="hidden@example.net", show_name=False)
    make_signature(campaign, name="Waiting Person", email="waiting@example.net", state=Signature.State.PENDING)
    make_campaign(title="Still a draft", state=Campaign.State.DRAFT)
    listed = Client().get("/api/v1/campaigns")
    assert listed.status_code == 200
    body = listed.json()
    assert [c["title"] for c in body["items"]] == ["Protect workers"]
    assert body["items"][0]["counts"] == {"signatures": 2, "legislators": 1, "named": 1, "unnamed": 1, "goal": 100}
    detail = Client().get(f"/api/v1/campaigns/{campaign.slug}")
    assert detail.status_code == 200
    data = detail.json()
    assert [s["name"] for s in data["signatories"]] == ["Named Person"] and data["signatories"][0]["legislator"]
    for text in (
        listed.content.decode(),
        detail.content.decode(),
        Client().get(f"/campaigns/{campaign.slug}.json").content.decode(),
    ):
        assert "@" not in text and "Hidden Person" not in text and "Waiting Person" not in text
    assert json.loads(Client().get("/campaigns.json").content)["count"] == 1


def test_a_draft_is_not_found_through_the_api() -> None:
    draft = make_campaign(state=Campaign.State.DRAFT)
    response = Client().get(f"/api/v1/campaigns/{draft.slug}")
    assert response.status_code == 404 and response.json()["code"]
    assert Client().get("/api/v1/campaigns/no-such-thing").status_code == 404
