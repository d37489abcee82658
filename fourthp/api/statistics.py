"""API endpoints for the statistics registry, mounted on the one API in `fourthp.api.api`.

Only public figures are served, to everyone alike: an unsourced figure is not in the list and its id answers
404, as a missing one does.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from fourthp.api.common import ERRORS, ApiPagination, LazyOut
from fourthp.statistics.queries import get_statistic, search_statistics
from fourthp.statistics.schemas import StatisticOut

router = Router(tags=["statistics"])


@router.get("/statistics", response={200: list[StatisticOut], **ERRORS}, url_name="api-statistics-list")
@paginate(ApiPagination)
def statistics_list(request: HttpRequest) -> Any:
    """The public figures of the registry, by measure, each with its source, publisher, method, caveats and
    quality grade (`primary`, `secondary` or `superseded`, which names its successor)."""
    return LazyOut(search_statistics(None), StatisticOut.from_model)


@router.get("/statistics/{statistic_id}", response={200: StatisticOut, **ERRORS}, url_name="api-statistics-detail")
def statistics_detail(request: HttpRequest, statistic_id: int) -> Any:
    """One public figure with its provenance; an unsourced or missing one is a 404."""
    return StatisticOut.from_model(get_statistic(statistic_id, None))
