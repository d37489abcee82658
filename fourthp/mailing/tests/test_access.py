"""Every mailing-list route that is not public, walked visitor → wrong role → right role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from fourthp.mailing.tests.factories import make_list, make_newsletter, make_subscriber
from fourthp.testing import Step, example_users, redirects_under, walk_step

pytestmark = pytest.mark.django_db

NOT_SECRETARIAT = ("member", "legislator", "staff", "student", "analyst", "reviewer")


def world() -> dict[str, Any]:
    news = make_list()
    make_subscriber(news)
    return {
        **example_users(),
        "list": news,
        "newsletter": make_newsletter(news),
        "segment": news.segments.create(name="All"),
    }


def _secretariat_page(name: str, url: Any, **extra: Any) -> Step:
    return Step(name, url, wrong=NOT_SECRETARIAT, right=("secretariat",), **extra)


STEPS = [
    _secretariat_page("mailing-manage", lambda w: "/mailing/manage/"),
    _secretariat_page("mailing-list-create", lambda w: "/mailing/lists/new/"),
    _secretariat_page(
        "mailing-list-create",
        lambda w: "/mailing/lists/new/",
        method="post",
        data=lambda w: {"name": "Briefings", "description": "", "audience": "members"},
        redirects_to=lambda w: "/mailing/manage/",
    ),
    _secretariat_page("mailing-list-edit", lambda w: f"/mailing/lists/{w['list'].pk}/edit/"),
    _secretariat_page("mailing-segment-create", lambda w: "/mailing/segments/new/"),
    _secretariat_page(
        "mailing-segment-create",
        lambda w: "/mailing/segments/new/",
        method="post",
        data=lambda w: {"name": "Legislators", "mailing_list": w["list"].pk, "roles": ["legislator member"]},
        redirects_to=lambda w: "/mailing/manage/",
    ),
    _secretariat_page("mailing-segment-edit", lambda w: f"/mailing/segments/{w['segment'].pk}/edit/"),
    _secretariat_page("mailing-newsletter-create", lambda w: "/mailing/newsletters/new/"),
    _secretariat_page("mailing-newsletter-detail", lambda w: f"/mailing/newsletters/{w['newsletter'].pk}/"),
    _secretariat_page("mailing-newsletter-edit", lambda w: f"/mailing/newsletters/{w['newsletter'].pk}/edit/"),
    _secretariat_page(
        "mailing-newsletter-send",
        lambda w: f"/mailing/newsletters/{w['newsletter'].pk}/send/",
        method="post",
        redirects_to=lambda w: redirects_under(f"/mailing/newsletters/{w['newsletter'].pk}/"),
    ),
    _secretariat_page(
        "mailing-newsletter-retry",
        lambda w: f"/mailing/newsletters/{w['newsletter'].pk}/retry/",
        method="post",
        redirects_to=lambda w: redirects_under(f"/mailing/newsletters/{w['newsletter'].pk}/"),
    ),
]

# The webhook takes no account: its secret header is walked below.
COVERED: set[str] = {step.name for step in STEPS} | {"mailing-webhook"}


@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_route_lets_in_only_whom_it_should(step: Step) -> None:
    walk_step(step, world())


def test_the_webhook_answers_only_the_shared_secret(settings) -> None:  # type: ignore[no-untyped-def]
    settings.MAILING_WEBHOOK_SECRET = "the-right-one"
    body = '{"address": "a@example.net", "kind": "complaint"}'
    for secret, status in (("", 403), ("the-wrong-one", 403), ("the-right-one", 200)):
        response = Client().post(
            "/mailing/webhook/", body, content_type="application/json", HTTP_X_MAILING_SECRET=secret
        )
        assert response.status_code == status, secret
    assert Client().get("/mailing/webhook/").status_code == 405
