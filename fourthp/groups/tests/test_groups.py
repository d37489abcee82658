"""Who sees which group, and how a member joins one: request, answer, e-mail."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from fourthp.accounts.models import AuditEvent
from fourthp.frameworks.models import Provision
from fourthp.groups.models import GroupMembership, WorkingGroup
from fourthp.groups.queries import list_groups
from fourthp.groups.tests.helpers import logged_in
from fourthp.testing import (
    box_filled_with_lines,
    make_group,
    make_group_member,
    make_member,
    make_profile,
    make_secretariat,
    make_user,
)

pytestmark = pytest.mark.django_db


def provision(slug: str = "crim.debt-bondage") -> Provision:
    return Provision.objects.get(framework__slug="four-p", framework__version=1, slug=slug)


def test_a_visitor_sees_public_groups_but_not_private_ones() -> None:
    make_group(title="Supply chains", visibility="public")
    make_group(title="Closed door talks", visibility="private", description="Sensitive negotiations.")
    page = logged_in(None).get("/groups/").content.decode()
    assert "Supply chains" in page
    assert "Closed door talks" not in page
    data = logged_in(None).get("/groups.json").json()
    assert [g["title"] for g in data["items"]] == ["Supply chains"]


def test_a_signed_in_member_sees_a_private_group_listed_and_marked_private() -> None:
    make_group(title="Closed door talks", visibility="private", description="Sensitive negotiations.")
    page = logged_in(make_member()).get("/groups/").content.decode()
    assert "Closed door talks" in page
    assert "Sensitive negotiations." in page
    assert "private" in page


def test_a_visitor_gets_404_for_a_private_group_page_and_its_json() -> None:
    group = make_group(visibility="private")
    assert logged_in(None).get(f"/groups/{group.slug}/").status_code == 404
    assert logged_in(None).get(f"/groups/{group.slug}.json").status_code == 404


def test_a_member_outside_a_private_group_sees_its_title_but_not_its_lead_or_members() -> None:
    lead = make_user("lia")
    make_profile(lead, name="Lia Leader", name_visibility="members")
    group = make_group(visibility="private", lead=lead, title="Closed door talks")
    make_group_member(group, lead)
    response = logged_in(make_member()).get(f"/groups/{group.slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Closed door talks" in page
    assert "Lia Leader" not in page
    assert "Ask to join" in page
    data = logged_in(make_member()).get(f"/groups/{group.slug}.json").json()
    assert data["lead"] is None
    assert data["members"] is None


def test_the_list_filters_groups_by_the_provision_they_study(seeded: None) -> None:
    bondage = make_group(title="Debt bondage")
    bondage.provisions.add(provision("crim.debt-bondage"))
    make_group(title="Something else")
    data = logged_in(None).get("/groups.json?provision=crim.debt-bondage").json()
    assert [g["title"] for g in data["items"]] == ["Debt bondage"]
    assert data["items"][0]["provisions"][0]["id"] == "crim.debt-bondage"
    assert [g.title for g in list_groups(provision=provision("crim.debt-bondage"))] == ["Debt bondage"]
    page = logged_in(None).get("/groups/?provision=crim.debt-bondage").content.decode()
    assert "Debt bondage" in page
    assert "Something else" not in page


def test_the_group_page_renders_markdown_safely_and_links_provisions(seeded: None) -> None:
    group = make_group(description="We study **debt**.\n\n<script>alert(1)</script>")
    group.provisions.add(provision())
    page = logged_in(None).get(f"/groups/{group.slug}/").content.decode()
    assert "<strong>debt</strong>" in page
    assert "<script>alert(1)" not in page
    assert "/frameworks/four-p/provisions/crim.debt-bondage/" in page


def test_the_secretariat_creates_a_group_whose_lead_becomes_a_member(seeded: None) -> None:
    secretariat, lead = make_secretariat(), make_member()
    make_group(slug="supply-chains", title="Existing")
    response = logged_in(secretariat).post(
        "/groups/new/",
        {
            "title": "Supply chains",
            "description": "Forced labour in supply chains.",
            "visibility": "public",
            "provisions": [provision().pk],
            "lead": lead.pk,
        },
    )
    group = WorkingGroup.objects.get(title="Supply chains")
    assert response.status_code == 302
    assert group.slug == "supply-chains-2"
    assert group.lead == lead
    assert group.is_member(lead)
    assert list(group.provisions.all()) == [provision()]
    assert AuditEvent.objects.filter(verb="group.created", actor=secretariat).exists()


def test_the_lead_edits_her_group_and_its_address_stays() -> None:
    lead = make_member()
    group = make_group(lead=lead, slug="old-name", title="Old name")
    response = logged_in(lead).post(
        f"/groups/{group.slug}/edit/",
        {"title": "New name", "description": "Changed.", "visibility": "private", "lead": lead.pk},
    )
    group.refresh_from_db()
    assert response.status_code == 302
    assert (group.title, group.visibility, group.slug) == ("New name", "private", "old-name")


def test_an_empty_title_is_refused_with_a_message() -> None:
    response = logged_in(make_secretariat()).post(
        "/groups/new/", {"title": "", "description": "x", "visibility": "public"}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not WorkingGroup.objects.exists()


def _ask(client: Any, group: WorkingGroup, message: str = "I chair the labour committee.") -> Any:
    return client.post(f"/groups/{group.slug}/join/", {"message": message}, follow=True)


def test_a_member_asks_to_join_is_approved_and_then_sees_the_documents(
    django_capture_on_commit_callbacks: Any,
) -> None:
    lead, applicant = make_member(), make_user("nora")
    group = make_group(lead=lead, visibility="private")
    make_group_member(group, lead)
    client = logged_in(applicant)
    assert client.get(f"/groups/{group.slug}/documents/").status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        page = _ask(client, group).content.decode()
    assert "Your request is sent" in page
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert "I chair the labour committee." in mail.outbox[0].body
    assert f"/groups/{group.slug}/" in mail.outbox[0].body

    request = GroupMembership.objects.get(user=applicant)
    lead_page = logged_in(lead).get(f"/groups/{group.slug}/").content.decode()
    assert "I chair the labour committee." in lead_page
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(lead).post(f"/groups/{group.slug}/requests/{request.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [applicant.email]
    assert "approved" in mail.outbox[-1].body
    assert group.is_member(applicant)
    assert client.get(f"/groups/{group.slug}/documents/").status_code == 200


def test_a_request_to_a_group_without_a_lead_goes_to_the_secretariat(django_capture_on_commit_callbacks: Any) -> None:
    secretariat = make_secretariat()
    group = make_group(lead=None)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(logged_in(make_member()), group)
    assert [m.to for m in mail.outbox] == [[secretariat.email]]


def test_asking_twice_or_as_a_member_says_so_and_keeps_one_request() -> None:
    group = make_group()
    applicant = make_member()
    client = logged_in(applicant)
    _ask(client, group)
    page = _ask(client, group).content.decode()
    assert "already asked to join" in page
    assert GroupMembership.objects.filter(user=applicant).count() == 1
    member = make_group_member(group)
    assert "already a member" in _ask(logged_in(member), group).content.decode()


def test_a_declined_member_is_told_and_may_ask_again(django_capture_on_commit_callbacks: Any) -> None:
    lead, applicant = make_member(), make_member()
    group = make_group(lead=lead)
    _ask(logged_in(applicant), group)
    request = GroupMembership.objects.get(user=applicant)
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(lead).post(f"/groups/{group.slug}/requests/{request.pk}/", {"decision": "decline"})
    assert mail.outbox[-1].to == [applicant.email]
    assert "declined" in mail.outbox[-1].body
    assert not group.is_member(applicant)
    again = logged_in(lead).post(f"/groups/{group.slug}/requests/{request.pk}/", {"decision": "approve"}, follow=True)
    assert "already been answered" in again.content.decode()
    assert not group.is_member(applicant)
    _ask(logged_in(applicant), group)
    assert GroupMembership.objects.filter(user=applicant, state="requested").count() == 1


def test_a_member_leaves_and_loses_the_space() -> None:
    group = make_group()
    member = make_group_member(group)
    client = logged_in(member)
    assert client.get(f"/groups/{group.slug}/documents/").status_code == 200
    client.post(f"/groups/{group.slug}/leave/")
    assert not group.is_member(member)
    assert client.get(f"/groups/{group.slug}/documents/").status_code == 403


def test_members_see_each_other_by_the_names_they_allow() -> None:
    group = make_group()
    shown = make_group_member(group, make_user("ines"))
    make_profile(shown, name="Ines Shown", name_visibility="members")
    hidden = make_group_member(group, make_user("hana"))
    make_profile(hidden, name="Hana Hidden")  # secretariat-only by default
    viewer = make_group_member(group)
    page = logged_in(viewer).get(f"/groups/{group.slug}/").content.decode()
    assert "Ines Shown" in page
    assert "Hana Hidden" not in page
    assert "a member (name not shown)" in page
    assert "Hana Hidden" in logged_in(make_secretariat()).get(f"/groups/{group.slug}/").content.decode()
    assert "Ines Shown" not in logged_in(make_member()).get(f"/groups/{group.slug}/").content.decode()


def test_a_lead_hands_over_only_to_a_member_of_her_group() -> None:
    lead = make_member()
    group = make_group(lead=lead, slug="handover")
    make_group_member(group, lead)
    member, stranger = make_group_member(group), make_member()
    form = {"title": group.title, "description": "D.", "visibility": "public"}
    refused = logged_in(lead).post("/groups/handover/edit/", {**form, "lead": stranger.pk})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    logged_in(lead).post("/groups/handover/edit/", {**form, "lead": member.pk})
    group.refresh_from_db()
    assert group.lead == member


def test_a_lead_who_leaves_stops_leading_and_requests_go_to_the_secretariat() -> None:
    lead = make_member()
    group = make_group(lead=lead)
    make_group_member(group, lead)
    logged_in(lead).post(f"/groups/{group.slug}/leave/")
    group.refresh_from_db()
    assert group.lead is None
    assert logged_in(lead).get(f"/groups/{group.slug}/edit/").status_code == 403


def test_the_list_page_makes_the_same_number_of_queries_for_few_and_many_groups(seeded: None) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert logged_in(None).get("/groups/").status_code == 200
        return len(queries)

    for _ in range(2):
        make_group().provisions.add(provision())
    few = count()
    for _ in range(5):
        make_group().provisions.add(provision("crim.debt-bondage"))
    assert count() == few


def test_a_join_message_that_fills_its_box_with_line_breaks_is_counted_as_the_browser_counts_it() -> None:
    group = make_group(lead=make_member(), visibility="private")
    nora = make_user("nora")
    client = logged_in(nora)
    over = _ask(client, group, box_filled_with_lines(2000, over=1)).content.decode()
    assert "at most 2000 characters (it has 2001)" in over
    assert not GroupMembership.objects.filter(user=nora).exists()
    assert "Your request is sent" in _ask(client, group, box_filled_with_lines(2000)).content.decode()
    assert len(GroupMembership.objects.get(user=nora).message) == 2000


def test_the_list_of_groups_renders_each_description_as_markdown() -> None:
    from django.test import Client

    from fourthp.testing import make_group

    make_group(title="Supply chains", description="Studies **due diligence** laws.<script>x()</script>")
    page = Client().get("/groups/").content.decode()
    assert "<strong>due diligence</strong>" in page
    assert "**due diligence**" not in page and "<script>x()" not in page
