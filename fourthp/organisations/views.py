from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fourthp.accounts.access import has_role, require_role
from fourthp.accounts.roles import Role
from fourthp.core.pages import respond
from fourthp.organisations.actions import ImportRefused, do_import_organisations
from fourthp.organisations.forms import OrganisationFilterForm, OrganisationImportForm
from fourthp.organisations.queries import get_organisation, public_contacts, public_groups, search_organisations
from fourthp.organisations.schemas import OrganisationListOut, OrganisationOut


def organisation_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """The directory, filtered by jurisdiction (chosen by name), kind and provision; consented contacts only."""
    form = OrganisationFilterForm(request.GET or None)
    filters = {"jurisdiction": "", "kind": "", "provision": ""}
    if form.is_valid():
        filters = {name: form.cleaned_data.get(name) or "" for name in filters}
    organisations = list(search_organisations(**filters))
    rows = [(o, public_contacts(o)) for o in organisations]
    return respond(
        request,
        "organisations/list.html",
        {"form": form, "rows": rows, "can_import": has_role(request.user, Role.SECRETARIAT)},
        OrganisationListOut(items=[OrganisationOut.from_model(o) for o in organisations], count=len(organisations)),
        as_json=as_json,
    )


def organisation_detail(request: HttpRequest, organisation: str, as_json: bool = False) -> HttpResponse:
    found = get_organisation(organisation)
    return respond(
        request,
        "organisations/detail.html",
        {"organisation": found, "contacts": public_contacts(found), "groups": public_groups(found)},
        OrganisationOut.from_model(found),
        as_json=as_json,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_import(request: HttpRequest) -> HttpResponse:
    """The secretariat's CSV upload: all rows or none, every bad row listed with its line and reason."""
    require_role(request.user, Role.SECRETARIAT)
    form = OrganisationImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = do_import_organisations(form.cleaned_data["file"], acting_user=request.user)
        except ImportRefused as exc:
            problems = exc.problems
        else:
            messages.success(
                request,
                _("Imported %(created)s organisations; %(kept)s already in the directory were kept as they were.")
                % {"created": result.created, "kept": result.kept},
            )
            return redirect("organisation-list")
    return render(request, "organisations/import.html", {"form": form, "problems": problems})
