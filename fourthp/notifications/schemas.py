"""The shapes of notifications and follows in the API and the JSON twins."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from fourthp.notifications.models import Follow, Notification


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None

    @classmethod
    def of(cls, n: Notification) -> NotificationOut:
        return cls(id=n.pk, kind=n.kind, text=n.text, url=n.url, created_at=n.created_at, read_at=n.read_at)


class NotificationPageOut(Schema):
    unread: int
    count: int
    page: int
    pages: int
    items: list[NotificationOut]


class FollowOut(Schema):
    type: str
    id: int
    name: str
    url: str
    since: dt.datetime

    @classmethod
    def of(cls, follow: Follow, type_name: str) -> FollowOut:
        target = follow.target
        url = str(target.get_absolute_url()) if target is not None and hasattr(target, "get_absolute_url") else ""
        return cls(type=type_name, id=follow.object_id, name=str(target), url=url, since=follow.created_at)


class FollowListOut(Schema):
    count: int
    items: list[FollowOut]
