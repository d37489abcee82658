"""Who may propose, review and read model provisions, walked visitor → hidden → wrong role → right role.

Published model texts are read by all. Analysts and the secretariat propose; reviewers and the secretariat
publish or return a proposal they did not write. A draft answers 404 to everyone outside drafting staff.
"""

from __future__ import annotations

import pytest

from fourthp.drafting.models import DraftComment, ModelProvision
from fourthp.drafting.tests.factories import make_bill_draft, make_draft_model
from fourthp.testing import Step, World, example_users, walk_step

OUTSIDERS = ("member", "legislator", "staff", "student")
WRITERS = ("analyst", "secretariat")
STAFF = ("analyst", "reviewer", "secretariat")
BILL_DRAFTERS = ("legislator", "staff", "analyst", "secretariat")
DRAFT_OUTSIDERS = ("member", "student", "staff", "reviewer")


def _new(w: World) -> dict[str, str]:
    text = {f"text_{t}_{lv}": "{{authority}} shall run a hotline." for t in ("common_law", "civil_law")
            for lv in ("national", "subnational")}  # fmt: skip
    return {"provision_slug": "prev.hotline", "slug": "walked-hotline", "title": "Walked", "heading_common_law": "H",
            "heading_civil_law": "H", "change_summary": "First.", **text}  # fmt: skip


