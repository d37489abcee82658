from __future__ import annotations

from ninja import Schema

from fourthp.assessments.schemas import CoverageOut
from fourthp.frameworks.models import CrossReference, Framework, Pillar, Provision, provision_url


class CrossReferenceOut(Schema):
    scheme: str
    value: str
    label: str

    @staticmethod
    def from_model(r: CrossReference) -> CrossReferenceOut:
        return CrossReferenceOut(scheme=r.scheme, value=r.value, label=r.label)


class ProvisionOut(Schema):
    id: str
    pillar: str
    title: str
    question: str
    full: str
    partial: str
    weight: float
    levels: list[str]
    refs: list[CrossReferenceOut]
    url: str

    @staticmethod
    def from_model(p: Provision, *, framework: Framework, pillar_slug: str) -> ProvisionOut:
        return ProvisionOut(
            id=p.slug,
            pillar=pillar_slug,
            title=p.title,
            question=p.question,
            full=p.full,
            partial=p.partial,
            weight=float(p.weight),
            levels=p.levels,
            refs=[CrossReferenceOut.from_model(r) for r in p.refs.all()],
            url=provision_url(framework, p.slug),
        )


class PillarOut(Schema):
    id: str
    title: str
    summary: str
    provision_ids: list[str]

    @staticmethod
    def from_model(p: Pillar) -> PillarOut:
        return PillarOut(
            id=p.slug, title=p.title, summary=p.summary, provision_ids=[x.slug for x in p.provisions.all()]
        )


class FrameworkOut(Schema):
    id: str
    version: int
    title: str
    checksum: str
    url: str

    @staticmethod
    def from_model(f: Framework) -> FrameworkOut:
        return FrameworkOut(id=f.slug, version=f.version, title=f.title, checksum=f.checksum, url=f.get_absolute_url())


class FrameworkDetailOut(FrameworkOut):
    pillars: list[PillarOut]
    versions: list[int]


class FrameworkListOut(Schema):
    items: list[FrameworkOut]
    count: int


class PillarDetailOut(PillarOut):
    framework: FrameworkOut
    provisions: list[ProvisionOut]


class ProvisionDetailOut(ProvisionOut):
    framework: FrameworkOut
    pillar_title: str


class CrosswalkRowOut(Schema):
    ref: CrossReferenceOut
    provision_id: str
    provision_title: str
    pillar: str


class CrosswalkOut(Schema):
    framework: FrameworkOut
    scheme: str
    schemes: list[str]
    items: list[CrosswalkRowOut]
    count: int


class ProvisionPageOut(ProvisionDetailOut):
    coverage: list[CoverageOut]
