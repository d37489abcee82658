from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.models import User
from fourthp.core.pages import respond
from fourthp.drafting.access import (
    access_model_proposal_for_analyst,
    access_model_provision_for_viewer,
    access_model_review_for_reviewer,
    access_model_version_for_reviewer,
    can_propose_model_text,
    can_review_model_text,
    can_review_model_texts,
)
from fourthp.drafting.actions import (
    do_create_model_provision,
    do_propose_version,
    do_publish_version,
    do_return_version,
)
from fourthp.drafting.diff import side_by_side
from fourthp.drafting.forms import NewModelForm, ReturnForm, VersionForm
from fourthp.drafting.models import Level, ModelText, Tradition
from fourthp.drafting.queries import (
    enacted_in_by_provision,
    get_version,
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
