"""The API gives the token's owner her own notifications and follows, and nobody else's."""

from __future__ import annotations

import pytest
from django.test import Client

from fourthp.accounts.actions import do_create_api_token
from fourthp.accounts.models import User
from fourthp.campaigns.models import Campaign
from fourthp.notifications.actions import tell
from fourthp.notifications.models import Follow
from fourthp.testing import make_member

pytestmark = pytest.mark.django_db


def _auth(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {do_create_api_token(user, name='t')[1]}"}


def test_a_token_reads_only_its_owners_notifications_in_the_language_asked(seeded: None) -> None:
    owner, other = make_member(), make_member()
    tell(owner, "membership_application", params={"name": "Ana"})
    answer = Client().get("/api/v1/notifications", **_auth(owner)).json()  # type: ignore[arg-type]
    assert answer["count"] == 1 and answer["items"][0]["text"] == "Ana applied for membership as a legislator."
    assert answer["items"][0]["read_at"] is None
    assert Client().get("/api/v1/notifications", **_auth(other)).json()["count"] == 0  # type: ignore[arg-type]


def test_follows_are_made_listed_and_removed_and_a_draft_campaign_is_missing(seeded: None) -> None:
    member = make_member()
    hidden = Campaign.objects.create(title="Draft", slug="draft", statement="We ask.", state="draft")
    client, auth = Client(), _auth(member)
    made = client.post("/api/v1/follows", {"type": "jurisdiction", "id": 1}, content_type="application/json", **auth)  # type: ignore[arg-type]
    assert made.status_code == 201 and made.json()["type"] == "jurisdiction"
    listed = client.get("/api/v1/follows", **auth).json()  # type: ignore[arg-type]
    assert listed["count"] == 1 and listed["items"][0]["id"] == 1
    refused = client.post(
        "/api/v1/follows", {"type": "campaign", "id": hidden.pk}, content_type="application/json", **auth
    )  # type: ignore[arg-type]
    assert refused.status_code == 404
    gone = client.delete("/api/v1/follows/jurisdiction/1", **auth)  # type: ignore[arg-type]
    assert gone.status_code == 200 and gone.json()["following"] is False
    assert not Follow.objects.filter(user=member).exists()
