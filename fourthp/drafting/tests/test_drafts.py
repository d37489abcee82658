"""The drafting assistant on the site and in the API: a bill for Canada from its gaps, versions compared,
comments told to the draft's author and group, and clear refusals."""

from __future__ import annotations

import json

from django.test import Client

from fourthp.accounts.actions import do_create_api_token
from fourthp.assessments.queries import get_report_card
from fourthp.drafting.bill import ComposedBill, SectionKind
from fourthp.drafting.models import Draft, DraftComment
from fourthp.drafting.queries import list_candidates
from fourthp.drafting.tests.factories import make_bill_draft
from fourthp.frameworks.models import Framework
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.notifications.models import Notification
from fourthp.testing import client_as, make_group, make_group_member, make_legislator, make_member, make_staff


def _bearer(user) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"HTTP_AUTHORIZATION": f"Bearer {do_create_api_token(user, name='test')[1]}"}


def test_a_legislator_drafts_a_bill_for_canada_from_its_gaps(seeded: None) -> None:
    canada = Jurisdiction.objects.get(code="CA")
    gaps = [c.provision.slug for c in list_candidates(canada) if c.is_gap]
    assert gaps, "the seed gives Canada gaps with model texts"
    client = client_as(make_legislator())
    step_two = client.get("/drafts/new/", {"jurisdiction": "Canada"})
    page = step_two.content.decode()
    assert step_two.status_code == 200 and "A bill for Canada" in page
    for slug in gaps:
        assert f'value="{slug}" id="p-{slug}" checked' in page
    response = client.post("/drafts/new/?jurisdiction=CA", {"provisions": gaps, "tradition": "common_law",
                                                              "level": "national"})  # fmt: skip
    draft = Draft.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/drafts/{draft.pk}/"
    bill = draft.versions.get().composed()
    assert bill.provision_ids() == [p for p in bill.provision_ids() if p in gaps] and len(bill.provision_ids()) == len(
        gaps
    )
    assert bill.sections[-1].kind == SectionKind.COMMENCEMENT and "royal assent" in bill.sections[-1].text
    detail = client.get(f"/drafts/{draft.pk}/").content.decode()
    assert bill.title in detail and "Explanatory memorandum" in detail
    for section in bill.sections:
        assert f'id="{section.eid}"' in detail
    # Each memorandum row names the provision, and the peers full on it are linked on the site's address.
    assert len(bill.memorandum) == len(gaps)
    assert all(p.url.startswith("http") for m in bill.memorandum for p in m.peers)
    card = get_report_card(canada, Framework.objects.default())
    statuses = {row.provision.slug: row.status for row in card.rows}
    for entry in bill.memorandum:
        assert statuses[entry.provision_id] in ("absent", "partial", "unknown")


def test_recomposing_makes_a_new_version_and_the_two_are_compared(seeded: None) -> None:
    author = make_legislator()
    draft = make_bill_draft(author)
    client = client_as(author)
    form = client.get(f"/drafts/{draft.pk}/recompose/")
    assert form.status_code == 200
    response = client.post(f"/drafts/{draft.pk}/recompose/", {
        "provisions": ["crim.sex-trafficking", "crim.penalties"], "tradition": "civil_law", "level": "national",
        "opt__sex-trafficking-offence__penalty_max_years": "25", "change_note": "Civil-law style, two articles."})  # fmt: skip
    assert response.status_code == 302
    assert [v.number for v in draft.versions.all()] == [2, 1]
    second = draft.versions.get(number=2)
    assert second.change_note == "Civil-law style, two articles."
    assert second.choices["provisions"] == ["crim.sex-trafficking", "crim.penalties"]
    assert second.choices["options"]["sex-trafficking-offence"] == {"penalty_max_years": "25"}
    assert ComposedBill.from_dict(second.bill).sections[2].eid == "art_3"
    compared = client.get(f"/drafts/{draft.pk}/compare/?a=1&b=2")
    page = compared.content.decode()
    assert compared.status_code == 200
    assert "Version 1 and version 2 compared" in page and "<ins>" in page and "<del>" in page
    first = client.get(f"/drafts/{draft.pk}/?version=1").content.decode()
    assert draft.versions.get(number=1).composed().title in first


