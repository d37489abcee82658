"""Each working-group rule, once, for every example user; and `list_groups` agrees with `can_see_group`."""

from __future__ import annotations

import pytest

from fourthp.groups.access import can_manage_group, can_see_group, can_see_group_outputs, can_see_group_space
from fourthp.groups.models import WorkingGroup
from fourthp.groups.queries import list_groups
from fourthp.groups.tests.helpers import example_users
from fourthp.testing import make_group

pytestmark = pytest.mark.django_db

EVERYONE = {"visitor", "member", "legislator", "staff", "group member", "group lead", "secretariat"}
SIGNED_IN = EVERYONE - {"visitor"}


@pytest.mark.parametrize("visibility", WorkingGroup.Visibility.values)
def test_each_group_rule_holds_for_exactly_the_right_people(visibility: str) -> None:
    group = make_group(visibility=visibility)
    users = example_users(group)
    public = visibility == WorkingGroup.Visibility.PUBLIC

    def who(rule: object) -> set[str]:
        return {name for name, user in users.items() if rule(user, group)}  # type: ignore[operator]

    assert who(can_see_group) == (EVERYONE if public else SIGNED_IN)
    assert who(can_see_group_space) == {"group member", "group lead", "secretariat"}
    assert who(can_see_group_outputs) == (EVERYONE if public else {"group member", "group lead", "secretariat"})
    assert who(can_manage_group) == {"group lead", "secretariat"}


def test_list_groups_lists_exactly_the_groups_can_see_group_allows_for_every_example_user() -> None:
    ours = make_group(visibility=WorkingGroup.Visibility.PRIVATE)
    groups = [
        ours,
        make_group(visibility=WorkingGroup.Visibility.PUBLIC),
        make_group(visibility=WorkingGroup.Visibility.PRIVATE),
    ]
    users = example_users(ours)
    for name, user in [*users.items(), ("no viewer", None)]:
        listed = set(list_groups(user))
        allowed = {g for g in groups if can_see_group(user, g)}
        assert listed == allowed, name
    assert len(set(list_groups(None))) == 1, "the data covers a group hidden from visitors"
