"""Who may do what in groups."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from fourthp.accounts.access import has_role, require_role
from fourthp.accounts.roles import Role


def access_group_view_for_audience(user: Any, group: Any) -> Any:
    """A public group is seen by everyone, a private one by signed-in members; others get 404."""
    if group.visibility == "public" or has_role(user, Role.MEMBER):
        return group
    raise Http404


def access_group_join_for_member(user: Any, group: Any) -> Any:
    require_role(user, Role.MEMBER)
    return group


def access_group_space_for_member(user: Any, group: Any) -> Any:
    """Documents, announcements and the member list: the group's members and the secretariat."""
    require_role(user, Role.MEMBER)
    if has_role(user, Role.SECRETARIAT) or group.is_member(user):
        return group
    raise PermissionDenied


def access_group_manage_for_lead(user: Any, group: Any) -> Any:
    """Answering join requests, announcing and publishing outputs: the group's lead and the secretariat."""
    require_role(user, Role.MEMBER)
    if has_role(user, Role.SECRETARIAT) or (group.lead_id is not None and group.lead_id == user.pk):
        return group
    raise PermissionDenied


def access_group_create_for_secretariat(user: Any) -> None:
    require_role(user, Role.SECRETARIAT)


def access_group_file_for_reader(user: Any, group: Any, version: Any) -> Any:
    """A file published with an output of a public group is read by all; any other only in the group's space."""
    if group.visibility == "public" and version.outputs.exists():
        return version
    access_group_space_for_member(user, group)
    return version
