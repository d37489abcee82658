"""The shapes of briefs and resources in the API and the pages' JSON twins."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from fourthp.briefs.citations import Footnote, Rendered
from fourthp.briefs.models import Resource


class FootnoteOut(Schema):
    number: int
    kind: str
    """stat (a figure of the registry) or section (a section of law)."""
    key: str
    text: str
    """The figure with its source, or the section's citation, as it reads now."""
    url: str
    note: str
    """For a superseded figure, that the newest estimate is given instead."""

    @classmethod
    def from_footnote(cls, f: Footnote) -> FootnoteOut:
        return cls(number=f.number, kind=f.kind, key=f.key, text=f.text, url=f.url, note=f.note)


class ResourceOut(Schema):
    slug: str
    url: str
    kind: str
    title: str
    summary: str
    language: str
    link: str
    """For an external resource, where it can be read."""
    state: str
    version: int
    published_at: dt.datetime | None
    provisions: list[str]
    jurisdictions: list[str]

    @classmethod
    def from_model(cls, r: Resource) -> ResourceOut:
        return cls(
            slug=r.slug,
            url=r.get_absolute_url(),
            kind=r.kind,
            title=r.title,
            summary=r.summary,
            language=r.language,
            link=r.url,
            state=r.state,
            version=r.version,
            published_at=r.published_at,
            provisions=sorted({p.slug for p in r.provisions.all()}),
            jurisdictions=sorted({j.code for j in r.jurisdictions.all()}),
        )


class ResourceListOut(Schema):
    items: list[ResourceOut]
    count: int


class ResourceDetailOut(ResourceOut):
    body_html: str
    """The text as sanitised HTML, with numbered footnote marks."""
    footnotes: list[FootnoteOut]

    @classmethod
    def from_rendered(cls, r: Resource, rendered: Rendered) -> ResourceDetailOut:
        return cls(
            **ResourceOut.from_model(r).dict(),
            body_html=str(rendered.html),
            footnotes=[FootnoteOut.from_footnote(f) for f in rendered.footnotes],
        )
