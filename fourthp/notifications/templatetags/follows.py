"""`{% follow_button thing %}`: the follow / unfollow button on a followable thing's page (signed-in only)."""

from __future__ import annotations

from typing import Any

from django import template

from fourthp.notifications.queries import is_following, unread_count
from fourthp.notifications.targets import type_of

register = template.Library()


@register.inclusion_tag("notifications/_follow_button.html", takes_context=True)
def follow_button(context: dict[str, Any], thing: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or thing is None:
        return {"hidden": True}
    return {
        "kind": type_of(thing),
        "pk": thing.pk,
        "following": is_following(user, thing),
        "next": request.get_full_path() if request is not None else "",
    }


@register.simple_tag(takes_context=True)
def unread_notifications(context: dict[str, Any]) -> int:
    """The number for the navigation's badge: `{% unread_notifications as n %}`."""
    request = context.get("request")
    return unread_count(getattr(request, "user", None))
