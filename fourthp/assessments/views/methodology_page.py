"""The methodology: how findings are made and scored.

The page is written in the reader's language (its sentences are in the message catalogues, the
framework's pillars come from the framework's own translations); its numbers come from the scoring
code, so page and report cards cannot disagree. The JSON twin is the reference text,
docs/methodology.md, in English.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.http import HttpRequest, HttpResponse

from fourthp.assessments.queries import methodology_text
from fourthp.assessments.schemas import MethodologyOut
from fourthp.core.pages import respond
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG, Framework, Pillar
from fourthp.lib.scoring import COVERAGE_THRESHOLD, GRADE_BANDS, STATUS_VALUES


@dataclass(frozen=True)
class GradeBand:
    grade: str
    lowest: int
    highest: int


def grade_bands() -> list[GradeBand]:
    bands, upper = [], 100
    for lowest, grade in GRADE_BANDS:
        bands.append(GradeBand(grade, lowest, upper))
        upper = lowest - 1
    return bands


def methodology(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    data = MethodologyOut(markdown=methodology_text())
    framework = Framework.objects.filter(slug=DEFAULT_FRAMEWORK_SLUG).order_by("-version").first()
    pillars = (
        list(Pillar.objects.filter(framework=framework).annotate(size=Count("provisions")).order_by("order"))
        if framework is not None
        else []
    )
    context = {
        "framework": framework,
        "pillars": pillars,
        "provision_count": sum(p.size for p in pillars),
        "points": {status: float(value) for status, value in STATUS_VALUES.items()},
        "bands": grade_bands(),
        "threshold": int(COVERAGE_THRESHOLD * 100),
    }
    return respond(request, "assessments/methodology.html", context, data, as_json=as_json)
