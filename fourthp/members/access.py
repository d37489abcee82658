"""Who may see what of a member and who handles applications: each rule once, as a predicate.

`audience_of(viewer)` says which field visibilities a viewer reaches (`SEES`); `can_see_profile` is the
rule for one profile and `profiles_visible_to(viewer)` (in `fourthp.members.queries`) its query twin,
which `tests/test_access_rules.py` proves agree for every example user.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fourthp.accounts.access import Viewer, has_role, require_role
from fourthp.accounts.models import User
from fourthp.accounts.roles import Role
from fourthp.members.models import Application, Profile, Visibility

# Which field visibilities each audience may see.
SEES: dict[Visibility, tuple[Visibility, ...]] = {
    Visibility.PUBLIC: (Visibility.PUBLIC,),
    Visibility.MEMBERS: (Visibility.PUBLIC, Visibility.MEMBERS),
    Visibility.SECRETARIAT: (Visibility.PUBLIC, Visibility.MEMBERS, Visibility.SECRETARIAT),
}


def audience_of(user: Viewer | None) -> Visibility:
    """The widest field visibility a viewer reaches: the secretariat, signed-in members, or the public."""
    if has_role(user, Role.SECRETARIAT):
        return Visibility.SECRETARIAT
    if user is not None and user.is_authenticated and user.is_active:
        return Visibility.MEMBERS
    return Visibility.PUBLIC


def is_profile_owner(user: Viewer | None, profile: Profile) -> bool:
    return user is not None and user.pk is not None and user.pk == profile.user_id


def can_see_profile_field(user: Viewer | None, profile: Profile, field: str) -> bool:
    """One field of a profile: its owner sees it all; others what its visibility (and consent) allows."""
    return is_profile_owner(user, profile) or profile.visibility_of(field) in SEES[audience_of(user)]


def can_see_profile(user: Viewer | None, profile: Profile) -> bool:
    """A profile is seen at all by whoever may see its name."""
    return can_see_profile_field(user, profile, "name")


def can_see_lived_experience(user: Viewer | None, profile: Profile) -> bool:
    """Whether the profile is protected as a lived-experience expert's: its owner and the secretariat."""
    return is_profile_owner(user, profile) or audience_of(user) == Visibility.SECRETARIAT


def can_review_applications(user: Viewer | None) -> bool:
    """Membership applications are reviewed by the secretariat alone."""
    return has_role(user, Role.SECRETARIAT)


def access_profile_for_owner(user: Viewer) -> User:
    """Her own profile, consents and personal-data download: any signed-in member."""
    require_role(user, Role.MEMBER)
    assert isinstance(user, User)
    return user


def access_directory_for_member(user: Viewer) -> None:
    """The full member directory is for signed-in members; visitors see the public directory."""
    require_role(user, Role.MEMBER)


def access_applications_for_secretariat(user: Viewer) -> None:
    if not can_review_applications(user):
        raise PermissionDenied


def access_application_review_for_secretariat(user: Viewer, application: Application) -> Application:
    access_applications_for_secretariat(user)
    return application
