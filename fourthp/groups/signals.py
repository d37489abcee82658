"""Personal data in working groups: what a deleted account leaves behind, and what a member may download.

Deleting an account ends her memberships (the rows stay as "left", with her
message blanked, so that the group's record of who answered what holds) and
takes her name off what the group relies on: documents she uploaded,
announcements she wrote and outputs she published stay, without her.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from fourthp.accounts.actions import account_deleting, personal_data_requested
from fourthp.groups.models import (
    Announcement,
    DocumentVersion,
    GroupDocument,
    GroupMembership,
    GroupOutput,
    WorkingGroup,
)


@receiver(account_deleting)
def forget_group_member(sender: Any, user: Any, **kwargs: Any) -> None:
    memberships = GroupMembership.objects.filter(user=user)
    memberships.filter(state__in=[GroupMembership.State.REQUESTED, GroupMembership.State.ACTIVE]).update(
        state=GroupMembership.State.LEFT, decided_at=timezone.now()
    )
    memberships.update(message="")
    GroupMembership.objects.filter(decided_by=user).update(decided_by=None)
    for group in WorkingGroup.objects.filter(lead=user):
        # Through save() so that the group's history records that it lost its lead.
        group.lead = None
        group.save(update_fields=["lead"])
    GroupDocument.objects.filter(created_by=user).update(created_by=None)
    DocumentVersion.objects.filter(uploaded_by=user).update(uploaded_by=None)
    Announcement.objects.filter(author=user).update(author=None)
    GroupOutput.objects.filter(created_by=user).update(created_by=None)


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


@receiver(personal_data_requested)
def group_personal_data(sender: Any, user: Any, **kwargs: Any) -> dict[str, Any]:
    memberships = GroupMembership.objects.filter(user=user).select_related("group").order_by("requested_at")
    uploads = (
        DocumentVersion.objects.filter(uploaded_by=user)
        .select_related("document", "document__group")
        .order_by("uploaded_at")
    )
    announcements = Announcement.objects.filter(author=user).select_related("group").order_by("created_at")
    outputs = GroupOutput.objects.filter(created_by=user).select_related("group").order_by("published_at")
    return {
        "working_group_memberships": [
            {
                "group": m.group.title,
                "group_slug": m.group.slug,
                "state": m.state,
                "message": m.message,
                "requested_at": _when(m.requested_at),
                "decided_at": _when(m.decided_at),
            }
            for m in memberships
        ],
        "working_group_uploads": [
            {
                "group": v.document.group.title,
                "document": v.document.title,
                "version": v.number,
                "filename": v.filename,
                "size": v.size,
                "note": v.note,
                "uploaded_at": _when(v.uploaded_at),
            }
            for v in uploads
        ],
        "working_group_announcements": [
            {"group": a.group.title, "title": a.title, "body": a.body, "created_at": _when(a.created_at)}
            for a in announcements
        ],
        "working_group_outputs": [
            {"group": o.group.title, "kind": o.kind, "title": o.title, "published_at": _when(o.published_at)}
            for o in outputs
        ],
    }
