"""The shapes of events in the API and in the pages' JSON twins."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from fourthp.events.models import Event
from fourthp.events.queries import Seats


class AgendaItemOut(Schema):
    order: int
    starts_at: dt.datetime | None
    title: str
    description: str


class SpeakerOut(Schema):
    name: str
    affiliation: str


class EventOut(Schema):
    id: int
    url: str
    title: str
    kind: str
    state: str
    audience: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time_zone: str
    place: str
    capacity: int | None
    registration_deadline: dt.datetime | None
    working_group: str | None
    provisions: list[str]
    ics_url: str

    @classmethod
    def fields_of(cls, event: Event) -> dict[str, Any]:
        return {
            "id": event.pk,
            "url": event.get_absolute_url(),
            "title": event.title,
            "kind": event.kind,
            "state": event.state,
            "audience": event.audience,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "time_zone": event.time_zone,
            "place": event.place if event.is_in_person else "",
            "capacity": event.capacity,
            "registration_deadline": event.registration_deadline,
            "working_group": event.working_group.slug if event.working_group else None,
            "provisions": sorted({p.slug for p in event.provisions.all()}),
            "ics_url": event.get_absolute_url().rstrip("/") + ".ics",
        }

    @classmethod
    def from_model(cls, event: Event) -> EventOut:
        return cls(**cls.fields_of(event))


class EventDetailOut(EventOut):
    description: str
    seats_taken: int
    seats_left: int | None
    waiting_list: int
    registration_open: bool
    your_registration: str | None
    online_link: str | None
    agenda: list[AgendaItemOut]
    speakers: list[SpeakerOut]
    report: str | None
    report_published_at: dt.datetime | None

    @classmethod
    def describe(cls, event: Event, *, seats: Seats, state: str | None, with_link: bool) -> EventDetailOut:
        """The event's detail; `online_link` only when the reader may see it, the report once published."""
        return cls(
            **cls.fields_of(event),
            description=event.description,
            seats_taken=seats.taken,
            seats_left=seats.left,
            waiting_list=seats.waiting,
            registration_open=event.registration_open,
            your_registration=state,
            online_link=event.online_link if with_link and event.online_link else None,
            agenda=[
                AgendaItemOut(order=i.order, starts_at=i.starts_at, title=i.title, description=i.description)
                for i in event.agenda_items.all()
            ],
            speakers=[SpeakerOut(name=s.name, affiliation=s.affiliation) for s in listed_speakers(event)],
            report=event.report if event.report_is_published else None,
            report_published_at=event.report_published_at if event.report_is_published else None,
        )


def listed_speakers(event: Event) -> list[Any]:
    """Speakers who agreed to be listed publicly; the others are not named anywhere public."""
    return [s for s in event.speakers.all() if s.agreed_to_be_listed]


class EventListOut(Schema):
    items: list[EventOut]
    count: int
    group: str
    provision: str
