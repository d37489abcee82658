from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.bills.queries import find_default_provision
from fourthp.briefs.access import (
    access_resource_edit_for_editor,
    access_resource_for_viewer,
    access_resources_edit_for_editor,
    can_edit_resources,
    can_override_check,
)
from fourthp.briefs.actions import (
    ContentRefused,
    ResourceInput,
    do_publish_resource,
    do_request_resource_pdf,
    do_save_resource,
    do_unpublish_resource,
    find_resource_pdf,
    pdf_needs_making,
    public_text,
)
from fourthp.briefs.checks import find_problems
from fourthp.briefs.citations import render_with_footnotes
from fourthp.briefs.forms import OverrideForm, ResourceFilterForm, ResourceForm
from fourthp.briefs.models import Resource, ResourcePdf
from fourthp.briefs.queries import ResourceFilters, overrides_of, search_resources
from fourthp.briefs.schemas import ResourceDetailOut, ResourceListOut, ResourceOut
from fourthp.core.pages import respond
from fourthp.core.printing import pdf_engine_missing

LIST_LIMIT = 200

# --------------------------------------------------------------------- public pages


def resource_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """The library: briefs, discussion guides and external resources, filtered by kind, provision and place."""
    form = ResourceFilterForm(request.GET or None)
    filters = ResourceFilters()
    if form.is_valid():
        data = form.cleaned_data
        provision = find_default_provision(data["provision"]) if data["provision"] else None
        filters = ResourceFilters(kind=data["kind"], provision=provision, jurisdiction=data["jurisdiction"])
    resources = list(search_resources(request.user, filters)[:LIST_LIMIT])
    return respond(
        request,
        "briefs/list.html",
        {"form": form, "resources": resources, "can_edit": can_edit_resources(request.user)},
        ResourceListOut(items=[ResourceOut.from_model(r) for r in resources], count=len(resources)),
        as_json=as_json,
    )


def resource_detail(request: HttpRequest, brief: str, as_json: bool = False) -> HttpResponse:
    resource = access_resource_for_viewer(request.user, brief)
    rendered = render_with_footnotes(resource.body)
    can_edit = can_edit_resources(request.user)
    return respond(
        request,
        "briefs/detail.html",
        {
            "resource": resource,
            "body": rendered.html,
            "footnotes": rendered.footnotes,
            "can_edit": can_edit,
            "overrides": list(overrides_of(resource)) if can_edit else [],
        },
        ResourceDetailOut.from_rendered(resource, rendered),
        as_json=as_json,
    )


def resource_pdf(request: HttpRequest, brief: str) -> HttpResponse:
    """The brief as a PDF: the stored file when made for this version, else a page while the worker makes it."""
    resource = access_resource_for_viewer(request.user, brief)
    if not resource.has_text:
        return redirect(resource)
    language = resource.language
    pdf, _data_date = find_resource_pdf(resource, language)
    context: dict[str, Any] = {"resource": resource, "pdf_url": request.get_full_path()}
    htmx = bool(request.htmx)  # type: ignore[attr-defined]
    if pdf is not None and pdf.state == ResourcePdf.State.READY:
        if htmx:
            response = render(request, "campaigns/_pdf_progress.html", {**context, "state": "ready"})
            patch_vary_headers(response, ["HX-Request"])
            return response
        content = ResourcePdf.objects.filter(pk=pdf.pk).values_list("pdf", flat=True).first()
        if content is not None:
            response = HttpResponse(bytes(content), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="fourthp-{resource.slug}-v{resource.version}.pdf"'
            return response
        pdf = None
    if pdf_needs_making(pdf):
        if pdf_engine_missing():
            return render(request, "briefs/pdf_waiting.html", {**context, "state": "unavailable"}, status=503)
        pdf = do_request_resource_pdf(resource, language, acting_user=request.user)
    state = "failed" if pdf is not None and pdf.state == ResourcePdf.State.FAILED else "pending"
    if htmx:
        response = render(request, "campaigns/_pdf_progress.html", {**context, "state": state})
    else:
        response = render(
            request, "briefs/pdf_waiting.html", {**context, "state": state}, status=202 if state == "pending" else 503
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


# --------------------------------------------------------------------- editors' forms


def _preview_context(form: ResourceForm) -> dict[str, Any]:
    """What the preview shows: the text rendered as it would be published, and what the check says of it."""
    data = form.data
    text = "\n\n".join(str(data.get(n, "")) for n in ("body", "title", "summary") if data.get(n))
    rendered = render_with_footnotes(str(data.get("body", "")))
    return {"preview": rendered.html, "footnotes": rendered.footnotes, "problems": find_problems(text)}


def _edit(request: HttpRequest, resource: Resource | None) -> HttpResponse:
    form = ResourceForm(request.POST if request.method == "POST" else None, instance=resource or Resource())
    context: dict[str, Any] = {"resource": resource, "form": form}
    if request.method == "POST" and "preview" in request.POST:
        context.update(_preview_context(form))
        form.is_valid()
    elif request.method == "POST" and form.is_valid():
        data: ResourceInput = form.to_input()
        saved = do_save_resource(resource, data, acting_user=request.user)
        messages.success(request, _("Saved as a draft; publish it from its page when it is ready."))
        return redirect(saved)
    return render(request, "briefs/edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resource_create(request: HttpRequest) -> HttpResponse:
    access_resources_edit_for_editor(request.user)
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, brief: str) -> HttpResponse:
    resource = access_resource_edit_for_editor(request.user, brief)
    return _edit(request, resource)


@login_required
@require_POST
def resource_preview(request: HttpRequest) -> HttpResponse:
    """The live preview of the edit form (htmx): the rendered text with its footnotes and the check's problems."""
    access_resources_edit_for_editor(request.user)
    form = ResourceForm(request.POST)
    return render(request, "briefs/_preview.html", _preview_context(form))


@login_required
@require_http_methods(["GET", "POST"])
def resource_publish(request: HttpRequest, brief: str) -> HttpResponse:
    """Publish after the content check: its problems are shown, and the secretariat may publish with a reason."""
    resource = access_resource_edit_for_editor(request.user, brief)
    form = OverrideForm(request.POST if request.method == "POST" else None)
    problems = find_problems(public_text(resource))
    if request.method == "POST" and form.is_valid():
        try:
            do_publish_resource(
                resource, acting_user=request.user, override_reason=form.cleaned_data["override_reason"]
            )
        except ContentRefused as exc:
            form.add_error(None, str(exc))
            problems = exc.problems
        else:
            messages.success(request, _("Published."))
            return redirect(resource)
    return render(
        request,
        "briefs/publish.html",
        {"resource": resource, "form": form, "problems": problems, "can_override": can_override_check(request.user)},
    )


@login_required
@require_POST
def resource_unpublish(request: HttpRequest, brief: str) -> HttpResponse:
    resource = access_resource_edit_for_editor(request.user, brief)
    do_unpublish_resource(resource, acting_user=request.user)
    messages.success(request, _("It is a draft again; only editors can read it."))
    return redirect(resource)
