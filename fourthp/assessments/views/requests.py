"""The invitation on a jurisdiction without a report card (suggest a statute, ask for an assessment),
and the secretariat's queue of what members asked."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRefresh

from fourthp.accounts.limits import over_rate_usage
from fourthp.accounts.models import User
from fourthp.assessments.access import (
    access_assessment_request_for_secretariat,
    access_assessment_request_for_staff,
    access_assessment_requests_for_staff,
    can_decide_assessment_request,
)
from fourthp.assessments.actions import (
    AssessmentRequestRefused,
    do_change_assessment_request,
    do_create_assessment_request,
)
from fourthp.assessments.forms import (
    AssessmentAskForm,
    RequestChangeForm,
    RequestFilterForm,
    StatuteSuggestionForm,
    invitation_context,
)
from fourthp.assessments.inputs import RequestInput
from fourthp.assessments.models import AssessmentRequest
from fourthp.assessments.queries import search_assessment_requests
from fourthp.core.history import history_rows
from fourthp.core.pages import query_int
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import find_jurisdiction

PAGE_SIZE = 50


def over_request_rate(request: HttpRequest, user: Any) -> bool:
    """Count one statute suggestion or assessment request against ASSESSMENT_REQUESTS_RATE for the member.

    The pages and the API count together, per account; a count the cache failed to keep lets it through."""
    rate = settings.ASSESSMENT_REQUESTS_RATE
    usage = over_rate_usage(request, "assessment-requests", f"user:{user.pk}", rate, name="Assessment request")
    return usage is not None


def _invitation_page(
    request: HttpRequest, jurisdiction: Jurisdiction, status: int = 200, thanks: str = "", **forms: Any
) -> HttpResponse:
    """The invitation again: the whole page, or, when the form was sent by htmx, the invitation alone.

    The forms on the jurisdiction page and the report card send with htmx, so the reader stays where she
    was; htmx swaps only a 2xx answer, so the fragment says a refusal in its form with 200."""
    context = {"jurisdiction": jurisdiction, **invitation_context(request.user, jurisdiction, **forms)}
    if request.htmx and context["invitation"] is None:  # type: ignore[attr-defined]
        # The jurisdiction has had a report card published meanwhile: the page it was sent from is out of date.
        return HttpResponseClientRefresh()
    if request.htmx:  # type: ignore[attr-defined]
        context["invitation"]["thanks"] = thanks
        response = render(request, "assessments/_invitation.html", context)
    else:
        response = render(request, "assessments/request.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _refused(
    request: HttpRequest, jurisdiction: Jurisdiction, form: Any, data: RequestInput, name: str
) -> HttpResponse | None:
    """Make the request; the page again with the form's error when it is refused (over the rate, a duplicate…)."""
    user = request.user
    assert isinstance(user, User)
    if over_request_rate(request, user):
        form.add_error(
            None,
            _("You have sent many suggestions and requests in a short time; please try again later."),
        )
        return _invitation_page(request, jurisdiction, status=429, **{name: form})
    try:
        do_create_assessment_request(data, acting_user=user)
    except AssessmentRequestRefused as exc:
        form.add_error(None, str(exc))
        return _invitation_page(request, jurisdiction, **{name: form})
    return None


def _thanked(request: HttpRequest, jurisdiction: Jurisdiction, thanks: str) -> HttpResponse:
    """After a request is taken: the invitation with the thanks in it (htmx), else the jurisdiction's page."""
    if request.htmx:  # type: ignore[attr-defined]
        return _invitation_page(request, jurisdiction, thanks=thanks)
    messages.success(request, thanks)
    return redirect("jurisdiction-detail", jurisdiction.code)


@login_required
@require_http_methods(["GET", "POST"])
def request_assessment(request: HttpRequest, code: str) -> HttpResponse:
    """Ask for an assessment of a jurisdiction without a report card, with an optional note of why."""
    jurisdiction = find_jurisdiction(code)
    form = AssessmentAskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = RequestInput(
            kind=AssessmentRequest.Kind.ASSESSMENT,
            jurisdiction_code=jurisdiction.code,
            note=form.cleaned_data["note"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        refused = _refused(request, jurisdiction, form, data, "ask_form")
        if refused is not None:
            return refused
        return _thanked(
            request,
            jurisdiction,
            _("Thank you: the secretariat has your request and will write to you when it moves on."),
        )
    return _invitation_page(request, jurisdiction, ask_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def suggest_statute(request: HttpRequest, code: str) -> HttpResponse:
    """Suggest a statute for a jurisdiction without a report card: its web address or its file."""
    jurisdiction = find_jurisdiction(code)
    form = StatuteSuggestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, filename, fmt = form.file_input()
        suggestion = RequestInput(
            kind=AssessmentRequest.Kind.STATUTE,
            jurisdiction_code=jurisdiction.code,
            note=form.cleaned_data["note"],
            url=form.cleaned_data["url"],
            data=data,
            filename=filename,
            format=fmt,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        refused = _refused(request, jurisdiction, form, suggestion, "statute_form")
        if refused is not None:
            return refused
        return _thanked(request, jurisdiction, _("Thank you: the secretariat has the statute you suggested."))
    return _invitation_page(request, jurisdiction, statute_form=form)


@login_required
def request_queue(request: HttpRequest) -> HttpResponse:
    """Statute suggestions and assessment requests, open ones first, filtered by state and jurisdiction."""
    access_assessment_requests_for_staff(request.user)
    form = RequestFilterForm(request.GET or None)
    state, jurisdiction = "", None
    if form.is_valid():
        state, jurisdiction = form.cleaned_data["state"], form.cleaned_data["jurisdiction"]
    paginator = Paginator(search_assessment_requests(state, jurisdiction), PAGE_SIZE)
    page_obj = paginator.get_page(query_int(request, "page", 1))
    return render(
        request,
        "assessments/request_queue.html",
        {"form": form, "page_obj": page_obj, "count": paginator.count},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One request with its history; the secretariat marks it in progress, done or declined here."""
    if request.method == "POST":
        found = access_assessment_request_for_secretariat(request.user, pk)
    else:
        found = access_assessment_request_for_staff(request.user, pk)
    can_decide = can_decide_assessment_request(request.user, found)
    form = RequestChangeForm(request.POST or None) if can_decide else None
    status = 200
    if request.method == "POST":
        if form is None:
            messages.error(request, _("This request is already %(state)s.") % {"state": found.get_state_display()})
            return redirect("assessment-request-detail", found.pk)
        if form.is_valid():
            try:
                do_change_assessment_request(found, form.change(), acting_user=request.user)  # type: ignore[arg-type]
            except AssessmentRequestRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The request is marked; the member who asked is told by e-mail."))
                return redirect("assessment-request-list")
        status = 400
    history = history_rows(found.history.all())
    return render(
        request,
        "assessments/request_detail.html",
        {"found": found, "form": form, "history": history},
        status=status,
    )


@login_required
def request_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A suggested statute's file, after the access check: MEDIA_ROOT is never served."""
    found = access_assessment_request_for_staff(request.user, pk)
    if not found.file:
        raise Http404(_("This request has no file."))
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("This request has no file.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=found.filename or "statute", content_type="application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
