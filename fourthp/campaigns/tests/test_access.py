"""Every campaign route that is not public, walked visitor → hidden → wrong role → right role."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fourthp.campaigns.models import Campaign, Inquiry
from fourthp.campaigns.tests.factories import make_campaign
from fourthp.testing import Step, assert_access_walk, example_users, make_jurisdiction, redirects_under, walk_step

pytestmark = pytest.mark.django_db

NOT_SECRETARIAT = ("member", "legislator", "staff", "student", "analyst", "reviewer")


def world() -> dict[str, Any]:
    users = example_users()
    today = dt.date.today()
    inquiry = {
        "jurisdiction": make_jurisdiction(),
        "agency": "Ministry of Labour",
        "question": "How many inspections found forced labour?",
        "sent_on": today,
        "due_on": today + dt.timedelta(days=30),
    }
    return {
        **users,
        "open": make_campaign(),
        "for_legislators": make_campaign(audience=Campaign.Audience.LEGISLATORS),
        "draft": make_campaign(state=Campaign.State.DRAFT),
        "private_inquiry": Inquiry.objects.create(owner=users["legislator"], **inquiry),
        "published_inquiry": Inquiry.objects.create(owner=users["legislator"], published=True, **inquiry),
    }


NOT_LEGISLATOR = ("member", "staff", "student", "analyst", "reviewer", "secretariat")


def _url(pattern: str, which: str = "open") -> Any:
    return lambda w: pattern.format(slug=w[which].slug)


STEPS = [
    Step("campaign-create", lambda w: "/campaigns/new/", wrong=NOT_SECRETARIAT, right=("secretariat",)),
    # Inquiries to agencies: recorded by legislator members; an unpublished one is its owner's and the
    # secretariat's, and answers 404 to anyone else; a published one may be read by all, edited by them alone.
    Step("inquiry-create", lambda w: "/inquiries/new/", wrong=NOT_LEGISLATOR, right=("legislator",)),
    Step("inquiry-mine", lambda w: "/inquiries/mine/", wrong=NOT_LEGISLATOR, right=("legislator",)),
    Step(
        "inquiry-edit",
        lambda w: f"/inquiries/{w['private_inquiry'].pk}/edit/",
        hidden=("member", "staff", "student", "analyst", "reviewer"),
        right=("legislator", "secretariat"),
    ),
    Step(
        "inquiry-edit",
        lambda w: f"/inquiries/{w['published_inquiry'].pk}/edit/",
        wrong=("member", "staff", "student", "analyst", "reviewer"),
        right=("legislator", "secretariat"),
    ),
    Step(
        "campaign-create",
        lambda w: "/campaigns/new/",
        method="post",
        wrong=NOT_SECRETARIAT,
        right=("secretariat",),
        data=lambda w: {
            "title": "A new statement",
            "slug": "a-new-statement",
            "statement": "We ask.",
            "language": "en",
            "audience": "public",
            "state": "draft",
        },
        redirects_to=lambda w: "/campaigns/a-new-statement/",
    ),
    Step("campaign-edit", _url("/campaigns/{slug}/edit/"), wrong=NOT_SECRETARIAT, right=("secretariat",)),
    Step("campaign-edit", _url("/campaigns/{slug}/edit/", "draft"), hidden=NOT_SECRETARIAT, right=("secretariat",)),
    Step("campaign-csv", _url("/campaigns/{slug}/signatures.csv"), wrong=NOT_SECRETARIAT, right=("secretariat",)),
    Step("campaign-deliver", _url("/campaigns/{slug}/deliver/"), wrong=NOT_SECRETARIAT, right=("secretariat",)),
    Step(
        "campaign-deliver",
        _url("/campaigns/{slug}/deliver/"),
        method="post",
        wrong=NOT_SECRETARIAT,
        right=("secretariat",),
        data=lambda w: {"delivered_to": "By post", "delivered_at": "2024-05-02T10:00"},
        redirects_to=lambda w: f"/campaigns/{w['open'].slug}/",
    ),
    Step(
        "campaign-sign-member",
        _url("/campaigns/{slug}/sign/member/", "for_legislators"),
        method="post",
        wrong=("member", "staff", "student", "analyst", "reviewer", "secretariat"),
        right=("legislator",),
        redirects_to=lambda w: f"/campaigns/{w['for_legislators'].slug}/",
    ),
    Step(
        "campaign-sign-member",
        _url("/campaigns/{slug}/sign/member/", "draft"),
        method="post",
        hidden=("member", "legislator"),
        right=("secretariat",),
        redirects_to=lambda w: redirects_under(f"/campaigns/{w['draft'].slug}/"),
    ),
    Step(
        "campaign-withdraw",
        _url("/campaigns/{slug}/withdraw/", "draft"),
        method="post",
        hidden=("member", "legislator"),
        right=("secretariat",),
        redirects_to=lambda w: redirects_under(f"/campaigns/{w['draft'].slug}/"),
    ),
    Step(
        "campaign-withdraw",
        _url("/campaigns/{slug}/withdraw/"),
        method="post",
        right=("member",),
        redirects_to=lambda w: f"/campaigns/{w['open'].slug}/",
    ),
    Step(
        "api-campaigns-list",
        lambda w: "/api/v1/campaigns",
        method="get",
        api=True,
        right=("member",),
        visitor_status=200,
    ),
    Step(
        "api-campaigns-detail",
        _url("/api/v1/campaigns/{slug}", "draft"),
        method="get",
        api=True,
        hidden=("member", "legislator"),
        right=("secretariat",),
        visitor_status=404,
    ),
]

COVERED: set[str] = {step.name for step in STEPS} | {"campaign-letter-pdf"}


@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_route_lets_in_only_whom_it_should(step: Step) -> None:
    walk_step(step, world())


def test_a_draft_campaign_page_is_the_secretariats_alone() -> None:
    w = world()
    from fourthp.testing import client_as

    for name in ("visitor", "member", "legislator", "analyst"):
        assert client_as(w[name]).get(f"/campaigns/{w['draft'].slug}/").status_code == 404
        assert client_as(w[name]).get(f"/campaigns/{w['draft'].slug}/signatures/").status_code == 404
    assert client_as(w["secretariat"]).get(f"/campaigns/{w['draft'].slug}/").status_code == 200


def test_only_the_secretariat_asks_for_the_letter_pdf() -> None:
    w = world()
    assert_access_walk(
        f"/campaigns/{w['open'].slug}/letter.pdf",
        wrong=[w[name] for name in NOT_SECRETARIAT],
        right=[w["secretariat"]],
        ok_status=(200, 202, 503),  # made, being made, or no PDF engine on this machine
    )
    assert_access_walk(
        f"/campaigns/{w['draft'].slug}/letter.pdf",
        hidden=[w[name] for name in NOT_SECRETARIAT],
        wrong=[],
        right=[w["secretariat"]],
        ok_status=(200, 202, 503),
    )
