"""NotFound: a thing asked for by its identifier is not there.

Queries raise it with a sentence naming what was asked for ("There is no jurisdiction with the code
'XX'."); it is translated once for pages (`NotFoundMiddleware`: the site's 404 page with that
sentence) and once for the API (`fourthp.api.api`: a 404 in the API's error shape). Views and
endpoints never catch `DoesNotExist` themselves.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

M = TypeVar("M", bound=Model)


class NotFound(Exception):
    """Nothing has this identifier (or the caller may not know of it: the same words either way)."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


def get_or_not_found(queryset: QuerySet[M], message: str, **lookup: Any) -> M:
    """`queryset.get(**lookup)`, raising NotFound(message) when there is no such row."""
    try:
        return queryset.get(**lookup)
    except ObjectDoesNotExist as exc:  # the queryset's own model's DoesNotExist
        raise NotFound(message) from exc


class NotFoundMiddleware:
    """A page whose view raised NotFound answers the site's 404 page with its sentence."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)  # type: ignore[no-any-return]

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound):
            raise Http404(exception.message) from exception
        return None
