from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from fourthp.accounts.models import User
from fourthp.analysis.access import (
    access_analysis_draft_for_analyst,
    access_analysis_for_analyst,
    access_analysis_retry_for_owner,
    access_analysis_run_for_owner,
    access_what_if_upload,
    can_draft_from_run,
    can_retry_run,
)
from fourthp.analysis.actions import (
    AnalysisRequest,
    Recovery,
    SuggestionChoice,
    do_draft_from_finding,
    do_recover_stale_runs,
    do_reject_suggestion,
    do_retry_analysis,
    do_start_analysis,
)
from fourthp.analysis.forms import AnalyzeForm, DraftUploadForm, RankingRefused, picked_ranking, ranking_data
from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import (
    can_start_again,
    describe_run,
    get_run,
    instruments_of,
    recent_runs,
    reusable_run,
)
from fourthp.analysis.sources import AnalysisRefused
from fourthp.analysis.what_if_page import what_if_page
from fourthp.assessments.actions import AssessmentRefused
from fourthp.frameworks.models import Framework
from fourthp.frameworks.queries import find_provision
from fourthp.jurisdictions.queries import find_jurisdiction


def _signed_in(request: HttpRequest) -> User:
    """The person signed in (every view here is login_required), as the actions take her."""
    assert isinstance(request.user, User)
    return request.user


@login_required
@require_http_methods(["GET", "POST"])
def analysis_start(request: HttpRequest) -> HttpResponse:
    """Upload a file, paste text or pick an instrument; see your recent runs."""
    access_analysis_for_analyst(request.user)
    form = AnalyzeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            asked = AnalysisRequest(
                text=form.cleaned_data["text"],
                data=upload.read() if upload is not None else None,
                filename=upload.name if upload is not None else "",
                instrument=form.cleaned_data["instrument"],
                jurisdiction=form.cleaned_data["jurisdiction"],
            )
            run = do_start_analysis(asked, acting_user=_signed_in(request))
        except AnalysisRefused as exc:
            form.add_error(exc.field, str(exc))
        else:
            return redirect(run)
    # A run a stopped worker left behind is requeued or marked failed before it is listed.
    do_recover_stale_runs(owner=_signed_in(request))
    recent = recent_runs(request.user)
    return render(
        request,
        "analysis/start.html",
        {
            "form": form,
            "recent": recent,
            "sync_limit_kb": settings.ANALYZER_SYNC_MAX_BYTES // 1000,
            "upload_limit_mb": f"{settings.ANALYZER_UPLOAD_MAX_BYTES / 1_048_576:.1f}",
            "waiting_limit": settings.ANALYZER_WAITING_RUNS,
            "runs_per_hour": settings.ANALYZER_RUNS_PER_HOUR,
        },
    )


