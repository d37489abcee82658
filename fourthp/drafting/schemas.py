"""The shapes of the model provision library in the API and the JSON twins."""

from __future__ import annotations

from ninja import Schema

from fourthp.accounts.site import absolute_url
from fourthp.drafting.models import ModelProvision, ModelProvisionVersion
from fourthp.drafting.queries import EnactedIn


class OptionOut(Schema):
    name: str
    label: str
    values: list[str]
    default: str


class DefinedTermOut(Schema):
    term: str
    definition: str


class VariantOut(Schema):
    tradition: str
    level: str
    heading: str
    text: str  # Markdown with {{placeholders}}


class QuoteOut(Schema):
    citation: str
    quote: str
    url: str


class EnactedInOut(Schema):
    jurisdiction: str
    jurisdiction_name: str
    report_card: str
    evidence: list[QuoteOut]

    @classmethod
    def from_row(cls, row: EnactedIn) -> EnactedInOut:
        j = row.assessment.jurisdiction
        return cls(
            jurisdiction=j.code,
            jurisdiction_name=j.name,
            report_card=absolute_url(f"/jurisdictions/{j.code}/report-card/"),
            evidence=[
                QuoteOut(citation=e.section.citation, quote=e.quote, url=absolute_url(e.get_absolute_url()))
                for e in row.evidence
            ],
        )


class VersionOut(Schema):
    number: int
    state: str
    change_summary: str
    notes: str
    published_at: str | None
    options: list[OptionOut]
    defined_terms: list[DefinedTermOut]
    variants: list[VariantOut]

    @classmethod
    def from_model(cls, version: ModelProvisionVersion) -> VersionOut:
        return cls(
            number=version.number,
            state=version.state,
            change_summary=version.change_summary,
            notes=version.notes,
            published_at=version.published_at.isoformat() if version.published_at else None,
            options=[OptionOut(**o) for o in version.options],
            defined_terms=[DefinedTermOut(**t) for t in version.defined_terms],
            variants=[
                VariantOut(tradition=t.tradition, level=t.level, heading=t.heading, text=t.text)
                for t in version.texts.all()
            ],
        )


class ModelProvisionOut(Schema):
    slug: str
    title: str
    provision: str
    framework: str
    framework_version: int
    pillar: str
    state: str
    url: str
    current_version: VersionOut | None
    enacted_in: list[EnactedInOut]

    @classmethod
    def from_model(cls, model: ModelProvision, enacted_in: list[EnactedIn]) -> ModelProvisionOut:
        p = model.provision
        return cls(
            slug=model.slug,
            title=model.title,
            provision=p.slug,
            framework=p.framework.slug,
            framework_version=p.framework.version,
            pillar=p.pillar.slug,
            state=model.state,
            url=absolute_url(model.get_absolute_url()),
            current_version=VersionOut.from_model(model.current_version) if model.current_version else None,
            enacted_in=[EnactedInOut.from_row(r) for r in enacted_in],
        )


class ModelProvisionListOut(Schema):
    items: list[ModelProvisionOut]
    count: int


class ModelProvisionPageOut(ModelProvisionOut):
    versions: list[VersionOut]
    shown_tradition: str
    shown_level: str
    shown_text: str  # the chosen variant with its placeholders filled


class DiffRowOut(Schema):
    kind: str
    old: str
    new: str


class ModelCompareOut(Schema):
    slug: str
    old: int
    new: int
    tradition: str
    level: str
    rows: list[DiffRowOut]
