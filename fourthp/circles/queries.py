"""Reads on circles, shared by the pages, their JSON twins and the API."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from fourthp.accounts.access import has_role
from fourthp.accounts.roles import Role
from fourthp.circles.models import Circle, CircleMembership, Meeting, no_circle_message
from fourthp.core.errors import get_or_not_found
from fourthp.jurisdictions.models import Jurisdiction


def list_circles(viewer: Any = None, *, jurisdiction: Jurisdiction | None = None, kind: str = "") -> QuerySet[Circle]:
    """The circles `viewer` may see listed: the query twin of `fourthp.circles.access.can_see_circle`.

    Active circles for everyone; the secretariat also sees every proposal, and a member her own.
    `jurisdiction` takes in the places beneath it (a country lists its states' circles).
    """
    qs = Circle.objects.all()
    if not has_role(viewer, Role.SECRETARIAT):
        seen = Q(state=Circle.State.ACTIVE)
        if getattr(viewer, "is_authenticated", False):
            seen |= Q(proposed_by=viewer)
        qs = qs.filter(seen)
    if jurisdiction is not None:
        qs = qs.filter(Q(jurisdiction=jurisdiction) | Q(jurisdiction__parent=jurisdiction))
    if kind:
        qs = qs.filter(kind=kind)
    return (
        qs.select_related("jurisdiction")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__state=CircleMembership.State.ACTIVE), distinct=True)
        )
        .order_by("jurisdiction__name", "city", "name")
    )


def get_circle(slug: str) -> Circle:
    return get_or_not_found(
        Circle.objects.select_related("jurisdiction", "proposed_by"), no_circle_message(slug), slug=slug
    )


def get_meeting(circle: Circle, meeting_id: int) -> Meeting:
    from django.utils.translation import gettext as _

    return get_or_not_found(
        circle.meetings.select_related("brief", "notes_by"),
        _("The circle %(circle)s has no meeting number %(id)s.") % {"circle": circle.name, "id": meeting_id},
        pk=meeting_id,
    )


def get_membership(circle: Circle, membership_id: int) -> CircleMembership:
    from django.utils.translation import gettext as _

    return get_or_not_found(
        circle.memberships.select_related("user"),
        _("The circle %(circle)s has no request number %(id)s.") % {"circle": circle.name, "id": membership_id},
        pk=membership_id,
    )


def list_programme(circle: Circle) -> QuerySet[Meeting]:
    return circle.meetings.select_related("brief").order_by("starts_at", "pk")


def next_meeting(circle: Circle) -> Meeting | None:
    return circle.meetings.upcoming().select_related("brief").first()


def list_members(circle: Circle) -> QuerySet[CircleMembership]:
    return (
        circle.memberships.filter(state=CircleMembership.State.ACTIVE, user__is_active=True)
        .select_related("user__profile")
        .order_by("-role", "requested_at", "pk")
    )


def list_requests(circle: Circle) -> QuerySet[CircleMembership]:
    return circle.memberships.filter(state=CircleMembership.State.REQUESTED).select_related("user__profile")
