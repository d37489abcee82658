"""The shapes of campaigns, letters, inquiries and op-ed kits in the API and the pages' JSON twins: never an e-mail
address."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from fourthp.campaigns.models import Campaign, Inquiry, LetterTemplate, OpEdKit, Signature
from fourthp.campaigns.queries import Counts
from fourthp.members.models import Profile
from fourthp.members.visibility import visible_fields
from fourthp.statistics.models import Statistic


class SignatoryOut(Schema):
    """A signatory who chose to be named."""

    name: str
    organisation: str
    jurisdiction: str | None
    legislator: bool
    signed_at: dt.datetime | None

    @classmethod
    def from_model(cls, signature: Signature) -> SignatoryOut:
        return cls(
            name=signature.name,
            organisation=signature.organisation,
            jurisdiction=signature.jurisdiction.code if signature.jurisdiction else None,
            legislator=signature.is_legislator,
            signed_at=signature.confirmed_at,
        )


class CountsOut(Schema):
    signatures: int
    legislators: int
    named: int
    unnamed: int
    goal: int | None


class CampaignOut(Schema):
    slug: str
    url: str
    title: str
    state: str
    audience: str
    language: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    delivered_at: dt.datetime | None
    provisions: list[str]
    jurisdictions: list[str]
    counts: CountsOut

    @classmethod
    def fields_of(cls, campaign: Campaign, counts: Counts) -> dict[str, Any]:
        return {
            "slug": campaign.slug,
            "url": campaign.get_absolute_url(),
            "title": campaign.title,
            "state": campaign.state,
            "audience": campaign.audience,
            "language": campaign.language,
            "opens_on": campaign.opens_on,
            "closes_on": campaign.closes_on,
            "delivered_at": campaign.delivered_at,
            "provisions": sorted({p.slug for p in campaign.provisions.all()}),
            "jurisdictions": sorted({j.code for j in campaign.jurisdictions.all()}),
            "counts": CountsOut(
                signatures=counts.total,
                legislators=counts.legislators,
                named=counts.named,
                unnamed=counts.unnamed,
                goal=campaign.goal,
            ),
        }

    @classmethod
    def from_listed(cls, campaign: Any) -> CampaignOut:
        """From a row of `queries.list_campaigns`, which carries its counts."""
        counts = Counts(
            total=campaign.signature_count, legislators=campaign.legislator_count, named=campaign.named_count
        )
        return cls(**cls.fields_of(campaign, counts))


class CampaignDetailOut(CampaignOut):
    statement: str
    statement_languages: list[str]
    delivered_to: str
    signatories: list[SignatoryOut]

    @classmethod
    def describe(cls, campaign: Campaign, counts: Counts, listed: list[Signature]) -> CampaignDetailOut:
        languages = {campaign.language, *(k for k, v in (campaign.statement_translations or {}).items() if v)}
        return cls(
            **cls.fields_of(campaign, counts),
            statement=campaign.statement,
            statement_languages=sorted(languages),
            delivered_to=campaign.delivered_to if campaign.is_delivered else "",
            signatories=[SignatoryOut.from_model(s) for s in listed],
        )


class CampaignListOut(Schema):
    items: list[CampaignOut]
    count: int


# --- Writing to a representative ----------------------------------------------------------------


class LegislatorOut(Schema):
    """A legislator a visitor may write to: her name, and what else her profile shows the viewer; no address."""

    id: int
    name: str
    legislature: str
    chamber: str
    party: str

    @classmethod
    def from_profile(cls, profile: Profile, viewer: Any) -> LegislatorOut:
        seen = visible_fields(profile, viewer)
        return cls(
            id=profile.pk,
            name=profile.name,
            legislature=profile.legislature if "legislature" in seen else "",
            chamber=profile.chamber if "chamber" in seen else "",
            party=profile.party if "party" in seen else "",
        )


class LetterTemplateOut(Schema):
    id: int
    key: str
    title: str
    provision: str | None
    write_url: str

    @classmethod
    def from_model(cls, template: LetterTemplate, language: str, write_url: str) -> LetterTemplateOut:
        return cls(
            id=template.pk,
            key=template.key,
            title=template.text_in(language, "title"),
            provision=template.provision.slug if template.provision else None,
            write_url=write_url,
        )


class GapOut(Schema):
    provision: str
    title: str
    status: str
    templates: list[LetterTemplateOut]


class WritePlaceOut(Schema):
    jurisdiction: str
    name: str
    legislators: list[LegislatorOut]
    gaps: list[GapOut]
    generic_templates: list[LetterTemplateOut]


class LetterTemplateListOut(Schema):
    items: list[LetterTemplateOut]
    count: int


# --- Inquiries ---------------------------------------------------------------------------------


class InquiryOut(Schema):
    """A published inquiry (or, for its owner and the secretariat, any): never who recorded it beyond her choice."""

    id: int
    url: str
    jurisdiction: str
    agency: str
    question: str
    sent_on: dt.date
    due_on: dt.date
    reference: str
    status: str
    answer: str
    answered_on: dt.date | None
    published: bool

    @classmethod
    def from_model(cls, inquiry: Inquiry) -> InquiryOut:
        return cls(
            id=inquiry.pk,
            url=inquiry.get_absolute_url(),
            jurisdiction=inquiry.jurisdiction.code,
            agency=inquiry.agency,
            question=inquiry.question,
            sent_on=inquiry.sent_on,
            due_on=inquiry.due_on,
            reference=inquiry.reference,
            status=inquiry.shown_state,
            answer=inquiry.answer,
            answered_on=inquiry.answered_on,
            published=inquiry.published,
        )


class InquiryListOut(Schema):
    items: list[InquiryOut]
    count: int


# --- Op-ed kits ----------------------------------------------------------------------------------


class FigureOut(Schema):
    """A registry figure a kit cites, with its source; a superseded one names its newest successor."""

    id: int
    key: str
    measure: str
    value: str | None
    unit: str
    period: str
    source: str
    source_url: str
    quality: str
    successor: int | None
    url: str

    @classmethod
    def from_model(cls, figure: Statistic) -> FigureOut:
        successor = figure.newest_successor()
        value = figure.shown_value
        return cls(
            id=figure.pk,
            key=figure.key,
            measure=figure.measure,
            value=str(value) if value is not None else None,
            unit=figure.unit,
            period=figure.period,
            source=figure.source,
            source_url=figure.source_url,
            quality=figure.quality,
            successor=successor.pk if successor else None,
            url=figure.get_absolute_url(),
        )


class TalkingPointOut(Schema):
    provision: str | None
    text: str


class OpEdKitOut(Schema):
    slug: str
    url: str
    title: str
    summary: str
    provisions: list[str]

    @classmethod
    def fields_of(cls, kit: OpEdKit, language: str) -> dict[str, Any]:
        return {
            "slug": kit.slug,
            "url": kit.get_absolute_url(),
            "title": kit.text_in(language, "title"),
            "summary": kit.text_in(language, "summary"),
            "provisions": sorted({p.provision.slug for p in kit.points.all() if p.provision is not None}),
        }

    @classmethod
    def from_model(cls, kit: OpEdKit, language: str) -> OpEdKitOut:
        return cls(**cls.fields_of(kit, language))


class OpEdKitDetailOut(OpEdKitOut):
    guidance: str
    talking_points: list[TalkingPointOut]
    figures: list[FigureOut]

    @classmethod
    def describe(cls, kit: OpEdKit, language: str, figures: list[Statistic]) -> OpEdKitDetailOut:
        return cls(
            **cls.fields_of(kit, language),
            guidance=kit.text_in(language, "guidance"),
            talking_points=[
                TalkingPointOut(provision=p.provision.slug if p.provision else None, text=p.text_in(language))
                for p in kit.points.all()
            ],
            figures=[FigureOut.from_model(f) for f in figures],
        )


class OpEdKitListOut(Schema):
    items: list[OpEdKitOut]
    count: int
