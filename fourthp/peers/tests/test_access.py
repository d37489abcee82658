"""Who may open each page and endpoint of the peer finder, walked for every role of the matrix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from fourthp.members.models import Consent, Visibility
from fourthp.peers.models import ContactRequest
from fourthp.testing import (
    Expect,
    assert_access_matrix,
    give_consent,
    make_group,
    make_member,
    make_profile,
    matrix_users,
)


@dataclass
class Case:
    name: str
    url: Callable[[dict[str, Any]], str]
    expect: dict[str, Expect]
    method: str = "get"
    data: dict[str, str] | None = None


EVERYONE = dict.fromkeys(
    ("visitor", "member", "legislator member", "parliamentary staff", "working-group member", "secretariat"), "ok"
)
SIGNED_IN = {**EVERYONE, "visitor": "login"}
SECRETARIAT_ONLY = {**dict.fromkeys(EVERYONE, 403), "visitor": "login", "secretariat": "ok"}
# A request between two others is not there for a member, as a missing one is not.
PARTIES_AND_RECORD = {**dict.fromkeys(EVERYONE, 404), "visitor": "login", "secretariat": "ok"}

CASES = [
    Case("peer-finder", lambda w: "/peers/?provision=crim.debt-bondage&jurisdiction=US-DC", EVERYONE),
    Case("api-peers-list", lambda w: "/api/v1/peers?provision=crim.debt-bondage", EVERYONE),
    Case("peer-contact", lambda w: f"/peers/contact/{w['profile'].pk}/", SIGNED_IN),
    Case("peer-requests", lambda w: "/peers/requests/", SIGNED_IN),
    # A request is seen by its two members and the secretariat's record; nobody else in the matrix.
    Case("peer-request-detail", lambda w: f"/peers/requests/{w['request'].pk}/", PARTIES_AND_RECORD),
    # Only the recipient answers: not even the secretariat.
    Case(
        "peer-request-detail",
        lambda w: f"/peers/requests/{w['request'].pk}/",
        {**PARTIES_AND_RECORD, "secretariat": 403},
        method="post",
        data={"decision": "accept"},
    ),
    Case("peer-contact-records", lambda w: "/peers/records/", SECRETARIAT_ONLY),
]

COVERED: set[str] = {case.name for case in CASES}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.name}")
def test_every_peer_route_answers_each_role_as_the_matrix_says(case: Case, seeded: None) -> None:
    group = make_group()
    users = matrix_users(group)
    profile = make_profile(name="Open Peer", name_visibility=Visibility.MEMBERS)
    give_consent(profile.user, Consent.Kind.PEER_CONTACT)
    request = ContactRequest.objects.create(sender=make_member(), recipient=profile.user, message="Hello.")
    world = {"profile": profile, "request": request}
    assert_access_matrix(case.url(world), case.expect, users, method=case.method, data=case.data)
    request.refresh_from_db()
    assert request.state == "pending", "a role outside the matrix's 'ok' answered the request"
