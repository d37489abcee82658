"""The public API, version 1, under /api/v1/ with its OpenAPI description at /api/docs.

Conventions every endpoint follows:
- a typed response schema (the same schemas as the pages' JSON twins);
- one error shape, `ErrorOut`, for every 4xx answer and for 500 (fourthp.web.views.server_error);
- one pagination shape, `{"items": [...], "count": N}` with `limit` and `offset`;
- URL names `api-<things>-<view>`;
- bodies over API_MAX_REQUEST_BYTES are answered with 413 (see middleware);
- reads are public; writes and `/me` need a token sent as `Authorization: Bearer <token>`, and a token that
  is sent is checked everywhere (a refused one is 401, see middleware);
- the answers every operation may give besides its own are added to the OpenAPI description
  (`document_common_answers`), which the suite probes with schemathesis.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.views import openapi_view
from ninja.pagination import paginate

from fourthp.accounts.access import (
    access_assessment_create_for_analyst,
    access_assessment_edit_for_assessor,
    access_assessment_review_for_reviewer,
    access_assessment_view_for_staff,
    has_role,
    roles_of,
)
from fourthp.accounts.roles import Role
from fourthp.analysis.queries import AnalyzerUnavailable, analyze_text
from fourthp.analysis.schemas import AnalysisOut, AnalyzeIn
from fourthp.api.common import (
    ERRORS,
    MAX_OFFSET,
    ApiPagination,
    ApiTokenAuth,
    ErrorOut,
    LazyOut,
    document_common_answers,
)
from fourthp.api.common import caller as _caller
from fourthp.api.middleware import over_rate
from fourthp.assessments.actions import (
    AssessmentInput,
    AssessmentRefused,
    EvidenceInput,
    do_approve_assessment,
    do_create_assessment,
    do_return_assessment,
    do_submit_assessment,
    do_update_assessment,
)
from fourthp.assessments.models import Assessment
from fourthp.assessments.models import Status as AssessmentStatus
from fourthp.assessments.queries import get_assessment, get_report_card, list_assessments, provision_coverage
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
from fourthp.frameworks.models import Framework, Provision
from fourthp.frameworks.queries import get_framework, list_frameworks
from fourthp.frameworks.schemas import FrameworkOut, ProvisionOut
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import JurisdictionFilters, get_jurisdiction, search_jurisdictions
from fourthp.jurisdictions.schemas import JurisdictionOut
from fourthp.laws.models import Instrument, Section
from fourthp.laws.queries import SearchFilters, get_instrument, get_section, list_instruments, search_sections
from fourthp.laws.schemas import (
    InstrumentDetailOut,
    InstrumentOut,
    JurisdictionDetailOut,
    SearchOut,
    SectionOut,
    describe_instrument,
    describe_jurisdiction,
    describe_search,
)


class FourthPApi(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_common_answers(schema)


api = FourthPApi(
    title="Fourth P API",
    version="1",
    description=(
        "Open data on anti-trafficking law: jurisdictions, frameworks, instruments and their sections. "
        "Lists answer `{items, count}` and take `limit` and `offset`. Errors answer `{detail, code}`."
    ),
    urls_namespace="api",
    docs_url=None,
)


def _error(
    request: HttpRequest, status: int, detail: str, code: str, errors: list[dict[str, Any]] | None = None
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "code": code, "errors": errors or []}, status=status)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or "Not found.", "not_found")


@api.exception_handler(NinjaValidationError)
def on_invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    names = sorted({str(e["loc"][-1]) for e in exc.errors if e.get("loc")})
    detail = f"Not valid: {', '.join(names)}; see errors." if names else "Some parameters are not valid; see errors."
    return _error(request, 422, detail, "invalid", list(exc.errors))


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "A valid API token is needed: send 'Authorization: Bearer <token>'.", "unauthenticated")


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "Your account's roles do not allow this.", "forbidden")


@api.exception_handler(AssessmentRefused)
def on_refused(request: HttpRequest, exc: AssessmentRefused) -> HttpResponse:
    return _error(request, 400, str(exc), "refused")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc), "error")


def docs_view(request: HttpRequest) -> HttpResponse:
    return openapi_view(request, api)


# --- Jurisdictions ------------------------------------------------------------------------


def _jurisdiction(code: str) -> Jurisdiction:
    try:
        return get_jurisdiction(code)
    except Jurisdiction.DoesNotExist:
        raise Http404(f"No jurisdiction has the code {code!r}.") from None


class JurisdictionQuery(Schema):
    kind: Jurisdiction.Kind | None = None
    level: Jurisdiction.Level | None = None
    region: str | None = None
    q: str | None = None


@api.get("/jurisdictions", response=list[JurisdictionOut], url_name="api-jurisdictions-list", tags=["atlas"])
@paginate(ApiPagination)
def jurisdictions_list(request: HttpRequest, filters: Query[JurisdictionQuery]) -> Any:
    """Every country (ISO 3166-1), US state and district (ISO 3166-2) and international body."""
    qs = search_jurisdictions(
        JurisdictionFilters(
            kind=filters.kind or "", level=filters.level or "", region=filters.region or "", q=filters.q or ""
        )
    )
    return LazyOut(qs, JurisdictionOut.from_model)


@api.get(
    "/jurisdictions/{code}",
    response={200: JurisdictionDetailOut, **ERRORS},
    url_name="api-jurisdictions-detail",
    tags=["atlas"],
)
def jurisdictions_detail(request: HttpRequest, code: str) -> Any:
    """One jurisdiction by code or alias (US-PR finds Puerto Rico), with its instruments."""
    return describe_jurisdiction(_jurisdiction(code))


# --- Frameworks --------------------------------------------------------------------------


@api.get("/frameworks", response=list[FrameworkOut], url_name="api-frameworks-list", tags=["frameworks"])
@paginate(ApiPagination)
def frameworks_list(request: HttpRequest) -> Any:
    return LazyOut(list_frameworks(), FrameworkOut.from_model)


def _framework(slug: str, version: int | None) -> Framework:
    try:
        return get_framework(slug, version)
    except Framework.DoesNotExist:
        raise Http404(f"No framework {slug!r}" + (f" at version {version}." if version else ".")) from None


@api.get(
    "/frameworks/{framework_id}/provisions",
    response={200: list[ProvisionOut], **ERRORS},
    url_name="api-provisions-list",
    tags=["frameworks"],
)
@paginate(ApiPagination)
def provisions_list(request: HttpRequest, framework_id: str, version: int | None = None) -> Any:
    """The provisions of a framework, at its latest version unless `version` is given."""
    framework = _framework(framework_id, version)
    qs = (
        Provision.objects.filter(framework=framework)
        .select_related("pillar")
        .prefetch_related("refs")
        .order_by("order")
    )
    return LazyOut(qs, lambda p: ProvisionOut.from_model(p, framework=framework, pillar_slug=p.pillar.slug))


# --- Instruments and sections ---------------------------------------------------------------


@api.get("/instruments", response=list[InstrumentOut], url_name="api-instruments-list", tags=["atlas"])
@paginate(ApiPagination)
def instruments_list(request: HttpRequest, jurisdiction: str = "", type: Instrument.Type | None = None) -> Any:
    qs = list_instruments(jurisdiction_code=jurisdiction, type=type or "")
    return LazyOut(qs, lambda i: InstrumentOut.from_model(i, section_count=i.section_count))


@api.get(
    "/instruments/{key}",
    response={200: InstrumentDetailOut, **ERRORS},
    url_name="api-instruments-detail",
    tags=["atlas"],
)
def instruments_detail(request: HttpRequest, key: str) -> Any:
    try:
        return describe_instrument(get_instrument(key))
    except Instrument.DoesNotExist:
        raise Http404(f"No instrument has the key {key!r}.") from None


@api.get("/sections/{key}", response={200: SectionOut, **ERRORS}, url_name="api-sections-detail", tags=["atlas"])
def sections_detail(request: HttpRequest, key: str, version: int | None = None) -> Any:
    """A section's current text, or an earlier `version` of it."""
    try:
        return SectionOut.from_model(get_section(key, version))
    except Section.DoesNotExist:
        raise Http404(f"No section has the key {key!r}.") from None


