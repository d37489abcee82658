"""Plain factories for the circles' tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from fourthp.accounts.models import User
from fourthp.briefs.models import Resource
from fourthp.briefs.tests.factories import make_resource
from fourthp.circles.models import Circle, CircleMembership, Meeting
from fourthp.testing import make_jurisdiction

_counter = itertools.count(1)


def make_circle(*, convenor: User | None = None, state: str = Circle.State.ACTIVE, **fields: Any) -> Circle:
    n = next(_counter)
    defaults: dict[str, Any] = {
        "slug": f"circle-{n}",
        "name": f"Reading circle {n}",
        "kind": Circle.Kind.LOCAL,
        "city": "Lyon",
        "time_zone": "Europe/Paris",
        "state": state,
        "proposed_by": convenor,
    }
    defaults.update(fields)
    if "jurisdiction" not in defaults:
        defaults["jurisdiction"] = make_jurisdiction()
    circle = Circle.objects.create(**defaults)
    if convenor is not None and state == Circle.State.ACTIVE:
        join(circle, convenor, role=CircleMembership.Role.CONVENOR)
    return circle


def join(circle: Circle, user: User, *, role: str = CircleMembership.Role.MEMBER) -> CircleMembership:
    return CircleMembership.objects.create(circle=circle, user=user, state=CircleMembership.State.ACTIVE, role=role)


def make_brief(slug: str = "") -> Resource:
    return make_resource(slug or f"brief-{next(_counter)}", published=True)


def make_meeting(circle: Circle, *, days: int = 14, brief: Resource | None = None, **fields: Any) -> Meeting:
    defaults: dict[str, Any] = {
        "starts_at": timezone.now() + dt.timedelta(days=days),
        "time_zone": circle.time_zone,
        "brief": brief or make_brief(),
        "guide": "1. What does the brief ask of a local council?",
    }
    defaults.update(fields)
    return Meeting.objects.create(circle=circle, **defaults)
