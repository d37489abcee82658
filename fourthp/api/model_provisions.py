"""API endpoints for the model provision library, mounted on the one API in `fourthp.api.api`.

Only published model provisions are served, to everyone alike: a draft is not in the list and its id answers
404, as a missing one does.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination
from fourthp.drafting.queries import (
    enacted_in_by_provision,
    get_model_provision,
    list_enacted_in,
    search_model_provisions,
)
from fourthp.drafting.schemas import ModelProvisionOut

router = Router(tags=["model provisions"])


@router.get(
    "/model-provisions", response={200: list[ModelProvisionOut], **ERRORS}, url_name="api-model-provisions-list"
)
@paginate(ApiPagination)
def model_provisions_list(
    request: HttpRequest, provision: str = "", pillar: str = "", tradition: str = "", level: str = ""
) -> Any:
    """Published model texts, by pillar and provision: each with its framework provision id, its variants
    (tradition × level, Markdown with `{{placeholders}}`), options, defined terms, drafting notes and the
    jurisdictions whose law was found to meet the provision in full, with quoted evidence."""
    found = list(search_model_provisions(None, provision=provision, pillar=pillar, tradition=tradition, level=level))
    enacted = enacted_in_by_provision([m.provision for m in found])
    return [ModelProvisionOut.from_model(m, enacted.get(m.provision_id, [])) for m in found]


@router.get(
    "/model-provisions/{slug}", response={200: ModelProvisionOut, **ERRORS}, url_name="api-model-provisions-detail"
)
def model_provisions_detail(request: HttpRequest, slug: str) -> Any:
    """One published model provision; a draft or missing one is a 404."""
    found = get_model_provision(slug, None)
    return ModelProvisionOut.from_model(found, list_enacted_in(found.provision))
