"""Who may do what with briefs and resources: each rule once, as a predicate.

Everyone reads what is published. Analysts and the secretariat write, preview and publish; only the secretariat
may publish a text the content check objects to, and only with a reason.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.briefs.models import RESOURCE_EDITORS, Resource
from fourthp.briefs.queries import get_resource


def can_edit_resources(user: Viewer | None) -> bool:
    return has_role(user, *RESOURCE_EDITORS)


def can_override_check(user: Viewer | None) -> bool:
    """Publishing over the content check's objections is the secretariat's decision."""
    return has_role(user, Role.SECRETARIAT)


def access_resource_for_viewer(user: Viewer | None, slug: str) -> Resource:
    return get_resource(slug, user)


def access_resources_edit_for_editor(user: Viewer) -> None:
    if not can_edit_resources(user):
        raise PermissionDenied


def access_resource_edit_for_editor(user: Viewer, slug: str) -> Resource:
    """The role first: whether a draft exists is not told to those who may not edit."""
    access_resources_edit_for_editor(user)
    return get_resource(slug, user)
