"""Who may do what with procurement screens: each rule once, as a predicate; the access_* helpers build on them.

A screen may hold a company's or a public body's purchases, so it is seen by whoever uploaded it and by no one
else, not even the secretariat: another's screen is not shown to exist (404).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role, unseen
from fourthp.accounts.limits import over_rate_usage
from fourthp.accounts.models import User
from fourthp.accounts.roles import Role
from fourthp.supplychains.models import ProcurementScreen
from fourthp.supplychains.queries import get_screen


def can_screen(user: User | AnonymousUser) -> bool:
    """Any member screens her purchases."""
    return has_role(user, Role.MEMBER)


def can_see_screen(user: User | AnonymousUser, screen: ProcurementScreen) -> bool:
    return can_screen(user) and screen.owner_id == user.pk


def access_screens_for_member(user: User | AnonymousUser) -> None:
    if not can_screen(user):
        raise PermissionDenied


def access_screen_for_owner(user: User | AnonymousUser, screen_id: int) -> ProcurementScreen:
    """The screen, for its owner; 404 for anyone else, with the words of a missing one."""
    access_screens_for_member(user)
    screen = get_screen(screen_id)
    if not can_see_screen(user, screen):
        raise unseen(_("There is no procurement screen number %(id)s."), screen)
    return screen


SCREENS_RATE_GROUP = "procurement-screens"


def over_screen_rate(request: HttpRequest, user: Any) -> bool:
    """Count one screen started against PROCUREMENT_SCREENS_RATE for the member (pages and API together)."""
    rate = settings.PROCUREMENT_SCREENS_RATE
    return over_rate_usage(request, SCREENS_RATE_GROUP, f"user:{user.pk}", rate, name="Procurement screen") is not None
