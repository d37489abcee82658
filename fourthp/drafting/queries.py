"""Reads of the model provision library, shared by its pages, their JSON twins and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.accounts.site import absolute_url
from fourthp.assessments.models import Assessment, Evidence, Status
from fourthp.assessments.queries import get_report_card
from fourthp.core.errors import NotFound, get_or_not_found
from fourthp.drafting.bill import Peer
from fourthp.drafting.compose import ChosenText, Composed, compose
from fourthp.drafting.models import (
    Draft,
    DraftVersion,
    Level,
    ModelProvision,
    ModelProvisionVersion,
    ModelText,
    Tradition,
)
from fourthp.drafting.text import Option, parse_options, parse_terms
from fourthp.frameworks.models import Framework, Provision
from fourthp.groups.models import GroupMembership
from fourthp.jurisdictions.models import Jurisdiction

# Those who write, review and run the library see its drafts and proposals.
DRAFTING_STAFF = (Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def sees_drafts(user: Viewer | None) -> bool:
    return has_role(user, *DRAFTING_STAFF)


def _missing(slug: str) -> str:
    return _("There is no model provision %(slug)s.") % {"slug": slug}


def _base() -> QuerySet[ModelProvision]:
    return ModelProvision.objects.select_related(
        "provision__pillar", "provision__framework", "current_version", "proposed_by_output__group"
    ).prefetch_related(Prefetch("current_version__texts", queryset=ModelText.objects.all()))


def search_model_provisions(
    user: Viewer | None, *, provision: str = "", pillar: str = "", tradition: str = "", level: str = ""
) -> QuerySet[ModelProvision]:
    """The model provisions `user` may read (published ones; drafting staff see all), filtered."""
    found = _base()
    if not sees_drafts(user):
        found = found.filter(state=ModelProvision.State.PUBLISHED, current_version__isnull=False)
    if provision:
        found = found.filter(provision__slug=provision)
    if pillar:
        found = found.filter(provision__pillar__slug=pillar)
    if tradition:
        found = found.filter(current_version__texts__tradition=tradition)
    if level:
        found = found.filter(current_version__texts__level=level)
    return found.distinct()


def get_model_provision(slug: str, user: Viewer | None) -> ModelProvision:
    """A model provision `user` may read; a draft is as missing as one that never was, to the public."""
    return get_or_not_found(search_model_provisions(user), _missing(slug), slug=slug)


def list_versions(model: ModelProvision, user: Viewer | None) -> list[ModelProvisionVersion]:
    """Its versions, newest first: the published and superseded ones, and for drafting staff all."""
    versions = model.versions.select_related("author", "reviewer").prefetch_related("texts")
    if not sees_drafts(user):
        versions = versions.filter(state__in=ModelProvisionVersion.PUBLIC_STATES)
    return list(versions)


def get_version(model: ModelProvision, number: int, user: Viewer | None) -> ModelProvisionVersion:
    for version in list_versions(model, user):
        if version.number == number:
            return version
    raise NotFound(_("Model provision %(slug)s has no version %(number)s.") % {"slug": model.slug, "number": number})


def list_proposals() -> QuerySet[ModelProvisionVersion]:
    """Versions awaiting a reviewer, oldest first."""
    return (
        ModelProvisionVersion.objects.filter(state=ModelProvisionVersion.State.PROPOSED)
        .select_related("model_provision__provision", "author")
        .order_by("created_at", "pk")
    )


@dataclass(frozen=True)
class EnactedIn:
    """A jurisdiction whose law was found to meet the provision in full, with the quoted evidence."""

    assessment: Assessment
    evidence: list[Evidence]


def list_enacted_in(provision: Provision) -> list[EnactedIn]:
    """Published assessments finding `provision` met in full, by jurisdiction name, each with its evidence."""
    found = (
        Assessment.objects.published()
        .filter(provision=provision, status=Status.FULL)
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("section__instrument")))
        .order_by("jurisdiction__name")
    )
    return [EnactedIn(a, list(a.evidence.all())) for a in found]


def enacted_in_by_provision(provisions: list[Provision]) -> dict[int, list[EnactedIn]]:
    """`list_enacted_in` for many provisions in three queries."""
    found = (
        Assessment.objects.published()
        .filter(provision__in=provisions, status=Status.FULL)
        .select_related("jurisdiction")
        .prefetch_related(Prefetch("evidence", queryset=Evidence.objects.select_related("section__instrument")))
        .order_by("jurisdiction__name")
    )
    grouped: dict[int, list[EnactedIn]] = {p.pk: [] for p in provisions}
    for a in found:
        grouped.setdefault(a.provision_id, []).append(EnactedIn(a, list(a.evidence.all())))
    return grouped


# ------------------------------------------------------------------------------------- the drafting assistant

GAP_STATUSES = (Status.ABSENT.value, Status.PARTIAL.value, Status.UNKNOWN.value)


class ChoicesRefused(ValueError):
    """Choices a bill cannot be composed from; the message says which, in a sentence."""


@dataclass(frozen=True)
class Candidate:
    """A framework provision the assistant can draft for a jurisdiction: its published model text, today's
    report card status there, and the options a drafter chooses."""

    provision: Provision
    model: ModelProvision
    status: str
    options: list[Option]

    @property
    def is_gap(self) -> bool:
        return self.status in GAP_STATUSES


def drafting_tradition(jurisdiction: Jurisdiction) -> str:
    """The tradition the bill is drafted in: civil law where the jurisdiction's is, common law otherwise."""
    return Tradition.CIVIL_LAW.value if jurisdiction.legal_tradition == "civil_law" else Tradition.COMMON_LAW.value


def drafting_level(jurisdiction: Jurisdiction) -> str:
    return Level.SUBNATIONAL.value if jurisdiction.level == "subnational" else Level.NATIONAL.value


