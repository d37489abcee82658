"""Who may open the personal home page: every signed-in person (her own), never a visitor."""

from __future__ import annotations

import pytest

from fourthp.testing import Step, World, example_users, walk_step

SIGNED_IN = ("member", "legislator", "staff", "student", "analyst", "reviewer", "secretariat")

STEPS = [
    Step("my-home", lambda w: "/home/", right=SIGNED_IN),
    Step("my-home-json", lambda w: "/home.json", right=SIGNED_IN),
]

COVERED: set[str] = {step.name for step in STEPS}


def world() -> World:
    return example_users()


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_the_home_page_sends_a_visitor_to_sign_in_and_admits_everyone_signed_in(step: Step, seeded: None) -> None:
    walk_step(step, world())
