"""Her notifications, switches and follows: a visitor is sent to sign in, another's notification is missing (404).

Every signed-in person has notifications, so no role is refused; what differs is whose rows one reaches.
"""

from __future__ import annotations

import pytest

from fourthp.notifications.actions import tell
from fourthp.notifications.models import Notification
from fourthp.testing import Step, World, example_users, walk_step

EVERYONE = ("member", "legislator", "staff", "student", "analyst", "reviewer", "secretariat")


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


API_STEPS = [
    Step("api-notifications-list", lambda w: "/api/v1/notifications", method="get", right=EVERYONE, api=True),
    Step("api-follows-list", lambda w: "/api/v1/follows", method="get", right=EVERYONE, api=True),
    Step(
        "api-follows-create",
        lambda w: "/api/v1/follows",
        data=lambda w: {"type": "jurisdiction", "id": 1},
        right=EVERYONE,
        api=True,
    ),
    Step("api-follows-delete", lambda w: "/api/v1/follows/jurisdiction/1", method="delete", right=EVERYONE, api=True),
]

COVERED |= {step.name for step in API_STEPS}


@pytest.mark.django_db
@pytest.mark.parametrize("step", API_STEPS, ids=str)
def test_each_endpoint_answers_only_a_token(step: Step, seeded: None) -> None:
    walk_step(step, world())
