"""Who may import, edit and read the history of instruments, walked visitor → wrong role → right role."""

from __future__ import annotations

import pytest

from fourthp.laws.models import Instrument, InstrumentImport
from fourthp.testing import Step, World, example_users, walk_step

OUTSIDERS = ("member", "legislator", "staff", "student")
CURATORS = ("analyst", "secretariat")

STEPS = [
    Step("instrument-import", lambda w: "/import/", wrong=(*OUTSIDERS, "reviewer"), right=CURATORS),
    Step(
        "instrument-import-preview",
        lambda w: f"/import/{w['staged'].pk}/",
        wrong=(*OUTSIDERS, "reviewer"),
        right=CURATORS,
    ),
    Step(
        "instrument-import-discard",
        lambda w: f"/import/{w['staged'].pk}/discard/",
        method="post",
        wrong=(*OUTSIDERS, "reviewer"),
        right=("analyst",),
        redirects_to=lambda w: "/import/",
    ),
    Step("instrument-edit", lambda w: f"/instruments/{w['key']}/edit/", wrong=(*OUTSIDERS, "reviewer"), right=CURATORS),
    Step(
        "instrument-history",
        lambda w: f"/instruments/{w['key']}/history/",
        wrong=OUTSIDERS,
        right=("analyst", "reviewer", "secretariat"),
    ),
]

COVERED: set[str] = {step.name for step in STEPS}


def world() -> World:
    staged = InstrumentImport.objects.create(
        original_name="msa.txt",
        format="text",
        parsed={"title": "Modern Slavery Act", "language": "en", "sections": [
            {"number": "1", "heading": "Offence", "text": "A person commits an offence.", "citation": "s. 1"},
        ]},
    )  # fmt: skip
    return {**example_users(), "key": Instrument.objects.get(jurisdiction__code="US-DC").key, "staged": staged}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_curation_route_refuses_the_wrong_roles_and_admits_the_right(step: Step, seeded: None) -> None:
    w = world()
    walk_step(step, w)
    w["staged"].refresh_from_db()
    discarded = step.name == "instrument-import-discard"
    assert (w["staged"].state == InstrumentImport.State.DISCARDED) == discarded