def test_a_comment_tells_the_author_and_the_group_but_not_the_commenter(seeded: None) -> None:
    author = make_legislator()
    group = make_group()
    colleague = make_group_member(group)
    outsider = make_member()
    draft = make_bill_draft(author, group=group)
    assert client_as(outsider).get(f"/drafts/{draft.pk}/").status_code == 404
    assert client_as(colleague).get(f"/drafts/{draft.pk}/").status_code == 200
    assert draft.title in client_as(colleague).get("/drafts/").content.decode()
    response = client_as(colleague).post(f"/drafts/{draft.pk}/versions/1/comments/",
                                         {"section": "sec_1", "text": "A shorter short title?"})  # fmt: skip
    assert response.status_code == 302
    comment = DraftComment.objects.get()
    assert (comment.section_eid, comment.author, comment.text) == ("sec_1", colleague, "A shorter short title?")
    told = Notification.objects.filter(kind="draft_comment")
    assert [n.recipient for n in told] == [author]
    assert told[0].url == f"/drafts/{draft.pk}/?version=1#sec_1"
    assert "A shorter short title?" in client_as(author).get(f"/drafts/{draft.pk}/").content.decode()
    # A section the version does not have is refused, and nobody is told.
    client_as(author).post(f"/drafts/{draft.pk}/versions/1/comments/", {"section": "sec_99", "text": "Hm."})
    assert DraftComment.objects.count() == 1
    # Plain group members read and comment but do not recompose, nor mark comments as dealt with.
    assert client_as(colleague).get(f"/drafts/{draft.pk}/recompose/").status_code == 403
    assert client_as(colleague).post(f"/drafts/{draft.pk}/comments/{comment.pk}/resolve/").status_code == 403
    assert client_as(author).post(f"/drafts/{draft.pk}/comments/{comment.pk}/resolve/").status_code == 302
    comment.refresh_from_db()
    assert comment.resolved
    assert "dealt with" in client_as(author).get(f"/drafts/{draft.pk}/").content.decode()


def test_the_api_composes_a_bill_of_the_gaps_and_refuses_clearly(seeded: None) -> None:
    staff = make_staff()
    client = Client()
    response = client.post("/api/v1/drafts", json.dumps({"jurisdiction": "Canada"}), content_type="application/json",
                           **_bearer(staff))  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["jurisdiction"] == "CA" and body["version"] == 1 and body["tradition"] == "common_law"
    assert body["bill"]["title"].startswith("A Bill for an Act to ")
    assert body["url"].endswith(f"/drafts/{body['id']}/")
    got = client.get(f"/api/v1/drafts/{body['id']}", **_bearer(staff))
    assert got.status_code == 200 and got.json()["bill"] == body["bill"]
    assert client.get(f"/api/v1/drafts/{body['id']}", **_bearer(make_member())).status_code == 404

    def post(payload: dict[str, object]) -> tuple[int, str]:
        r = client.post("/api/v1/drafts", json.dumps(payload), content_type="application/json", **_bearer(staff))
        return r.status_code, r.json().get("detail", "")

    chosen = {"jurisdiction": "CA", "provisions": ["crim.sex-trafficking"], "level": "subnational",
              "options": {"sex-trafficking-offence": {"penalty_max_years": "20"}}}  # fmt: skip
    assert post(chosen)[0] == 201
    assert post({"jurisdiction": "Atlantis"})[0] == 404
    status, detail = post({**chosen, "provisions": ["crim.no-such-thing"]})
    assert status == 422 and "crim.no-such-thing" in detail
    status, detail = post({**chosen, "options": {"sex-trafficking-offence": {"penalty_max_years": "99"}}})
    assert status == 422 and "penalty_max_years" in detail
    status, detail = post({**chosen, "options": {"other-thing": {"x": "1"}}})
    assert status == 422 and "other-thing" in detail
    assert post({**chosen, "provisions": []})[0] == 422
    assert post({**chosen, "tradition": "customary"})[0] == 422
    assert Draft.objects.count() == 2
