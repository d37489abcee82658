"""The peer finder: who has already done what a jurisdiction lacks, and who shares the gap.

For one provision, "who has done this" lists the jurisdictions whose
published assessment is full, with the evidence; "who shares this gap" lists
those found absent or partial. Each jurisdiction comes with the members from
it whom the viewer may see and who agreed to be contacted. Given a reference
jurisdiction (the one asked about, or the viewer's own), peers are ranked by
what makes a law easiest to learn from: the same region, then the same legal
tradition, then the same level, and each peer says which of these it shares.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from fourthp.assessments.models import Assessment, Evidence
from fourthp.assessments.models import Status as AssessmentStatus
from fourthp.core.errors import NotFound, get_or_not_found
from fourthp.frameworks.models import Framework, Provision
from fourthp.frameworks.queries import get_provision
from fourthp.groups.models import GroupMembership
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.access import can_see_profile
from fourthp.members.models import Consent, Profile
from fourthp.members.visibility import visible_fields
from fourthp.peers.models import ContactRequest

# How many peers each list shows before "show all": the most alike come first.
PEERS_SHOWN = 12


@dataclass
class PeerMember:
    profile: Profile
    fields: set[str]
    shared_groups: list[str] = field(default_factory=list)


@dataclass
class Peer:
    jurisdiction: Jurisdiction
    assessment: Assessment
    reasons: list[str]
    rank: tuple[int, ...]
    members: list[PeerMember] = field(default_factory=list)


@dataclass
class PeerFinding:
    provision: Provision
    reference: Jurisdiction | None
    reference_status: str | None
    done: list[Peer]
    shares_gap: list[Peer]
    done_total: int = 0
    shares_gap_total: int = 0

    @property
    def member_count(self) -> int:
        return sum(len(p.members) for p in [*self.done, *self.shares_gap])


def reference_jurisdiction(viewer: Any) -> Jurisdiction | None:
    """The viewer's own jurisdiction, from her profile, when she has said it."""
    if not getattr(viewer, "is_authenticated", False):
        return None
    profile = Profile.objects.filter(user=viewer).select_related("jurisdiction").first()
    return profile.jurisdiction if profile is not None else None


def _likeness(peer: Jurisdiction, reference: Jurisdiction | None) -> tuple[tuple[int, ...], list[str]]:
    """How alike two jurisdictions are for learning from each other's law, and why, in words."""
    if reference is None:
        return (0, 0, 0), []
    reasons = []
    same_region = bool(peer.region_code) and peer.region_code == reference.region_code
    if same_region:
        reasons.append(_("same region (%(region)s)") % {"region": peer.region_name})
    same_tradition = bool(peer.legal_tradition) and peer.legal_tradition == reference.legal_tradition
    if same_tradition:
        reasons.append(
            _("same legal tradition (%(tradition)s)") % {"tradition": str(peer.get_legal_tradition_display()).lower()}
        )
    same_level = peer.level == reference.level
    if same_level:
        reasons.append(_("same level (%(level)s)") % {"level": str(peer.get_level_display()).lower()})
    same_country = reference.parent_id is not None and peer.parent_id == reference.parent_id
    if same_country:
        reasons.append(_("same country"))
    return (int(same_region), int(same_tradition), int(same_level), int(same_country)), reasons


def _contactable_members(jurisdiction_ids: set[int], viewer: Any) -> dict[int, list[PeerMember]]:
    """Members from these jurisdictions who agreed to be contacted, as far as the viewer may see them.

    A member is shown only if the viewer may see both her name and her jurisdiction:
    listing her under a jurisdiction she keeps hidden would reveal it.
    """
    agreed = Consent.objects.filter(user=OuterRef("user"), kind=Consent.Kind.PEER_CONTACT, revoked_at__isnull=True)
    profiles = (
        Profile.objects.consented()
        .with_listing_consent()
        .filter(jurisdiction_id__in=jurisdiction_ids)
        .filter(Exists(agreed))
        .select_related("jurisdiction", "user")
        .order_by("name")
    )
    viewer_id = getattr(viewer, "pk", None)
    groups_of: dict[int, list[str]] = defaultdict(list)
    if viewer_id is not None:
        mine = GroupMembership.objects.filter(user_id=viewer_id, state=GroupMembership.State.ACTIVE).values("group_id")
        for user_id, title in GroupMembership.objects.filter(
            group_id__in=mine, state=GroupMembership.State.ACTIVE
        ).values_list("user_id", "group__title"):
            groups_of[user_id].append(title)
    found: dict[int, list[PeerMember]] = defaultdict(list)
    for profile in profiles:
        if profile.user_id == viewer_id:
            continue
        fields = visible_fields(profile, viewer)
        if {"name", "jurisdiction"} <= fields:
            found[profile.jurisdiction_id].append(  # type: ignore[index]
                PeerMember(profile=profile, fields=fields, shared_groups=sorted(groups_of.get(profile.user_id, [])))
            )
    for members in found.values():
        # Members of the viewer's own working groups first.
        members.sort(key=lambda m: (not m.shared_groups, m.profile.name.casefold()))
    return found


