"""Reads of the model provision library, shared by its pages, their JSON twins and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.assessments.models import Assessment, Evidence, Status
from fourthp.core.errors import NotFound, get_or_not_found
from fourthp.drafting.models import ModelProvision, ModelProvisionVersion, ModelText
from fourthp.frameworks.models import Provision

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
