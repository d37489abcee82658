"""The shapes of the model provision library in the API and the JSON twins."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Field, Schema

from fourthp.accounts.site import absolute_url
from fourthp.drafting.models import Draft, DraftVersion, ModelProvision, ModelProvisionVersion
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


# ------------------------------------------------------------------------------------- the drafting assistant


class DraftIn(Schema):
    jurisdiction: str = Field(description="The jurisdiction: a code such as CA or US-DC, or its name.", max_length=200)
    provisions: list[str] | None = Field(
        None, description="Framework provision ids to draft; left out, the gaps of today's report card."
    )
    options: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Options chosen: model provision slug → option name → value."
    )
    tradition: Literal["common_law", "civil_law"] | None = Field(
        None, description="common_law or civil_law; left out, the jurisdiction's own."
    )
    level: Literal["national", "subnational"] | None = Field(
        None, description="national or subnational; left out, the jurisdiction's own."
    )


class DraftOut(Schema):
    id: int
    url: str
    jurisdiction: str
    title: str
    tradition: str
    level: str
    version: int
    versions: int
    created_at: dt.datetime
    updated_at: dt.datetime
    choices: dict[str, Any]
    notes: list[str]
    bill: dict[str, Any]

    @staticmethod
    def from_model(draft: Draft, version: DraftVersion) -> DraftOut:
        return DraftOut(
            id=draft.pk,
            url=absolute_url(draft.get_absolute_url()),
            jurisdiction=draft.jurisdiction.code,
            title=draft.title,
            tradition=draft.tradition,
            level=draft.level,
            version=version.number,
            versions=draft.versions.count(),
            created_at=draft.created_at,
            updated_at=draft.updated_at,
            choices=version.choices,
            notes=list(version.notes),
            bill=version.bill,
        )
