"""API endpoints for assessments, report cards, findings, coverage and the analyzer, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from fourthp.analysis.access import access_analysis_run_for_owner
from fourthp.analysis.forms import RankingRefused, ranking_data
from fourthp.analysis.queries import AnalyzerUnavailable, analyze_text, current_ranker
from fourthp.analysis.schemas import AnalysisOut, AnalyzeIn, ProvisionRankingOut
from fourthp.api.common import (
    ERRORS,
    ApiPagination,
    ApiTokenAuth,
    ErrorOut,
    LazyOut,
    error_response,
)
from fourthp.api.common import caller as _caller
from fourthp.api.middleware import over_rate
from fourthp.assessments.access import (
    access_assessment_create_for_analyst,
    access_assessment_for_assessor,
    access_assessment_for_reviewer,
    access_assessment_for_viewer,
    is_assessment_staff,
)
from fourthp.assessments.actions import (
    do_approve_assessment,
    do_create_assessment,
    do_return_assessment,
    do_submit_assessment,
    do_update_assessment,
)
from fourthp.assessments.inputs import AssessmentInput, EvidenceInput
from fourthp.assessments.models import Status as AssessmentStatus
from fourthp.assessments.queries import (
    find_provision,
    get_assessment,
    get_report_card,
    list_assessments,
    provision_coverage,
)
from fourthp.assessments.schemas import (
    AssessmentIn,
    AssessmentOut,
    AssessmentUpdateIn,
    CoverageOut,
    EvidenceIn,
    ReportCardOut,
    ReturnIn,
)
from fourthp.findings.models import CountryFinding
from fourthp.findings.schemas import FindingOut
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG
from fourthp.frameworks.queries import find_framework
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import find_jurisdiction, get_jurisdiction

router = Router()


WRITE_ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get(
    "/jurisdictions/{code}/report-card",
    response={200: ReportCardOut, **ERRORS},
    url_name="api-report-cards-detail",
    tags=["assessments"],
)
def report_card(
    request: HttpRequest, code: str, framework: str = DEFAULT_FRAMEWORK_SLUG, version: int | None = None
) -> Any:
    """Scores, grades and coverage, and every applicable provision with its status and quoted evidence."""
    card = get_report_card(find_jurisdiction(code), find_framework(framework, version))
    return ReportCardOut.from_card(card, reverse("methodology"))


@router.get(
    "/jurisdictions/{code}/findings",
    response={200: list[FindingOut], **ERRORS},
    url_name="api-findings-list",
    tags=["assessments"],
)
@paginate(ApiPagination)
def findings_list(request: HttpRequest, code: str, indicator: CountryFinding.Indicator | None = None) -> Any:
    """Findings of others about a country (US DOL ILAB, State Department TIP tiers), newest year first.

    These are other organisations' findings, with their source and the year they describe; they never enter
    Fourth P's scores.
    """
    qs = (
        CountryFinding.objects.filter(jurisdiction=find_jurisdiction(code))
        .select_related("source", "jurisdiction")
        .order_by("indicator", "-year_described")
    )
    if indicator:
        qs = qs.filter(indicator=indicator)
    return LazyOut(qs, FindingOut.from_model)


class AssessmentQuery(Schema):
    jurisdiction: str = ""
    provision: str = ""
    status: AssessmentStatus | None = None
    framework: str = DEFAULT_FRAMEWORK_SLUG
    version: int | None = None


@router.get(
    "/assessments", response={200: list[AssessmentOut], **ERRORS}, url_name="api-assessments-list", tags=["assessments"]
)
@paginate(ApiPagination)
def assessments_list(request: HttpRequest, filters: Query[AssessmentQuery]) -> Any:
    """Published assessments, filtered by jurisdiction code, provision id and status."""
    qs = list_assessments(
        jurisdiction=filters.jurisdiction.upper(),
        provision=filters.provision,
        status=filters.status or "",
        framework=find_framework(filters.framework, filters.version),
    )
    caller = _caller(request)
    people = is_assessment_staff(caller)  # those who write, review or run assessments see who did them
    return LazyOut(qs.visible_to(caller), lambda a: AssessmentOut.from_model(a, people=people))


@router.get(
    "/assessments/{assessment_id}",
    response={200: AssessmentOut, **WRITE_ERRORS},
    url_name="api-assessments-detail",
    tags=["assessments"],
)
def assessments_detail(request: HttpRequest, assessment_id: int) -> Any:
    """One assessment. Drafts and those in review are seen with the token of an analyst, reviewer or the secretariat;
    to anyone else they answer 404, as a missing assessment does."""
    caller = _caller(request)
    assessment = access_assessment_for_viewer(caller, assessment_id)
    return AssessmentOut.from_model(assessment, people=is_assessment_staff(caller))


def _evidence(items: list[EvidenceIn]) -> list[EvidenceInput]:
    return [
        EvidenceInput(section_key=e.section_key, quote=e.quote, start=e.start, end=e.end, version=e.version)
        for e in items
    ]


@router.post(
    "/assessments",
    response={201: AssessmentOut, **WRITE_ERRORS},
    auth=ApiTokenAuth(),
    url_name="api-assessments-create",
    tags=["assessments"],
)
def assessments_create(request: HttpRequest, payload: AssessmentIn) -> Any:
    """Start a draft assessment (analysts). Quotes are located in the section text; `start`/`end` pick one span."""
    user = request.auth  # type: ignore[attr-defined]
    access_assessment_create_for_analyst(user)
    framework = find_framework(payload.framework, payload.version)
    provision = find_provision(framework, payload.provision)
    data = AssessmentInput(
        status=payload.status,
        rationale=payload.rationale,
        law_reviewed=payload.law_reviewed,
        evidence=_evidence(payload.evidence),
    )
    assessment = do_create_assessment(find_jurisdiction(payload.jurisdiction), provision, data, acting_user=user)
    return Status(201, AssessmentOut.from_model(get_assessment(assessment.pk), people=True))


@router.put(
    "/assessments/{assessment_id}",
    response={200: AssessmentOut, **WRITE_ERRORS},
    auth=ApiTokenAuth(),
    url_name="api-assessments-update",
    tags=["assessments"],
)
def assessments_update(request: HttpRequest, assessment_id: int, payload: AssessmentUpdateIn) -> Any:
    """Replace a draft's status, rationale and evidence (its assessor or the secretariat)."""
    user = request.auth  # type: ignore[attr-defined]
    assessment = access_assessment_for_assessor(user, assessment_id)
    data = AssessmentInput(
        status=payload.status,
        rationale=payload.rationale,
        law_reviewed=payload.law_reviewed,
        evidence=_evidence(payload.evidence),
    )
    do_update_assessment(assessment, data, acting_user=user)
    return AssessmentOut.from_model(get_assessment(assessment_id), people=True)


