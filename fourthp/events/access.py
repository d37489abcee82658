"""Who may do what with events: each rule once, as a predicate; the access_* helpers build on them.

`Event.objects.visible_to(user)` is the query twin of `can_see_event`;
`tests/test_access_rules.py` proves they agree for every example user.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from fourthp.accounts.access import Viewer, has_role, require_role, unseen
from fourthp.accounts.models import User
from fourthp.accounts.roles import Role
from fourthp.events.models import Event, EventPhoto, Registration


def can_see_event(user: Viewer | None, event: Event) -> bool:
    """Public events are seen by all, members' events by members, a group's event by its members.

    Drafts and cancelled events are seen by the secretariat alone."""
    if has_role(user, Role.SECRETARIAT):
        return True
    if event.state != Event.State.PUBLISHED:
        return False
    if event.audience == Event.Audience.PUBLIC:
        return True
    if not has_role(user, Role.MEMBER):
        return False
    if event.audience == Event.Audience.MEMBERS:
        return True
    return event.working_group is not None and event.working_group.is_member(user)


def can_see_event_link(user: Viewer | None, event: Event) -> bool:
    """The meeting link is shown only to confirmed participants and the secretariat."""
    if has_role(user, Role.SECRETARIAT):
        return True
    if user is None or not user.is_authenticated:
        return False
    return bool(event.registrations.filter(user=user, state=Registration.State.CONFIRMED).exists())


def can_manage_events(user: Viewer | None) -> bool:
    """Creating events, marking attendance and writing reports is the secretariat's work."""
    return has_role(user, Role.SECRETARIAT)


def access_event_view_for_audience(user: Viewer, event: Event) -> Event:
    """An event outside the viewer's audience answers 404, so its existence is not given away."""
    if can_see_event(user, event):
        return event
    raise unseen(_("There is no event number %(id)s."), event)


def access_event_register_for_audience(user: Viewer, event: Event) -> Event:
    """A visitor gets 403; a member outside the event's audience 404."""
    require_role(user, Role.MEMBER)
    return access_event_view_for_audience(user, event)


def access_event_create_for_secretariat(user: Viewer) -> None:
    if not can_manage_events(user):
        raise PermissionDenied


def access_event_manage_for_secretariat(user: Viewer, event: Event) -> Event:
    """An event the viewer may not see answers 404 first, so a draft's number gives nothing away."""
    access_event_view_for_audience(user, event)
    access_event_create_for_secretariat(user)
    return event


def can_see_photo(user: Viewer | None, photo: EventPhoto) -> bool:
    """A photo is seen by the secretariat always; by others only with consent recorded, not withdrawn,
    of a published event they may see. `EventPhoto.objects.visible_to` is the same rule as a query."""
    if has_role(user, Role.SECRETARIAT):
        return True
    if photo.consent_recorded_at is None:
        return False
    if photo.withdrawn_at is not None:
        return False
    return can_see_event(user, photo.event)


def access_photo_for_viewer(user: Viewer, photo: EventPhoto | None) -> EventPhoto:
    """A photo the viewer may not see answers 404, as a missing one does: without consent it does not exist."""
    if photo is not None and can_see_photo(user, photo):
        return photo
    raise Http404(_("There is no such photo."))


def access_calendar_feed_for_owner(user: Viewer) -> User:
    require_role(user, Role.MEMBER)
    assert isinstance(user, User)
    return user
