"""Reads on frameworks. URLs and the API default to the latest version and take `?version=`."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from fourthp.core.errors import NotFound
from fourthp.frameworks.models import CrossReference, Framework, Pillar, Provision


def get_framework(slug: str, version: int | None = None) -> Framework:
    """The framework at this version, or its latest; raises Framework.DoesNotExist."""
    if version is None:
        return Framework.objects.latest_version(slug)
    return Framework.objects.get(slug=slug, version=version)


def find_framework(slug: str, version: int | None = None) -> Framework:
    """The framework at this version, or its latest, or NotFound: the one lookup pages and API use."""
    try:
        return get_framework(slug, version)
    except Framework.DoesNotExist:
        raise NotFound(_("No such framework or version.")) from None


def version_from_request(request: HttpRequest) -> int | None:
    """`?version=` as a number, None when absent; NotFound when it is not a whole number."""
    raw = request.GET.get("version", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise NotFound(_("The version must be a whole number."))
    return int(raw)


def framework_from_request(request: HttpRequest, slug: str) -> Framework:
    """The framework `slug` at `?version=`, or its latest; NotFound otherwise. Every app's pages use it."""
    return find_framework(slug, version_from_request(request))


def list_frameworks() -> QuerySet[Framework]:
    return Framework.objects.order_by("slug", "-version")


def list_versions(slug: str) -> list[int]:
    """Every version of the framework `slug`, oldest first."""
    return list(Framework.objects.filter(slug=slug).order_by("version").values_list("version", flat=True))


def list_provisions(framework: Framework) -> QuerySet[Provision]:
    """The provisions of a framework in order, with their pillar and cross-references."""
    return (
        Provision.objects.filter(framework=framework)
        .select_related("pillar")
        .prefetch_related("refs")
        .order_by("order")
    )


def get_pillars_with_provisions(framework: Framework) -> list[Pillar]:
    provisions = Provision.objects.filter(framework=framework).prefetch_related("refs").order_by("order")
    return list(
        Pillar.objects.filter(framework=framework)
        .prefetch_related(Prefetch("provisions", queryset=provisions))
        .order_by("order")
    )


def find_pillar_with_provisions(framework: Framework, slug: str) -> Pillar:
    """The pillar with its provisions in order (as on the framework page), or NotFound."""
    found = next((p for p in get_pillars_with_provisions(framework) if p.slug == slug), None)
    if found is None:
        raise NotFound(_("No such pillar in this framework."))
    return found


def find_provision(framework: Framework, slug: str) -> Provision:
    """The provision with its pillar and cross-references, or NotFound."""
    try:
        return get_provision(framework, slug)
    except Provision.DoesNotExist:
        raise NotFound(_("No such provision in this framework.")) from None


def get_provision(framework: Framework, slug: str) -> Provision:
    """The provision with its pillar and cross-references; raises Provision.DoesNotExist."""
    return (
        Provision.objects.select_related("pillar", "framework")
        .prefetch_related("refs")
        .get(framework=framework, slug=slug)
    )


def search_crosswalk(framework: Framework, *, scheme: str = "", value: str = "") -> QuerySet[CrossReference]:
    """Cross-references of a framework, filtered by standard (and article)."""
    qs = CrossReference.objects.filter(provision__framework=framework).select_related("provision", "provision__pillar")
    if scheme:
        qs = qs.filter(scheme=scheme)
    if value:
        qs = qs.filter(value=value)
    return qs.order_by("scheme", "value", "provision__order")


def list_schemes(framework: Framework) -> list[str]:
    return list(
        CrossReference.objects.filter(provision__framework=framework)
        .values_list("scheme", flat=True)
        .distinct()
        .order_by("scheme")
    )
