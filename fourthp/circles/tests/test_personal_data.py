"""A member's data in circles: in her download, and what her account's deletion leaves."""

from __future__ import annotations

import pytest

from fourthp.accounts.actions import collect_personal_data, do_delete_account
from fourthp.circles.models import CircleMembership
from fourthp.circles.tests.factories import join, make_circle, make_meeting
from fourthp.testing import make_member

pytestmark = pytest.mark.django_db


def test_her_download_lists_her_circles_and_the_meetings_she_came_to() -> None:
    member = make_member()
    circle = make_circle(name="Cluj circle", convenor=member)
    meeting = make_meeting(circle, days=-2)
    meeting.present.add(member)
    data = collect_personal_data(member)
    assert [(m["circle"], m["role"]) for m in data["circle_memberships"]] == [("Cluj circle", "convenor")]
    assert [m["circle"] for m in data["circle_meetings_attended"]] == ["Cluj circle"]


def test_deleting_her_account_ends_her_memberships_and_keeps_the_notes_without_her_name() -> None:
    member, convenor = make_member(), make_member()
    circle = make_circle(convenor=convenor, proposed_by=member)
    join(circle, member)
    meeting = make_meeting(circle, days=-2, notes="We read part one.", notes_by=member)
    meeting.present.add(member)
    do_delete_account(member, acting_user=member)
    assert set(CircleMembership.objects.filter(user=member).values_list("state", flat=True)) == {"left"}
    meeting.refresh_from_db()
    assert meeting.notes == "We read part one." and meeting.notes_by is None
    assert not meeting.present.exists()
    circle.refresh_from_db()
    assert circle.proposed_by is None