def find_peers(
    provision: Provision, *, reference: Jurisdiction | None, viewer: Any, limit: int | None = None
) -> PeerFinding:
    """Who has done this provision in full and who shares the gap, ranked against `reference`.

    With `limit`, each list holds only the most alike peers; the totals say how many there are.
    """
    evidence = Evidence.objects.select_related("section").order_by("order", "pk")
    published = (
        Assessment.objects.published()
        .filter(provision=provision)
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
    )
    reference_status = None
    done: list[Peer] = []
    gap: list[Peer] = []
    for assessment in published:
        jurisdiction = assessment.jurisdiction
        if reference is not None and jurisdiction.pk == reference.pk:
            reference_status = assessment.status
            continue
        if assessment.status == AssessmentStatus.FULL:
            target = done
        elif assessment.status in (AssessmentStatus.ABSENT, AssessmentStatus.PARTIAL):
            target = gap
        else:
            continue
        rank, reasons = _likeness(jurisdiction, reference)
        target.append(Peer(jurisdiction=jurisdiction, assessment=assessment, reasons=reasons, rank=rank))
    for peers in (done, gap):
        # Most alike first; among equals, by name.
        peers.sort(key=lambda p: (tuple(-r for r in p.rank), p.jurisdiction.name))
    done_total, gap_total = len(done), len(gap)
    if limit is not None:
        done, gap = done[:limit], gap[:limit]
    # Members are looked up only for the peers shown.
    members = _contactable_members({p.jurisdiction.pk for p in [*done, *gap]}, viewer)
    for peer in [*done, *gap]:
        peer.members = members.get(peer.jurisdiction.pk, [])
    return PeerFinding(
        provision=provision,
        reference=reference,
        reference_status=reference_status,
        done=done,
        shares_gap=gap,
        done_total=done_total,
        shares_gap_total=gap_total,
    )


def ranking_sentence(reference: Jurisdiction | None) -> str:
    if reference is None:
        return _(
            "Listed by name. Say which jurisdiction you are asking for, or add it to your member profile, "
            "to see the most alike first."
        )
    return _(
        "Ranked against %(name)s: the same region first, then the same legal tradition, then the same level; "
        "each peer says what it shares. Members of your own working groups are listed first."
    ) % {"name": reference.name}


def contact_requests_of(user: Any) -> dict[str, Any]:
    """A member's own contact requests: those she received and those she sent."""
    base = ContactRequest.objects.select_related("sender", "recipient", "provision")
    return {
        "received": base.filter(recipient=user),
        "sent": base.filter(sender=user),
    }


def provision_by_slug(slug: str, framework: Framework | None = None) -> Provision:
    """A provision of the framework (the default one at its latest version when not given) by its id,
    or NotFound naming it."""
    try:
        return get_provision(framework or Framework.objects.default(), slug)
    except Provision.DoesNotExist:
        raise NotFound(_("No provision has the id %(slug)s.") % {"slug": slug}) from None


def get_contact_request(pk: int) -> ContactRequest:
    """A contact request by its number, or NotFound (the caller still checks who may see it)."""
    return get_or_not_found(
        ContactRequest.objects.select_related("sender", "recipient", "provision"),
        _("There is no contact request number %(id)s.") % {"id": pk},
        pk=pk,
    )


def get_contactable_profile(viewer: Any, pk: int) -> Profile:
    """A profile the viewer may see whose owner accepts contact requests; NotFound for anything else."""
    profile = Profile.objects.select_related("user", "jurisdiction").filter(pk=pk).first()
    if (
        profile is None
        or not can_see_profile(viewer, profile)
        or not profile.user.is_active
        or not profile.has_consent(Consent.Kind.PEER_CONTACT)
    ):
        raise NotFound(_("No member who accepts contact requests has this number."))
    return profile
