"""Who may screen purchases and read a screen, walked visitor → others → owner.

Every member screens her own purchases; a screen is seen by its owner alone, and to every other account,
the secretariat's included, it does not exist (404).
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fourthp.supplychains.models import ProcurementScreen
from fourthp.testing import Step, World, client_as, example_users, make_member, walk_step

MEMBERS = ("member", "legislator", "staff", "analyst", "reviewer", "secretariat")
OTHERS = MEMBERS
CSV = b"good,country\nCocoa,Ghana\n"


class Rewinding(SimpleUploadedFile):
    """A file the walk may send once per account: each read starts from the beginning."""

    def read(self, *args: object, **kwargs: object) -> bytes:
        self.seek(0)
        return super().read(*args, **kwargs)  # type: ignore[arg-type]


STEPS = [
    Step("screen-start", lambda w: "/supply-chains/screens/", right=MEMBERS),
    Step(
        "screen-start",
        lambda w: "/supply-chains/screens/",
        method="post",
        data=lambda w: {"file": Rewinding("p.csv", CSV), "buyer": "FR"},
        right=("member",),
        redirects_to=lambda w: lambda location: re.fullmatch(r"/supply-chains/screens/\d+/", location) is not None,
    ),
    Step("screen-detail", lambda w: f"/supply-chains/screens/{w['screen'].pk}/", hidden=OTHERS, right=("owner",)),
    Step(
        "screen-csv", lambda w: f"/supply-chains/screens/{w['screen'].pk}/results.csv", hidden=OTHERS, right=("owner",)
    ),
    Step(
        "screen-xlsx",
        lambda w: f"/supply-chains/screens/{w['screen'].pk}/results.xlsx",
        hidden=OTHERS,
        right=("owner",),
    ),
    Step(
        "api-procurement-screens-create",
        lambda w: "/api/v1/procurement-screens",
        method="post",
        data=lambda w: {"buyer": "FR", "lines": [{"good": "Cocoa", "country": "GH"}]},
        right=("member", "secretariat"),
        api=True,
    ),
    Step(
        "api-procurement-screens-detail",
        lambda w: f"/api/v1/procurement-screens/{w['screen'].pk}",
        method="get",
        hidden=OTHERS,
        right=("owner",),
        api=True,
    ),
]
COVERED: set[str] = {step.name for step in STEPS}


def world() -> World:
    owner = make_member()
    client_as(owner).post("/supply-chains/screens/", {"file": SimpleUploadedFile("p.csv", CSV), "buyer": "FR"})
    return {**example_users(), "owner": owner, "screen": ProcurementScreen.objects.get(owner=owner)}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_screen_route_admits_its_owner_alone(step: Step, seeded: None) -> None:
    walk_step(step, world())
