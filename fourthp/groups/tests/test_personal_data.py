"""A member's data in working groups: in her download, and what her account's deletion leaves."""

from __future__ import annotations

import pytest

from fourthp.accounts.actions import collect_personal_data, do_delete_account
from fourthp.groups.models import Announcement, DocumentVersion, GroupDocument, GroupMembership
from fourthp.groups.tests.helpers import logged_in, pdf
from fourthp.testing import make_group, make_group_member, make_member

pytestmark = pytest.mark.django_db


def test_her_download_lists_memberships_uploads_and_announcements() -> None:
    lead = make_member()
    group = make_group(lead=lead, title="Supply chains")
    make_group_member(group, lead)
    client = logged_in(lead)
    client.post(f"/groups/{group.slug}/documents/", {"title": "Plan", "file": pdf("plan.pdf")})
    client.post(f"/groups/{group.slug}/announcements/new/", {"title": "Hello", "body": "Welcome."})
    data = collect_personal_data(lead)
    assert [(m["group"], m["state"]) for m in data["working_group_memberships"]] == [("Supply chains", "active")]
    assert [(u["document"], u["filename"], u["version"]) for u in data["working_group_uploads"]] == [
        ("Plan", "plan.pdf", 1)
    ]
    assert [a["title"] for a in data["working_group_announcements"]] == ["Hello"]


def test_deleting_her_account_ends_her_memberships_and_keeps_what_the_group_relies_on() -> None:
    lead = make_member()
    group = make_group(lead=lead)
    make_group_member(group, lead)
    other = make_group()
    GroupMembership.objects.create(group=other, user=lead, message="Please let me in, I am Jane from X.")
    client = logged_in(lead)
    client.post(f"/groups/{group.slug}/documents/", {"title": "Plan", "file": pdf()})
    client.post(f"/groups/{group.slug}/announcements/new/", {"title": "Hello", "body": "Welcome."})

    do_delete_account(lead, acting_user=lead)

    assert not group.is_member(lead)
    assert set(GroupMembership.objects.filter(user=lead).values_list("state", "message")) == {("left", "")}
    group.refresh_from_db()
    assert group.lead is None
    version = DocumentVersion.objects.get()
    assert version.uploaded_by is None
    assert GroupDocument.objects.get().created_by is None
    assert Announcement.objects.get().author is None
    # The group can still read the document.
    assert logged_in(make_group_member(group)).get(version.get_absolute_url()).status_code == 200
