from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fourthp.assessments.queries import list_assessments, provision_coverage
from fourthp.assessments.schemas import CoverageOut
from fourthp.core.pages import respond
from fourthp.frameworks.models import Pillar
from fourthp.frameworks.queries import (
    find_pillar_with_provisions,
    find_provision,
    framework_from_request,
    get_pillars_with_provisions,
    list_frameworks,
    list_schemes,
    list_versions,
    search_crosswalk,
)
from fourthp.frameworks.schemas import (
    CrossReferenceOut,
    CrosswalkOut,
    CrosswalkRowOut,
    FrameworkDetailOut,
    FrameworkListOut,
    FrameworkOut,
    PillarDetailOut,
    PillarOut,
    ProvisionOut,
    ProvisionPageOut,
)


def framework_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    frameworks = list(list_frameworks())
    data = FrameworkListOut(items=[FrameworkOut.from_model(f) for f in frameworks], count=len(frameworks))
    return respond(request, "frameworks/list.html", {"frameworks": frameworks}, data, as_json=as_json)


def framework_detail(request: HttpRequest, slug: str, as_json: bool = False) -> HttpResponse:
    framework = framework_from_request(request, slug)
    pillars = get_pillars_with_provisions(framework)
    versions = list_versions(slug)
    data = FrameworkDetailOut(
        **FrameworkOut.from_model(framework).model_dump(),
        pillars=[PillarOut.from_model(p) for p in pillars],
        versions=versions,
    )
    return respond(
        request,
        "frameworks/detail.html",
        {"framework": framework, "pillars": pillars, "versions": versions},
        data,
        as_json=as_json,
    )


def pillar_detail(request: HttpRequest, slug: str, pillar: str, as_json: bool = False) -> HttpResponse:
    framework = framework_from_request(request, slug)
    found = find_pillar_with_provisions(framework, pillar)
    provisions = list(found.provisions.all())
    data = PillarDetailOut(
        **PillarOut.from_model(found).model_dump(),
        framework=FrameworkOut.from_model(framework),
        provisions=[ProvisionOut.from_model(p, framework=framework, pillar_slug=found.slug) for p in provisions],
    )
    return respond(
        request,
        "frameworks/pillar.html",
        {"framework": framework, "pillar": found, "provisions": provisions},
        data,
        as_json=as_json,
    )


def provision_detail(request: HttpRequest, slug: str, provision: str, as_json: bool = False) -> HttpResponse:
    framework = framework_from_request(request, slug)
    found = find_provision(framework, provision)
    pillar: Pillar = found.pillar
    # Where the provision stands across jurisdictions, computed live (assessments app).
    coverage = [provision_coverage(found, level) for level in found.levels]
    data = ProvisionPageOut(
        **ProvisionOut.from_model(found, framework=framework, pillar_slug=pillar.slug).model_dump(),
        framework=FrameworkOut.from_model(framework),
        pillar_title=pillar.title,
        coverage=[CoverageOut.from_coverage(c) for c in coverage],
    )
    findings = list_assessments(framework=framework, provision=found.slug).order_by("status", "jurisdiction__name")
    return respond(
        request,
        "frameworks/provision.html",
        {"framework": framework, "provision": found, "pillar": pillar, "coverage": coverage, "findings": findings},
        data,
        as_json=as_json,
    )


def framework_crosswalk(request: HttpRequest, slug: str, as_json: bool = False) -> HttpResponse:
    framework = framework_from_request(request, slug)
    schemes = list_schemes(framework)
    scheme = request.GET.get("scheme", "")
    if scheme and scheme not in schemes:
        scheme = ""
    value = request.GET.get("value", "")[:64]
    rows = list(search_crosswalk(framework, scheme=scheme, value=value))
    data = CrosswalkOut(
        framework=FrameworkOut.from_model(framework),
        scheme=scheme,
        schemes=schemes,
        items=[
            CrosswalkRowOut(
                ref=CrossReferenceOut.from_model(r),
                provision_id=r.provision.slug,
                provision_title=r.provision.title,
                pillar=r.provision.pillar.slug,
            )
            for r in rows
        ],
        count=len(rows),
    )
    return respond(
        request,
        "frameworks/crosswalk.html",
        {"framework": framework, "rows": rows, "schemes": schemes, "scheme": scheme, "value": value},
        data,
        as_json=as_json,
    )
