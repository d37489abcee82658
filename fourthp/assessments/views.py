from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from ninja import Schema

from fourthp.accounts.limits import client_address, over_rate_usage
from fourthp.assessments.access import (
    access_assessment_create_for_analyst,
    access_assessment_for_assessor,
    access_assessment_for_reviewer,
    access_assessment_for_viewer,
    access_assessment_history_for_staff,
    access_assessment_revision_for_analyst,
    access_assessments_for_staff,
    assessment_controls,
    can_start_assessment,
    is_assessment_staff,
)
from fourthp.assessments.actions import (
    AssessmentInput,
    AssessmentRefused,
    EvidenceInput,
    do_approve_assessment,
    do_create_assessment,
    do_request_report_card_pdf,
    do_return_assessment,
    do_submit_assessment,
    do_update_assessment,
    find_report_card_pdf,
    input_of,
    pdf_needs_making,
)
from fourthp.assessments.forms import AssessmentForm, EvidenceFormSet, ReturnForm, StartForm
from fourthp.assessments.maps import MAPS, build_map
from fourthp.assessments.models import Assessment, ReportCardPdf
from fourthp.assessments.pdf import pdf_engine_missing
from fourthp.assessments.queries import (
    MAX_COMPARE,
    get_report_card,
    get_report_cards,
    list_assessments,
    published_revisions,
    work_queue,
)
from fourthp.assessments.schemas import AssessmentOut, ReportCardOut
from fourthp.core.history import history_rows
from fourthp.core.pages import markdown_html, respond
from fourthp.findings.models import CountryFinding
from fourthp.findings.queries import list_indicators
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG, Framework, Provision
from fourthp.frameworks.queries import framework_from_request
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import find_jurisdiction, get_jurisdiction
from fourthp.laws.models import Section
from fourthp.lib.maps import render_svg

logger = logging.getLogger(__name__)


def _card_framework(request: HttpRequest) -> Framework:
    """The default framework at `?version=`: report cards, comparison and maps read it."""
    return framework_from_request(request, DEFAULT_FRAMEWORK_SLUG)


def _methodology_url() -> str:
    return reverse("methodology")


# ------------------------------------------------------------- report cards