@login_required
def analysis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A run: its progress while it runs (polled by htmx), then the sections and their suggestions."""
    run = _recovered(access_analysis_run_for_owner(request.user, pk))
    if request.htmx:  # type: ignore[attr-defined]
        # The progress region polls this address; once the run ends, the whole page reloads with the result.
        response: HttpResponse = (
            HttpResponseClientRefresh() if run.is_finished else render(request, "analysis/_progress.html", {"run": run})
        )
    else:
        show_all = request.GET.get("weaker") == "1"
        report = describe_run(run, show_all=show_all) if run.state == AnalysisRun.State.DONE else None
        response = render(
            request,
            "analysis/detail.html",
            {
                "run": run,
                "report": report,
                "show_all": show_all,
                # Drafts cite the atlas: only a run of an atlas instrument offers the button.
                "can_draft": run.instrument_id is not None and can_draft_from_run(request.user, run),
                "can_retry": can_start_again(run) and can_retry_run(request.user, run),
            },
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _recovered(run: AnalysisRun) -> AnalysisRun:
    """The run as it is now, once a run a stopped worker left behind is requeued or marked failed."""
    if not run.is_finished and do_recover_stale_runs(owner=run.created_by) != Recovery():
        return get_run(run.pk)
    return run


@login_required
def analysis_by_provision(request: HttpRequest, pk: int, as_json: bool = False) -> HttpResponse:
    """A run "by provision": pick a provision, see the sections of this law the learned ranker puts first
    for it, its passage marked in each, each one click from a draft assessment with it as evidence; those
    from the chosen mode's threshold (precise or thorough) are marked as suggested. Its JSON twin gives the same."""
    run = _recovered(access_analysis_run_for_owner(request.user, pk))
    if as_json:
        try:
            data = ranking_data(run, request.GET)
        except RankingRefused as exc:
            return JsonResponse({"detail": str(exc)}, status=exc.status)
        return JsonResponse(data.model_dump(mode="json"), json_dumps_params={"ensure_ascii": False})
    if request.htmx and not run.is_finished:  # type: ignore[attr-defined]
        response: HttpResponse = render(request, "analysis/_progress.html", {"run": run})
    elif request.htmx:  # type: ignore[attr-defined]
        response = HttpResponseClientRefresh()
    else:
        ranking, form = picked_ranking(run, request.GET)
        response = render(
            request,
            "analysis/by_provision.html",
            {
                "run": run,
                "ranking": ranking,
                "form": form,
                "can_draft": run.instrument_id is not None and can_draft_from_run(request.user, run),
                "json_url": f"{reverse('analysis-by-provision-json', args=[run.pk])}?{request.GET.urlencode()}",
            },
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def analysis_find(request: HttpRequest, code: str, provision: str) -> HttpResponse:
    """ "Find it in this law": a provision a report card has no finding for, looked for in the jurisdiction's
    instruments in the atlas. A run of an instrument is reused when it is up to date, or started (a long
    one in the task worker), and the analyst is sent to its "by provision" view."""
    access_analysis_for_analyst(request.user)
    jurisdiction = find_jurisdiction(code)
    framework = Framework.objects.default()
    wanted = find_provision(framework, provision)
    instruments = instruments_of(jurisdiction)
    runs = [(instrument, reusable_run(request.user, instrument)) for instrument in instruments]

    def by_provision(run: AnalysisRun) -> HttpResponse:
        query = urlencode({"provision": wanted.slug})
        return redirect(f"{reverse('analysis-by-provision', args=[run.pk])}?{query}")

    if request.method == "POST":
        chosen = next((i for i, _run in runs if i.key == request.POST.get("instrument", "")), None)
        if chosen is None:
            messages.error(request, _("Choose one of the instruments listed."))
            return redirect(request.path)
        run = dict(runs).get(chosen)
        if run is None:
            try:
                run = do_start_analysis(AnalysisRequest(instrument=chosen), acting_user=_signed_in(request))
            except AnalysisRefused as exc:
                messages.error(request, str(exc))
                return redirect(request.path)
        return by_provision(run)
    if len(runs) == 1 and runs[0][1] is not None:
        run = runs[0][1]
        assert run is not None
        return by_provision(run)
    return render(
        request,
        "analysis/find.html",
        {"jurisdiction": jurisdiction, "provision": wanted, "runs": runs},
    )


@login_required
@require_POST
def analysis_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """One click from a suggestion to a draft assessment with its evidence span filled in."""
    run = access_analysis_draft_for_analyst(request.user, pk)
    choice = SuggestionChoice(
        section_key=request.POST.get("section", ""), provision_slug=request.POST.get("provision", "")
    )
    try:
        outcome = do_draft_from_finding(run, choice, acting_user=_signed_in(request))
    except AssessmentRefused as exc:
        messages.error(request, str(exc))
        return redirect(run)
    if not outcome.created:
        messages.info(request, _("This provision already has an open assessment for this jurisdiction; here it is."))
        return redirect(outcome.assessment)
    messages.success(
        request,
        _("A draft was started with the suggested passage as evidence. Its status is “unknown” until you decide."),
    )
    return redirect("assessment-edit", outcome.assessment.pk)


@login_required
@require_POST
def analysis_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """The analyst says a suggestion is wrong; her "no" is kept as a label for the analyzer's next training."""
    run = access_analysis_draft_for_analyst(request.user, pk)
    choice = SuggestionChoice(
        section_key=request.POST.get("section", ""), provision_slug=request.POST.get("provision", "")
    )
    try:
        do_reject_suggestion(run, choice, acting_user=_signed_in(request))
    except AssessmentRefused as exc:
        messages.error(request, str(exc))
        return redirect(run)
    messages.success(request, _("Noted: this section does not address the provision. The analyzer will learn from it."))
    return redirect(run)


@login_required
@require_POST
def analysis_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a failed run again, as a new run, if the person may start one now."""
    run = access_analysis_retry_for_owner(request.user, pk)
    try:
        new_run = do_retry_analysis(run, acting_user=_signed_in(request))
    except AnalysisRefused as exc:
        messages.error(request, str(exc))
        return redirect(run)
    return redirect(new_run)


def report_card_what_if(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    """The report card as it would be with the provisions chosen, a pending bill or an analysed draft met."""
    response = what_if_page(request, code, as_json=as_json, upload_form=DraftUploadForm())
    patch_vary_headers(response, ["HX-Request"])  # a draft's reading is polled at the page's own address
    return response


@login_required
@require_POST
def report_card_what_if_upload(request: HttpRequest, code: str) -> HttpResponse:
    """A draft's text read by the analyzer for the what-if: its suggestions are assumed met, never published.
    Those who draft bills may send one as well as the analyzer's users."""
    access_what_if_upload(request.user)
    jurisdiction = find_jurisdiction(code)
    form = DraftUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            asked = AnalysisRequest(
                text=form.cleaned_data["text"],
                data=upload.read() if upload is not None else None,
                filename=upload.name if upload is not None else "",
                jurisdiction=jurisdiction,
            )
            run = do_start_analysis(asked, acting_user=_signed_in(request))
        except AnalysisRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            return redirect(reverse("report-card-what-if", args=[jurisdiction.code]) + f"?run={run.pk}")
    return what_if_page(request, jurisdiction.code, as_json=False, upload_form=form, status=400)
