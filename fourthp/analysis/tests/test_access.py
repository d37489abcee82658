"""Who may start, read, draft from and retry analyses, walked visitor → wrong role → right role.

The world holds a finished run and a failed one, both started by `owner` (an analyst); "analyst" and
"reviewer" are colleagues who may not know another's run exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.tests.test_pages import suggestion_on
from fourthp.testing import Step, World, example_users, make_analyst, walk_step

OUTSIDERS = ("member", "legislator", "staff", "student")
COLLEAGUES = ("analyst", "reviewer")
OFFENCE = "A person who recruits another person by force for the purpose of forced labour commits an offence."


def _run_page(w: World) -> Callable[[str], bool]:
    return lambda location: re.fullmatch(r"/analyze/\d+/", location) is not None


STEPS = [
    Step("analysis-start", lambda w: "/analyze/", wrong=OUTSIDERS, right=("analyst", "reviewer", "secretariat")),
    Step(
        "analysis-start",
        lambda w: "/analyze/",
        method="post",
        data=lambda w: {"text": OFFENCE},
        wrong=OUTSIDERS,
        right=("analyst", "reviewer", "secretariat"),
        redirects_to=_run_page,
    ),
    Step(
        "analysis-detail",
        lambda w: f"/analyze/{w['run'].pk}/",
        wrong=OUTSIDERS,
        hidden=COLLEAGUES,
        right=("owner", "secretariat"),
    ),
    # "By provision" is another view of the run: seen by those who see the run.
    Step(
        "analysis-by-provision",
        lambda w: f"/analyze/{w['run'].pk}/by-provision/?provision=crim.sex-trafficking",
        wrong=OUTSIDERS,
        hidden=COLLEAGUES,
        right=("owner", "secretariat"),
    ),
    Step(
        "analysis-by-provision-json",
        lambda w: f"/analyze/{w['run'].pk}/by-provision.json?provision=crim.sex-trafficking&mode=thorough",
        wrong=OUTSIDERS,
        hidden=COLLEAGUES,
        right=("owner", "secretariat"),
    ),
    # "Find it in this law" lists a jurisdiction's instruments for anyone who uses the analyzer, and starts
    # (or reuses) that person's own run of the one chosen.
    Step(
        "analysis-find",
        lambda w: "/analyze/find/RO/prot.immigration-relief/",
        wrong=OUTSIDERS,
        right=("analyst", "reviewer", "secretariat"),
    ),
    Step(
        "analysis-find",
        lambda w: "/analyze/find/RO/prot.immigration-relief/",
        method="post",
        data=lambda w: {"instrument": "ro-cod-penal"},
        wrong=OUTSIDERS,
        right=("analyst", "reviewer", "secretariat"),
        redirects_to=lambda w: (
            lambda location: (
                re.fullmatch(r"/analyze/\d+/by-provision/\?provision=prot.immigration-relief", location) is not None
            )
        ),
    ),
    # Drafting is an analyst's step: the owner's click starts a draft; the secretariat's finds it open.
    Step(
        "analysis-draft",
        lambda w: f"/analyze/{w['run'].pk}/draft/",
        method="post",
        data=lambda w: {"section": "us-dc-22-1833", "provision": suggestion_on(w["run"], "us-dc-22-1833").provision},
        wrong=OUTSIDERS,
        hidden=COLLEAGUES,
        right=("owner", "secretariat"),
        redirects_to=lambda w: lambda location: re.fullmatch(r"/assessments/\d+/(edit/)?", location) is not None,
    ),
    # Rejecting a suggestion is an analyst's verdict, kept as a label: the owner's and the secretariat's count.
    Step(
        "analysis-reject",
        lambda w: f"/analyze/{w['run'].pk}/reject/",
        method="post",
        data=lambda w: {"section": "us-dc-22-1833", "provision": suggestion_on(w["run"], "us-dc-22-1833").provision},
        wrong=OUTSIDERS,
        hidden=COLLEAGUES,
        right=("owner", "secretariat"),
        redirects_to=lambda w: lambda location: location == f"/analyze/{w['run'].pk}/",
    ),
    # A retry is started by and counted for the run's owner only: the secretariat, who may read it, gets 403.
    Step(
        "analysis-retry",
        lambda w: f"/analyze/{w['failed'].pk}/retry/",
        method="post",
        wrong=(*OUTSIDERS, "secretariat"),
        hidden=COLLEAGUES,
        right=("owner",),
        redirects_to=lambda w: (
            lambda location: (
                re.fullmatch(r"/analyze/\d+/", location) is not None and location != f"/analyze/{w['failed'].pk}/"
            )
        ),
    ),
    # A draft read for a what-if report card is an analyzer run: started by those who use the analyzer or draft
    # bills.
    Step(
        "report-card-what-if-upload",
        lambda w: "/jurisdictions/CA/what-if/draft/",
        method="post",
        data=lambda w: {"text": OFFENCE},
        wrong=("member", "student"),
        right=("analyst", "reviewer", "secretariat", "legislator", "staff"),
        redirects_to=lambda w: (
            lambda location: re.fullmatch(r"/jurisdictions/CA/what-if/\?run=\d+", location) is not None
        ),
    ),
    # The what-if page is public, but a run's draft may be unpublished: only its owner and the secretariat
    # see the what-if made from it; to anyone else the run does not exist.
    Step(
        "report-card-what-if",
        lambda w: f"/jurisdictions/CA/what-if/?run={w['run'].pk}",
        hidden=(*OUTSIDERS, *COLLEAGUES),
        right=("owner", "secretariat"),
        visitor_status=404,
    ),
    # A run's ranking through the API: as the run's page.
    Step(
        "api-analysis-ranking",
        lambda w: f"/api/v1/analyze/{w['run'].pk}/ranking?provision=crim.sex-trafficking",
        method="get",
        wrong=OUTSIDERS,
        hidden=COLLEAGUES,
        right=("owner", "secretariat"),
        api=True,
    ),
    # The API's analyzer is open to every holder of a token.
    Step(
        "api-analysis-create",
        lambda w: "/api/v1/analyze",
        method="post",
        data=lambda w: {"text": OFFENCE},
        right=("member", "analyst"),
        api=True,
    ),
]

COVERED: set[str] = {step.name for step in STEPS}


def world() -> World:
    owner = make_analyst()
    client = Client()
    client.force_login(owner)
    client.post("/analyze/", {"instrument": "us-dc-22-18a"})
    client.post("/analyze/", {"text": OFFENCE})
    run, failed = AnalysisRun.objects.filter(created_by=owner).order_by("pk")
    AnalysisRun.objects.filter(pk=failed.pk).update(state=AnalysisRun.State.FAILED, error="stopped")
    return {**example_users(), "owner": owner, "run": run, "failed": failed}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_analysis_route_refuses_the_wrong_roles_and_admits_the_right(step: Step, seeded: None) -> None:
    w = world()
    before = AnalysisRun.objects.count()
    walk_step(step, w)
    posted = 3 if step.method == "post" else 0
    started = {
        "analysis-start": posted,
        "analysis-find": posted,
        "analysis-retry": 1,
        "report-card-what-if-upload": 5,
    }.get(step.name, 0)
    assert AnalysisRun.objects.count() == before + started, "a run was started by someone the walk refuses"
