from __future__ import annotations

import itertools
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fourthp.accounts.access import access_history_for_analyst
from fourthp.accounts.models import User
from fourthp.bills.access import (
    access_bill_edit_for_analyst,
    access_bills_edit_for_analyst,
    access_session_edit_for_analyst,
    can_edit_bills,
)
from fourthp.bills.actions import (
    EnactRefused,
    ImportRefused,
    check_bill,
    do_add_action,
    do_enact_version,
    do_import_bills,
    do_save_bill,
    do_save_session,
    do_save_version,
)
from fourthp.bills.forms import ActionForm, BillFilterForm, BillForm, EnactForm, ImportForm, SessionForm, VersionForm
from fourthp.bills.ical import CONTENT_TYPE, calendar_of
from fourthp.bills.importers import CSV_COLUMNS, MAX_IMPORT_BILLS, MAX_IMPORT_BYTES, MAX_PROBLEMS_SHOWN, READERS
from fourthp.bills.queries import (
    BillFilters,
    calendar_entries,
    find_default_provision,
    get_bill,
    get_plan,
    list_sessions,
    provisions_touched,
    search_bills,
)
from fourthp.bills.schemas import BillDetailOut, BillListOut, BillOut, PlanOut, SessionListOut, SessionOut
from fourthp.core.history import history_rows
from fourthp.core.pages import query_int, respond
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.names import local_name
from fourthp.jurisdictions.queries import find_jurisdiction
from fourthp.members.access import can_see_profile

PAGE_SIZE = 50


# --------------------------------------------------------------------- public pages


def bill_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    form = BillFilterForm(request.GET or None)
    filters = BillFilters()
    if form.is_valid():
        data = form.cleaned_data
        provision = find_default_provision(data["provision"]) if data["provision"] else None
        filters = BillFilters(jurisdiction=data["jurisdiction"], status=data["status"], provision=provision)
    paginator = Paginator(search_bills(filters), PAGE_SIZE)
    page_obj = paginator.get_page(query_int(request, "page", 1))
    data_out = BillListOut(items=[BillOut.from_model(b) for b in page_obj.object_list], count=paginator.count)
    return respond(
        request,
        "bills/list.html",
        {"form": form, "page_obj": page_obj, "count": paginator.count, "can_edit": can_edit_bills(request.user)},
        data_out,
        as_json=as_json,
    )


def bill_detail(request: HttpRequest, bill: int, as_json: bool = False) -> HttpResponse:
    found = get_bill(bill)
    sponsors = [
        (s, s.profile if s.profile is not None and can_see_profile(request.user, s.profile) else None)
        for s in found.sponsors.all()
    ]
    return respond(
        request,
        "bills/detail.html",
        {
            "bill": found,
            "sponsors": sponsors,
            "touched": provisions_touched(found),
            "can_edit": can_edit_bills(request.user),
        },
        BillDetailOut.describe(found),
        as_json=as_json,
    )


def _jurisdiction(code: str) -> Jurisdiction:
    return find_jurisdiction(code)


