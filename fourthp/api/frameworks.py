"""API endpoints for frameworks and their provisions, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from fourthp.api.common import (
    ERRORS,
    ApiPagination,
    LazyOut,
)
from fourthp.frameworks.queries import find_framework, list_frameworks, list_provisions
from fourthp.frameworks.schemas import FrameworkOut, ProvisionOut

router = Router()


@router.get("/frameworks", response=list[FrameworkOut], url_name="api-frameworks-list", tags=["frameworks"])
@paginate(ApiPagination)
def frameworks_list(request: HttpRequest) -> Any:
    return LazyOut(list_frameworks(), FrameworkOut.from_model)


@router.get(
    "/frameworks/{framework_id}/provisions",
    response={200: list[ProvisionOut], **ERRORS},
    url_name="api-provisions-list",
    tags=["frameworks"],
)
@paginate(ApiPagination)
def provisions_list(request: HttpRequest, framework_id: str, version: int | None = None) -> Any:
    """The provisions of a framework, at its latest version unless `version` is given."""
    framework = find_framework(framework_id, version)
    return LazyOut(
        list_provisions(framework), lambda p: ProvisionOut.from_model(p, framework=framework, pillar_slug=p.pillar.slug)
    )
