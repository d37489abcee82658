"""Each circle rule, once, for every example user; and `list_circles` agrees with `can_see_circle`."""

from __future__ import annotations

import pytest

from fourthp.circles.access import can_convene_circle, can_join_circle, can_read_circle_notes, can_see_circle
from fourthp.circles.models import Circle
from fourthp.circles.queries import list_circles
from fourthp.circles.tests.factories import join, make_circle
from fourthp.testing import example_users, make_user

pytestmark = pytest.mark.django_db

EVERYONE = {"visitor", "member", "student", "legislator", "staff", "analyst", "reviewer", "secretariat", "convenor"}


def test_each_circle_rule_holds_for_exactly_the_right_people() -> None:
    users = {**example_users(), "convenor": make_user("convenor")}
    circle = make_circle(convenor=users["convenor"])  # type: ignore[arg-type]
    join(circle, users["student"])  # type: ignore[arg-type]

    def who(rule: object) -> set[str]:
        return {name for name, user in users.items() if rule(user, circle)}  # type: ignore[operator]

    assert who(can_see_circle) == EVERYONE
    assert who(can_join_circle) == EVERYONE - {"visitor"}
    assert who(can_read_circle_notes) == {"student", "convenor", "secretariat"}
    assert who(can_convene_circle) == {"convenor", "secretariat"}


def test_list_circles_lists_exactly_the_circles_can_see_circle_allows_for_every_example_user() -> None:
    users = {**example_users(), "proposer": make_user("proposer")}
    circles = [
        make_circle(),
        make_circle(state=Circle.State.PROPOSED, proposed_by=users["proposer"]),
        make_circle(state=Circle.State.DECLINED, proposed_by=users["member"]),
    ]
    for name, user in [*users.items(), ("no viewer", None)]:
        listed = set(list_circles(user)) & set(circles)
        assert listed == {c for c in circles if can_see_circle(user, c)}, name
    assert len(set(list_circles(None)) & set(circles)) == 1, "the data covers circles hidden from visitors"
