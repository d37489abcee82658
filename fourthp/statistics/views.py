from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fourthp.accounts.models import User
from fourthp.core.history import history_rows
from fourthp.core.pages import respond
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG
from fourthp.frameworks.queries import framework_from_request
from fourthp.statistics.access import (
    access_statistic_edit_for_analyst,
    access_statistic_for_viewer,
    access_statistics_edit_for_analyst,
    can_edit_statistics,
)
from fourthp.statistics.actions import do_save_statistic
from fourthp.statistics.forms import StatisticForm
from fourthp.statistics.queries import get_any_statistic, list_successors, provision_shares, search_statistics
from fourthp.statistics.schemas import (
    ProvisionShareOut,
    ProvisionSharesOut,
    StatisticListOut,
    StatisticOut,
)

# --------------------------------------------------------------------- public pages


def statistic_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """The registry: every public figure; the curators also see the unsourced ones, marked as never shown."""
    figures = list(search_statistics(request.user))
    return respond(
        request,
        "statistics/list.html",
        {"figures": figures, "can_edit": can_edit_statistics(request.user)},
        StatisticListOut(items=[StatisticOut.from_model(s) for s in figures], count=len(figures)),
        as_json=as_json,
    )


def statistic_detail(request: HttpRequest, statistic: int, as_json: bool = False) -> HttpResponse:
    found = access_statistic_for_viewer(request.user, statistic)
    return respond(
        request,
        "statistics/detail.html",
        {
            "figure": found,
            "successors": list_successors(found),
            "replaces": list(search_statistics(request.user).filter(superseded_by=found)),
            "can_edit": can_edit_statistics(request.user),
        },
        StatisticOut.from_model(found),
        as_json=as_json,
    )


def provision_gaps(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """The share of assessed countries whose law lacks each provision, computed live with its denominator."""
    framework = framework_from_request(request, DEFAULT_FRAMEWORK_SLUG)
    shares = provision_shares(framework)
    return respond(
        request,
        "statistics/provisions.html",
        {"framework": framework, "shares": shares},
        ProvisionSharesOut(
            framework=framework.slug,
            version=framework.version,
            items=[ProvisionShareOut.from_share(s) for s in shares],
        ),
        as_json=as_json,
    )


# --------------------------------------------------------------------- analysts' forms


def _save(request: HttpRequest, form: StatisticForm, statistic_id: int | None) -> HttpResponse | None:
    """Save a valid form (None when it is not valid)."""
    if request.method != "POST" or not form.is_valid():
        return None
    existing = get_any_statistic(statistic_id) if statistic_id is not None else None
    try:
        saved = do_save_statistic(existing, form.statistic_input(), acting_user=cast(User, request.user))
    except ValidationError as exc:  # the form checked the same rules; a concurrent change can still break one
        form.add_error(None, exc)
        return None
    messages.success(request, _("The figure was saved."))
    return redirect(saved)


@login_required
@require_http_methods(["GET", "POST"])
def statistic_create(request: HttpRequest) -> HttpResponse:
    access_statistics_edit_for_analyst(request.user)
    form = StatisticForm(request.POST or None)
    return _save(request, form, None) or render(request, "statistics/edit.html", {"form": form, "figure": None})


@login_required
@require_http_methods(["GET", "POST"])
def statistic_edit(request: HttpRequest, statistic: int) -> HttpResponse:
    found = access_statistic_edit_for_analyst(request.user, statistic)
    # The form works on its own copy: a refused change must not show on the page's heading.
    form = StatisticForm(request.POST or None, instance=get_any_statistic(found.pk))
    return _save(request, form, found.pk) or render(request, "statistics/edit.html", {"form": form, "figure": found})


@login_required
def statistic_history(request: HttpRequest, statistic: int) -> HttpResponse:
    found = access_statistic_edit_for_analyst(request.user, statistic)
    return render(request, "statistics/history.html", {"figure": found, "revisions": history_rows(found.history.all())})