@api.get("/search", response={200: SearchOut, **ERRORS}, url_name="api-search-list", tags=["atlas"])
def search(
    request: HttpRequest,
    q: str,
    jurisdiction: str = "",
    type: Instrument.Type | None = None,
    language: str = "",
    limit: int = Query(20, ge=1, le=100),  # type: ignore[type-arg]
    offset: int = Query(0, ge=0, le=MAX_OFFSET),  # type: ignore[type-arg]
) -> Any:
    """Full-text search over the current text of every section; `snippet_html` is escaped text with <mark>s."""
    results = search_sections(
        SearchFilters(q=q, jurisdiction=jurisdiction, type=type or "", language=language), limit=limit, offset=offset
    )
    return describe_search(q, results)


# --- Assessments and report cards -----------------------------------------------------------

WRITE_ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@api.get(
    "/jurisdictions/{code}/report-card",
    response={200: ReportCardOut, **ERRORS},
    url_name="api-report-cards-detail",
    tags=["assessments"],
)
def report_card(request: HttpRequest, code: str, framework: str = "four-p", version: int | None = None) -> Any:
    """Scores, grades and coverage, and every applicable provision with its status and quoted evidence."""
    card = get_report_card(_jurisdiction(code), _framework(framework, version))
    return ReportCardOut.from_card(card, reverse("methodology"))


