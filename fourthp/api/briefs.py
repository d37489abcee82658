"""API endpoint for the resources library, mounted on the one API in `fourthp.api.api`.

Only what is published is served, to everyone alike; drafts are read on the site by their editors.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, LazyOut
from fourthp.briefs.queries import search_resources
from fourthp.briefs.schemas import ResourceOut

router = Router(tags=["briefs"])


@router.get("/briefs", response={200: list[ResourceOut], **ERRORS}, url_name="api-briefs-list")
@paginate(ApiPagination)
def briefs_list(request: HttpRequest) -> Any:
    """The published briefs, discussion guides and external resources, newest first, with the provisions and
    jurisdictions each is about; the text with its footnoted sources is at each one's `url` + `.json`."""
    return LazyOut(search_resources(None), ResourceOut.from_model)
