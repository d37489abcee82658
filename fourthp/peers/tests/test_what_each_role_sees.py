"""What each role reads of a contact request: the message for the two parties, the answer for the one asked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fourthp.groups.tests.helpers import example_users, logged_in
from fourthp.peers.models import ContactRequest
from fourthp.testing import make_group

pytestmark = pytest.mark.django_db

MESSAGE = "Could we compare our forced-labour definitions next week?"


def test_the_message_and_the_answer_buttons_are_shown_only_to_those_they_are_for() -> None:
    users = example_users(make_group())
    asked = ContactRequest.objects.create(sender=users["member"], recipient=users["legislator"], message=MESSAGE)
    url = reverse("peer-request-detail", kwargs={"contact": asked.pk})

    statuses, message_to, buttons_to = {}, set(), set()
    for name, user in users.items():
        page = logged_in(user if user.is_authenticated else None).get(url)
        statuses[name] = page.status_code
        html = page.content.decode()
        if MESSAGE in html:
            message_to.add(name)
        if 'value="accept"' in html:
            buttons_to.add(name)

    assert {n for n, s in statuses.items() if s == 200} == {"member", "legislator", "secretariat"}
    assert {n for n, s in statuses.items() if s == 404} == {"staff", "group member", "group lead"}
    assert statuses["visitor"] == 302
    assert message_to == {"member", "legislator"}
    assert buttons_to == {"legislator"}


def test_her_list_of_contact_requests_holds_hers_only() -> None:
    users = example_users(make_group())
    ContactRequest.objects.create(sender=users["member"], recipient=users["legislator"], message=MESSAGE)
    listed_to = set()
    for name, user in users.items():
        if name == "visitor":
            continue
        html = logged_in(user).get(reverse("peer-requests")).content.decode()
        if reverse("peer-request-detail", kwargs={"contact": ContactRequest.objects.get().pk}) in html:
            listed_to.add(name)
    assert listed_to == {"member", "legislator"}