@api.get(
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
        CountryFinding.objects.filter(jurisdiction=_jurisdiction(code))
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
    framework: str = "four-p"
    version: int | None = None


@api.get(
    "/assessments", response={200: list[AssessmentOut], **ERRORS}, url_name="api-assessments-list", tags=["assessments"]
)
@paginate(ApiPagination)
def assessments_list(request: HttpRequest, filters: Query[AssessmentQuery]) -> Any:
    """Published assessments, filtered by jurisdiction code, provision id and status."""
    qs = list_assessments(
        jurisdiction=filters.jurisdiction.upper(),
        provision=filters.provision,
        status=filters.status or "",
        framework=_framework(filters.framework, filters.version),
    )
    people = _is_staff(_caller(request))
    return LazyOut(qs, lambda a: AssessmentOut.from_model(a, people=people))


def _is_staff(user: Any) -> bool:
    """Those who write, review or run assessments see who did them."""
    return has_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def _assessment(pk: int) -> Assessment:
    try:
        return get_assessment(pk)
    except Assessment.DoesNotExist:
        # The same words as for a draft the caller may not see (access_assessment_view_for_staff).
        raise Http404(gettext("There is no assessment number %(id)s.") % {"id": pk}) from None


@api.get(
    "/assessments/{assessment_id}",
    response={200: AssessmentOut, **WRITE_ERRORS},
    url_name="api-assessments-detail",
    tags=["assessments"],
)
def assessments_detail(request: HttpRequest, assessment_id: int) -> Any:
    """One assessment. Drafts and those in review are seen with the token of an analyst, reviewer or the secretariat;
    to anyone else they answer 404, as a missing assessment does."""
    caller = _caller(request)
    assessment = access_assessment_view_for_staff(caller, _assessment(assessment_id))
    return AssessmentOut.from_model(assessment, people=_is_staff(caller))


def _evidence(items: list[EvidenceIn]) -> list[EvidenceInput]:
    return [
        EvidenceInput(section_key=e.section_key, quote=e.quote, start=e.start, end=e.end, version=e.version)
        for e in items
    ]


@api.post(
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
    framework = _framework(payload.framework, payload.version)
    try:
        provision = framework.provisions.get(slug=payload.provision)
    except Provision.DoesNotExist:
        raise Http404(f"No provision {payload.provision!r} in {framework}.") from None
    data = AssessmentInput(
        status=payload.status,
        rationale=payload.rationale,
        law_reviewed=payload.law_reviewed,
        evidence=_evidence(payload.evidence),
    )
    assessment = do_create_assessment(user, _jurisdiction(payload.jurisdiction), provision, data)
    return Status(201, AssessmentOut.from_model(_assessment(assessment.pk), people=True))


@api.put(
    "/assessments/{assessment_id}",
    response={200: AssessmentOut, **WRITE_ERRORS},
    auth=ApiTokenAuth(),
    url_name="api-assessments-update",
    tags=["assessments"],
)
def assessments_update(request: HttpRequest, assessment_id: int, payload: AssessmentUpdateIn) -> Any:
    """Replace a draft's status, rationale and evidence (its assessor or the secretariat)."""
    user = request.auth  # type: ignore[attr-defined]
    assessment = access_assessment_edit_for_assessor(user, _assessment(assessment_id))
    data = AssessmentInput(
        status=payload.status,
        rationale=payload.rationale,
        law_reviewed=payload.law_reviewed,
        evidence=_evidence(payload.evidence),
    )
    do_update_assessment(user, assessment, data)
    return AssessmentOut.from_model(_assessment(assessment_id), people=True)


@api.post(
    "/assessments/{assessment_id}/submit",
    response={200: AssessmentOut, **WRITE_ERRORS},
    auth=ApiTokenAuth(),
    url_name="api-assessments-submit",
    tags=["assessments"],
)
def assessments_submit(request: HttpRequest, assessment_id: int) -> Any:
    """Send a draft for review."""
    user = request.auth  # type: ignore[attr-defined]
    do_submit_assessment(user, access_assessment_edit_for_assessor(user, _assessment(assessment_id)))
    return AssessmentOut.from_model(_assessment(assessment_id), people=True)


@api.post(
    "/assessments/{assessment_id}/approve",
    response={200: AssessmentOut, **WRITE_ERRORS},
    auth=ApiTokenAuth(),
    url_name="api-assessments-approve",
    tags=["assessments"],
)
def assessments_approve(request: HttpRequest, assessment_id: int) -> Any:
    """Approve and publish (reviewers; never one's own assessment)."""
    user = request.auth  # type: ignore[attr-defined]
    do_approve_assessment(user, access_assessment_review_for_reviewer(user, _assessment(assessment_id)))
    return AssessmentOut.from_model(_assessment(assessment_id), people=True)


@api.post(
    "/assessments/{assessment_id}/return",
    response={200: AssessmentOut, **WRITE_ERRORS},
    auth=ApiTokenAuth(),
    url_name="api-assessments-return",
    tags=["assessments"],
)
def assessments_return(request: HttpRequest, assessment_id: int, payload: ReturnIn) -> Any:
    """Return to the assessor with a comment (reviewers)."""
    user = request.auth  # type: ignore[attr-defined]
    do_return_assessment(user, access_assessment_review_for_reviewer(user, _assessment(assessment_id)), payload.comment)
    return AssessmentOut.from_model(_assessment(assessment_id), people=True)


@api.get(
    "/provisions/{provision_id}/coverage",
    response={200: CoverageOut, **ERRORS},
    url_name="api-provisions-coverage",
    tags=["assessments"],
)
def provisions_coverage(
    request: HttpRequest,
    provision_id: str,
    level: Jurisdiction.Level = Jurisdiction.Level.NATIONAL,
    framework: str = "four-p",
    version: int | None = None,
) -> Any:
    """How many jurisdictions of a level are full, partial, absent and unknown for a provision, computed live."""
    fw = _framework(framework, version)
    try:
        provision = fw.provisions.select_related("framework").get(slug=provision_id)
    except Provision.DoesNotExist:
        raise Http404(f"No provision {provision_id!r} in {fw}.") from None
    return CoverageOut.from_coverage(provision_coverage(provision, level))


@api.post(
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
        return _error(
            request,
            413,
            f"The text is {size:,} bytes; the API analyses texts of up to {limit:,} bytes. "
            "Analyse longer documents in the web interface (/analyze/), where they run in the background.",
            "request_too_large",
        )
    if not payload.text.strip():
        return _error(request, 400, "The text is empty: send the text of a law to analyse.", "invalid")
    if "\x00" in payload.text:
        return _error(request, 400, "The text contains NUL characters: send text, not binary data.", "invalid")
    level = ""
    if code := payload.jurisdiction.strip():
        try:
            level = get_jurisdiction(code).level
        except Jurisdiction.DoesNotExist:
            return _error(request, 400, f"No jurisdiction has the code {code!r}.", "invalid")
    framework = _framework(payload.framework, payload.version)
    try:
        analysis = analyze_text(payload.text, framework, level=level)
    except AnalyzerUnavailable as exc:
        raise HttpError(503, str(exc)) from exc
    return AnalysisOut.from_analysis(analysis, include_all=payload.all)


# --- The caller ---------------------------------------------------------------------------


class MeOut(Schema):
    username: str
    display_name: str
    roles: list[str]
    profile_url: str


@api.get("/me", response={200: MeOut, 401: ErrorOut}, auth=ApiTokenAuth(), url_name="api-me-detail", tags=["account"])
def me(request: HttpRequest) -> Any:
    """Who the token belongs to and the roles it acts with."""
    user = request.auth  # type: ignore[attr-defined]
    return MeOut(
        username=user.username,
        display_name=user.display_name,
        roles=sorted(roles_of(user)),
        profile_url=reverse("profile"),
    )


# --- Partnership: each area's endpoints live in a router module of this package. ------------

from fourthp.api import events as _events  # noqa: E402
from fourthp.api import groups as _groups  # noqa: E402
from fourthp.api import members as _members  # noqa: E402
from fourthp.api import peers as _peers  # noqa: E402

api.add_router("", _members.router)
api.add_router("", _peers.router)
api.add_router("", _groups.router)
api.add_router("", _events.router)
