"""A campaign's statement passes the content check when it is opened, or the secretariat records why it opens."""

from __future__ import annotations

from typing import Any

import pytest

from fourthp.briefs.models import CheckOverride
from fourthp.campaigns.models import Campaign
from fourthp.testing import client_as, make_secretariat

pytestmark = pytest.mark.django_db


def _form(**fields: str) -> dict[str, Any]:
    return {
        "title": "Protect survivors' privacy",
        "slug": "protect-privacy",
        "statement": "Maria, 17, was rescued from a brothel. We ask for privacy in court.",
        "language": "en",
        "audience": "public",
        "state": "open",
        **fields,
    }


def test_opening_a_statement_the_check_objects_to_needs_the_secretariats_reason() -> None:
    user = make_secretariat()
    client = client_as(user)
    refused = client.post("/campaigns/new/", _form()).content.decode()
    assert "“Maria, 17,” could identify a survivor" in refused and "“rescued” is sensational" in refused
    assert not Campaign.objects.exists()
    # A draft is not checked; opening it is.
    assert client.post("/campaigns/new/", _form(state="draft")).status_code == 302
    assert "could identify a survivor" in client.post("/campaigns/protect-privacy/edit/", _form()).content.decode()
    assert Campaign.objects.get().state == Campaign.State.DRAFT
    opened = client.post("/campaigns/protect-privacy/edit/", _form(override_reason="Her name is changed; she agreed."))
    assert opened.status_code == 302 and Campaign.objects.get().state == Campaign.State.OPEN
    override = CheckOverride.objects.get()
    assert override.by == user and override.reason == "Her name is changed; she agreed."
    # A clean statement opens without a reason.
    clean = "Survivors need privacy when they give evidence. We ask every legislature to protect it."
    response = client.post("/campaigns/new/", _form(slug="privacy-in-court", statement=clean))
    assert response.status_code == 302 and CheckOverride.objects.count() == 1
