"""Who may do what with working groups: each rule once, as a predicate; the access_* helpers build on them.

`list_groups(viewer)` (in `fourthp.groups.queries`) is the query twin of `can_see_group`;
`tests/test_access_rules.py` proves they agree for every example user.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from fourthp.accounts.access import Viewer, has_role, require_role
from fourthp.accounts.roles import Role
from fourthp.groups.models import DocumentVersion, WorkingGroup


def can_see_group(user: Viewer | None, group: WorkingGroup) -> bool:
    """A public group is seen by everyone, a private one by signed-in members."""
    return group.visibility == WorkingGroup.Visibility.PUBLIC or has_role(user, Role.MEMBER)


def can_see_group_space(user: Viewer | None, group: WorkingGroup) -> bool:
    """Documents, announcements and the member list: the group's active members and the secretariat."""
    return has_role(user, Role.SECRETARIAT) or group.is_member(user)


def can_see_group_outputs(user: Viewer | None, group: WorkingGroup) -> bool:
    """Outputs and the lead's name are public when the group is; a private group's stay in its space."""
    return group.visibility == WorkingGroup.Visibility.PUBLIC or can_see_group_space(user, group)


def can_manage_group(user: Viewer | None, group: WorkingGroup) -> bool:
    """Answering join requests, announcing and publishing outputs: the group's lead and the secretariat."""
    if not has_role(user, Role.MEMBER):
        return False
    return has_role(user, Role.SECRETARIAT) or (
        user is not None and group.lead_id is not None and group.lead_id == user.pk
    )


def can_create_group(user: Viewer | None) -> bool:
    return has_role(user, Role.SECRETARIAT)


def can_read_group_file(user: Viewer | None, group: WorkingGroup, version: DocumentVersion) -> bool:
    """A file published with an output of a public group is read by all; any other only in the group's space."""
    if group.visibility == WorkingGroup.Visibility.PUBLIC and version.outputs.exists():
        return True
    return has_role(user, Role.MEMBER) and can_see_group_space(user, group)


def access_group_view_for_audience(user: Viewer, group: WorkingGroup) -> WorkingGroup:
    """A group the viewer may not see answers 404."""
    if can_see_group(user, group):
        return group
    raise Http404


def access_group_join_for_member(user: Viewer, group: WorkingGroup) -> WorkingGroup:
    require_role(user, Role.MEMBER)
    return group


def access_group_space_for_member(user: Viewer, group: WorkingGroup) -> WorkingGroup:
    require_role(user, Role.MEMBER)
    if can_see_group_space(user, group):
        return group
    raise PermissionDenied


def access_group_manage_for_lead(user: Viewer, group: WorkingGroup) -> WorkingGroup:
    require_role(user, Role.MEMBER)
    if can_manage_group(user, group):
        return group
    raise PermissionDenied


def access_group_create_for_secretariat(user: Viewer) -> None:
    if not can_create_group(user):
        raise PermissionDenied


def access_group_file_for_reader(user: Viewer, group: WorkingGroup, version: DocumentVersion) -> DocumentVersion:
    """A file the reader may not read answers 403 (as the group's space does)."""
    if can_read_group_file(user, group, version):
        return version
    raise PermissionDenied
