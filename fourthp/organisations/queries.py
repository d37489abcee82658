"""Reads of the organisations directory. Contact data leaves here only through `public_contacts`: the fields
whose consent is recorded. Working groups are shown only when public."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from fourthp.core.errors import get_or_not_found
from fourthp.groups.models import WorkingGroup
from fourthp.organisations.models import Organisation, OrganisationContact


def search_organisations(jurisdiction: str = "", kind: str = "", provision: str = "") -> QuerySet[Organisation]:
    """The directory filtered by jurisdiction code (the place itself and the places within it), kind and
    provision id (e.g. prev.hotline), with the consented contact fields and public groups prefetched."""
    qs = Organisation.objects.select_related("jurisdiction").prefetch_related(
        Prefetch("contacts", queryset=OrganisationContact.objects.consented(), to_attr="public_contact_list"),
        Prefetch("groups", queryset=WorkingGroup.objects.public(), to_attr="public_group_list"),
        "provisions",
    )
    if jurisdiction:
        qs = qs.filter(jurisdiction__code=jurisdiction) | qs.filter(jurisdiction__parent__code=jurisdiction)
    if kind:
        qs = qs.filter(kind=kind)
    if provision:
        qs = qs.filter(provisions__slug=provision)
    return qs.distinct().order_by("name", "slug")


def get_organisation(slug: str) -> Organisation:
    return get_or_not_found(
        search_organisations(), _("No organisation has the address %(slug)s.") % {"slug": slug}, slug=slug
    )


def public_contacts(organisation: Organisation) -> list[OrganisationContact]:
    """The contact fields anyone may see: those with recorded consent (prefetched by search_organisations)."""
    prefetched = getattr(organisation, "public_contact_list", None)
    if prefetched is not None:
        return list(prefetched)
    return list(organisation.contacts.consented())


def public_groups(organisation: Organisation) -> list[WorkingGroup]:
    prefetched = getattr(organisation, "public_group_list", None)
    if prefetched is not None:
        return list(prefetched)
    return list(organisation.groups.public())
