"""The shapes of campaigns in the API and in the pages' JSON twins: never an e-mail address."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from fourthp.campaigns.models import Campaign, Signature
from fourthp.campaigns.queries import Counts


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
