"""Her notifications, switches and follows: a visitor is sent to sign in, another's notification is missing (404).

Every signed-in person has notifications, so no role is refused; what differs is whose rows one reaches.
"""

from __future__ import annotations

import pytest

from fourthp.notifications.actions import tell
from fourthp.notifications.models import Notification
from fourthp.testing import Step, World, example_users, walk_step

EVERYONE = ("member", "legislator", "staff", "analyst", "reviewer", "secretariat")


def world() -> World:
    users = example_users()
    tell(users["analyst"], "assessment_published", params={"provision": "P", "jurisdiction": "J"})
    return {**users, "note": Notification.objects.get(recipient=users["analyst"])}


STEPS = [
    Step("notifications", lambda w: "/notifications/", right=EVERYONE),
    Step("notification-preferences", lambda w: "/notifications/preferences/", right=EVERYONE),
    Step("follows", lambda w: "/follows/", right=EVERYONE),
    Step(
        "notification-read",
        lambda w: f"/notifications/{w['note'].pk}/read/",
        method="post",
        hidden=("member", "reviewer", "secretariat"),
        right=("analyst",),
        redirects_to=lambda w: "/notifications/",
    ),
    Step(
        "notifications-read-all",
        lambda w: "/notifications/read-all/",
        method="post",
        right=EVERYONE,
        redirects_to=lambda w: "/notifications/",
    ),
    Step(
        "follow-toggle",
        lambda w: "/follows/jurisdiction/1/",
        method="post",
        data=lambda w: {"next": "/follows/"},
        right=EVERYONE,
        redirects_to=lambda w: "/follows/",
    ),
]

COVERED: set[str] = {step.name for step in STEPS}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_route_admits_only_the_signed_in_owner(step: Step, seeded: None) -> None:
    walk_step(step, world())
