"""`MailingList.objects.open_to` gives the same answers as `can_join_list` for every example user."""

from __future__ import annotations

import pytest

from fourthp.mailing.access import can_join_list
from fourthp.mailing.models import MailingList
from fourthp.mailing.tests.factories import make_list
from fourthp.testing import example_users

pytestmark = pytest.mark.django_db


def test_a_members_only_list_is_offered_only_to_members() -> None:
    w = example_users()
    inner = make_list(audience=MailingList.Audience.MEMBERS)
    public = make_list()
    for name, user in w.items():
        offered = set(MailingList.objects.open_to(user))
        assert (inner in offered) == can_join_list(user, inner) == (name != "visitor")
        assert (public in offered) == can_join_list(user, public) is True
