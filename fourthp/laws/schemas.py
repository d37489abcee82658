from __future__ import annotations

import datetime as dt

from ninja import Schema

from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.schemas import JurisdictionOut, JurisdictionRef
from fourthp.laws.models import Instrument, Section
from fourthp.laws.queries import SearchResults, list_instruments


class InstrumentRef(Schema):
    key: str
    title: str
    url: str


class SectionSummaryOut(Schema):
    key: str
    number: str
    heading: str
    citation: str
    order: int
    url: str


class SectionOut(SectionSummaryOut):
    version: int
    is_current: bool
    language: str
    text: str
    instrument: InstrumentRef
    jurisdiction: JurisdictionRef

    @staticmethod
    def from_model(s: Section) -> SectionOut:
        instrument = s.instrument
        return SectionOut(
            key=s.key,
            number=s.number,
            heading=s.heading,
            citation=s.citation,
            order=s.order,
            url=s.get_absolute_url(),
            version=s.version,
            is_current=s.is_current,
            language=s.language,
            text=s.text,
            instrument=InstrumentRef(key=instrument.key, title=instrument.title, url=instrument.get_absolute_url()),
            jurisdiction=JurisdictionRef.from_model(instrument.jurisdiction),
        )


class SectionPageOut(SectionOut):
    versions: list[int]


def section_summary(s: Section) -> SectionSummaryOut:
    return SectionSummaryOut(
        key=s.key, number=s.number, heading=s.heading, citation=s.citation, order=s.order, url=s.get_absolute_url()
    )


class InstrumentOut(Schema):
    key: str
    title: str
    short_title: str
    type: str
    status: str
    language: str
    jurisdiction: JurisdictionRef
    source_url: str
    source_name: str
    licence: str
    enacted_on: dt.date | None
    in_force_from: dt.date | None
    repealed_on: dt.date | None
    notes: str
    section_count: int
    url: str

    @staticmethod
    def from_model(i: Instrument, *, section_count: int) -> InstrumentOut:
        return InstrumentOut(
            key=i.key,
            title=i.title,
            short_title=i.short_title,
            type=i.type,
            status=i.status,
            language=i.language,
            jurisdiction=JurisdictionRef.from_model(i.jurisdiction),
            source_url=i.source_url,
            source_name=i.source_name,
            licence=i.licence,
            enacted_on=i.enacted_on,
            in_force_from=i.in_force_from,
            repealed_on=i.repealed_on,
            notes=i.notes,
            section_count=section_count,
            url=i.get_absolute_url(),
        )


class InstrumentListOut(Schema):
    items: list[InstrumentOut]
    count: int


class SectionTextOut(SectionSummaryOut):
    text: str


class InstrumentDetailOut(InstrumentOut):
    sections: list[SectionTextOut]


def describe_instrument(i: Instrument) -> InstrumentDetailOut:
    # current_sections is set by find_instrument.
    sections = i.current_sections  # type: ignore[attr-defined]
    base = InstrumentOut.from_model(i, section_count=len(sections))
    return InstrumentDetailOut(
        **base.model_dump(),
        sections=[SectionTextOut(**section_summary(s).model_dump(), text=s.text) for s in sections],
    )


class SearchHitOut(Schema):
    section: SectionSummaryOut
    instrument: InstrumentRef
    jurisdiction: JurisdictionRef
    snippet_html: str
    # "cited": evidence for the provision searched, in a published assessment; "suggested": the analyzer
    # ranks it for that provision; "": it matches the words searched.
    reason: str = ""


class SearchOut(Schema):
    query: str
    count: int
    items: list[SearchHitOut]


class JurisdictionDetailOut(JurisdictionOut):
    instruments: list[InstrumentOut]
    subdivisions: list[JurisdictionRef]


def describe_jurisdiction(j: Jurisdiction) -> JurisdictionDetailOut:
    """A jurisdiction with its instruments and subdivisions: three queries."""
    instruments = list_instruments(jurisdiction_code=j.code)
    aliases = list(j.aliases.values_list("code", flat=True))
    return JurisdictionDetailOut(
        **JurisdictionOut.from_model(j, aliases=aliases).model_dump(),
        instruments=[InstrumentOut.from_model(i, section_count=i.section_count) for i in instruments],  # type: ignore[attr-defined]
        subdivisions=[JurisdictionRef.from_model(c) for c in j.children.order_by("name")],
    )


def describe_search(query: str, results: SearchResults) -> SearchOut:
    """Search results in the shape shared by the search page's JSON twin and the API."""
    return SearchOut(
        query=query,
        count=results.count,
        items=[
            SearchHitOut(
                section=section_summary(hit.section),
                instrument=InstrumentRef(
                    key=hit.section.instrument.key,
                    title=hit.section.instrument.title,
                    url=hit.section.instrument.get_absolute_url(),
                ),
                jurisdiction=JurisdictionRef.from_model(hit.section.instrument.jurisdiction),
                snippet_html=hit.snippet_html,
                reason=hit.reason,
            )
            for hit in results.hits
        ],
    )
