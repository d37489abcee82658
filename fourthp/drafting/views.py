from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.models import User
from fourthp.core.pages import respond
from fourthp.core.printing import pdf_engine_missing
from fourthp.drafting.access import (
    access_draft_comment_for_author,
    access_draft_create_for_drafter,
    access_draft_for_drafter,
    access_draft_for_reader,
    access_model_proposal_for_analyst,
    access_model_provision_for_viewer,
    access_model_review_for_reviewer,
    access_model_version_for_reviewer,
    can_create_draft,
    can_propose_model_text,
    can_recompose_draft,
    can_resolve_draft_comment,
    can_review_model_text,
    can_review_model_texts,
)
from fourthp.drafting.actions import (
    do_comment_on_draft,
    do_create_draft,
    do_create_model_provision,
    do_propose_version,
    do_publish_version,
    do_recompose_draft,
    do_request_draft_pdf,
    do_resolve_draft_comment,
    do_return_version,
    draft_pdf_needs_making,
)
from fourthp.drafting.bill import ComposedBill
from fourthp.drafting.diff import bill_as_text, side_by_side
from fourthp.drafting.exports import FORMATS, file_name
from fourthp.drafting.exports import render as render_bill
from fourthp.drafting.forms import (
    DraftChoicesForm,
    DraftCommentForm,
    DraftStartForm,
    NewModelForm,
    ReturnForm,
    VersionForm,
    option_field_name,
)
from fourthp.drafting.models import DraftComment, DraftPdf, Level, ModelText, Tradition
from fourthp.drafting.queries import (
    ChoicesRefused,
    drafting_level,
    drafting_tradition,
    enacted_in_by_provision,
    get_draft_version,
    get_version,
    list_candidates,
    list_drafts_for,
    list_enacted_in,
    list_proposals,
    list_versions,
    search_model_provisions,
)
from fourthp.drafting.schemas import (
    DiffRowOut,
    ModelCompareOut,
    ModelProvisionListOut,
    ModelProvisionOut,
    ModelProvisionPageOut,
    VersionOut,
)
from fourthp.drafting.text import fill, link_refs, parse_options
from fourthp.frameworks.models import Framework
from fourthp.frameworks.queries import get_pillars_with_provisions, list_provisions
from fourthp.groups.models import GroupMembership, WorkingGroup
from fourthp.jurisdictions.models import Jurisdiction


def _choice(request: HttpRequest, name: str, allowed: list[str], default: str = "") -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else default


def model_provision_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """The library by pillar, filtered by provision, tradition and level."""
    framework = Framework.objects.default()
    provisions = list(list_provisions(framework))
    provision = _choice(request, "provision", [p.slug for p in provisions])
    tradition = _choice(request, "tradition", list(Tradition.values))
    level = _choice(request, "level", list(Level.values))
    models = list(search_model_provisions(request.user, provision=provision, tradition=tradition, level=level))
    enacted = enacted_in_by_provision([m.provision for m in models])
    by_pillar = [
        (pillar, [m for m in models if m.provision.pillar_id == pillar.pk])
        for pillar in get_pillars_with_provisions(framework)
    ]
    return respond(
        request,
        "drafting/list.html",
        {
            "by_pillar": [(p, ms) for p, ms in by_pillar if ms],
            "provisions": provisions,
            "chosen": {"provision": provision, "tradition": tradition, "level": level},
            "traditions": Tradition.choices,
            "levels": Level.choices,
            "count": len(models),
            "can_propose": can_propose_model_text(request.user),
            "can_review": can_review_model_texts(request.user),
        },
        ModelProvisionListOut(
            items=[ModelProvisionOut.from_model(m, enacted.get(m.provision_id, [])) for m in models],
            count=len(models),
        ),
        as_json=as_json,
    )


def _shown_text(texts: list[ModelText], tradition: str, level: str) -> ModelText | None:
    for t in texts:
        if t.tradition == tradition and t.level == level:
            return t
    return texts[0] if texts else None


