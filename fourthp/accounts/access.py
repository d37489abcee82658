"""Roles and the pieces every app's access rules are built from.

Each app keeps its own rules in its `access.py`: each rule once, as a typed
predicate (`can_edit_assessment(user, assessment) -> bool`), and the
`access_<thing>_for_<role>` helpers views call, built on the predicates. A
helper returns the object the caller may act on or raises PermissionDenied (403)
or Http404. Views call them after `login_required`, so a visitor is sent to sign
in and a signed-in account without the role gets a 403. Each condition stands on
its own line so that a rule reads as written.

An object the caller may not even know of (a draft, another analyst's run, a
contact request between others, an event outside her audience, another's
token) answers 404 (`unseen`), exactly as a missing one does, so that trying
numbers tells nothing. 403 is kept for what is known to exist: a role-gated
page, or a step on an object the caller may see but not act on. On a page gated
by role, the role is checked before the object is looked up, so a missing object
and a present one both answer 403 to the wrong role.

This module knows roles and accounts only, never another app's models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from fourthp.accounts.roles import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from fourthp.accounts.models import ApiToken, User

Viewer: TypeAlias = "User | AnonymousUser"
"""Whoever asks: a signed-in account or an anonymous visitor."""


def unseen(message: str, obj: Any) -> Http404:
    """The 404 for an object the caller may not know of: the same words as for a missing number."""
    return Http404(message % {"id": obj.pk})


def roles_of(user: Viewer | None) -> frozenset[str]:
    """The roles a user holds, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset({Role.VISITOR.value})
    cached = getattr(user, "_fourthp_roles", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    names = set(user.groups.values_list("name", flat=True))
    names.add(Role.MEMBER.value)
    # The first account made with `createsuperuser` runs the secretariat.
    if user.is_superuser:
        names.add(Role.SECRETARIAT.value)
    roles = frozenset(names)
    setattr(user, "_fourthp_roles", roles)  # noqa: B010  (cached for the request, not a field)
    return roles


def has_role(user: Viewer | None, *roles: Role) -> bool:
    held = roles_of(user)
    return any(role.value in held for role in roles)


# Roles that publish findings or run the site sign in with a second factor.
TWO_FACTOR_ROLES: tuple[Role, ...] = (Role.REVIEWER, Role.SECRETARIAT)


def needs_two_factor_set_up(user: Viewer) -> bool:
    """A reviewer or secretariat account that has no authenticator app yet."""
    from allauth.mfa.models import Authenticator

    if not has_role(user, *TWO_FACTOR_ROLES):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def require_role(user: Viewer, *roles: Role) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


def access_history_for_analyst(user: Viewer) -> None:
    """Who changed what is shown to those who curate and review the record."""
    require_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def can_use_token(user: Viewer, token: ApiToken) -> bool:
    """A token is seen and revoked by the account it acts for."""
    return user.is_authenticated and token.user_id == user.pk


def access_token_for_owner(user: Viewer, token: ApiToken) -> ApiToken:
    """Another person's token is not shown to exist."""
    if not can_use_token(user, token):
        raise unseen(_("There is no token number %(id)s."), token)
    return token
