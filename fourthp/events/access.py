"""Who may do what in events."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role, require_role, unseen
from fourthp.accounts.roles import Role


def can_see_event(user: Any, event: Any) -> bool:
    """Public events are seen by all, members' events by members, a group's event by its members."""
    if has_role(user, Role.SECRETARIAT):
        return True
    if event.state != "published":
        return False
    if event.audience == "public":
        return True
    if not has_role(user, Role.MEMBER):
        return False
    if event.audience == "members":
        return True
    return event.working_group is not None and event.working_group.is_member(user)


def access_event_view_for_audience(user: Any, event: Any) -> Any:
    """An event outside the viewer's audience answers 404, so its existence is not given away."""
    if can_see_event(user, event):
        return event
    raise unseen(_("There is no event number %(id)s."), event)


def access_event_register_for_audience(user: Any, event: Any) -> Any:
    require_role(user, Role.MEMBER)
    return access_event_view_for_audience(user, event)


def can_see_event_link(user: Any, event: Any) -> bool:
    """The meeting link is shown only to confirmed participants and the secretariat."""
    if has_role(user, Role.SECRETARIAT):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(event.registrations.filter(user=user, state="confirmed").exists())


def access_event_manage_for_secretariat(user: Any, event: Any = None) -> Any:
    """Creating events, marking attendance and writing reports is the secretariat's work.

    An event given that the viewer may not see answers 404 first, so a draft's number gives nothing away."""
    if event is not None:
        access_event_view_for_audience(user, event)
    require_role(user, Role.SECRETARIAT)
    return event


def access_calendar_feed_for_owner(user: Any) -> Any:
    require_role(user, Role.MEMBER)
    return user
