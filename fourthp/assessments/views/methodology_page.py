"""The methodology: how findings are made and scored (docs/methodology.md)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fourthp.assessments.queries import methodology_text
from fourthp.assessments.schemas import MethodologyOut
from fourthp.core.pages import markdown_html, respond


def methodology(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    data = MethodologyOut(markdown=methodology_text())
    return respond(
        request, "assessments/methodology.html", {"body": markdown_html(data.markdown)}, data, as_json=as_json
    )
