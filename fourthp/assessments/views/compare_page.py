"""Jurisdictions side by side, provision by provision."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from fourthp.assessments.queries import MAX_COMPARE, compare_jurisdictions, compare_suggestions, parse_codes
from fourthp.assessments.schemas import CompareOut
from fourthp.assessments.views.report_cards import card_framework, methodology_url
from fourthp.core.pages import respond


def compare(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    comparison = compare_jurisdictions(parse_codes(request.GET.getlist("j")), card_framework(request))
    return respond(
        request,
        "assessments/compare.html",
        {
            "cards": comparison.cards,
            "rows": comparison.rows,
            "errors": comparison.errors,
            "codes": " ".join(j.code for j in comparison.jurisdictions),
            "max_compare": MAX_COMPARE,
            "suggestions": compare_suggestions(),
        },
        CompareOut.from_comparison(comparison, methodology_url()),
        as_json=as_json,
    )
