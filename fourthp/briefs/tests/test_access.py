"""Who may read and write the resources library, walked visitor → wrong role → right role.

Everyone reads what is published. Analysts and the secretariat write, preview and publish; a draft answers 404 to
everyone else, on its page, its JSON twin and its PDF.
"""

from __future__ import annotations

import pytest

from fourthp.briefs.models import Resource
from fourthp.briefs.tests.factories import make_resource
from fourthp.testing import Step, World, example_users, walk_step

OUTSIDERS = ("member", "legislator", "staff", "student", "reviewer")
EDITORS = ("analyst", "secretariat")


def _form(w: World) -> dict[str, str]:
    return {
        "kind": "brief",
        "title": "A walked brief",
        "slug": "walked-brief",
        "language": "en",
        "summary": "A short summary.",
        "body": "Survivors need safe housing.",
        "url": "",
        "jurisdictions": "",
    }


def _to_brief(slug: str) -> object:
    return lambda w: lambda location: location == f"/resources/{slug}/"


STEPS = [
    Step("resource-create", lambda w: "/resources/new/", wrong=OUTSIDERS, right=EDITORS),
    Step("resource-create", lambda w: "/resources/new/", method="post", data=_form, wrong=OUTSIDERS,
         right=("analyst",), redirects_to=_to_brief("walked-brief")),  # type: ignore[arg-type]
    Step("resource-preview", lambda w: "/resources/preview/", method="post", data=_form, wrong=OUTSIDERS,
         right=EDITORS),
    Step("resource-edit", lambda w: f"/resources/{w['draft'].slug}/edit/", wrong=OUTSIDERS, right=EDITORS),
    Step("resource-publish", lambda w: f"/resources/{w['draft'].slug}/publish/", wrong=OUTSIDERS, right=EDITORS),
    Step("resource-publish", lambda w: f"/resources/{w['draft'].slug}/publish/", method="post", wrong=OUTSIDERS,
         right=EDITORS, redirects_to=_to_brief("walk-draft")),  # type: ignore[arg-type]
    Step("resource-unpublish", lambda w: f"/resources/{w['published'].slug}/unpublish/", method="post",
         wrong=OUTSIDERS, right=EDITORS, redirects_to=_to_brief("walk-published")),  # type: ignore[arg-type]
    # A draft: a visitor and every role but the editors are told it does not exist.
    Step("resource-detail", lambda w: f"/resources/{w['draft'].slug}/", visitor_status=404, hidden=OUTSIDERS,
         right=EDITORS),
    Step("resource-detail-json", lambda w: f"/resources/{w['draft'].slug}.json", visitor_status=404,
         hidden=OUTSIDERS, right=EDITORS),
    Step("resource-pdf", lambda w: f"/resources/{w['draft'].slug}/pdf/", visitor_status=404, hidden=OUTSIDERS),
    Step("api-briefs-list", lambda w: "/api/v1/briefs", method="get", api=True, visitor_status=200,
         right=("member", "analyst", "secretariat")),
]  # fmt: skip

COVERED: set[str] = {step.name for step in STEPS}


def world() -> World:
    return {
        **example_users(),
        "draft": make_resource("walk-draft"),
        "published": make_resource("walk-published", published=True),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_route_refuses_the_wrong_roles_and_admits_the_right(step: Step) -> None:
    w = world()
    walk_step(step, w)
    # Only the analyst's POST of the form wrote a brief; every refused request wrote nothing.
    created = step.name == "resource-create" and step.method == "post"
    assert Resource.objects.filter(slug="walked-brief").count() == (1 if created else 0)
