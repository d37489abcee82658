"""The organisations directory is public; only its CSV import is the secretariat's."""

from __future__ import annotations

import pytest

from fourthp.testing import Step, example_users, walk_step

STEPS = [
    Step(
        "organisation-import",
        lambda w: "/organisations/import/",
        wrong=("member", "legislator", "staff", "student", "analyst", "reviewer"),
        right=("secretariat",),
    ),
]

COVERED: set[str] = {step.name for step in STEPS}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_only_the_secretariat_imports_organisations(step: Step) -> None:
    walk_step(step, example_users())