def model_provision_detail(request: HttpRequest, model: str, as_json: bool = False) -> HttpResponse:
    """The chosen variant with its option defaults filled in, notes, options, enacted-in references, versions."""
    found = access_model_provision_for_viewer(request.user, model)
    versions = list_versions(found, request.user)
    version = found.current_version or (versions[0] if versions else None)
    texts = list(version.texts.all()) if version else []
    tradition = _choice(request, "tradition", list(Tradition.values), Tradition.COMMON_LAW)
    level = _choice(request, "level", found.provision.levels, found.provision.levels[0])
    shown = _shown_text(texts, tradition, level)
    options = parse_options(version.options) if version else []
    filled = fill(shown.text, level=shown.level, options=options) if shown else ""
    enacted = list_enacted_in(found.provision)
    base = ModelProvisionOut.from_model(found, enacted)
    data = ModelProvisionPageOut(
        **base.model_dump(),
        versions=[VersionOut.from_model(v) for v in versions],
        shown_tradition=shown.tradition if shown else "",
        shown_level=shown.level if shown else "",
        shown_text=filled,
    )
    return respond(
        request,
        "drafting/detail.html",
        {
            "model": found,
            "version": version,
            "versions": versions,
            "shown": shown,
            "filled": filled,
            "notes": link_refs(version.notes, lambda ref: f"{reverse('model-provision-list')}?provision={ref}")
            if version
            else "",
            "options": options,
            "enacted": enacted,
            "traditions": Tradition.choices,
            "levels": [(lv, Level(lv).label) for lv in found.provision.levels],
            "can_propose": can_propose_model_text(request.user),
            "reviewable": [v for v in versions if can_review_model_text(request.user, v)],
        },
        data,
        as_json=as_json,
    )


def model_provision_compare(request: HttpRequest, model: str, as_json: bool = False) -> HttpResponse:
    """Two versions of one variant side by side (by default the two newest the reader may see)."""
    found = access_model_provision_for_viewer(request.user, model)
    versions = list_versions(found, request.user)
    numbers = [v.number for v in versions]

    def number(name: str, default: int) -> int:
        raw = request.GET.get(name, "")
        return int(raw) if raw.isdigit() and int(raw) in numbers else default

    new = get_version(found, number("b", numbers[0]), request.user)
    earlier = [n for n in numbers if n < new.number]
    old = get_version(found, number("a", earlier[0] if earlier else new.number), request.user)
    tradition = _choice(request, "tradition", list(Tradition.values), Tradition.COMMON_LAW)
    level = _choice(request, "level", found.provision.levels, found.provision.levels[0])
    old_text = _shown_text(list(old.texts.all()), tradition, level)
    new_text = _shown_text(list(new.texts.all()), tradition, level)
    rows = side_by_side(
        f"{old_text.heading}\n{old_text.text}" if old_text else "",
        f"{new_text.heading}\n{new_text.text}" if new_text else "",
    )
    return respond(
        request,
        "drafting/compare.html",
        {
            "model": found,
            "old": old,
            "new": new,
            "rows": rows,
            "versions": versions,
            "tradition": tradition,
            "level": level,
            "traditions": Tradition.choices,
            "levels": [(lv, Level(lv).label) for lv in found.provision.levels],
        },
        ModelCompareOut(
            slug=found.slug,
            old=old.number,
            new=new.number,
            tradition=tradition,
            level=level,
            rows=[DiffRowOut(kind=r.kind, old=str(r.old), new=str(r.new)) for r in rows],
        ),
        as_json=as_json,
    )


# --------------------------------------------------------------------- analysts and reviewers


@login_required
@require_http_methods(["GET", "POST"])
def model_provision_propose(request: HttpRequest, model: str) -> HttpResponse:
    """A new version, starting from the newest one."""
    found = access_model_proposal_for_analyst(request.user, model)
    assert found is not None
    versions = list_versions(found, request.user)
    start = versions[0] if versions else None
    form = VersionForm(request.POST or None, provision=found.provision, initial=VersionForm.initial_from(start))
    if request.method == "POST" and form.is_valid():
        try:
            version = do_propose_version(found, form.version_input(), acting_user=cast(User, request.user))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Version %(number)s was sent to a reviewer.") % {"number": version.number})
            return redirect(found)
    return render(request, "drafting/propose.html", {"form": form, "model": found})


@login_required
@require_http_methods(["GET", "POST"])
def model_provision_create(request: HttpRequest) -> HttpResponse:
    access_model_proposal_for_analyst(request.user)
    framework = Framework.objects.default()
    form = NewModelForm(request.POST or None, provisions=list(list_provisions(framework)))
    if request.method == "POST" and form.is_valid():
        try:
            created = do_create_model_provision(form.new_input(), framework, acting_user=cast(User, request.user))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The model provision was sent to a reviewer."))
            return redirect(created)
    return render(request, "drafting/propose.html", {"form": form, "model": None})


@login_required
def model_provision_review(request: HttpRequest) -> HttpResponse:
    """The proposals awaiting a reviewer."""
    access_model_review_for_reviewer(request.user)
    proposals = [(v, can_review_model_text(request.user, v)) for v in list_proposals()]
    return render(request, "drafting/review.html", {"proposals": proposals, "form": ReturnForm()})


