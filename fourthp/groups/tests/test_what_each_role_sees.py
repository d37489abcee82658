"""What each role reads on a group's page, not only whether it opens."""

from __future__ import annotations

import pytest

from fourthp.groups.models import GroupMembership, WorkingGroup
from fourthp.groups.tests.helpers import example_users, logged_in
from fourthp.members.models import Visibility
from fourthp.testing import make_group, make_profile, make_user

pytestmark = pytest.mark.django_db

MESSAGE = "I draft the debt bondage clauses for our committee."


def test_the_pending_join_requests_are_shown_to_the_lead_and_the_secretariat_only() -> None:
    group = make_group(visibility=WorkingGroup.Visibility.PUBLIC)
    users = example_users(group)
    asking = make_user("petra")
    make_profile(asking, name="Petra Requester", name_visibility=Visibility.PUBLIC)
    GroupMembership.objects.create(group=group, user=asking, state=GroupMembership.State.REQUESTED, message=MESSAGE)

    shown_to = set()
    for name, user in users.items():
        page = logged_in(user if user.is_authenticated else None).get(group.get_absolute_url())
        assert page.status_code == 200, name
        html = page.content.decode()
        if MESSAGE in html:
            shown_to.add(name)
            assert "Petra Requester" in html, name
            assert "Requests to join" in html, name
        else:
            assert "Requests to join" not in html, name

    assert shown_to == {"group lead", "secretariat"}


def test_the_member_list_is_given_to_those_in_the_group_s_space_only() -> None:
    group = make_group(visibility=WorkingGroup.Visibility.PUBLIC)
    users = example_users(group)
    make_profile(users["group member"], name="Gwen Insider", name_visibility=Visibility.PUBLIC)

    shown_to = set()
    for name, user in users.items():
        answer = logged_in(user if user.is_authenticated else None).get(group.get_absolute_url().rstrip("/") + ".json")
        if answer.json()["members"] is not None:
            assert "Gwen Insider" in answer.json()["members"], name
            shown_to.add(name)
    assert shown_to == {"group member", "group lead", "secretariat"}
