"""Reads of the resources library: the published briefs, guides and links, and the drafts for their editors."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fourthp.accounts.access import Viewer, has_role
from fourthp.briefs.models import RESOURCE_EDITORS, CheckOverride, Resource, ResourceQuerySet
from fourthp.core.errors import get_or_not_found
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction


@dataclass(frozen=True)
class ResourceFilters:
    kind: str = ""
    provision: Provision | None = None
    jurisdiction: Jurisdiction | None = None


def visible_resources(user: Viewer | None) -> ResourceQuerySet:
    """The published resources, and every draft too for those who write them."""
    qs = Resource.objects.all()
    return qs if has_role(user, *RESOURCE_EDITORS) else qs.published()


def search_resources(user: Viewer | None, filters: ResourceFilters = ResourceFilters()) -> QuerySet[Resource]:
    """The library, newest first; a jurisdiction also finds what is written for the countries or states around it."""
    qs = visible_resources(user)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.provision is not None:
        qs = qs.filter(provisions__slug=filters.provision.slug)
    if filters.jurisdiction is not None:
        j = filters.jurisdiction
        places = [j.pk] + ([j.parent_id] if j.parent_id else [])
        qs = qs.filter(Q(jurisdictions__in=places) | Q(jurisdictions__parent=j))
    return qs.distinct().prefetch_related("provisions", "jurisdictions")


def get_resource(slug: str, user: Viewer | None) -> Resource:
    """A resource the viewer may read; a draft is as missing as one that never was, to the public."""
    return get_or_not_found(
        visible_resources(user).prefetch_related("provisions", "jurisdictions"),
        _("There is no brief or resource at the address %(slug)s.") % {"slug": slug},
        slug=slug,
    )


def overrides_of(resource: Resource) -> QuerySet[CheckOverride]:
    return CheckOverride.objects.filter(target=f"{resource._meta.label_lower}:{resource.pk}").select_related("by")
