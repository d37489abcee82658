"""Shapes of members in the API and the pages' JSON twins.

A field the viewer may not see is left unset, and every answer is dumped with
`exclude_unset`, so it is absent from the JSON rather than null.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from fourthp.jurisdictions.schemas import JurisdictionRef
from fourthp.members.access import can_see_lived_experience
from fourthp.members.models import Profile
from fourthp.members.queries import CountryCount
from fourthp.members.visibility import visible_fields


class TopicOut(Schema):
    kind: str = Field(description="pillar or provision")
    slug: str
    title: str


class MemberOut(Schema):
    id: int
    url: str
    kind: str = Field(description="person or organisation")
    name: str | None = None
    role: str | None = None
    jurisdiction: JurisdictionRef | None = None
    legislature: str | None = None
    chamber: str | None = None
    party: str | None = None
    committees: str | None = None
    topics: list[TopicOut] | None = None
    languages: list[str] | None = None
    organisation: str | None = None
    bio: str | None = None
    contact: str | None = None
    lived_experience: bool | None = Field(None, description="Shown to the secretariat and the member herself only.")

    @staticmethod
    def from_model(profile: Profile, viewer: Any) -> MemberOut:
        """The fields of `profile` that `viewer` may see; the others are left unset."""
        seen = visible_fields(profile, viewer)
        values: dict[str, Any] = {}
        for field in seen:
            if field == "jurisdiction":
                j = profile.jurisdiction
                values[field] = JurisdictionRef.from_model(j) if j is not None else None
            elif field == "topics":
                values[field] = [
                    TopicOut(kind="pillar", slug=p.slug, title=p.title) for p in profile.topic_pillars.all()
                ]
                values[field] += [
                    TopicOut(kind="provision", slug=p.slug, title=p.title) for p in profile.topic_provisions.all()
                ]
            elif field == "languages":
                values[field] = list(profile.languages or [])
            else:
                values[field] = getattr(profile, field)
        if can_see_lived_experience(viewer, profile):
            values["lived_experience"] = profile.is_protected
        return MemberOut(
            id=profile.pk,
            url=reverse("member-detail", args=[profile.pk]),
            kind=profile.kind,
            **values,
        )

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)


class MemberListOut(Schema):
    items: list[MemberOut]
    count: int

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)


class CountryOut(Schema):
    jurisdiction: JurisdictionRef
    count: int

    @staticmethod
    def from_count(row: CountryCount) -> CountryOut:
        return CountryOut(jurisdiction=JurisdictionRef.from_model(row.jurisdiction), count=row.count)


class CountriesOut(Schema):
    what_is_counted: str
    countries: list[CountryOut]
    total: int
