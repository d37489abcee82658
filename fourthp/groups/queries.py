"""Reads on working groups, shared by the pages, their JSON twins, the API and other apps' pages.

The provision page lists the groups that study a provision with
`list_groups(provision=...)`, so that a legislator who lacks a provision finds
the people working on it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role
from fourthp.accounts.roles import Role
from fourthp.core.errors import get_or_not_found
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG, Provision
from fourthp.groups.models import (
    Announcement,
    DocumentVersion,
    GroupDocument,
    GroupMembership,
    GroupOutput,
    WorkingGroup,
)


def list_groups(viewer: Any = None, *, provision: Provision | str | None = None) -> QuerySet[WorkingGroup]:
    """The groups `viewer` may see listed: the query twin of `fourthp.groups.access.can_see_group`.

    `provision` is a Provision or a provision slug of the Fourth P framework (any version).
    Without a viewer only public groups are listed.
    """
    qs = WorkingGroup.objects.all()
    if not has_role(viewer, Role.MEMBER):
        qs = qs.public()
    if isinstance(provision, Provision):
        qs = qs.filter(provisions=provision)
    elif provision:
        qs = qs.filter(provisions__framework__slug=DEFAULT_FRAMEWORK_SLUG, provisions__slug=provision)
    return (
        qs.distinct()
        .select_related("lead")
        .prefetch_related(Prefetch("provisions", queryset=Provision.objects.select_related("framework")))
        .order_by("title")
    )


def get_group(slug: str) -> WorkingGroup:
    """The group with this slug; NotFound naming it otherwise."""
    return get_or_not_found(
        WorkingGroup.objects.select_related("lead", "lead__profile").prefetch_related(
            Prefetch("provisions", queryset=Provision.objects.select_related("framework"))
        ),
        _("No working group has the slug '%(slug)s'.") % {"slug": slug},
        slug=slug,
    )


def get_request(group: WorkingGroup, membership_id: int) -> GroupMembership:
    """A membership (or request to join) of this group; NotFound otherwise."""
    return get_or_not_found(group.memberships.all(), _("There is no such request in this group."), pk=membership_id)


def list_outputs(group: WorkingGroup) -> QuerySet[GroupOutput]:
    return (
        group.outputs.select_related("document_version", "document_version__document")
        .prefetch_related(Prefetch("provisions", queryset=Provision.objects.select_related("framework")))
        .order_by("-published_at", "-pk")
    )


def list_members(group: WorkingGroup) -> QuerySet[GroupMembership]:
    return (
        group.memberships.filter(state=GroupMembership.State.ACTIVE, user__is_active=True)
        .select_related("user", "user__profile")
        .order_by("decided_at", "requested_at")
    )


def active_members(group: WorkingGroup) -> list[Any]:
    """The accounts an announcement is e-mailed to: the group's active members whose accounts are active."""
    return [
        m.user
        for m in group.memberships.filter(state=GroupMembership.State.ACTIVE, user__is_active=True).select_related(
            "user"
        )
    ]


def list_requests(group: WorkingGroup) -> QuerySet[GroupMembership]:
    return (
        group.memberships.filter(state=GroupMembership.State.REQUESTED)
        .select_related("user", "user__profile")
        .order_by("requested_at")
    )


def membership_of(user: Any, group: WorkingGroup) -> GroupMembership | None:
    """Her open membership or request in the group, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return group.memberships.filter(
        user=user, state__in=[GroupMembership.State.REQUESTED, GroupMembership.State.ACTIVE]
    ).first()


def list_announcements(group: WorkingGroup, *, limit: int = 20) -> list[Announcement]:
    return list(group.announcements.select_related("author", "author__profile").order_by("-created_at", "-pk")[:limit])


def list_documents(group: WorkingGroup) -> QuerySet[GroupDocument]:
    versions = DocumentVersion.objects.select_related("uploaded_by", "uploaded_by__profile").order_by("-number")
    return group.documents.prefetch_related(Prefetch("versions", queryset=versions)).order_by("title", "pk")


def get_document(group: WorkingGroup, document_id: int) -> GroupDocument:
    """A document of this group; NotFound otherwise."""
    return get_or_not_found(list_documents(group), _("There is no such document in this group."), pk=document_id)


def list_versions_for_outputs(group: WorkingGroup) -> QuerySet[DocumentVersion]:
    return (
        DocumentVersion.objects.filter(document__group=group)
        .select_related("document")
        .order_by("document__title", "-number")
    )
