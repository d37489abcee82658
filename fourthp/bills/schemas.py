"""The shapes of bills and sessions in the API and in the pages' JSON twins."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from fourthp.bills.models import Bill, LegislativeSession
from fourthp.bills.queries import Plan, provisions_touched


class SessionOut(Schema):
    id: int
    jurisdiction: str
    name: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    legislature: str
    source_url: str

    @classmethod
    def from_model(cls, session: LegislativeSession) -> SessionOut:
        return cls(
            id=session.pk,
            jurisdiction=session.jurisdiction.code,
            name=session.name,
            starts_on=session.starts_on,
            ends_on=session.ends_on,
            legislature=session.legislature,
            source_url=session.source_url,
        )


class SessionListOut(Schema):
    items: list[SessionOut]
    count: int


class BillOut(Schema):
    id: int
    url: str
    jurisdiction: str
    session: str
    number: str
    title: str
    chamber: str
    status: str
    last_action_on: dt.date | None

    @classmethod
    def from_model(cls, bill: Bill) -> BillOut:
        return cls(
            id=bill.pk,
            url=bill.get_absolute_url(),
            jurisdiction=bill.jurisdiction.code,
            session=bill.session.name,
            number=bill.number,
            title=bill.title,
            chamber=bill.chamber,
            status=bill.status,
            last_action_on=bill.last_action_on,
        )


class BillListOut(Schema):
    items: list[BillOut]
    count: int


class ActionOut(Schema):
    date: dt.date
    chamber: str
    description: str
    classification: list[str]


class SponsorOut(Schema):
    name: str
    primary: bool


class SuggestedProvisionOut(Schema):
    """A provision the analyzer suggests a version's text touches: a suggestion, never a finding."""

    provision: str
    title: str
    confidence: float
    section: str = ""
    excerpt: str = ""


class VersionOut(Schema):
    label: str
    date: dt.date | None
    url: str
    sections: int
    suggested_provisions: list[SuggestedProvisionOut]


class BillDetailOut(BillOut):
    summary: str
    source_url: str
    sponsors: list[SponsorOut]
    actions: list[ActionOut]
    versions: list[VersionOut]
    suggested_provisions: list[SuggestedProvisionOut]
    instruments: list[str]

    @classmethod
    def describe(cls, bill: Bill) -> BillDetailOut:
        """A bill as `get_bill` loads it (no further queries)."""
        base = BillOut.from_model(bill).model_dump()
        return cls(
            **base,
            summary=bill.summary,
            source_url=bill.source_url,
            sponsors=[SponsorOut(name=s.name, primary=s.primary) for s in bill.sponsors.all()],
            actions=[
                ActionOut(
                    date=a.date,
                    chamber=a.chamber,
                    description=a.description,
                    classification=[k.strip() for k in a.classification.split(",") if k.strip()],
                )
                for a in bill.actions.all()
            ],
            versions=[
                VersionOut(
                    label=v.label,
                    date=v.date,
                    url=v.url,
                    sections=len(v.sections.all()),
                    suggested_provisions=[
                        SuggestedProvisionOut(
                            provision=t.provision.slug,
                            title=t.provision.title,
                            confidence=t.confidence,
                            section=t.section,
                            excerpt=t.excerpt,
                        )
                        for t in v.touched.all()
                    ],
                )
                for v in bill.versions.all()
            ],
            suggested_provisions=[
                SuggestedProvisionOut(provision=t.provision.slug, title=t.provision.title, confidence=t.confidence)
                for t in provisions_touched(bill)
            ],
            instruments=[i.key for i in bill.instruments.all()],
        )


class PlanRowOut(Schema):
    provision: str
    title: str
    status: str
    bills: list[BillOut]


class PlanOut(Schema):
    jurisdiction: str
    upcoming_sessions: list[SessionOut]
    undated_sessions: list[SessionOut]
    gaps: list[PlanRowOut]

    @classmethod
    def describe(cls, plan: Plan) -> PlanOut:
        return cls(
            jurisdiction=plan.jurisdiction.code,
            upcoming_sessions=[SessionOut.from_model(s) for s in plan.upcoming],
            undated_sessions=[SessionOut.from_model(s) for s in plan.undated],
            gaps=[
                PlanRowOut(
                    provision=row.provision.slug,
                    title=row.provision.title,
                    status=row.status,
                    bills=[BillOut.from_model(b) for b in row.bills],
                )
                for row in plan.rows
            ],
        )