def list_candidates(jurisdiction: Jurisdiction, framework: Framework | None = None) -> list[Candidate]:
    """Every provision applying to the jurisdiction that has a published model text, in framework order, with
    its status on today's report card (one model per provision: the first by slug)."""
    framework = framework or Framework.objects.default()
    card = get_report_card(jurisdiction, framework)
    statuses = {row.provision.pk: row.status for row in card.rows}
    found: dict[int, Candidate] = {}
    for model in (
        _base()
        .filter(provision__framework=framework, state=ModelProvision.State.PUBLISHED, current_version__isnull=False)
        .order_by("provision__pillar__order", "provision__order", "slug")
    ):
        if model.provision_id in found or model.provision_id not in statuses:
            continue
        assert model.current_version is not None
        found[model.provision_id] = Candidate(
            model.provision, model, statuses[model.provision_id], parse_options(model.current_version.options)
        )
    return list(found.values())


def _variant(texts: list[ModelText], tradition: str, level: str) -> ModelText | None:
    for wanted in ((tradition, level), (tradition, None), (None, None)):
        for t in texts:
            if wanted[0] in (None, t.tradition) and wanted[1] in (None, t.level):
                return t
    return None


def _peers(enacted: list[EnactedIn]) -> tuple[Peer, ...]:
    peers = []
    for item in enacted:
        j = item.assessment.jurisdiction
        first = item.evidence[0] if item.evidence else None
        peers.append(
            Peer(
                jurisdiction_code=j.code,
                jurisdiction_name=j.name,
                citation=first.section.citation if first else "",
                url=absolute_url(first.get_absolute_url() if first else item.assessment.get_absolute_url()),
                quote=first.quote if first else "",
            )
        )
    return tuple(peers)


def check_options(candidates: list[Candidate], options: dict[str, dict[str, str]]) -> None:
    """ChoicesRefused unless every option named is one of a chosen model text's, with a value it offers."""
    by_slug = {c.model.slug: c for c in candidates}
    for slug, values in options.items():
        if slug not in by_slug:
            raise ChoicesRefused(_("No chosen model provision is called %(slug)s.") % {"slug": slug})
        offered = {o.name: o for o in by_slug[slug].options}
        for name, value in values.items():
            if name not in offered:
                raise ChoicesRefused(
                    _("The model provision %(slug)s has no option %(name)s.") % {"slug": slug, "name": name}
                )
            if str(value) not in offered[name].values:
                raise ChoicesRefused(
                    _("The option %(name)s of %(slug)s takes one of: %(values)s.")
                    % {"slug": slug, "name": name, "values": ", ".join(offered[name].values)}
                )


def compose_for(
    jurisdiction: Jurisdiction,
    provision_ids: list[str] | None,
    options: dict[str, dict[str, str]],
    tradition: str,
    level: str,
) -> Composed:
    """The bill for `jurisdiction` from the model texts of `provision_ids` (None: the report card's gaps).

    Raises ChoicesRefused for a provision without a published model text, no provision at all, or an option
    not offered."""
    framework = Framework.objects.default()
    candidates = list_candidates(jurisdiction, framework)
    by_id = {c.provision.slug: c for c in candidates}
    if provision_ids is None:
        provision_ids = [c.provision.slug for c in candidates if c.is_gap]
    unknown = [p for p in provision_ids if p not in by_id]
    if unknown:
        raise ChoicesRefused(
            _("No published model provision meets %(ids)s for %(jurisdiction)s.")
            % {"ids": ", ".join(unknown), "jurisdiction": jurisdiction.name}
        )
    chosen = [by_id[p] for p in dict.fromkeys(provision_ids)]
    if not chosen:
        raise ChoicesRefused(_("Choose at least one provision to draft."))
    check_options(chosen, options)
    enacted = enacted_in_by_provision([c.provision for c in chosen])
    texts = []
    for c in chosen:
        version = c.model.current_version
        assert version is not None
        variant = _variant(list(version.texts.all()), tradition, level)
        if variant is None:
            continue
        texts.append(
            ChosenText(
                provision_id=c.provision.slug,
                provision_title=c.provision.title,
                slug=c.model.slug,
                version=version.number,
                heading=variant.heading,
                text=variant.text,
                options=tuple(c.options),
                defined_terms=tuple(parse_terms(version.defined_terms)),
                order=(c.provision.pillar.order, c.provision.order),
                status=c.status,
                peers=_peers(enacted.get(c.provision.pk, [])),
            )
        )
    return compose(
        texts,
        jurisdiction_code=jurisdiction.code,
        jurisdiction_name=jurisdiction.name,
        tradition=tradition,
        level=level,
        framework=f"{framework.slug}-v{framework.version}",
        composed_on=timezone.localdate().isoformat(),
        legislature=jurisdiction.legislature,
        options=options,
    )


def list_drafts_for(user: Viewer) -> QuerySet[Draft]:
    """Her drafts and those of the working groups she is an active member of, last composed first."""
    if not getattr(user, "is_authenticated", False):
        return Draft.objects.none()
    return (
        Draft.objects.filter(
            Q(author=user) | Q(group__memberships__user=user, group__memberships__state=GroupMembership.State.ACTIVE)
        )
        .select_related("jurisdiction", "author", "group")
        .distinct()
    )


def get_draft_version(draft: Draft, number: int | None = None) -> DraftVersion:
    """Its version `number` (the newest without one); NotFound for one it does not have."""
    versions = draft.versions.select_related("author")
    found = versions.filter(number=number).first() if number is not None else versions.order_by("-number").first()
    if found is None:
        raise NotFound(_("This draft has no version %(number)s.") % {"number": number})
    return found
