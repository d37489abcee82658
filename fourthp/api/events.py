"""API endpoints for events, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, ErrorOut, LazyOut, caller
from fourthp.events.access import access_event_view_for_audience, can_see_event_link
from fourthp.events.queries import EventFilters, get_event, list_events, registration_of, seats_of
from fourthp.events.schemas import EventDetailOut, EventOut

router = Router(tags=["events"])


class EventQuery(Schema):
    group: str = ""
    provision: str = ""
    past: bool | None = None


@router.get("/events", response={200: list[EventOut], 401: ErrorOut}, url_name="api-events-list")
@paginate(ApiPagination)
def events_list(request: HttpRequest, filters: Query[EventQuery]) -> Any:
    """The events the caller may see, upcoming first (soonest first), then past ones (latest first).

    Visitors see public events; a member's token adds members' events and those of her working groups.
    Filter by working group slug (`group`), provision id (`provision`) and `past` (true: only past, false:
    only upcoming).
    """
    user = caller(request)
    qs = list_events(user, EventFilters(group=filters.group, provision=filters.provision, past=filters.past))
    return LazyOut(qs, EventOut.from_model)


@router.get("/events/{event_id}", response={200: EventDetailOut, 401: ErrorOut, **ERRORS}, url_name="api-events-detail")
def events_detail(request: HttpRequest, event_id: int) -> Any:
    """One event with its agenda, listed speakers, seats and waiting list, and the report once published.

    `online_link` is filled in only for a confirmed participant or the secretariat; `your_registration`
    is the caller's state (confirmed, waitlisted) or null. An event outside the caller's audience answers 404.
    """
    user = caller(request)
    event = access_event_view_for_audience(user, get_event(event_id))
    registration = registration_of(user, event)
    return EventDetailOut.describe(
        event,
        seats=seats_of(event),
        state=registration.state if registration else None,
        with_link=can_see_event_link(user, event),
    )
