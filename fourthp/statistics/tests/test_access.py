"""Who may see and keep the statistics registry, walked visitor → wrong role → right role.

Public figures are read by all. Analysts and the secretariat record and edit figures and read their history;
only they see an unsourced figure, which answers 404 to everyone else, on its page, its JSON twin and the API.
"""

from __future__ import annotations

import pytest
from django.test import Client

from fourthp.statistics.models import Quality, Statistic
from fourthp.statistics.tests.factories import make_statistic
from fourthp.testing import Step, World, client_as, example_users, walk_step

OUTSIDERS = ("member", "legislator", "staff", "student", "reviewer")
CURATORS = ("analyst", "secretariat")


def _form(w: World) -> dict[str, str]:
    return {
        "key": "walk-figure",
        "measure": "A walked figure",
        "value": "12",
        "source": "A report",
        "quality": "primary",
    }


STEPS = [
    Step("statistic-create", lambda w: "/statistics/new/", wrong=OUTSIDERS, right=CURATORS),
    Step(
        "statistic-create",
        lambda w: "/statistics/new/",
        method="post",
        data=_form,
        wrong=OUTSIDERS,
        right=("analyst",),
        redirects_to=lambda w: lambda location: location.startswith("/statistics/") and location.endswith("/"),
    ),
    Step("statistic-edit", lambda w: f"/statistics/{w['figure'].pk}/edit/", wrong=OUTSIDERS, right=CURATORS),
    Step("statistic-edit", lambda w: f"/statistics/{w['unsourced'].pk}/edit/", wrong=OUTSIDERS, right=CURATORS),
    Step("statistic-history", lambda w: f"/statistics/{w['figure'].pk}/history/", wrong=OUTSIDERS, right=CURATORS),
    # An unsourced figure: a visitor and every role but the curators are told it does not exist.
    Step(
        "statistic-detail",
        lambda w: f"/statistics/{w['unsourced'].pk}/",
        visitor_status=404,
        hidden=OUTSIDERS,
        right=CURATORS,
    ),
    Step(
        "statistic-detail-json",
        lambda w: f"/statistics/{w['unsourced'].pk}.json",
        visitor_status=404,
        hidden=OUTSIDERS,
        right=CURATORS,
    ),
    # The API serves public figures only, to everyone alike, with or without a token.
    Step("api-statistics-list", lambda w: "/api/v1/statistics", method="get", api=True, visitor_status=200,
         right=("member", "analyst", "secretariat")),
    Step("api-statistics-detail", lambda w: f"/api/v1/statistics/{w['figure'].pk}", method="get", api=True,
         visitor_status=200, right=("member", "analyst")),
    Step("api-statistics-detail", lambda w: f"/api/v1/statistics/{w['unsourced'].pk}", method="get", api=True,
         visitor_status=404, hidden=("member", "analyst", "secretariat")),
]  # fmt: skip

COVERED: set[str] = {step.name for step in STEPS}


def world() -> World:
    return {
        **example_users(),
        "figure": make_statistic("walk-public"),
        "unsourced": make_statistic("walk-unsourced", quality=Quality.UNSOURCED),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_route_refuses_the_wrong_roles_and_admits_the_right(step: Step, seeded: None) -> None:
    w = world()
    walk_step(step, w)
    # Only the analyst's POST wrote; every refused request wrote nothing.
    assert Statistic.objects.filter(key="walk-figure").count() == (1 if step.method == "post" else 0)


@pytest.mark.django_db
def test_a_missing_figure_answers_404_to_a_curator(seeded: None) -> None:
    from fourthp.testing import make_analyst

    assert client_as(make_analyst()).get("/statistics/999999/edit/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/statistics/", "/statistics.json", "/statistics/provisions/", "/statistics/provisions.json"]
)
def test_visitors_read_the_registry_and_the_computed_statistics(url: str, seeded: None) -> None:
    assert Client().get(url).status_code == 200
