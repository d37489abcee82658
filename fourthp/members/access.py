"""Who may do what in members."""

from __future__ import annotations

from typing import Any

from fourthp.accounts.access import has_role, require_role
from fourthp.accounts.roles import Role


def audience_of(user: Any) -> str:
    """Which profile fields a viewer may see: "public", "members" or "secretariat" (the Visibility values)."""
    if has_role(user, Role.SECRETARIAT):
        return "secretariat"
    if getattr(user, "is_authenticated", False) and user.is_active:
        return "members"
    return "public"


def access_profile_for_owner(user: Any) -> Any:
    """Her own profile, consents and personal-data download: any signed-in member."""
    require_role(user, Role.MEMBER)
    return user


def access_directory_for_member(user: Any) -> None:
    """The full member directory is for signed-in members; visitors see the public directory."""
    require_role(user, Role.MEMBER)


def access_applications_for_secretariat(user: Any) -> None:
    """Membership applications are reviewed by the secretariat alone."""
    require_role(user, Role.SECRETARIAT)


def access_application_review_for_secretariat(user: Any, application: Any) -> Any:
    require_role(user, Role.SECRETARIAT)
    return application
