"""Shapes of third-party findings in the API and the pages' JSON twins."""

from __future__ import annotations

from ninja import Schema

from fourthp.findings.models import CountryFinding, FindingSource


class FindingSourceOut(Schema):
    slug: str
    title: str
    publisher: str
    url: str
    licence: str
    citation: str
    notes: str

    @staticmethod
    def from_model(source: FindingSource) -> FindingSourceOut:
        return FindingSourceOut(
            slug=source.slug,
            title=source.title,
            publisher=source.publisher,
            url=source.url,
            licence=source.licence,
            citation=source.citation,
            notes=source.notes,
        )


class FindingOut(Schema):
    source_slug: str
    source_title: str
    jurisdiction_code: str
    indicator: str
    indicator_label: str
    year_described: int
    published_year: int | None
    value: str
    conforms: bool | None
    standard: str
    detail: str

    @staticmethod
    def from_model(finding: CountryFinding) -> FindingOut:
        """Build from a finding fetched with its source and jurisdiction (select_related)."""
        return FindingOut(
            source_slug=finding.source.slug,
            source_title=finding.source.title,
            jurisdiction_code=finding.jurisdiction.code,
            indicator=finding.indicator,
            indicator_label=str(finding.get_indicator_display()),
            year_described=finding.year_described,
            published_year=finding.published_year,
            value=finding.value,
            conforms=finding.conforms,
            standard=str(finding.standard),
            detail=finding.detail,
        )