STEPS = [
    Step("model-provision-create", lambda w: "/model-provisions/new/", wrong=(*OUTSIDERS, "reviewer"), right=WRITERS),
    Step("model-provision-create", lambda w: "/model-provisions/new/", method="post", data=_new,
         wrong=(*OUTSIDERS, "reviewer"), right=("analyst",),
         redirects_to=lambda w: "/model-provisions/walked-hotline/"),
    Step("model-provision-propose", lambda w: "/model-provisions/hotline-and-posting/propose/",
         wrong=(*OUTSIDERS, "reviewer"), right=WRITERS),
    Step("model-provision-propose", lambda w: f"/model-provisions/{w['draft'].slug}/propose/",
         wrong=(*OUTSIDERS, "reviewer"), right=WRITERS),
    Step("model-provision-review", lambda w: "/model-provisions/review/", wrong=(*OUTSIDERS, "analyst"),
         right=("reviewer", "secretariat")),
    Step("model-version-publish", lambda w: f"/model-provisions/{w['draft'].slug}/versions/1/publish/",
         method="post", wrong=(*OUTSIDERS, "analyst"), right=("reviewer",),
         redirects_to=lambda w: f"/model-provisions/{w['draft'].slug}/"),
    Step("model-version-return", lambda w: f"/model-provisions/{w['draft'].slug}/versions/1/return/",
         method="post", data=lambda w: {"reason": "Not yet."}, wrong=(*OUTSIDERS, "analyst"), right=("reviewer",),
         redirects_to=lambda w: "/model-provisions/review/"),
    # A draft: a visitor and every role outside drafting staff are told it does not exist.
    Step("model-provision-detail", lambda w: f"/model-provisions/{w['draft'].slug}/", visitor_status=404,
         hidden=OUTSIDERS, right=STAFF),
    Step("model-provision-detail-json", lambda w: f"/model-provisions/{w['draft'].slug}.json", visitor_status=404,
         hidden=OUTSIDERS, right=STAFF),
    Step("model-provision-compare", lambda w: f"/model-provisions/{w['draft'].slug}/compare/", visitor_status=404,
         hidden=OUTSIDERS, right=STAFF),
    Step("model-provision-compare-json", lambda w: f"/model-provisions/{w['draft'].slug}/compare.json",
         visitor_status=404, hidden=OUTSIDERS, right=STAFF),
    # The API serves published model texts only, to everyone alike.
    Step("api-model-provisions-list", lambda w: "/api/v1/model-provisions", method="get", api=True,
         visitor_status=200, right=("member", "analyst")),
    Step("api-model-provisions-detail", lambda w: "/api/v1/model-provisions/hotline-and-posting", method="get",
         api=True, visitor_status=200, right=("member", "reviewer")),
    Step("api-model-provisions-detail", lambda w: f"/api/v1/model-provisions/{w['draft'].slug}", method="get",
         api=True, visitor_status=404, hidden=("member", "analyst", "reviewer")),
    # The drafting assistant: legislator members, parliamentary staff, analysts and the secretariat compose; a
    # draft is read by its author (the legislator here), analysts and the secretariat, and is missing to others.
    Step("draft-list", lambda w: "/drafts/", right=(*OUTSIDERS, *STAFF)),
    Step("draft-create", lambda w: "/drafts/new/", wrong=("member", "student", "reviewer"), right=BILL_DRAFTERS),
    Step("draft-create", lambda w: "/drafts/new/?jurisdiction=Canada", wrong=("member", "student", "reviewer"),
         right=BILL_DRAFTERS),
    Step("draft-create", lambda w: "/drafts/new/?jurisdiction=CA", method="post",
         data=lambda w: {"provisions": ["crim.sex-trafficking"], "tradition": "common_law", "level": "national",
                         "opt__sex-trafficking-offence__penalty_max_years": "20"},
         wrong=("member", "student", "reviewer"), right=("staff",),
         redirects_to=lambda w: lambda loc: loc.startswith("/drafts/") and loc.rstrip("/").split("/")[-1].isdigit()),
    Step("draft-detail", lambda w: f"/drafts/{w['bill'].pk}/", hidden=DRAFT_OUTSIDERS,
         right=("legislator", "analyst", "secretariat")),
    Step("draft-compare", lambda w: f"/drafts/{w['bill'].pk}/compare/?a=1&b=1", hidden=DRAFT_OUTSIDERS,
         right=("legislator", "analyst", "secretariat")),
    Step("draft-export", lambda w: f"/drafts/{w['bill'].pk}/versions/1/akn/", hidden=DRAFT_OUTSIDERS,
         right=("legislator", "analyst", "secretariat")),
    Step("draft-export", lambda w: f"/drafts/{w['bill'].pk}/versions/1/docx/", hidden=DRAFT_OUTSIDERS,
         right=("legislator", "analyst", "secretariat")),
    Step("draft-recompose", lambda w: f"/drafts/{w['bill'].pk}/recompose/", hidden=DRAFT_OUTSIDERS,
         right=("legislator", "analyst", "secretariat")),
    Step("draft-comment", lambda w: f"/drafts/{w['bill'].pk}/versions/1/comments/", method="post",
         data=lambda w: {"section": "sec_1", "text": "Shorter, please."}, hidden=DRAFT_OUTSIDERS,
         right=("legislator",), redirects_to=lambda w: f"/drafts/{w['bill'].pk}/?version=1#sec_1"),
    Step("draft-comment-resolve", lambda w: f"/drafts/{w['bill'].pk}/comments/{w['comment'].pk}/resolve/",
         method="post", hidden=DRAFT_OUTSIDERS, right=("legislator",),
         redirects_to=lambda w: f"/drafts/{w['bill'].pk}/?version=1#sec_1"),
    Step("api-drafts-create", lambda w: "/api/v1/drafts", method="post", api=True,
         data=lambda w: {"jurisdiction": "Canada"}, wrong=("member", "student", "reviewer"),
         right=("legislator", "staff")),
    Step("api-drafts-detail", lambda w: f"/api/v1/drafts/{w['bill'].pk}", method="get", api=True,
         hidden=DRAFT_OUTSIDERS, right=("legislator", "analyst", "secretariat")),
]  # fmt: skip

COVERED: set[str] = {step.name for step in STEPS}


@pytest.mark.django_db
@pytest.mark.parametrize("step", STEPS, ids=str)
def test_each_route_refuses_the_wrong_roles_and_admits_the_right(step: Step, seeded: None) -> None:
    users = example_users()
    bill = make_bill_draft(users["legislator"])
    comment = DraftComment.objects.create(version=bill.versions.get(), section_eid="sec_1", author=users["analyst"],
                                          text="Shorter.")  # fmt: skip
    w: World = {**users, "draft": make_draft_model(users["analyst"]), "bill": bill, "comment": comment}
    walk_step(step, w)
    walked = ModelProvision.objects.filter(slug="walked-hotline").count()
    assert walked == (1 if step.name == "model-provision-create" and step.method == "post" else 0)
