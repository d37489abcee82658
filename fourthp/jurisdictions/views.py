from __future__ import annotations

import re
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from fourthp.accounts.access import access_history_for_analyst
from fourthp.accounts.models import User
from fourthp.assessments.forms import invitation_context
from fourthp.core.history import history_rows
from fourthp.core.pages import query_int, respond
from fourthp.findings.queries import list_findings_for
from fourthp.jurisdictions.access import access_jurisdiction_edit_for_analyst, can_edit_jurisdiction
from fourthp.jurisdictions.actions import JurisdictionEdit, do_update_jurisdiction
from fourthp.jurisdictions.forms import FindPlaceForm, JurisdictionEditForm, JurisdictionFilterForm
from fourthp.jurisdictions.queries import (
    MAX_TYPED_CHARS,
    JurisdictionFilters,
    find_jurisdiction,
    list_regions,
    search_jurisdictions,
    suggest_places,
)
from fourthp.jurisdictions.schemas import JurisdictionListOut, JurisdictionOut
from fourthp.laws.schemas import describe_jurisdiction

PAGE_SIZE = 100


def jurisdiction_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    # "Find a place": a name or code that resolves goes straight to its page; any other is said on the list.
    find_form = FindPlaceForm(request.GET if "place" in request.GET else None, auto_id="find-%s")
    if not as_json and find_form.is_valid():
        return redirect(find_form.cleaned_data["place"])
    regions = list_regions()
    filter_data = request.GET.copy()
    filter_data.pop("place", None)
    form = JurisdictionFilterForm(filter_data or None, regions=regions)
    filters = JurisdictionFilters()
    if form.is_valid():
        filters = JurisdictionFilters(**{k: v or "" for k, v in form.cleaned_data.items()})
    paginator = Paginator(search_jurisdictions(filters), PAGE_SIZE)
    page_obj = paginator.get_page(query_int(request, "page", 1))
    data = JurisdictionListOut(
        items=[JurisdictionOut.from_model(j) for j in page_obj.object_list],
        count=paginator.count,
    )
    return respond(
        request,
        "jurisdictions/list.html",
        {"form": form, "find_form": find_form, "page_obj": page_obj, "count": paginator.count},
        data,
        as_json=as_json,
    )


_PARAM = re.compile(r"^[A-Za-z0-9_-]{1,60}$")


@require_GET
def jurisdiction_suggest(request: HttpRequest) -> HttpResponse:
    """Up to ten places for what was typed so far, as the options of a picker's listbox (htmx).

    The picker sends its own field under its name, and that name as `field`; `q` serves any other caller.
    `for` is the picker's id, which prefixes the options' ids.
    """
    field = request.GET.get("field", "")
    query = request.GET.get("q", "") or (request.GET.get(field, "") if _PARAM.match(field) else "")
    query = query.replace("\x00", "")[:MAX_TYPED_CHARS].strip()
    owner = request.GET.get("for", "")
    places = suggest_places(query) if query else []
    return render(
        request,
        "jurisdictions/_suggestions.html",
        {"places": places, "query": query, "for": owner if _PARAM.match(owner) else "place"},
    )


def jurisdiction_detail(request: HttpRequest, code: str, as_json: bool = False) -> HttpResponse:
    jurisdiction = find_jurisdiction(code)
    if jurisdiction.code != code:
        # An alias (US-PR) or lower-case code: send to the one permalink.
        target = "jurisdiction-detail-json" if as_json else "jurisdiction-detail"
        return redirect(target, jurisdiction.code, permanent=True)
    data = describe_jurisdiction(jurisdiction)
    return respond(
        request,
        "jurisdictions/detail.html",
        {
            "jurisdiction": jurisdiction,
            "data": data,
            "can_edit": can_edit_jurisdiction(request.user, jurisdiction),
            # Other organisations' findings, shown apart from the report card (findings app).
            "findings": list_findings_for(jurisdiction),
            # Without a report card, the invitation to suggest a statute or ask for an assessment.
            **invitation_context(request.user, jurisdiction),
        },
        data,
        as_json=as_json,
    )


@login_required
@require_http_methods(["GET", "POST"])
def jurisdiction_edit(request: HttpRequest, code: str) -> HttpResponse:
    jurisdiction = access_jurisdiction_edit_for_analyst(request.user, code)
    form = JurisdictionEditForm(
        request.POST or None,
        initial={"legislature": jurisdiction.legislature, "legal_tradition": jurisdiction.legal_tradition},
    )
    if request.method == "POST" and form.is_valid():
        do_update_jurisdiction(
            jurisdiction, JurisdictionEdit(**form.cleaned_data), acting_user=cast(User, request.user)
        )
        messages.success(request, _("The jurisdiction was updated."))
        return redirect(jurisdiction)
    return render(request, "jurisdictions/edit.html", {"jurisdiction": jurisdiction, "form": form})


@login_required
def jurisdiction_history(request: HttpRequest, code: str) -> HttpResponse:
    access_history_for_analyst(request.user)
    jurisdiction = find_jurisdiction(code)
    revisions = history_rows(jurisdiction.history.all())
    return render(request, "jurisdictions/history.html", {"jurisdiction": jurisdiction, "revisions": revisions})
