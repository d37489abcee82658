"""Her notifications, her switches and what she follows: each page shows only the signed-in person's own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.models import User
from fourthp.core.pages import query_int, respond
from fourthp.notifications.actions import (
    do_follow,
    do_mark_all_read,
    do_mark_read,
    do_save_preferences,
    do_stop_emails,
    do_unfollow,
)
from fourthp.notifications.forms import PreferencesForm
from fourthp.notifications.kinds import KINDS
from fourthp.notifications.queries import (
    alert_settings_of,
    follows_of,
    get_notification,
    is_following,
    notifications_of,
    switches_of,
    unread_count,
)
from fourthp.notifications.schemas import FollowListOut, FollowOut, NotificationOut, NotificationPageOut
from fourthp.notifications.targets import find_target, type_of
from fourthp.notifications.tokens import read_stop_token

PER_PAGE = 30


def _me(request: HttpRequest) -> User:
    """The signed-in person (every view here is behind login_required)."""
    assert isinstance(request.user, User)
    return request.user


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def notification_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    paginator = Paginator(notifications_of(request.user), PER_PAGE)
    page = paginator.get_page(query_int(request, "page", 1))
    data = NotificationPageOut(
        unread=unread_count(request.user),
        count=paginator.count,
        page=page.number,
        pages=paginator.num_pages,
        items=[NotificationOut.of(n) for n in page.object_list],
    )
    context = {"page_obj": page, "unread": data.unread}
    return respond(request, "notifications/list.html", context, data, as_json=as_json)


@login_required
@require_POST
def notification_read(request: HttpRequest, notification: int) -> HttpResponse:
    found = do_mark_read(get_notification(request.user, notification), acting_user=_me(request))
    if _htmx(request):
        return render(request, "notifications/_item.html", {"n": found})
    return redirect("notifications")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    do_mark_all_read(acting_user=_me(request))
    if _htmx(request):
        page = Paginator(notifications_of(request.user), PER_PAGE).get_page(1)
        return render(request, "notifications/_list.html", {"page_obj": page, "unread": 0})
    messages.success(request, _("All your notifications are marked read."))
    return redirect("notifications")


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    alerts = alert_settings_of(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            do_save_preferences(
                form.switches(), form.cleaned_data["frequency"], form.cleaned_data["language"], acting_user=_me(request)
            )
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notification-preferences")
    else:
        initial: dict[str, object] = {"frequency": alerts.frequency, "language": alerts.language}
        for kind, switch in switches_of(request.user).items():
            initial[f"{kind}-in_app"] = switch.in_app
            initial[f"{kind}-email"] = switch.email
        form = PreferencesForm(initial=initial)
    return render(request, "notifications/preferences.html", {"form": form})


@login_required
def follow_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    items = [FollowOut.of(f, type_of(f.target) or "") for f in follows_of(request.user)]  # type: ignore[arg-type]
    data = FollowListOut(count=len(items), items=items)
    return respond(request, "notifications/follows.html", {"items": items}, data, as_json=as_json)


@login_required
@require_POST
def follow_toggle(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Follow or stop following (`action=unfollow`); a thing she may not see answers as a missing one."""
    target = find_target(kind, pk, request.user)
    if target is None:
        raise Http404(_("There is nothing to follow at this address."))
    if request.POST.get("action") == "unfollow":
        do_unfollow(target, acting_user=_me(request))
    else:
        do_follow(target, acting_user=_me(request))
    if _htmx(request):
        context = {"kind": kind, "pk": pk, "following": is_following(request.user, target)}
        return render(request, "notifications/_follow_button.html", context)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
        back = ""
    return redirect(back or getattr(target, "get_absolute_url", lambda: "/follows/")())


@require_http_methods(["GET", "POST"])
def notification_stop(request: HttpRequest, token: str) -> HttpResponse:
    """The link at the foot of an e-mail: one button turns off e-mails of its kind, without signing in.

    Following the link changes nothing (a mail scanner that opens it stops nothing); the button does.
    """
    read = read_stop_token(token)
    user = User.objects.filter(pk=read[0], is_active=True).first() if read else None
    if read is None or user is None or read[1] not in KINDS:
        raise Http404(_("This link is not valid. Sign in to choose what you are told on your settings page."))
    kind = read[1]
    stopped = False
    if request.method == "POST":
        do_stop_emails(kind, acting_user=user)
        stopped = True
    context = {"label": KINDS[kind].label, "stopped": stopped, "token": token}
    return render(request, "notifications/stop.html", context)
