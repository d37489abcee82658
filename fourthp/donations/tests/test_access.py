"""The donations' routes that are not public, walked visitor → someone else → the donor."""

from __future__ import annotations

from typing import Any

import pytest

from fourthp.donations.models import Pledge
from fourthp.testing import Step, example_users, walk_step

pytestmark = pytest.mark.django_db

OTHERS = ("legislator", "staff", "analyst", "reviewer", "secretariat")


def world() -> dict[str, Any]:
    users = example_users()
    pledge = Pledge.objects.create(
        donor=users["member"], email="m@example.net", language="en", kind="monthly", amount=2500,
        currency="USD", status="active", provider="test", subscription_id="sub_test_1",
    )  # fmt: skip
    return {**users, "pledge": pledge}


STEPS = [
    Step("donations-mine", lambda w: "/donate/mine/", right=("member", *OTHERS)),
    Step(
        "donations-mine",
        lambda w: "/donate/mine/",
        method="post",
        data=lambda w: {"pledge": w["pledge"].pk},
        hidden=OTHERS,
        right=("member",),
        redirects_to=lambda w: "/donate/mine/",
    ),
]

# The webhook takes no account: its signature is what is checked (test_donations.py walks it).
COVERED: set[str] = {step.name for step in STEPS} | {"donations-webhook"}


@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_route_lets_in_only_whom_it_should(step: Step) -> None:
    walk_step(step, world())
