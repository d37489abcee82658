"""Who may do what with circles and chapters: each rule once, as a predicate; the access_* helpers build on them.

`list_circles(viewer)` (in `fourthp.circles.queries`) is the query twin of `can_see_circle`;
`tests/test_access_rules.py` proves they agree for every example user. A student is a member
(every signed-in account is), so she joins, convenes and proposes like any other.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fourthp.accounts.access import Viewer, has_role, require_role
from fourthp.accounts.roles import Role
from fourthp.circles.models import Circle, CircleMembership, no_circle_message
from fourthp.core.errors import NotFound


def _active_membership(user: Viewer | None, circle: Circle) -> CircleMembership | None:
    if user is None or not getattr(user, "is_authenticated", False) or user.pk is None:
        return None
    return circle.memberships.filter(user_id=user.pk, state=CircleMembership.State.ACTIVE).first()


def can_see_circle(user: Viewer | None, circle: Circle) -> bool:
    """An active circle is public; a proposed, declined or closed one is known to its proposer and the secretariat."""
    if circle.state == Circle.State.ACTIVE:
        return True
    if has_role(user, Role.SECRETARIAT):
        return True
    return user is not None and circle.proposed_by_id is not None and circle.proposed_by_id == user.pk


def is_circle_member(user: Viewer | None, circle: Circle) -> bool:
    return _active_membership(user, circle) is not None


def can_read_circle_notes(user: Viewer | None, circle: Circle) -> bool:
    """Meeting notes and who came stay within the circle: its active members and the secretariat."""
    return has_role(user, Role.SECRETARIAT) or is_circle_member(user, circle)


def can_convene_circle(user: Viewer | None, circle: Circle) -> bool:
    """Scheduling, notes, attendance and join requests: the circle's convenors and the secretariat."""
    if not has_role(user, Role.MEMBER):
        return False
    if has_role(user, Role.SECRETARIAT):
        return True
    membership = _active_membership(user, circle)
    return membership is not None and membership.role == CircleMembership.Role.CONVENOR


def can_join_circle(user: Viewer | None, circle: Circle) -> bool:
    return has_role(user, Role.MEMBER) and circle.state == Circle.State.ACTIVE


def can_propose_circle(user: Viewer | None) -> bool:
    return has_role(user, Role.MEMBER)


def can_decide_circle(user: Viewer | None) -> bool:
    """A proposal is opened or declined by the secretariat: a circle meets under the project's name."""
    return has_role(user, Role.SECRETARIAT)


def access_circle_view_for_audience(user: Viewer, circle: Circle) -> Circle:
    """A circle the viewer may not know of answers 404, with the words of a missing one."""
    if can_see_circle(user, circle):
        return circle
    raise NotFound(no_circle_message(circle.slug))


def access_circle_join_for_member(user: Viewer, circle: Circle) -> Circle:
    require_role(user, Role.MEMBER)
    circle = access_circle_view_for_audience(user, circle)
    if can_join_circle(user, circle):
        return circle
    raise PermissionDenied


def access_circle_convene_for_convenor(user: Viewer, circle: Circle) -> Circle:
    require_role(user, Role.MEMBER)
    circle = access_circle_view_for_audience(user, circle)
    if can_convene_circle(user, circle):
        return circle
    raise PermissionDenied


def access_circle_propose_for_member(user: Viewer) -> None:
    if not can_propose_circle(user):
        raise PermissionDenied


def access_circle_decide_for_secretariat(user: Viewer, circle: Circle) -> Circle:
    if not can_decide_circle(user):
        raise PermissionDenied
    return circle
