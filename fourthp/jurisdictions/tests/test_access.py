"""Who may edit a jurisdiction and read its history, walked visitor → wrong role → right role."""

from __future__ import annotations

import pytest

from fourthp.jurisdictions.models import Jurisdiction
from fourthp.testing import Step, example_users, walk_step

OUTSIDERS = ("member", "legislator", "staff", "student")
EDIT = "/jurisdictions/US-DC/edit/"

STEPS = [
    Step("jurisdiction-edit", lambda w: EDIT, wrong=(*OUTSIDERS, "reviewer"), right=("analyst", "secretariat")),
    # The edit itself: refused to every other role, saved (and the page shown again) for the curators.
    Step(
        "jurisdiction-edit",
        lambda w: EDIT,
        method="post",
        data=lambda w: {
            "legislature": "Council of the District",
            "legal_tradition": Jurisdiction.LegalTradition.COMMON_LAW,
        },
        wrong=(*OUTSIDERS, "reviewer"),
        right=("analyst",),
        redirects_to=lambda w: "/jurisdictions/US-DC/",
    ),
    Step(
        "jurisdiction-history",
        lambda w: "/jurisdictions/US-DC/history/",
        wrong=OUTSIDERS,
        right=("analyst", "reviewer", "secretariat"),
    ),
]

COVERED: set[str] = {step.name for step in STEPS}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_jurisdiction_route_refuses_the_wrong_roles_and_admits_the_right(step: Step, seeded: None) -> None:
    before = Jurisdiction.objects.get(code="US-DC").legislature
    walk_step(step, example_users())
    if step.method == "post":
        assert Jurisdiction.objects.get(code="US-DC").legislature == "Council of the District" != before
