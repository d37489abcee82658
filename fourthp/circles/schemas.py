"""Shapes of circles in the API and the pages' JSON twins.

Members are never listed here: names go through the visibility gate on the page only, and the JSON
twin gives their count. Notes and attendance stay within the circle.
"""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from fourthp.circles.models import Circle, Meeting


class MeetingOut(Schema):
    id: int
    starts_at: dt.datetime = Field(description="In UTC.")
    time_zone: str = Field(description="The IANA time zone the meeting is given in.")
    duration_minutes: int
    location: str
    brief_title: str
    brief_url: str
    guide: str = Field(description="The discussion guide; Markdown.")
    notes_posted: bool
    cancelled: bool = Field(description="Whether a convenor cancelled the meeting.")
    cancel_reason: str = Field(description="Why, as the members were told; empty unless cancelled.")
    url: str

    @staticmethod
    def from_model(meeting: Meeting) -> MeetingOut:
        return MeetingOut(
            id=meeting.pk,
            starts_at=meeting.starts_at,
            time_zone=meeting.time_zone,
            duration_minutes=meeting.duration_minutes,
            location=meeting.location,
            brief_title=meeting.brief.title,
            brief_url=meeting.brief.get_absolute_url(),
            guide=meeting.guide,
            notes_posted=meeting.notes_posted_at is not None,
            cancelled=meeting.is_cancelled,
            cancel_reason=meeting.cancel_reason,
            url=meeting.get_absolute_url(),
        )


class CircleSummaryOut(Schema):
    slug: str
    name: str
    kind: str = Field(description="local (a local circle) or chapter (a student chapter).")
    state: str = Field(description="active for every circle a visitor sees; proposed or declined for its proposer.")
    jurisdiction: str = Field(description="The code of the country or state it meets in.")
    jurisdiction_name: str
    city: str
    campus: str = Field(description="For a student chapter, its university or college.")
    joining: str = Field(description="open or approval.")
    member_count: int
    url: str

    @staticmethod
    def from_model(circle: Circle) -> CircleSummaryOut:
        count = getattr(circle, "member_count", None)
        if count is None:
            count = circle.memberships.filter(state="active").count()
        return CircleSummaryOut(
            slug=circle.slug,
            name=circle.name,
            kind=circle.kind,
            state=circle.state,
            jurisdiction=circle.jurisdiction.code,
            jurisdiction_name=circle.jurisdiction.name,
            city=circle.city,
            campus=circle.campus,
            joining=circle.joining,
            member_count=count,
            url=circle.get_absolute_url(),
        )


class CircleListOut(Schema):
    items: list[CircleSummaryOut]
    count: int
    place: str = ""
    kind: str = ""


class CircleDetailOut(CircleSummaryOut):
    description: str = Field(description="Markdown.")
    time_zone: str
    programme: list[MeetingOut]

    @staticmethod
    def describe(circle: Circle, meetings: list[Meeting]) -> CircleDetailOut:
        summary = CircleSummaryOut.from_model(circle)
        return CircleDetailOut(
            **summary.dict(),
            description=circle.description,
            time_zone=circle.time_zone,
            programme=[MeetingOut.from_model(m) for m in meetings],
        )
