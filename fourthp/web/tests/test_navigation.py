"""The header's navigation: a few menus for every role, each working link shown only to who may use it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from fourthp.assessments.models import Assessment
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.testing import client_as, example_users, make_analyst, make_member, make_reviewer
from fourthp.web.navigation import MAX_TOP_ITEMS

pytestmark = pytest.mark.django_db

# Every page the header linked to before it was grouped into menus, and the pages added to it since.
EVERYONE = {
    "/jurisdictions/", "/instruments/", "/frameworks/", "/maps/", "/compare/", "/search/", "/members/",
    "/groups/", "/events/", "/campaigns/", "/statistics/", "/bills/", "/mailing/join/", "/peers/",
    "/resources/", "/model-provisions/", "/organisations/", "/letters/", "/inquiries/", "/op-ed-kits/",
    "/supply-chains/", "/circles/",
}  # fmt: skip
SIGNED_IN = {
    "/home/", "/profile/", "/peers/requests/", "/notifications/", "/follows/", "/notifications/preferences/",
    "/supply-chains/screens/", "/drafts/",
}  # fmt: skip
# The working tools, by role: exactly what each role's pages admit.
WORK = {
    "visitor": set(),
    "member": set(),
    "legislator": set(),
    "staff": set(),
    "student": set(),
    "analyst": {"/assessments/", "/analyze/", "/import/", "/assessment-requests/"},
    "reviewer": {"/assessments/", "/analyze/"},
    "secretariat": {
        "/assessments/", "/analyze/", "/import/", "/assessment-requests/", "/applications/",
        "/mailing/manage/", "/admin/",
    },
}  # fmt: skip


def _header(page: str) -> str:
    return page[page.index('<header class="site-header">') : page.index("</header>")]


def _nav(page: str) -> str:
    return page[page.index('<nav aria-label="Main">') : page.index("</nav>")]


def _links(page: str) -> set[str]:
    return set(re.findall(r'<a [^>]*href="([^"]+)"', _nav(page)))


def _top_items(page: str) -> int:
    return _nav(page).count('class="nav-item"')


@pytest.mark.parametrize("role", list(WORK))
def test_every_role_sees_at_most_seven_menus_and_exactly_the_links_it_may_use(role: str, seeded: None) -> None:
    user = example_users()[role]
    client = client_as(user)
    page = client.get("/").content.decode()
    assert 1 <= _top_items(page) <= MAX_TOP_ITEMS
    expected = EVERYONE | WORK[role] | (SIGNED_IN if role != "visitor" else {"/accounts/login/"})
    assert _links(page) == expected
    # Each link of the menu opens for this role (the header never offers a door that is shut).
    for url in sorted(expected - {"/accounts/login/", "/home/"}):
        assert client.get(url).status_code == 200, f"{role} was refused {url}"
    assert ("summary>Work" in page) == bool(WORK[role])


def test_the_current_page_is_marked_in_its_menu(seeded: None) -> None:
    page = Client().get("/maps/").content.decode()
    assert '<a href="/maps/" aria-current="page">Maps</a>' in page
    assert '<summary class="is-current">Atlas</summary>' in page
    assert page.count('aria-current="page"') == 1


def test_signing_out_from_the_header(seeded: None) -> None:
    member = make_member()
    client = Client()
    client.force_login(member)
    header = _header(client.get("/jurisdictions/").content.decode())
    form = re.search(r'<form class="sign-out" method="post" action="([^"]+)">', header)
    assert form is not None and form.group(1) == "/accounts/logout/"
    assert ">Sign out</button>" in header
    response = client.post(form.group(1))
    assert response.status_code == 302
    assert "Sign in" in _header(client.get("/").content.decode())
    assert client.get("/home/").status_code == 302


def test_the_work_menu_counts_what_waits_for_her(seeded: None) -> None:
    analyst, reviewer = make_analyst(), make_reviewer()
    for slug, state in (("crim.debt-bondage", "draft"), ("crim.child-no-means", "in_review")):
        Assessment.objects.create(
            jurisdiction=Jurisdiction.objects.get(code="US-DC"),
            provision=Provision.objects.get(framework__slug=DEFAULT_FRAMEWORK_SLUG, slug=slug),
            rationale="Work in progress.",
            assessor=analyst,
            state=state,
        )
    analysts = client_as(analyst).get("/").content.decode()
    assert 'Work <span class="count">1<span class="visually-hidden"> item waiting for you</span>' in analysts
    assert 'Your home <span class="count">1<' in analysts
    reviewers = client_as(reviewer).get("/").content.decode()
    assert 'Work <span class="count">1<' in reviewers
    assert 'class="count"' not in client_as(make_member()).get("/").content.decode()


@pytest.mark.parametrize("role", ["visitor", "member", "analyst", "secretariat"])
def test_the_navigation_costs_a_fixed_few_queries(role: str, seeded: None, django_assert_num_queries: Any) -> None:
    """The frameworks page makes one query; signing in adds the session, the account and her roles (and, for
    the reviewer and the secretariat, the two-factor check); the menus add the count of her unread notifications
    and the counts of a work queue: one query for an analyst, three for the secretariat, none for anyone else."""
    user = example_users()[role]
    client = client_as(user)
    client.get("/frameworks/")
    expected = {"visitor": 1, "member": 5, "analyst": 6, "secretariat": 9}[role]
    with django_assert_num_queries(expected):
        client.get("/frameworks/")
