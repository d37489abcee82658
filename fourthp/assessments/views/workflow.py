"""The assessment workflow: the work queue, starting and editing a draft, its page, and each review step."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.models import User
from fourthp.assessments.access import (
    access_assessment_create_for_analyst,
    access_assessment_for_assessor,
    access_assessment_for_reviewer,
    access_assessment_for_viewer,
    access_assessment_history_for_staff,
    access_assessment_revision_for_analyst,
    access_assessments_for_staff,
    assessment_controls,
    is_assessment_staff,
)
from fourthp.assessments.actions import (
    AssessmentRefused,
    do_approve_assessment,
    do_create_assessment,
    do_return_assessment,
    do_submit_assessment,
    do_update_assessment,
)
from fourthp.assessments.forms import AssessmentForm, EvidenceFormSet, ReturnForm, StartForm
from fourthp.assessments.inputs import AssessmentInput, EvidenceInput
from fourthp.assessments.models import Assessment
from fourthp.assessments.queries import find_current_section, input_of, published_revisions, work_queue
from fourthp.assessments.schemas import AssessmentOut
from fourthp.assessments.views.report_cards import card_framework
from fourthp.core.history import history_rows
from fourthp.core.pages import respond
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Section


def _signed_in(request: HttpRequest) -> User:
    """The account acting in a view behind `login_required`."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


@login_required
def work(request: HttpRequest) -> HttpResponse:
    access_assessments_for_staff(request.user)
    return render(request, "assessments/work.html", {"queue": work_queue(request.user)})


def _provision_choices(framework: Framework) -> list[tuple[str, str]]:
    return [(p.slug, f"{p.slug} — {p.local('title')}") for p in framework.provisions.order_by("order")]


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest) -> HttpResponse:
    """Pick the jurisdiction and provision, then assess it (evidence may be pre-filled from the analyzer)."""
    access_assessment_create_for_analyst(request.user)
    framework = card_framework(request)
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
                assessment = do_create_assessment(jurisdiction, provision, data, acting_user=_signed_in(request))
            else:
                assessment = do_update_assessment(assessment, data, acting_user=_signed_in(request))
            if "submit" in request.POST:
                do_submit_assessment(assessment, acting_user=_signed_in(request))
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
    return render(request, "assessments/_section_text.html", {"section": find_current_section(key)})


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
    return _step(request, assessment, do_submit_assessment, _("Sent for review."))


@login_required
@require_POST
def assessment_approve(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_reviewer(request.user, pk)
    return _step(request, assessment, do_approve_assessment, _("Approved and published."))


@login_required
@require_POST
def assessment_return(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = access_assessment_for_reviewer(request.user, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what needs to change, so that the assessor can act on it."))
        return redirect(assessment)
    act = partial(do_return_assessment, comment=form.cleaned_data["comment"])
    return _step(request, assessment, act, _("Returned to the assessor with your comment."))


def _step(request: HttpRequest, assessment: Assessment, act: Callable[..., Assessment], done: str) -> HttpResponse:
    """Take one review step as the signed-in user; a refusal is shown as a message on the assessment's page."""
    try:
        act(assessment, acting_user=_signed_in(request))
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
        draft = do_create_assessment(
            published.jurisdiction, published.provision, input_of(published), acting_user=_signed_in(request)
        )
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