@login_required
@require_POST
def model_version_publish(request: HttpRequest, model: str, number: int) -> HttpResponse:
    version = access_model_version_for_reviewer(request.user, model, number)
    do_publish_version(version, acting_user=cast(User, request.user))
    messages.success(request, _("Version %(number)s is published.") % {"number": number})
    return redirect(version.model_provision)


@login_required
@require_POST
def model_version_return(request: HttpRequest, model: str, number: int) -> HttpResponse:
    version = access_model_version_for_reviewer(request.user, model, number)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        proposals = [(v, can_review_model_text(request.user, v)) for v in list_proposals()]
        return render(request, "drafting/review.html", {"proposals": proposals, "form": form}, status=400)
    do_return_version(version, form.cleaned_data["reason"], acting_user=cast(User, request.user))
    messages.success(request, _("Version %(number)s was returned to its author.") % {"number": number})
    return redirect("model-provision-review")


# --------------------------------------------------------------------------------- the drafting assistant


def _my_groups(user: User) -> list[WorkingGroup]:
    return list(
        WorkingGroup.objects.filter(memberships__user=user, memberships__state=GroupMembership.State.ACTIVE).distinct()
    )


@login_required
def draft_list(request: HttpRequest) -> HttpResponse:
    """Her drafts and her working groups'."""
    return render(
        request,
        "drafting/drafts.html",
        {"drafts": list(list_drafts_for(request.user)), "can_create": can_create_draft(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_create(request: HttpRequest) -> HttpResponse:
    """Two steps: the jurisdiction by name; then the provisions (the report card's gaps chosen), options,
    tradition and level. Composing makes the draft and its version 1."""
    access_draft_create_for_drafter(request.user)
    user = cast(User, request.user)
    start = DraftStartForm(request.GET if "jurisdiction" in request.GET else None)
    if not start.is_valid():
        return render(request, "drafting/draft_new.html", {"start": start, "form": None})
    jurisdiction: Jurisdiction = start.cleaned_data["jurisdiction"]
    candidates = list_candidates(jurisdiction)
    form = DraftChoicesForm(
        request.POST or None,
        candidates=candidates,
        groups=_my_groups(user),
        initial={
            "provisions": [c.provision.slug for c in candidates if c.is_gap],
            "tradition": drafting_tradition(jurisdiction),
            "level": drafting_level(jurisdiction),
        },
    )
    if request.method == "POST" and form.is_valid():
        group_pk = form.cleaned_data.get("group")
        group = next((g for g in _my_groups(user) if g.pk == group_pk), None)
        try:
            draft = do_create_draft(jurisdiction, form.draft_choices(), acting_user=user, group=group)
        except ChoicesRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The bill is composed: this is its version 1."))
            return redirect(draft)
    return render(
        request,
        "drafting/draft_new.html",
        {"start": start, "form": form, "jurisdiction": jurisdiction, "candidates": candidates},
    )


def _whatif_query(bill: ComposedBill) -> str:
    return urlencode({"provisions": ",".join(bill.provision_ids())}, safe=",")


@login_required
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The bill of one version (the newest unless `?version=`), comments under each section, the memorandum."""
    draft = access_draft_for_reader(request.user, pk)
    raw = request.GET.get("version", "")
    version = get_draft_version(draft, int(raw) if raw.isdigit() else None)
    bill = version.composed()
    comments: dict[str, list[DraftComment]] = {}
    for comment in version.comments.select_related("author"):
        comments.setdefault(comment.section_eid, []).append(comment)
    return render(
        request,
        "drafting/draft_detail.html",
        {
            "draft": draft,
            "version": version,
            "versions": list(draft.versions.order_by("-number")),
            "bill": bill,
            "sections": [(s, comments.get(s.eid, [])) for s in bill.sections],
            "comment_form": DraftCommentForm(),
            "can_recompose": can_recompose_draft(request.user, draft),
            "can_resolve": can_resolve_draft_comment(request.user, draft),
            "whatif_query": _whatif_query(bill),
            "export_urls": {fmt: reverse("draft-export", args=[draft.pk, version.number, fmt]) for fmt in FORMATS},
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_recompose(request: HttpRequest, pk: int) -> HttpResponse:
    """Version N+1 from other choices, starting from the newest version's."""
    draft = access_draft_for_drafter(request.user, pk)
    latest = get_draft_version(draft)
    candidates = list_candidates(draft.jurisdiction)
    initial: dict[str, Any] = {
        "provisions": latest.choices.get("provisions", []),
        "tradition": draft.tradition,
        "level": draft.level,
    }
    for slug, values in latest.choices.get("options", {}).items():
        for name, value in values.items():
            initial[option_field_name(slug, name)] = value
    form = DraftChoicesForm(request.POST or None, candidates=candidates, with_note=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = do_recompose_draft(
                draft,
                form.draft_choices(),
                acting_user=cast(User, request.user),
                change_note=form.cleaned_data.get("change_note", ""),
            )
        except ChoicesRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Version %(number)s is composed.") % {"number": version.number})
            return redirect(draft)
    return render(
        request, "drafting/draft_recompose.html", {"draft": draft, "form": form, "jurisdiction": draft.jurisdiction}
    )


@login_required
def draft_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions of the bill side by side, section by section as printed."""
    draft = access_draft_for_reader(request.user, pk)
    versions = list(draft.versions.order_by("-number"))
    numbers = [v.number for v in versions]

    def number(name: str, default: int) -> int:
        raw = request.GET.get(name, "")
        return int(raw) if raw.isdigit() and int(raw) in numbers else default

    new = get_draft_version(draft, number("b", numbers[0]))
    earlier = [n for n in numbers if n < new.number]
    old = get_draft_version(draft, number("a", earlier[0] if earlier else new.number))
    rows = side_by_side(bill_as_text(old.composed()), bill_as_text(new.composed()))
    return render(
        request, "drafting/draft_compare.html", {"draft": draft, "old": old, "new": new, "rows": rows,
                                                  "versions": versions}
    )  # fmt: skip


@login_required
@require_POST
def draft_comment(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    draft = access_draft_for_reader(request.user, pk)
    version = get_draft_version(draft, number)
    form = DraftCommentForm(request.POST)
    if form.is_valid():
        try:
            do_comment_on_draft(
                version, form.cleaned_data["section"], form.cleaned_data["text"], acting_user=cast(User, request.user)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your comment is added."))
    else:
        messages.error(request, _("Write a comment of at most 4000 characters."))
    return redirect(
        f"{reverse('draft-detail', args=[draft.pk])}?version={version.number}#{form.data.get('section', '')}"
    )


@login_required
@require_POST
def draft_comment_resolve(request: HttpRequest, pk: int, comment: int) -> HttpResponse:
    """The draft's author marks a comment as dealt with, or open again."""
    draft = access_draft_comment_for_author(request.user, pk)
    found = DraftComment.objects.filter(pk=comment, version__draft=draft).select_related("version__draft").first()
    if found is None:
        raise Http404
    do_resolve_draft_comment(found, acting_user=cast(User, request.user))
    return redirect(f"{reverse('draft-detail', args=[draft.pk])}?version={found.version.number}#{found.section_eid}")


@login_required
def draft_export(request: HttpRequest, pk: int, number: int, fmt: str) -> HttpResponse:
    """One version of the bill as Akoma Ntoso XML or DOCX (made at once), or as a PDF printed by the task worker
    (a page that follows its progress until the file is there)."""
    draft = access_draft_for_reader(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    version = get_draft_version(draft, number)
    bill = version.composed()
    name = file_name(bill, fmt, version.number)
    if fmt != "pdf":
        response = HttpResponse(render_bill(bill, fmt), content_type=FORMATS[fmt][0])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    pdf = DraftPdf.objects.defer("pdf").filter(version=version).first()
    context: dict[str, Any] = {"draft": draft, "version": version, "pdf_url": request.get_full_path()}
    htmx = bool(request.htmx)  # type: ignore[attr-defined]
    if pdf is not None and pdf.state == DraftPdf.State.READY:
        if htmx:
            response = render(request, "campaigns/_pdf_progress.html", {**context, "state": "ready"})
            patch_vary_headers(response, ["HX-Request"])
            return response
        content = DraftPdf.objects.filter(pk=pdf.pk).values_list("pdf", flat=True).first()
        if content is not None:
            response = HttpResponse(bytes(content), content_type=FORMATS["pdf"][0])
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        pdf = None
    if draft_pdf_needs_making(pdf):
        if pdf_engine_missing():
            return render(request, "drafting/pdf_waiting.html", {**context, "state": "unavailable"}, status=503)
        pdf = do_request_draft_pdf(version, acting_user=request.user)
    state = "failed" if pdf is not None and pdf.state == DraftPdf.State.FAILED else "pending"
    if htmx:
        response = render(request, "campaigns/_pdf_progress.html", {**context, "state": state})
    else:
        response = render(
            request, "drafting/pdf_waiting.html", {**context, "state": state}, status=202 if state == "pending" else 503
        )
    patch_vary_headers(response, ["HX-Request"])
    return response