def jurisdiction_sessions(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    """Its sessions, and a calendar of them and of its bills' actions, month by month."""
    jurisdiction = _jurisdiction(code)
    sessions = list(list_sessions(jurisdiction))
    entries = calendar_entries(jurisdiction)
    # Month names and their order differ by language: the locale's YEAR_MONTH_FORMAT.
    months = [
        (date_format(month, "YEAR_MONTH_FORMAT"), list(items))
        for month, items in itertools.groupby(entries, key=lambda e: e.starts_on.replace(day=1))
    ]
    return respond(
        request,
        "bills/sessions.html",
        {
            "jurisdiction": jurisdiction,
            "sessions": sessions,
            "months": months,
            "can_edit": can_edit_bills(request.user),
        },
        SessionListOut(items=[SessionOut.from_model(s) for s in sessions], count=len(sessions)),
        as_json=as_json,
    )


def jurisdiction_calendar(request: HttpRequest, code: str) -> HttpResponse:
    jurisdiction = _jurisdiction(code)
    name = _("%(name)s: legislative calendar") % {"name": local_name(jurisdiction)}
    response = HttpResponse(calendar_of(calendar_entries(jurisdiction), name=name), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="fourthp-{jurisdiction.code}-calendar.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def jurisdiction_plan(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    jurisdiction = _jurisdiction(code)
    plan = get_plan(jurisdiction)
    return respond(
        request,
        "bills/plan.html",
        {"jurisdiction": jurisdiction, "plan": plan},
        PlanOut.describe(plan),
        as_json=as_json,
    )


# --------------------------------------------------------------------- analysts' forms


def _save_bill_form(request: HttpRequest, form: BillForm, bill_id: int | None) -> HttpResponse | None:
    """Save a valid form (None when it is not valid or the bill cannot be saved as given)."""
    if request.method != "POST" or not form.is_valid():
        return None
    existing = get_bill(bill_id) if bill_id is not None else None
    jurisdiction = form.cleaned_data["jurisdiction"]
    data = form.bill_input()
    reasons = check_bill(jurisdiction, data, existing)
    for reason in reasons:
        form.add_error(None, reason)
    if reasons:
        return None
    saved = do_save_bill(existing, jurisdiction, data, acting_user=cast(User, request.user))
    messages.success(request, _("The bill was saved."))
    return redirect(saved)


@login_required
@require_http_methods(["GET", "POST"])
def bill_create(request: HttpRequest) -> HttpResponse:
    access_bills_edit_for_analyst(request.user)
    form = BillForm(request.POST or None, initial={"jurisdiction": request.GET.get("jurisdiction", "")})
    return _save_bill_form(request, form, None) or render(request, "bills/edit.html", {"form": form, "bill": None})


@login_required
@require_http_methods(["GET", "POST"])
def bill_edit(request: HttpRequest, bill: int) -> HttpResponse:
    found = access_bill_edit_for_analyst(request.user, bill)
    form = BillForm(request.POST or None, initial=BillForm.initial_of(found))
    return _save_bill_form(request, form, found.pk) or render(request, "bills/edit.html", {"form": form, "bill": found})


@login_required
@require_http_methods(["GET", "POST"])
def bill_action_add(request: HttpRequest, bill: int) -> HttpResponse:
    found = access_bill_edit_for_analyst(request.user, bill)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_add_action(found, form.action_input(), acting_user=cast(User, request.user))
        messages.success(request, _("The action was added to the timeline."))
        return redirect(found)
    return render(request, "bills/form.html", {"form": form, "bill": found, "heading": _("Add an action")})


@login_required
@require_http_methods(["GET", "POST"])
def bill_version_add(request: HttpRequest, bill: int) -> HttpResponse:
    found = access_bill_edit_for_analyst(request.user, bill)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        version = do_save_version(found, form.version_input(), acting_user=cast(User, request.user))
        messages.success(
            request,
            _("The version was saved; the analyzer suggests %(n)s provisions it touches.")
            % {"n": version.touched.count()},
        )
        return redirect(found)
    return render(request, "bills/form.html", {"form": form, "bill": found, "heading": _("Add or replace a version")})


@login_required
@require_http_methods(["GET", "POST"])
def bill_enact(request: HttpRequest, bill: int) -> HttpResponse:
    """An enacted bill's text added to the atlas as an instrument of its jurisdiction."""
    found = access_bill_edit_for_analyst(request.user, bill)
    form = EnactForm(request.POST or None, bill=found)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = do_enact_version(
                form.cleaned_data["version"], form.enact_input(), acting_user=cast(User, request.user)
            )
        except EnactRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(title)s is in the atlas now, with %(n)s sections.")
                % {"title": instrument.title, "n": instrument.sections.count()},
            )
            return redirect(instrument)
    return render(
        request, "bills/form.html", {"form": form, "bill": found, "heading": _("Add the enacted text to the atlas")}
    )


@login_required
def bill_history(request: HttpRequest, bill: int) -> HttpResponse:
    found = get_bill(bill)
    access_history_for_analyst(request.user)
    return render(request, "bills/history.html", {"bill": found, "revisions": history_rows(found.history.all())})


@login_required
@require_http_methods(["GET", "POST"])
def bill_import(request: HttpRequest) -> HttpResponse:
    access_bills_edit_for_analyst(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        bills, found = READERS[form.cleaned_data["format"]](upload.read())
        try:
            summary = do_import_bills(
                form.cleaned_data["jurisdiction"],
                bills,
                acting_user=cast(User, request.user),
                source_name=upload.name,
                problems=found,
            )
        except ImportRefused as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _("Imported: %(created)s new bills, %(updated)s updated.")
                % {"created": summary.created, "updated": summary.updated},
            )
            if summary.sessions_created:
                messages.info(
                    request,
                    _("New sessions were added without dates: %(names)s. Add their dates on the sessions page.")
                    % {"names": ", ".join(summary.sessions_created)},
                )
            return redirect(f"/bills/?jurisdiction={form.cleaned_data['jurisdiction'].code}")
    return render(
        request,
        "bills/import.html",
        {
            "form": form,
            "problems": problems[:MAX_PROBLEMS_SHOWN],
            "more_problems": max(0, len(problems) - MAX_PROBLEMS_SHOWN),
            "columns": CSV_COLUMNS,
            "max_bills": MAX_IMPORT_BILLS,
            "max_mb": MAX_IMPORT_BYTES // (1024 * 1024),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, code: str) -> HttpResponse:
    access_bills_edit_for_analyst(request.user)
    jurisdiction = _jurisdiction(code)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.session_input()
        if list_sessions(jurisdiction).filter(name=data.name).exists():
            form.add_error("name", _("This jurisdiction has a session of that name already."))
        else:
            do_save_session(None, jurisdiction, data, acting_user=cast(User, request.user))
            messages.success(request, _("The session was saved."))
            return redirect("jurisdiction-sessions", jurisdiction.code)
    return render(request, "bills/session_edit.html", {"form": form, "jurisdiction": jurisdiction, "session": None})


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, session: int) -> HttpResponse:
    found = access_session_edit_for_analyst(request.user, session)
    initial = {f: getattr(found, f) for f in ("name", "starts_on", "ends_on", "legislature", "source_url")}
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.session_input()
        if list_sessions(found.jurisdiction).filter(name=data.name).exclude(pk=found.pk).exists():
            form.add_error("name", _("This jurisdiction has a session of that name already."))
        else:
            do_save_session(found, found.jurisdiction, data, acting_user=cast(User, request.user))
            messages.success(request, _("The session was saved."))
            return redirect("jurisdiction-sessions", found.jurisdiction.code)
    return render(
        request, "bills/session_edit.html", {"form": form, "jurisdiction": found.jurisdiction, "session": found}
    )
