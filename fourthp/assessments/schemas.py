"""Shapes of assessments and report cards in the API, the JSON twins and the downloads."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from ninja import Field, Schema

from fourthp.assessments.maps import MapView
from fourthp.assessments.models import Assessment, AssessmentRequest, Evidence
from fourthp.assessments.queries import Comparison, Coverage, ProvisionRow, ReportCard
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG
from fourthp.jurisdictions.schemas import JurisdictionRef
from fourthp.laws.schemas import InstrumentRef
from fourthp.lib.scoring import Score


class EvidenceOut(Schema):
    section_key: str
    section_version: int
    citation: str
    start: int = Field(description="Python string offset of the quote's first character in the section text.")
    end: int = Field(description="Offset just after the quote's last character.")
    quote: str
    url: str = Field(description="The section permalink with the quote highlighted.")

    @staticmethod
    def from_model(item: Evidence) -> EvidenceOut:
        return EvidenceOut(
            section_key=item.section.key,
            section_version=item.section.version,
            citation=item.section.citation,
            start=item.start,
            end=item.end,
            quote=item.quote,
            url=item.get_absolute_url(),
        )


class EvidenceIn(Schema):
    section_key: str
    quote: str = ""
    start: int | None = Field(None, description="With `end`, picks the span; otherwise it is found from the quote.")
    end: int | None = None
    version: int | None = Field(None, description="Section version; the current text when left out.")


class AssessmentIn(Schema):
    jurisdiction: str
    provision: str = Field(description="Provision id, e.g. crim.sex-trafficking.")
    framework: str = DEFAULT_FRAMEWORK_SLUG
    version: int | None = Field(None, description="Framework version; the latest when left out.")
    status: str = Field(description="full, partial, absent or unknown.")
    rationale: str
    law_reviewed: str = Field("", description="Required for absent: the complete body of law reviewed.")
    evidence: list[EvidenceIn] = []


class AssessmentUpdateIn(Schema):
    status: str
    rationale: str
    law_reviewed: str = ""
    evidence: list[EvidenceIn] = []


class ReturnIn(Schema):
    comment: str


class AssessmentOut(Schema):
    id: int
    jurisdiction: JurisdictionRef
    framework: str
    framework_version: int
    provision: str
    provision_title: str
    pillar: str
    status: str
    state: str
    rationale: str
    rationale_translations: dict[str, str] = Field(
        description="The rationale in other interface languages, keyed by language code; may be empty."
    )
    law_reviewed: str
    evidence: list[EvidenceOut]
    assessor: str = Field(
        description="Who wrote it; empty unless the caller is an analyst, reviewer or the secretariat."
    )
    reviewer: str = Field(
        description="Who reviewed it; empty unless the caller is an analyst, reviewer or the secretariat."
    )
    review_comment: str = Field(description="The reviewer's comment; empty unless the caller is staff.")
    published_at: dt.datetime | None
    updated_at: dt.datetime
    url: str

    @staticmethod
    def from_model(a: Assessment, *, people: bool = False) -> AssessmentOut:
        """`people`: include who assessed and reviewed it and the review comment (staff only)."""
        return AssessmentOut(
            id=a.pk,
            jurisdiction=JurisdictionRef.from_model(a.jurisdiction),
            framework=a.provision.framework.slug,
            framework_version=a.provision.framework.version,
            provision=a.provision.slug,
            provision_title=a.provision.title,
            pillar=a.provision.pillar.slug,
            status=a.status,
            state=a.state,
            rationale=a.rationale,
            rationale_translations=dict(a.rationale_translations or {}),
            law_reviewed=a.law_reviewed,
            evidence=[EvidenceOut.from_model(e) for e in a.evidence.all()],
            assessor=_person(a.assessor) if people else "",
            reviewer=_person(a.reviewer) if people else "",
            review_comment=a.review_comment if people else "",
            published_at=a.published_at,
            updated_at=a.updated_at,
            url=a.get_absolute_url(),
        )


def _person(user: object | None) -> str:
    if user is None:
        return ""
    return str(getattr(user, "display_name", "") or user)


class ScoreOut(Schema):
    score: int | None = Field(description="Out of 100; null when nothing applicable is assessed.")
    grade: str | None = Field(description="A to F; null when coverage is under the threshold.")
    applicable: int
    assessed: int
    full: int
    partial: int
    absent: int
    unknown: int

    @staticmethod
    def from_score(s: Score) -> ScoreOut:
        return ScoreOut(
            score=s.score,
            grade=s.grade,
            applicable=s.applicable,
            assessed=s.assessed,
            full=s.counts["full"],
            partial=s.counts["partial"],
            absent=s.counts["absent"],
            unknown=s.counts["unknown"],
        )


class ProvisionStatusOut(Schema):
    provision: str
    title: str
    pillar: str
    weight: float
    status: str
    rationale: str
    rationale_translations: dict[str, str] = Field(
        description="The rationale in other interface languages, keyed by language code; may be empty."
    )
    law_reviewed: str
    evidence: list[EvidenceOut]
    published_at: dt.datetime | None
    revisions: list[dt.datetime] = Field(description="When each published version of this finding was published.")
    url: str

    @staticmethod
    def from_row(row: ProvisionRow) -> ProvisionStatusOut:
        a = row.assessment
        return ProvisionStatusOut(
            provision=row.provision.slug,
            title=row.provision.title,
            pillar=row.provision.pillar.slug if row.provision.pillar_id else "",
            weight=float(row.provision.weight),
            status=row.status,
            rationale=a.rationale if a else "",
            rationale_translations=dict(a.rationale_translations or {}) if a else {},
            law_reviewed=a.law_reviewed if a else "",
            evidence=[EvidenceOut.from_model(e) for e in row.evidence],
            published_at=a.published_at if a else None,
            revisions=row.revisions,
            url=row.provision.get_absolute_url(),
        )


class PillarScoreOut(Schema):
    pillar: str
    title: str
    score: ScoreOut


class ReportCardOut(Schema):
    jurisdiction: JurisdictionRef
    level: str
    framework: str
    framework_version: int
    data_date: dt.datetime | None = Field(description="When the newest finding on this card was published.")
    overall: ScoreOut
    pillars: list[PillarScoreOut]
    gaps: list[str] = Field(description="Provision ids found absent or partial: what the law lacks.")
    provisions: list[ProvisionStatusOut]
    not_applicable: list[str]
    law_read: list[InstrumentRef] = Field(
        description="The jurisdiction's instruments in the atlas, the only law the findings were made on; "
        "the rest of its law was not read."
    )
    methodology_url: str

    @staticmethod
    def from_card(card: ReportCard, methodology_url: str) -> ReportCardOut:
        return ReportCardOut(
            jurisdiction=JurisdictionRef.from_model(card.jurisdiction),
            level=card.jurisdiction.level,
            framework=card.framework.slug,
            framework_version=card.framework.version,
            data_date=card.data_date,
            overall=ScoreOut.from_score(card.overall),
            pillars=[
                PillarScoreOut(pillar=p.pillar.slug, title=p.pillar.title, score=ScoreOut.from_score(p.score))
                for p in card.pillars
            ],
            gaps=[row.provision.slug for row in card.gaps],
            provisions=[ProvisionStatusOut.from_row(row) for row in card.rows],
            not_applicable=[p.slug for p in card.not_applicable],
            law_read=[InstrumentRef(key=i.key, title=i.title, url=i.get_absolute_url()) for i in card.law_read],
            methodology_url=methodology_url,
        )


class CoverageOut(Schema):
    provision: str
    framework: str
    framework_version: int
    level: str
    jurisdictions: int = Field(description="Jurisdictions of this level the provision applies to.")
    assessed: int
    full: int
    partial: int
    absent: int
    unknown: int = Field(description="Not assessed; never counted as absent.")

    @staticmethod
    def from_coverage(c: Coverage) -> CoverageOut:
        return CoverageOut(
            provision=c.provision.slug,
            framework=c.provision.framework.slug,
            framework_version=c.provision.framework.version,
            level=c.level,
            jurisdictions=c.jurisdictions,
            assessed=c.assessed,
            full=c.counts["full"],
            partial=c.counts["partial"],
            absent=c.counts["absent"],
            unknown=c.counts["unknown"],
        )


class CompareOut(Schema):
    jurisdictions: list[str]
    cards: list[ReportCardOut]

    @staticmethod
    def from_comparison(comparison: Comparison, methodology_url: str) -> CompareOut:
        return CompareOut(
            jurisdictions=[j.code for j in comparison.jurisdictions],
            cards=[ReportCardOut.from_card(card, methodology_url) for card in comparison.cards],
        )


class MapPlaceOut(Schema):
    code: str
    name: str
    value: str
    css_class: str
    on_map: bool
    url: str | None


class MapOut(Schema):
    map: str
    title: str
    note: str
    places: list[MapPlaceOut]

    @staticmethod
    def from_view(which: str, view: MapView) -> MapOut:
        return MapOut(
            map=which,
            title=view.title,
            note=view.note,
            places=[
                MapPlaceOut(
                    code=row.jurisdiction.code,
                    name=row.jurisdiction.name,
                    value=row.value,
                    css_class=row.place.css_class,
                    on_map=row.on_map,
                    url=row.place.url,
                )
                for row in view.rows
            ],
        )


class MethodologyOut(Schema):
    markdown: str


class AssessmentRequestIn(Schema):
    kind: AssessmentRequest.Kind = Field(
        description="`assessment` to ask for an assessment, `statute` to suggest a statute by its web address."
    )
    jurisdiction: str = Field(description="The jurisdiction's code, e.g. `US-DC`; it must have no report card yet.")
    note: str = Field("", description="Why it matters, or what the statute is (at most 2,000 characters).")
    url: str = Field("", description="The statute's web address (http or https); required for `statute`.")


class AssessmentRequestOut(Schema):
    id: int
    kind: str
    state: str
    jurisdiction: JurisdictionRef
    framework: str
    version: int
    note: str
    url: str
    filename: str = Field(description="The suggested statute's file, if one was uploaded on the page.")
    file_url: str = Field(description="Where the secretariat and analysts download that file; empty without one.")
    created_at: dt.datetime
    changed_at: dt.datetime | None
    changed_by: str = Field(description="Who last changed its state; empty while it is open.")
    requester: str = Field(description="Who asked: shown to the secretariat and analysts only, empty otherwise.")
    assigned_to: str
    assessment: int | None = Field(description="The assessment that answered it, when the secretariat linked one.")
    decline_reason: str

    @staticmethod
    def from_model(found: AssessmentRequest, *, staff: bool) -> AssessmentRequestOut:
        return AssessmentRequestOut(
            id=found.pk,
            kind=found.kind,
            state=found.state,
            jurisdiction=JurisdictionRef.from_model(found.jurisdiction),
            framework=found.framework.slug,
            version=found.framework.version,
            note=found.note,
            url=found.url,
            filename=found.filename,
            file_url=reverse("assessment-request-file", args=[found.pk]) if found.file and staff else "",
            created_at=found.created_at,
            changed_at=found.changed_at,
            changed_by=str(found.changed_by) if found.changed_by else "",
            requester=str(found.requester) if staff and found.requester else "",
            assigned_to=str(found.assigned_to) if found.assigned_to else "",
            assessment=found.assessment_id,
            decline_reason=found.decline_reason,
        )
