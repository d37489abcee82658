"""Published assessments as files: one report card as CSV, every assessment as CSV or JSON."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from fourthp.assessments.formats import assessments_csv
from fourthp.assessments.queries import list_assessments
from fourthp.assessments.schemas import AssessmentOut
from fourthp.assessments.views.report_cards import card_framework
from fourthp.jurisdictions.queries import find_jurisdiction


def _download(body: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_card_csv(request: HttpRequest, code: str) -> HttpResponse:
    jurisdiction = find_jurisdiction(code)
    framework = card_framework(request)
    items = [AssessmentOut.from_model(a) for a in list_assessments(jurisdiction=jurisdiction.code, framework=framework)]
    return _download(assessments_csv(items), f"fourthp-report-card-{jurisdiction.code}.csv", "text/csv; charset=utf-8")


def assessments_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every published assessment of the framework, as CSV or JSON."""
    if fmt not in ("csv", "json"):
        raise Http404(_("Downloads come as .csv or .json."))
    items = [AssessmentOut.from_model(a) for a in list_assessments(framework=card_framework(request))]
    if fmt == "csv":
        return _download(assessments_csv(items), "fourthp-assessments.csv", "text/csv; charset=utf-8")
    response = JsonResponse(
        {"items": [item.model_dump(mode="json") for item in items], "count": len(items)},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Disposition"] = 'attachment; filename="fourthp-assessments.json"'
    return response
