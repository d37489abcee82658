"""Each contact-request rule, once, for every example user; a member's own list agrees with the rule."""

from __future__ import annotations

import pytest

from fourthp.groups.tests.helpers import example_users
from fourthp.peers.access import (
    can_answer_contact_request,
    can_see_contact_request,
    is_party_to_contact_request,
)
from fourthp.peers.models import ContactRequest
from fourthp.peers.queries import contact_requests_of
from fourthp.testing import make_group

pytestmark = pytest.mark.django_db


def test_who_sees_and_who_answers_a_contact_request() -> None:
    users = example_users(make_group())
    asked = ContactRequest.objects.create(sender=users["member"], recipient=users["legislator"], message="Hello")

    def who(rule: object) -> set[str]:
        return {name for name, user in users.items() if rule(user, asked)}  # type: ignore[operator]

    assert who(can_see_contact_request) == {"member", "legislator", "secretariat"}
    assert who(is_party_to_contact_request) == {"member", "legislator"}
    assert who(can_answer_contact_request) == {"legislator"}


def test_her_own_contact_requests_are_exactly_those_she_is_party_to() -> None:
    users = example_users(make_group())
    pairs = [("member", "legislator"), ("legislator", "staff"), ("staff", "member"), ("group member", "group lead")]
    requests = [
        ContactRequest.objects.create(sender=users[a], recipient=users[b], message=f"{a} to {b}") for a, b in pairs
    ]
    for name, user in users.items():
        if name == "visitor":
            continue
        mine = contact_requests_of(user)
        listed = {r.pk for r in mine["received"]} | {r.pk for r in mine["sent"]}
        assert listed == {r.pk for r in requests if is_party_to_contact_request(user, r)}, name
