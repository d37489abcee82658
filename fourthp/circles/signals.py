"""Personal data in circles: what a deleted account leaves behind, and what a member may download.

Deleting an account ends her memberships (the rows stay as "left"), takes her off the attendance of
past meetings, and takes her name off the circles she proposed and the notes she posted, which stay.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from fourthp.accounts.actions import account_deleting, personal_data_requested
from fourthp.circles.models import Circle, CircleMembership, Meeting


@receiver(account_deleting)
def forget_circle_member(sender: Any, user: Any, **kwargs: Any) -> None:
    CircleMembership.objects.filter(user=user, state__in=CircleMembership.OPEN_STATES).update(
        state=CircleMembership.State.LEFT, decided_at=timezone.now()
    )
    for meeting in Meeting.objects.filter(present=user):
        meeting.present.remove(user)
    Circle.objects.filter(proposed_by=user).update(proposed_by=None)
    Meeting.objects.filter(notes_by=user).update(notes_by=None)


def _when(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


@receiver(personal_data_requested)
def circle_personal_data(sender: Any, user: Any, **kwargs: Any) -> dict[str, Any]:
    memberships = CircleMembership.objects.filter(user=user).select_related("circle").order_by("requested_at")
    attended = Meeting.objects.filter(present=user).select_related("circle", "brief").order_by("starts_at")
    return {
        "circle_memberships": [
            {
                "circle": m.circle.name,
                "circle_slug": m.circle.slug,
                "state": m.state,
                "role": m.role,
                "requested_at": _when(m.requested_at),
                "decided_at": _when(m.decided_at),
            }
            for m in memberships
        ],
        "circle_meetings_attended": [
            {"circle": m.circle.name, "brief": m.brief.title, "starts_at": _when(m.starts_at)} for m in attended
        ],
        "circles_proposed": [c.slug for c in Circle.objects.filter(proposed_by=user).order_by("created_at")],
    }