@router.post(
    "/assessments/{assessment_id}/submit",
    response={200: AssessmentOut, **WRITE_ERRORS},
    auth=ApiTokenAuth(),
    url_name="api-assessments-submit",
    tags=["assessments"],
)
def assessments_submit(request: HttpRequest, assessment_id: int) -> Any:
    """Send a draft for review."""
    user = request.auth  # type: ignore[attr-defined]
    do_submit_assessment(access_assessment_for_assessor(user, assessment_id), acting_user=user)
    return AssessmentOut.from_model(get_assessment(assessment_id), people=True)


@router.post(
    "/assessments/{assessment_id}/approve",
    response={200: AssessmentOut, **WRITE_ERRORS},
    auth=ApiTokenAuth(),
    url_name="api-assessments-approve",
    tags=["assessments"],
)
def assessments_approve(request: HttpRequest, assessment_id: int) -> Any:
    """Approve and publish (reviewers; never one's own assessment)."""
    user = request.auth  # type: ignore[attr-defined]
    do_approve_assessment(access_assessment_for_reviewer(user, assessment_id), acting_user=user)
    return AssessmentOut.from_model(get_assessment(assessment_id), people=True)


@router.post(
    "/assessments/{assessment_id}/return",
    response={200: AssessmentOut, **WRITE_ERRORS},
    auth=ApiTokenAuth(),
    url_name="api-assessments-return",
    tags=["assessments"],
)
def assessments_return(request: HttpRequest, assessment_id: int, payload: ReturnIn) -> Any:
    """Return to the assessor with a comment (reviewers)."""
    user = request.auth  # type: ignore[attr-defined]
    do_return_assessment(access_assessment_for_reviewer(user, assessment_id), payload.comment, acting_user=user)
    return AssessmentOut.from_model(get_assessment(assessment_id), people=True)