def report_card(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    jurisdiction = find_jurisdiction(code)
    if jurisdiction.code != code:
        return redirect("report-card-json" if as_json else "report-card", jurisdiction.code, permanent=True)
    card = get_report_card(jurisdiction, _card_framework(request))
    data = ReportCardOut.from_card(card, _methodology_url())
    return respond(
        request,
        "assessments/report_card.html",
        {
            "card": card,
            "jurisdiction": jurisdiction,
            "can_assess": can_start_assessment(request.user),
        },
        data,
        as_json=as_json,
    )


def _over_pdf_rate(request: HttpRequest) -> bool:
    """Count one PDF asked to be made against REPORT_CARD_PDF_RATE for the client's address.

    A count the cache failed to keep lets the request through (RATELIMIT_FAIL_OPEN), as the API does."""
    rate = settings.REPORT_CARD_PDF_RATE
    return (
        over_rate_usage(request, "report-card-pdf", client_address(request), rate, name="Report-card PDF") is not None
    )


def _pdf_language() -> str:
    try:
        return translation.get_supported_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return str(settings.LANGUAGE_CODE)


def report_card_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """The report card as a PDF: the stored file when it is made, otherwise a page saying it is being made.

    The PDF is printed by the task worker, never here: this view only asks for it (once, however many
    readers ask at the same moment) and serves it when it is ready. Asking for a PDF to be made is
    limited per client address (REPORT_CARD_PDF_RATE); downloading one already made is not.
    """
    jurisdiction = find_jurisdiction(code)
    framework = _card_framework(request)
    language = _pdf_language()
    pdf, data_date = find_report_card_pdf(jurisdiction, framework, language)
    context: dict[str, Any] = {"jurisdiction": jurisdiction, "pdf_url": request.get_full_path()}
    if pdf is not None and pdf.state == ReportCardPdf.State.READY and request.htmx:  # type: ignore[attr-defined]
        # The waiting page's poll: show the download link (a file cannot be swapped into the page).
        response = render(request, "assessments/_pdf_progress.html", {**context, "state": "ready"})
        patch_vary_headers(response, ["HX-Request"])
        return response
    if pdf is not None and pdf.state == ReportCardPdf.State.READY:
        content = ReportCardPdf.objects.filter(pk=pdf.pk).values_list("pdf", flat=True).first()
        if content is not None:
            response = HttpResponse(bytes(content), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="fourthp-report-card-{jurisdiction.code}.pdf"'
            return response
        pdf = None  # replaced by a newer one since it was looked up
    if pdf_needs_making(pdf):
        if pdf_engine_missing():
            return render(request, "assessments/pdf_unavailable.html", context, status=503)
        if _over_pdf_rate(request):
            return render(request, "assessments/pdf_waiting.html", {**context, "state": "refused"}, status=429)
        pdf = do_request_report_card_pdf(jurisdiction, framework, language, data_date).pdf
    state = "failed" if pdf is not None and pdf.state == ReportCardPdf.State.FAILED else "pending"
    if request.htmx:  # type: ignore[attr-defined]
        # htmx swaps only successful answers into the page.
        response = render(request, "assessments/_pdf_progress.html", {**context, "state": state})
    else:
        status = 202 if state == "pending" else 503
        response = render(request, "assessments/pdf_waiting.html", {**context, "state": state}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


CSV_COLUMNS = [
    "jurisdiction",
    "jurisdiction_name",
    "framework",
    "framework_version",
    "pillar",
    "provision",
    "provision_title",
    "status",
    "rationale",
    "law_reviewed",
    "published_at",
    "evidence_section_key",
    "evidence_section_version",
    "evidence_citation",
    "evidence_start",
    "evidence_end",
    "evidence_quote",
]


# A spreadsheet runs a cell that begins with one of these as a formula; an
# analyst's rationale or a quoted clause ("- a fine of...") could begin so.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: a string that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_rows(items: list[AssessmentOut]) -> str:
    """One row per piece of evidence (one row with empty evidence columns when there is none).

    Text cells that a spreadsheet would read as a formula are prefixed with an apostrophe (see ``_cell``).
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for a in items:
        base = [
            a.jurisdiction.code,
            a.jurisdiction.name,
            a.framework,
            a.framework_version,
            a.pillar,
            a.provision,
            a.provision_title,
            a.status,
            a.rationale,
            a.law_reviewed,
            a.published_at.isoformat() if a.published_at else "",
        ]
        for e in a.evidence or [None]:  # type: ignore[list-item]
            row = base + ([e.section_key, e.section_version, e.citation, e.start, e.end, e.quote] if e else [""] * 6)
            writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _download(body: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_card_csv(request: HttpRequest, code: str) -> HttpResponse:
    jurisdiction = find_jurisdiction(code)
    framework = _card_framework(request)
    items = [AssessmentOut.from_model(a) for a in list_assessments(jurisdiction=jurisdiction.code, framework=framework)]
    return _download(_csv_rows(items), f"fourthp-report-card-{jurisdiction.code}.csv", "text/csv; charset=utf-8")


def assessments_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every published assessment of the framework, as CSV or JSON."""
    if fmt not in ("csv", "json"):
        raise Http404(_("Downloads come as .csv or .json."))
    items = [AssessmentOut.from_model(a) for a in list_assessments(framework=_card_framework(request))]
    if fmt == "csv":
        return _download(_csv_rows(items), "fourthp-assessments.csv", "text/csv; charset=utf-8")
    response = JsonResponse(
        {"items": [item.model_dump(mode="json") for item in items], "count": len(items)},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Disposition"] = 'attachment; filename="fourthp-assessments.json"'
    return response


# ---------------------------------------------------------------- comparison


class CompareOut(Schema):
    jurisdictions: list[str]
    cards: list[ReportCardOut]


def compare(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    codes: list[str] = []
    for raw in request.GET.getlist("j"):
        for part in raw.replace(",", " ").split():
            code = part.strip().upper()
            if code and code not in codes:
                codes.append(code)
    errors = []
    if len(codes) > MAX_COMPARE:
        errors.append(_("Compare at most %(limit)s jurisdictions at a time.") % {"limit": MAX_COMPARE})
        codes = codes[:MAX_COMPARE]
    jurisdictions = []
    for code in codes:
        try:
            jurisdictions.append(get_jurisdiction(code))
        except Jurisdiction.DoesNotExist:
            errors.append(_("No jurisdiction has the code %(code)s.") % {"code": code})
    framework = _card_framework(request)
    cards = get_report_cards(jurisdictions, framework) if jurisdictions else []
    rows = []
    if cards:
        maps = [card.row_map() for card in cards]
        for provision in framework.provisions.select_related("pillar").order_by("order"):
            cells = [found.get(provision.pk) for found in maps]
            if not any(cells):
                continue
            statuses = {cell.status if cell else "n/a" for cell in cells}
            rows.append({"provision": provision, "cells": cells, "differs": len(statuses) > 1})
    data = CompareOut(
        jurisdictions=[j.code for j in jurisdictions],
        cards=[ReportCardOut.from_card(card, _methodology_url()) for card in cards],
    )
    suggestions = (
        Jurisdiction.objects.filter(Q(assessments__state=Assessment.State.PUBLISHED)).distinct().order_by("name")
    )
    return respond(
        request,
        "assessments/compare.html",
        {
            "cards": cards,
            "rows": rows,
            "errors": errors,
            "codes": " ".join(j.code for j in jurisdictions),
            "max_compare": MAX_COMPARE,
            "suggestions": suggestions,
        },
        data,
        as_json=as_json,
    )


# ---------------------------------------------------------------------- maps


class MapPlaceOut(Schema):
    code: str
    name: str
    value: str
    css_class: str
    on_map: bool
    url: str | None


class MapOut(Schema):
    map: str
    title: str
    note: str
    places: list[MapPlaceOut]


def maps(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    framework = _card_framework(request)
    which = request.GET.get("map", "world")
    if which not in MAPS:
        which = "world"
    measure = request.GET.get("measure", "overall")
    pillar = request.GET.get("pillar", "")
    provision_slug = request.GET.get("provision", "")
    indicator = request.GET.get("indicator", "")
    year_raw = request.GET.get("year", "")
    errors = []
    provision = None
    if measure == "provision":
        provision = framework.provisions.filter(slug=provision_slug).first()
        if provision is None:
            errors.append(_("Choose a provision."))
            measure = "overall"
    if measure == "finding":
        if which != "world":
            errors.append(_("Findings of others are about countries: they are shown on the world map."))
            which = "world"
        if indicator not in CountryFinding.Indicator.values:
            errors.append(_("Choose a finding to show."))
            measure, indicator = "overall", ""
    else:
        indicator = ""
    if measure != "pillar":
        pillar = ""
    year = int(year_raw) if year_raw.isdigit() else None
    view = build_map(which, framework, pillar=pillar, provision=provision, indicator=indicator, year=year)
    svg = render_svg(
        view.geometry,
        view.places,
        title=view.title,
        legend=view.legend,
        description=view.note,
        default_class="no-data",
        default_label=_("not in the atlas"),
        id_prefix=f"map-{which}",
    )
    data = MapOut(
        map=which,
        title=view.title,
        note=view.note,
        places=[
            MapPlaceOut(
                code=row.jurisdiction.code,
                name=row.jurisdiction.name,
                value=row.value,
                css_class=row.place.css_class,
                on_map=row.on_map,
                url=row.place.url,
            )
            for row in view.rows
        ],
    )
    return respond(
        request,
        "assessments/maps.html",
        {
            "svg": mark_safe(svg),  # noqa: S308  (render_svg escapes every label and attribute)
            "view": view,
            "which": which,
            "maps": MAPS,
            "measure": measure,
            "pillar": pillar,
            "provision": provision,
            "indicator": indicator,
            "year": year,
            "errors": errors,
            "pillars": framework.pillars.order_by("order"),
            "provisions": framework.provisions.order_by("order"),
            "indicators": list_indicators(),
            "off_map": [row for row in view.rows if not row.on_map],
        },
        data,
        as_json=as_json,
    )


# --------------------------------------------------------------- methodology


class MethodologyOut(Schema):
    markdown: str


def methodology_text() -> str:
    return (settings.BASE_DIR / "docs" / "methodology.md").read_text(encoding="utf-8")


def methodology(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    text = methodology_text()
    body = markdown_html(text)
    return respond(
        request, "assessments/methodology.html", {"body": body}, MethodologyOut(markdown=text), as_json=as_json
    )


# ------------------------------------------------------------ analyst work


@login_required
def work(request: HttpRequest) -> HttpResponse:
    access_assessments_for_staff(request.user)
    return render(request, "assessments/work.html", {"queue": work_queue(request.user)})


def _provision_choices(framework: Framework) -> list[tuple[str, str]]:
    return [(p.slug, f"{p.slug} — {p.title}") for p in framework.provisions.order_by("order")]


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest) -> HttpResponse:
    """Pick the jurisdiction and provision, then assess it (evidence may be pre-filled from the analyzer)."""
    access_assessment_create_for_analyst(request.user)
    framework = _card_framework(request)
    form = StartForm(request.GET or None, provisions=_provision_choices(framework))
    if request.GET and form.is_valid():
        jurisdiction = form.cleaned_data["jurisdiction"]
        provision = framework.provisions.get(slug=form.cleaned_data["provision"])
        open_one = Assessment.objects.open().filter(jurisdiction=jurisdiction, provision=provision).first()
        if open_one is not None:
            messages.info(request, _("This provision already has an open assessment; here it is."))
            return redirect(open_one)
        if not provision.applies_to(jurisdiction.level):
            form.add_error("provision", _("This provision does not apply to that jurisdiction's level."))
        else:
            return _edit(request, None, jurisdiction, provision)
    return render(request, "assessments/start.html", {"form": form, "framework": framework})


def _initial_evidence(request: HttpRequest, assessment: Assessment | None) -> list[dict[str, Any]]:
    if assessment is not None:
        return [
            {
                "section_key": e.section.key,
                "quote": e.quote,
                "start": e.start,
                "end": e.end,
                "version": e.section.version,
            }
            for e in assessment.evidence.all()
        ]
    key = request.GET.get("section", "")
    start, end = request.GET.get("start", ""), request.GET.get("end", "")
    if key and start.isdigit() and end.isdigit():
        section = Section.objects.filter(key=key, is_current=True).first()
        if section is not None and int(start) < int(end) <= len(section.text):
            return [
                {
                    "section_key": key,
                    "quote": section.text[int(start) : int(end)],
                    "start": int(start),
                    "end": int(end),
                    "version": section.version,
                }
            ]
    return []


def _edit(
    request: HttpRequest, assessment: Assessment | None, jurisdiction: Jurisdiction, provision: Provision
) -> HttpResponse:
    posted = request.method == "POST"
    if assessment is not None:
        initial: dict[str, Any] = {
            "status": assessment.status,
            "rationale": assessment.rationale,
            "law_reviewed": assessment.law_reviewed,
        }
    else:
        initial = {"status": request.GET.get("status", "unknown")}
    form = AssessmentForm(request.POST if posted else None, initial=initial)
    formset = EvidenceFormSet(
        request.POST if posted else None, initial=_initial_evidence(request, assessment), prefix="evidence"
    )
    if posted and form.is_valid() and formset.is_valid():
        evidence = [
            EvidenceInput(
                section_key=f.cleaned_data["section_key"],
                quote=f.cleaned_data["quote"],
                start=f.cleaned_data["start"],
                end=f.cleaned_data["end"],
                version=f.cleaned_data["version"],
            )
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("section_key")
        ]
        data = AssessmentInput(
            status=form.cleaned_data["status"],
            rationale=form.cleaned_data["rationale"],
            law_reviewed=form.cleaned_data["law_reviewed"],
            evidence=evidence,
        )
        try:
            if assessment is None:
                assessment = do_create_assessment(request.user, jurisdiction, provision, data)
            else:
                assessment = do_update_assessment(request.user, assessment, data)
            if "submit" in request.POST:
                do_submit_assessment(request.user, assessment)
        except AssessmentRefused as exc:
            form.add_error(None, str(exc))
        else:
            if "submit" in request.POST:
                messages.success(request, _("Sent for review. A reviewer will approve it or return it with a comment."))
            else:
                messages.success(request, _("Draft saved."))
            return redirect(assessment)
    sections = (
        Section.objects.current()
        .filter(instrument__jurisdiction=jurisdiction)
        .select_related("instrument")
        .order_by("instrument__key", "order")
    )
    return render(
        request,
        "assessments/edit.html",
        {
            "assessment": assessment,
            "jurisdiction": jurisdiction,
            "provision": provision,
            "form": form,
            "formset": formset,
            "sections": sections,
            "action": request.get_full_path(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_assessor(request.user, pk)
    if assessment.state != Assessment.State.DRAFT:
        messages.error(
            request, _("Only a draft can be edited; this one is %(state)s.") % {"state": assessment.get_state_display()}
        )
        return redirect(assessment)
    return _edit(request, assessment, assessment.jurisdiction, assessment.provision)


def section_text(request: HttpRequest) -> HttpResponse:
    """The plain text of one section for the evidence picker (public text; htmx fragment)."""
    key = request.GET.get("key", "")
    if not key:
        return render(request, "assessments/_section_text.html", {"section": None})
    section = Section.objects.filter(key=key, is_current=True).select_related("instrument").first()
    if section is None:
        raise Http404(_("There is no section “%(key)s”.") % {"key": key})
    return render(request, "assessments/_section_text.html", {"section": section})


def assessment_detail(request: HttpRequest, pk: int, as_json: bool = False) -> HttpResponse:
    # Work in progress answers 404 to a visitor, as a missing number does: sending her to sign in would say it exists.
    user = request.user
    assessment = access_assessment_for_viewer(user, pk)
    return respond(
        request,
        "assessments/detail.html",
        {
            "assessment": assessment,
            **assessment_controls(user, assessment),
            "return_form": ReturnForm(),
            "revisions": published_revisions(assessment),
        },
        AssessmentOut.from_model(assessment, people=is_assessment_staff(user)),
        as_json=as_json,
    )


@login_required
@require_POST
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_assessor(request.user, pk)
    return _step(request, assessment, lambda: do_submit_assessment(request.user, assessment), _("Sent for review."))


@login_required
@require_POST
def assessment_approve(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_reviewer(request.user, pk)
    return _step(
        request, assessment, lambda: do_approve_assessment(request.user, assessment), _("Approved and published.")
    )


@login_required
@require_POST
def assessment_return(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_reviewer(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what needs to change, so that the assessor can act on it."))
        return redirect(assessment)
    return _step(
        request,
        assessment,
        lambda: do_return_assessment(request.user, assessment, form.cleaned_data["comment"]),
        _("Returned to the assessor with your comment."),
    )


def _step(request: HttpRequest, assessment: Assessment, act: Callable[[], object], done: str) -> HttpResponse:
    """Take one review step; a refusal is shown as a message on the assessment's page."""
    try:
        act()
    except AssessmentRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(assessment)


@login_required
@require_POST
def assessment_revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a new draft from a published finding; the published one stays public until the revision is approved."""
    published = access_assessment_revision_for_analyst(request.user, pk)
    open_one = (
        Assessment.objects.open().filter(jurisdiction=published.jurisdiction, provision=published.provision).first()
    )
    if open_one is not None:
        messages.info(request, _("A revision is already open; here it is."))
        return redirect(open_one)
    try:
        draft = do_create_assessment(request.user, published.jurisdiction, published.provision, input_of(published))
    except AssessmentRefused as exc:
        messages.error(request, str(exc))
        return redirect(published)
    messages.success(request, _("A new draft was made from the published finding; edit it and send it for review."))
    return redirect("assessment-edit", draft.pk)


@login_required
def assessment_history(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_history_for_staff(request.user, pk)
    return render(
        request,
        "assessments/history.html",
        {"assessment": assessment, "revisions": history_rows(assessment.history.all())},
    )
