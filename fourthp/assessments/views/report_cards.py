"""The report card of one jurisdiction, and its PDF."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from fourthp.accounts.limits import client_address, over_rate_usage
from fourthp.analysis.access import can_use_analyzer
from fourthp.assessments.access import can_start_assessment
from fourthp.assessments.actions import do_request_report_card_pdf
from fourthp.assessments.forms import invitation_context
from fourthp.assessments.models import ReportCardPdf
from fourthp.assessments.queries import find_report_card_pdf, get_gap_brief, get_report_card, pdf_needs_making
from fourthp.assessments.schemas import ReportCardOut
from fourthp.core.pages import respond
from fourthp.core.printing import pdf_engine_missing
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG, Framework
from fourthp.frameworks.queries import framework_from_request
from fourthp.jurisdictions.queries import find_jurisdiction


def card_framework(request: HttpRequest) -> Framework:
    """The default framework at `?version=`: report cards, comparison, maps and downloads read it."""
    return framework_from_request(request, DEFAULT_FRAMEWORK_SLUG)


def methodology_url() -> str:
    return reverse("methodology")


def report_card(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    jurisdiction = find_jurisdiction(code)
    if jurisdiction.code != code:
        return redirect("report-card-json" if as_json else "report-card", jurisdiction.code, permanent=True)
    card = get_report_card(jurisdiction, card_framework(request))
    data = ReportCardOut.from_card(card, methodology_url())
    return respond(
        request,
        "assessments/report_card.html",
        {
            "card": card,
            "jurisdiction": jurisdiction,
            "can_assess": can_start_assessment(request.user),
            # An absent or unknown provision links to "find it in this law" for those who use the analyzer.
            "can_analyse": can_use_analyzer(request.user),
            # The empty state (no finding published yet) invites members to help; the JSON twin has no forms.
            **(invitation_context(request.user, jurisdiction) if card.data_date is None and not as_json else {}),
        },
        data,
        as_json=as_json,
    )


def report_card_gaps(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    """One printable page: each gap of the report card, and the peers that are full on it with the words they use."""
    jurisdiction = find_jurisdiction(code)
    if jurisdiction.code != code:
        return redirect("report-card-gaps-json" if as_json else "report-card-gaps", jurisdiction.code, permanent=True)
    card = get_report_card(jurisdiction, card_framework(request))
    brief = get_gap_brief(card)
    data = {
        "jurisdiction": jurisdiction.code,
        "framework": card.framework.slug,
        "version": card.framework.version,
        "assessed": card.overall.assessed,
        "applicable": card.overall.applicable,
        "gaps": [
            {
                "provision": item.row.provision.slug,
                "status": item.row.status,
                "peers": [
                    {
                        "jurisdiction": peer.jurisdiction.code,
                        "assessment": request.build_absolute_uri(peer.get_absolute_url()),
                        "evidence": [
                            {
                                "citation": e.section.citation,
                                "quote": e.quote,
                                "url": request.build_absolute_uri(e.get_absolute_url()),
                            }
                            for e in peer.evidence.all()
                        ],
                    }
                    for peer in item.peers
                ],
                "more_peers": item.more,
            }
            for item in brief
        ],
    }
    return respond(
        request,
        "assessments/report_card_gaps.html",
        {
            "card": card,
            "jurisdiction": jurisdiction,
            "brief": brief,
            "card_url": reverse("report-card", args=[jurisdiction.code]),
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
    framework = card_framework(request)
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
        pdf = do_request_report_card_pdf(jurisdiction, framework, language, data_date, acting_user=request.user).pdf
    state = "failed" if pdf is not None and pdf.state == ReportCardPdf.State.FAILED else "pending"
    if request.htmx:  # type: ignore[attr-defined]
        # htmx swaps only successful answers into the page.
        response = render(request, "assessments/_pdf_progress.html", {**context, "state": state})
    else:
        status = 202 if state == "pending" else 503
        response = render(request, "assessments/pdf_waiting.html", {**context, "state": state}, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
