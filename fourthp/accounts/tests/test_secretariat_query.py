"""`User.objects.secretariat()` is the query twin of `has_role(user, Role.SECRETARIAT)`."""

from __future__ import annotations

import pytest

from fourthp.accounts.access import has_role
from fourthp.accounts.models import User
from fourthp.accounts.roles import Role
from fourthp.testing import make_analyst, make_legislator, make_member, make_secretariat, make_staff, make_user

pytestmark = pytest.mark.django_db


def test_the_secretariat_query_lists_exactly_the_accounts_has_role_calls_secretariat() -> None:
    sofia = make_secretariat()
    root = make_user("root")
    root.is_superuser = True
    root.save()
    both = make_user("both", Role.SECRETARIAT, Role.ANALYST)
    gone = make_secretariat()
    gone.is_active = False
    gone.save()
    others = [make_member(), make_legislator(), make_staff(), make_analyst()]
    everyone = [sofia, root, both, gone, *others]

    listed = list(User.objects.secretariat())

    assert sorted(u.pk for u in listed) == sorted({sofia.pk, root.pk, both.pk})
    assert len(listed) == len({u.pk for u in listed}), "an account in two groups is listed once"
    for user in everyone:
        fresh = User.objects.get(pk=user.pk)
        assert has_role(fresh, Role.SECRETARIAT) == (fresh in listed), user


def test_the_secretariat_addresses_are_sorted_each_once_and_skip_an_empty_address() -> None:
    sofia = make_secretariat()
    root = make_user("aaron")
    root.is_superuser = True
    root.save()
    emptied = make_secretariat()
    User.objects.filter(pk=emptied.pk).update(email="")

    assert User.objects.secretariat_addresses() == sorted([sofia.email, root.email])
