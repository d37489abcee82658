"""Shapes of the peer finder in its JSON twin and the API."""

from __future__ import annotations

from ninja import Field, Schema

from fourthp.assessments.schemas import EvidenceOut
from fourthp.jurisdictions.schemas import JurisdictionRef
from fourthp.peers.queries import Peer, PeerFinding, PeerMember


class PeerMemberOut(Schema):
    id: int = Field(description="The member's profile id (GET /api/v1/members/{id}).")
    name: str
    role: str | None = Field(None, description="Present only when the member shows it to the caller.")
    legislature: str | None = Field(None, description="Present only when the member shows it to the caller.")
    shared_groups: list[str] = Field(description="Working groups the caller and the member are both in.")

    @staticmethod
    def from_member(member: PeerMember) -> PeerMemberOut:
        p = member.profile
        return PeerMemberOut(
            id=p.pk,
            name=p.name,
            role=p.get_role_display() if "role" in member.fields and p.role else None,
            legislature=p.legislature if "legislature" in member.fields and p.legislature else None,
            shared_groups=member.shared_groups,
        )


class PeerOut(Schema):
    jurisdiction: JurisdictionRef
    status: str = Field(description="The published finding for the provision: full, partial or absent.")
    reasons: list[str] = Field(description="What the peer shares with the jurisdiction asked about, in words.")
    assessment_url: str
    evidence: list[EvidenceOut]
    members: list[PeerMemberOut] = Field(description="Members from there who agreed to be contacted.")

    @staticmethod
    def from_peer(peer: Peer) -> PeerOut:
        return PeerOut(
            jurisdiction=JurisdictionRef.from_model(peer.jurisdiction),
            status=peer.assessment.status,
            reasons=peer.reasons,
            assessment_url=peer.assessment.get_absolute_url(),
            evidence=[EvidenceOut.from_model(e) for e in peer.assessment.evidence.all()],
            members=[PeerMemberOut.from_member(m) for m in peer.members],
        )


class PeerFinderOut(Schema):
    provision: str = Field(description="The provision id, e.g. crim.debt-bondage.")
    provision_title: str
    framework: str
    jurisdiction: JurisdictionRef | None = Field(None, description="The jurisdiction peers are ranked against.")
    jurisdiction_status: str | None = Field(None, description="Its own published finding for the provision.")
    ranking: str = Field(description="How the lists are ordered.")
    done: list[PeerOut] = Field(description="Who has done this: published full, the most alike first.")
    done_total: int = Field(description="How many jurisdictions have done it; `done` may list fewer.")
    shares_gap: list[PeerOut] = Field(description="Who shares this gap: published absent or partial.")
    shares_gap_total: int = Field(description="How many share the gap; `shares_gap` may list fewer.")

    @staticmethod
    def from_finding(finding: PeerFinding, ranking: str) -> PeerFinderOut:
        ref = finding.reference
        return PeerFinderOut(
            provision=finding.provision.slug,
            provision_title=finding.provision.title,
            framework=str(finding.provision.framework),
            jurisdiction=JurisdictionRef.from_model(ref) if ref is not None else None,
            jurisdiction_status=finding.reference_status,
            ranking=ranking,
            done=[PeerOut.from_peer(p) for p in finding.done],
            done_total=finding.done_total,
            shares_gap=[PeerOut.from_peer(p) for p in finding.shares_gap],
            shares_gap_total=finding.shares_gap_total,
        )
