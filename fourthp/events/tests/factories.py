"""Plain factories for the events tests (the shared ones are in fourthp.testing)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from fourthp.events.models import Event, Registration

_counter = itertools.count(1)


def make_event(**fields: Any) -> Event:
    """A published public virtual event ten days from now, two hours long, unless told otherwise."""
    n = next(_counter)
    starts_at = fields.pop("starts_at", timezone.now() + dt.timedelta(days=10)).replace(second=0, microsecond=0)
    defaults: dict[str, Any] = {
        "title": f"Convening {n}",
        "description": "A meeting of legislators about **debt bondage**.",
        "kind": Event.Kind.VIRTUAL,
        "starts_at": starts_at,
        "ends_at": starts_at + dt.timedelta(hours=2),
        "time_zone": "Europe/Brussels",
        "online_link": f"https://meet.example.org/room-{n}",
        "audience": Event.Audience.PUBLIC,
        "state": Event.State.PUBLISHED,
    }
    defaults.update(fields)
    return Event.objects.create(**defaults)


def make_registration(
    event: Event, user: Any, state: str = Registration.State.CONFIRMED, **fields: Any
) -> Registration:
    now = fields.pop("created_at", timezone.now())
    return Registration.objects.create(
        event=event,
        user=user,
        state=state,
        created_at=now,
        confirmed_at=now if state == Registration.State.CONFIRMED else None,
        **fields,
    )
