"""Working group pages: each view parses, checks access, acts and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.briefs.actions import ContentRefused
from fourthp.briefs.checks import problem_line
from fourthp.core.pages import markdown_html, respond
from fourthp.frameworks.models import Framework
from fourthp.groups.access import (
    access_group_create_for_secretariat,
    access_group_file_for_reader,
    access_group_join_for_member,
    access_group_manage_for_lead,
    access_group_space_for_member,
    access_group_view_for_audience,
    can_create_group,
    can_manage_group,
    can_see_group_outputs,
    can_see_group_space,
)
from fourthp.groups.actions import (
    GroupInput,
    GroupRefused,
    OutputInput,
    do_add_version,
    do_announce,
    do_create_group,
    do_decide_request,
    do_leave_group,
    do_publish_output,
    do_request_join,
    do_update_group,
    do_upload_document,
)
from fourthp.groups.forms import (
    AnnouncementForm,
    DecisionForm,
    DocumentForm,
    GroupForm,
    JoinForm,
    OutputForm,
    VersionForm,
)
from fourthp.groups.models import DocumentVersion, GroupMembership, WorkingGroup
from fourthp.groups.queries import (
    get_document,
    get_group,
    get_request,
    list_announcements,
    list_documents,
    list_groups,
    list_members,
    list_outputs,
    list_requests,
    list_versions_for_outputs,
    membership_of,
)
from fourthp.groups.schemas import GroupDetailOut, GroupListOut, GroupSummaryOut
from fourthp.members.visibility import shown_name


def _default_framework() -> Framework | None:
    try:
        return Framework.objects.default()
    except Framework.DoesNotExist:
        return None


# ------------------------------------------------------------------ pages


def group_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    provision = request.GET.get("provision", "").strip()[:120]
    groups = list(list_groups(request.user, provision=provision or None))
    data = GroupListOut(items=[GroupSummaryOut.from_model(g) for g in groups], count=len(groups), provision=provision)
    provision_obj = None
    if provision:
        framework = _default_framework()
        provision_obj = framework.provisions.filter(slug=provision).first() if framework else None
    return respond(
        request,
        "groups/list.html",
        {
            "groups": groups,
            "provision": provision,
            "provision_obj": provision_obj,
            "can_create": can_create_group(request.user),
        },
        data,
        as_json=as_json,
    )


def group_detail(request: HttpRequest, group: str, as_json: bool = False) -> HttpResponse:
    wg = access_group_view_for_audience(request.user, get_group(group))
    data = GroupDetailOut.describe(wg, request.user)
    if as_json:
        return respond(request, "groups/detail.html", {}, data, as_json=True)
    user = request.user
    in_space = can_see_group_space(user, wg)
    manage = can_manage_group(user, wg)
    open_group = can_see_group_outputs(user, wg)
    context: dict[str, Any] = {
        "group": wg,
        "description": markdown_html(wg.description),
        "lead_name": shown_name(wg.lead, user) if open_group and wg.lead else "",
        "in_space": in_space,
        "can_manage": manage,
        "membership": membership_of(user, wg),
        "join_form": JoinForm(),
        "outputs": [(o, markdown_html(o.body)) for o in list_outputs(wg)] if open_group else [],
    }
    if in_space:
        context["members"] = [shown_name(m.user, user) for m in list_members(wg)]
        context["announcements"] = [(a, markdown_html(a.body)) for a in list_announcements(wg)]
    if manage:
        context["requests"] = [(r, shown_name(r.user, user)) for r in list_requests(wg)]
    return respond(request, "groups/detail.html", context, data, as_json=False)


def _group_input(form: GroupForm) -> GroupInput:
    return GroupInput(
        title=form.cleaned_data["title"],
        description=form.cleaned_data["description"],
        visibility=form.cleaned_data["visibility"],
        provisions=form.cleaned_data["provisions"],
        lead=form.cleaned_data["lead"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    access_group_create_for_secretariat(request.user)
    form = GroupForm(
        request.POST if request.method == "POST" else None,
        initial={"visibility": WorkingGroup.Visibility.PUBLIC},
        framework=_default_framework(),
        viewer=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            wg = do_create_group(_group_input(form), acting_user=request.user)
        except GroupRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The group is created."))
            return redirect(wg)
    return render(request, "groups/edit.html", {"form": form, "group": None})


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, group: str) -> HttpResponse:
    wg = access_group_manage_for_lead(request.user, get_group(group))
    initial = {
        "title": wg.title,
        "description": wg.description,
        "visibility": wg.visibility,
        "provisions": list(wg.provisions.all()),
        "lead": wg.lead,
    }
    form = GroupForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        framework=_default_framework(),
        viewer=request.user,
        group=wg,
    )
    if request.method == "POST" and form.is_valid():
        try:
            do_update_group(wg, _group_input(form), acting_user=request.user)
        except GroupRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The group is saved."))
            return redirect(wg)
    return render(request, "groups/edit.html", {"form": form, "group": wg})


# ------------------------------------------------------------- membership


@require_POST
@login_required
def group_join(request: HttpRequest, group: str) -> HttpResponse:
    wg = access_group_join_for_member(request.user, access_group_view_for_audience(request.user, get_group(group)))
    form = JoinForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("message", []):
            messages.error(request, str(error))
        return redirect(wg)
    try:
        do_request_join(wg, form.cleaned_data["message"], acting_user=request.user)
    except GroupRefused as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, _("Your request is sent. The lead will answer it; you will get an e-mail."))
    return redirect(wg)


@require_POST
@login_required
def group_leave(request: HttpRequest, group: str) -> HttpResponse:
    wg = access_group_join_for_member(request.user, access_group_view_for_audience(request.user, get_group(group)))
    try:
        do_leave_group(wg, acting_user=request.user)
    except GroupRefused as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, _("You are no longer in this group."))
    return redirect(wg)


@require_POST
@login_required
def group_request_decide(request: HttpRequest, group: str, membership: int) -> HttpResponse:
    wg = access_group_manage_for_lead(request.user, get_group(group))
    asked = get_request(wg, membership)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to decline the request."))
        return redirect(wg)
    try:
        done = do_decide_request(asked, form.cleaned_data["decision"], acting_user=request.user)
    except GroupRefused as exc:
        messages.info(request, str(exc))
    else:
        if done.state == GroupMembership.State.ACTIVE:
            messages.success(request, _("The request is approved; the member is told by e-mail."))
        else:
            messages.success(request, _("The request is declined; the member is told by e-mail."))
    return redirect(wg)


# -------------------------------------------------------------- documents


@login_required
@require_http_methods(["GET", "POST"])
def group_documents(request: HttpRequest, group: str) -> HttpResponse:
    wg = access_group_space_for_member(request.user, get_group(group))
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = do_upload_document(
                wg,
                form.cleaned_data["title"],
                request.FILES.get("file"),
                form.cleaned_data["note"],
                acting_user=request.user,
            )
        except GroupRefused as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("The document is uploaded."))
            return redirect(version.document)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "groups/documents.html",
        {"group": wg, "documents": list_documents(wg), "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def group_document(request: HttpRequest, group: str, document: int) -> HttpResponse:
    wg = access_group_space_for_member(request.user, get_group(group))
    doc = get_document(wg, document)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = do_add_version(
                doc, request.FILES.get("file"), form.cleaned_data["note"], acting_user=request.user
            )
        except GroupRefused as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Version %(n)s is uploaded.") % {"n": version.number})
            return redirect(doc)
    versions = [(v, shown_name(v.uploaded_by, request.user) if v.uploaded_by else "") for v in doc.versions.all()]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "groups/document.html",
        {"group": wg, "document": doc, "versions": versions, "form": form},
        status=status,
    )


def group_document_download(request: HttpRequest, group: str, document: int, version: int) -> HttpResponseBase:
    """The file, after the access check: MEDIA_ROOT is never served, so this is the only way to it."""
    wg = access_group_view_for_audience(request.user, get_group(group))
    found = (
        DocumentVersion.objects.select_related("document")
        .filter(document__group=wg, document_id=document, number=version)
        .first()
    )
    try:
        if found is None:
            # Outside the space, a missing file answers like a present one: ids are not given away.
            access_group_space_for_member(request.user, wg)
            raise Http404(_("There is no such version of this document."))
        access_group_file_for_reader(request.user, wg, found)
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    response = FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.filename, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --------------------------------------------------- announcements, outputs


@login_required
@require_http_methods(["GET", "POST"])
def group_announce(request: HttpRequest, group: str) -> HttpResponse:
    wg = access_group_manage_for_lead(request.user, get_group(group))
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            announcement = do_announce(
                wg, form.cleaned_data["title"], form.cleaned_data["body"], acting_user=request.user
            )
        except GroupRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("The announcement is posted and is being e-mailed to %(n)s members.")
                % {"n": announcement.recipient_count},
            )
            return redirect(wg)
    return render(request, "groups/announce.html", {"group": wg, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def group_output_create(request: HttpRequest, group: str) -> HttpResponse:
    wg = access_group_manage_for_lead(request.user, get_group(group))
    form = OutputForm(request.POST or None, framework=_default_framework(), versions=list_versions_for_outputs(wg))
    if request.method == "POST" and form.is_valid():
        data = OutputInput(
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            body=form.cleaned_data["body"],
            provisions=form.cleaned_data["provisions"],
            document_version=form.cleaned_data["document_version"],
            override_reason=form.cleaned_data["override_reason"],
        )
        try:
            do_publish_output(wg, data, acting_user=request.user)
        except ContentRefused as exc:
            form.add_error(None, str(exc))
            for problem in exc.problems:
                form.add_error(None, problem_line(problem))
        except GroupRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The output is published on the group's page."))
            return redirect(wg.get_absolute_url() + "#outputs")
    return render(request, "groups/output_new.html", {"group": wg, "form": form})
