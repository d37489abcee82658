from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.safestring import mark_safe

from fourthp.core.pages import respond
from fourthp.indicators.queries import funding_for, indicators_for
from fourthp.indicators.schemas import FundingOut, IndicatorOut, IndicatorsOut
from fourthp.jurisdictions.queries import find_jurisdiction


def jurisdiction_indicators(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    """Each indicator of a jurisdiction drawn as a chart, with a table of the same numbers, its source and caveats."""
    jurisdiction = find_jurisdiction(code)
    indicators = indicators_for(jurisdiction)
    # The charts are drawn by fourthp.lib.charts, which escapes every text it places.
    charts = [(indicator, mark_safe(indicator.svg)) for indicator in indicators]  # noqa: S308
    return respond(
        request,
        "indicators/jurisdiction.html",
        {"jurisdiction": jurisdiction, "charts": charts, "funding": funding_for(jurisdiction)},
        IndicatorsOut(
            jurisdiction=jurisdiction.code,
            items=[IndicatorOut.from_indicator(i) for i in indicators],
            count=len(indicators),
        ),
        as_json=as_json,
    )


def jurisdiction_funding(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    """Funding against trafficking set against estimated illegal profits, each side with its source and grade."""
    jurisdiction = find_jurisdiction(code)
    funding = funding_for(jurisdiction)
    return respond(
        request,
        "indicators/funding.html",
        {"jurisdiction": jurisdiction, "funding": funding},
        FundingOut.from_funding(jurisdiction.code, funding),
        as_json=as_json,
    )