@router.get(
    "/provisions/{provision_id}/coverage",
    response={200: CoverageOut, **ERRORS},
    url_name="api-provisions-coverage",
    tags=["assessments"],
)
def provisions_coverage(
    request: HttpRequest,
    provision_id: str,
    level: Jurisdiction.Level = Jurisdiction.Level.NATIONAL,
    framework: str = DEFAULT_FRAMEWORK_SLUG,
    version: int | None = None,
) -> Any:
    """How many jurisdictions of a level are full, partial, absent and unknown for a provision, computed live."""
    provision = find_provision(find_framework(framework, version), provision_id)
    return CoverageOut.from_coverage(provision_coverage(provision, level))


@router.post(
    "/analyze",
    response={
        200: AnalysisOut,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    auth=ApiTokenAuth(),
    url_name="api-analysis-create",
    tags=["analysis"],
)
def analysis_create(request: HttpRequest, payload: AnalyzeIn) -> Any:
    """Analyse a text at once: the provisions of the framework each section addresses, with offsets into `text`.

    Suggested findings only, unless `all` is true. Texts over ANALYZER_SYNC_MAX_BYTES are refused with 413;
    larger documents are analysed in the web interface, in the background. One person's analyses beyond
    ANALYZER_API_RATE (30 a minute unless configured) are refused with 429 and Retry-After.
    """
    user = request.auth  # type: ignore[attr-defined]
    refused = over_rate(request, "api-analyze", f"user:{user.pk}", settings.ANALYZER_API_RATE, "the analyzer")
    if refused is not None:
        return refused
    limit = settings.ANALYZER_SYNC_MAX_BYTES
    size = len(payload.text.encode("utf-8"))
    if size > limit:
        return error_response(
            request,
            413,
            f"The text is {size:,} bytes; the API analyses texts of up to {limit:,} bytes. "
            "Analyse longer documents in the web interface (/analyze/), where they run in the background.",
            "request_too_large",
        )
    if not payload.text.strip():
        return error_response(request, 400, "The text is empty: send the text of a law to analyse.", "invalid")
    if "\x00" in payload.text:
        return error_response(request, 400, "The text contains NUL characters: send text, not binary data.", "invalid")
    level = ""
    if code := payload.jurisdiction.strip():
        try:
            level = get_jurisdiction(code).level
        except Jurisdiction.DoesNotExist:
            return error_response(request, 400, f"No jurisdiction has the code {code!r}.", "invalid")
    framework = find_framework(payload.framework, payload.version)
    try:
        result = analyze_text(payload.text, framework, level=level)
    except AnalyzerUnavailable as exc:
        raise HttpError(503, str(exc)) from exc
    return AnalysisOut.from_result(result, include_all=payload.all, model=current_ranker())


@router.get(
    "/analyze/{run_id}/ranking",
    response={200: ProvisionRankingOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    auth=ApiTokenAuth(),
    url_name="api-analysis-ranking",
    tags=["analysis"],
)
def analysis_ranking(request: HttpRequest, run_id: int, provision: str = "", mode: str = "precise") -> Any:
    """One of your analysis runs "by provision": the sections of the analysed law the learned ranker puts first
    for `provision` (e.g. crim.labour-trafficking), best first, each with its confidence (0-1), the passage the
    rules relied on (offsets into the section's text) and whether it reaches the threshold of `mode` (precise:
    fewer suggestions, mostly right; thorough: more, for a first pass).

    Without `provision`, `provisions` lists those that may be chosen. As the run's page: 403 without an analyzer
    role, 404 for another analyst's run, 409 while the run is not done, 422 for a provision or mode that
    cannot be chosen.
    """
    run = access_analysis_run_for_owner(request.auth, run_id)  # type: ignore[attr-defined]
    query = QueryDict(mutable=True)
    if provision:
        query.update({"provision": provision[:100], "mode": mode[:20]})
    try:
        return ranking_data(run, query)
    except RankingRefused as exc:
        return error_response(request, exc.status, str(exc), "not_ready" if exc.status == 409 else "invalid")
