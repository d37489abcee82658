"""Circle and chapter pages: each view parses, checks access, acts and renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.models import User
from fourthp.circles.access import (
    access_circle_convene_for_convenor,
    access_circle_decide_for_secretariat,
    access_circle_join_for_member,
    access_circle_propose_for_member,
    access_circle_view_for_audience,
    can_convene_circle,
    can_decide_circle,
    can_read_circle_notes,
)
from fourthp.circles.actions import (
    CircleInput,
    CircleRefused,
    MeetingInput,
    do_cancel_meeting,
    do_decide_circle,
    do_decide_join,
    do_join_circle,
    do_leave_circle,
    do_make_convenor,
    do_post_notes,
    do_propose_circle,
    do_record_attendance,
    do_schedule_meeting,
    do_update_circle,
    do_update_meeting,
    meeting_when,
)
from fourthp.circles.forms import (
    AttendanceForm,
    CancelMeetingForm,
    CircleFilterForm,
    CircleForm,
    DecisionForm,
    MeetingForm,
    NotesForm,
)
from fourthp.circles.ical import programme_calendar
from fourthp.circles.models import Circle
from fourthp.circles.queries import (
    get_circle,
    get_meeting,
    get_membership,
    list_circles,
    list_members,
    list_programme,
    list_requests,
    next_meeting,
)
from fourthp.circles.schemas import CircleDetailOut, CircleListOut, CircleSummaryOut, MeetingOut
from fourthp.core.pages import markdown_html, respond
from fourthp.members.visibility import shown_name


def circle_list(request: HttpRequest, as_json: bool = False, chapters: bool = False) -> HttpResponse:
    """The directory: by place (typed by name) and kind; a chapter list when reached at /chapters/."""
    form = CircleFilterForm(request.GET or None)
    place, kind = None, Circle.Kind.CHAPTER.value if chapters else ""
    if form.is_valid():
        place = form.cleaned_data["place"]
        kind = kind or form.cleaned_data["kind"]
    circles = list(list_circles(request.user, jurisdiction=place, kind=kind)) if not form.errors else []
    data = CircleListOut(
        items=[CircleSummaryOut.from_model(c) for c in circles],
        count=len(circles),
        place=place.code if place else "",
        kind=kind,
    )
    context = {
        "form": form,
        "circles": [c for c in circles if c.state == Circle.State.ACTIVE],
        "proposed": [c for c in circles if c.state == Circle.State.PROPOSED],
        "chapters": chapters,
        "can_decide": can_decide_circle(request.user),
    }
    return respond(request, "circles/list.html", context, data, as_json=as_json)


def chapter_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    return circle_list(request, as_json=as_json, chapters=True)


def _circle_input(form: CircleForm) -> CircleInput:
    data = form.cleaned_data
    return CircleInput(
        name=data["name"],
        kind=data["kind"],
        jurisdiction=data["place"],
        city=data["city"],
        campus=data["campus"],
        description=data["description"],
        time_zone=data["time_zone"],
        joining=data["joining"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def circle_create(request: HttpRequest) -> HttpResponse:
    access_circle_propose_for_member(request.user)
    form = CircleForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": Circle.Kind.LOCAL, "joining": Circle.Joining.OPEN, "time_zone": "UTC"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            circle = do_propose_circle(_circle_input(form), acting_user=request.user)  # type: ignore[arg-type]
        except CircleRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you: the secretariat will look at your proposal and write to you."))
            return redirect(circle)
    return render(request, "circles/create.html", {"form": form})


def _detail(request: HttpRequest, slug: str, as_json: bool, *, chapter: bool) -> HttpResponse:
    circle = access_circle_view_for_audience(request.user, get_circle(slug))
    if circle.is_chapter != chapter and not as_json:
        return redirect(circle, permanent=True)
    meetings = list(list_programme(circle))
    data = CircleDetailOut.describe(circle, meetings)
    if as_json:
        return respond(request, "circles/detail.html", {}, data, as_json=True)
    user = request.user
    convene = can_convene_circle(user, circle)
    context: dict[str, Any] = {
        "circle": circle,
        "description": markdown_html(circle.description),
        "meetings": [(m, meeting_when(m)) for m in meetings],
        "next": next_meeting(circle),
        "membership": circle.membership_of(user),
        "can_convene": convene,
        "can_decide": can_decide_circle(user) and circle.state == Circle.State.PROPOSED,
        "decision_form": DecisionForm(),
        # Each name through the visibility gate: a member who chose not to be shown is counted, not named.
        "members": [(m, shown_name(m.user, user)) for m in list_members(circle)],
    }
    context["next_when"] = meeting_when(context["next"]) if context["next"] else ""
    if convene:
        context["requests"] = [(r, shown_name(r.user, user)) for r in list_requests(circle)]
    return respond(request, "circles/detail.html", context, data, as_json=False)


def circle_detail(request: HttpRequest, circle: str, as_json: bool = False) -> HttpResponse:
    return _detail(request, circle, as_json, chapter=False)


def chapter_detail(request: HttpRequest, circle: str, as_json: bool = False) -> HttpResponse:
    return _detail(request, circle, as_json, chapter=True)


def circle_calendar(request: HttpRequest, circle: str) -> HttpResponse:
    found = access_circle_view_for_audience(request.user, get_circle(circle))
    response = HttpResponse(
        programme_calendar(found, list(list_programme(found))), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{found.slug}.ics"'
    return response


@require_POST
@login_required
def circle_decide(request: HttpRequest, circle: str) -> HttpResponse:
    found = access_circle_decide_for_secretariat(request.user, get_circle(circle))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to open the circle or to decline it."))
        return redirect(found)
    try:
        do_decide_circle(found, form.cleaned_data["decision"], form.cleaned_data["note"], acting_user=request.user)  # type: ignore[arg-type]
    except CircleRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The proposal is answered and its proposer told."))
    return redirect(found)


@require_POST
@login_required
def circle_join(request: HttpRequest, circle: str) -> HttpResponse:
    found = access_circle_join_for_member(request.user, get_circle(circle))
    try:
        membership = do_join_circle(found, acting_user=request.user)  # type: ignore[arg-type]
    except CircleRefused as exc:
        messages.error(request, str(exc))
    else:
        if membership.is_active:
            messages.success(request, _("You have joined the circle."))
        else:
            messages.success(request, _("Your request is sent; a convenor will answer."))
    return redirect(found)


@require_POST
@login_required
def circle_leave(request: HttpRequest, circle: str) -> HttpResponse:
    found = access_circle_view_for_audience(request.user, get_circle(circle))
    try:
        do_leave_circle(found, acting_user=request.user)  # type: ignore[arg-type]
    except CircleRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You have left the circle."))
    return redirect(found)


@require_POST
@login_required
def circle_request_decide(request: HttpRequest, circle: str, membership: int) -> HttpResponse:
    found = access_circle_convene_for_convenor(request.user, get_circle(circle))
    asked = get_membership(found, membership)
    try:
        do_decide_join(asked, request.POST.get("decision") == "approve", acting_user=request.user)  # type: ignore[arg-type]
    except CircleRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The request is answered."))
    return redirect(found)


@require_POST
@login_required
def circle_convenor(request: HttpRequest, circle: str, membership: int) -> HttpResponse:
    """A convenor (or the secretariat) makes an active member a convenor too."""
    found = access_circle_convene_for_convenor(request.user, get_circle(circle))
    try:
        do_make_convenor(get_membership(found, membership), acting_user=request.user)  # type: ignore[arg-type]
    except CircleRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The member now convenes the circle too."))
    return redirect(found)


# ---------------------------------------------------------------- meetings


def _meeting_input(form: MeetingForm) -> MeetingInput:
    data = form.cleaned_data
    return MeetingInput(
        starts_at=data["starts_at"],
        time_zone=data["time_zone"],
        brief=data["brief"],
        duration_minutes=data["duration_minutes"],
        location=data["location"],
        guide=data["guide"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, circle: str) -> HttpResponse:
    found = access_circle_convene_for_convenor(request.user, get_circle(circle))
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        initial={"time_zone": found.time_zone, "duration_minutes": 90},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = do_schedule_meeting(found, _meeting_input(form), acting_user=request.user)  # type: ignore[arg-type]
        except CircleRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The meeting is scheduled and the members are told."))
            return redirect(meeting)
    return render(request, "circles/meeting_edit.html", {"form": form, "circle": found, "meeting": None})


def _saved(
    request: HttpRequest, form: forms.Form, act: Callable[[], Any], done: str, target: Any
) -> HttpResponse | None:
    """A convenor's form posted and valid: do `act`; on success say `done` and go to `target`; a refusal is
    shown on the form (None: render the form again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        act()
    except CircleRefused as exc:
        form.add_error(None, str(exc))
        return None
    messages.success(request, done)
    return redirect(target)


@login_required
@require_http_methods(["GET", "POST"])
def circle_edit(request: HttpRequest, circle: str) -> HttpResponse:
    """A circle's name, place, description, time zone and way of joining, changed by a convenor or the
    secretariat."""
    found = access_circle_convene_for_convenor(request.user, get_circle(circle))
    initial = {
        "name": found.name,
        "kind": found.kind,
        "place": found.jurisdiction,
        "city": found.city,
        "campus": found.campus,
        "description": found.description,
        "time_zone": found.time_zone,
        "joining": found.joining,
    }
    form = CircleForm(request.POST if request.method == "POST" else None, initial=initial)
    user: Any = request.user
    saved = _saved(
        request,
        form,
        lambda: do_update_circle(found, _circle_input(form), acting_user=user),
        _("The circle is saved."),
        found,
    )
    return saved or render(request, "circles/edit.html", {"form": form, "circle": found})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, circle: str, meeting: int) -> HttpResponse:
    found = access_circle_convene_for_convenor(request.user, get_circle(circle))
    item = get_meeting(found, meeting)
    initial = {
        "starts_at": MeetingForm.initial_for(item.starts_at, item.time_zone),
        "time_zone": item.time_zone,
        "duration_minutes": item.duration_minutes,
        "location": item.location,
        "brief": item.brief_id,
        "guide": item.guide,
    }
    form = MeetingForm(request.POST if request.method == "POST" else None, initial=initial)
    user: Any = request.user
    saved = _saved(
        request,
        form,
        lambda: do_update_meeting(item, _meeting_input(form), acting_user=user),
        _("The meeting is saved."),
        item,
    )
    return saved or render(request, "circles/meeting_edit.html", {"form": form, "circle": found, "meeting": item})


def meeting_detail(request: HttpRequest, circle: str, meeting: int, as_json: bool = False) -> HttpResponse:
    found = access_circle_view_for_audience(request.user, get_circle(circle))
    item = get_meeting(found, meeting)
    data = MeetingOut.from_model(item)
    if as_json:
        return respond(request, "circles/meeting.html", {}, data, as_json=True)
    user = request.user
    inside = can_read_circle_notes(user, found)
    context: dict[str, Any] = {
        "circle": found,
        "meeting": item,
        "when": meeting_when(item),
        "guide": markdown_html(item.guide),
        "in_circle": inside,
        "notes": markdown_html(item.notes) if inside and item.notes else "",
        "can_convene": can_convene_circle(user, found),
    }
    if inside:
        context["present"] = [shown_name(u, user) for u in item.present.select_related("profile")]
    return respond(request, "circles/meeting.html", context, data, as_json=False)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_notes(request: HttpRequest, circle: str, meeting: int) -> HttpResponse:
    found = access_circle_convene_for_convenor(request.user, get_circle(circle))
    item = get_meeting(found, meeting)
    form = NotesForm(request.POST if request.method == "POST" else None, initial={"notes": item.notes})
    user: Any = request.user
    saved = _saved(
        request,
        form,
        lambda: do_post_notes(item, form.cleaned_data["notes"], acting_user=user),
        _("The notes are posted."),
        item,
    )
    return saved or render(request, "circles/meeting_notes.html", {"form": form, "circle": found, "meeting": item})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, circle: str, meeting: int) -> HttpResponse:
    """A convenor cancels a meeting still to come, with a reason its members are told."""
    found = access_circle_convene_for_convenor(request.user, get_circle(circle))
    item = get_meeting(found, meeting)
    form = CancelMeetingForm(request.POST if request.method == "POST" else None)
    user: Any = request.user
    saved = _saved(
        request,
        form,
        lambda: do_cancel_meeting(item, form.cleaned_data["reason"], acting_user=user),
        _("The meeting is cancelled and its members are told."),
        item,
    )
    context = {"form": form, "circle": found, "meeting": item, "when": meeting_when(item)}
    return saved or render(request, "circles/meeting_cancel.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, circle: str, meeting: int) -> HttpResponse:
    found = access_circle_convene_for_convenor(request.user, get_circle(circle))
    item = get_meeting(found, meeting)
    members = [(str(m.user_id), shown_name(m.user, request.user)) for m in list_members(found)]
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        members=members,
        initial={"present": [str(pk) for pk in item.present.values_list("pk", flat=True)]},
    )
    if request.method == "POST" and form.is_valid():
        people = list(User.objects.filter(pk__in=[int(pk) for pk in form.cleaned_data["present"]]))
        try:
            do_record_attendance(item, people, acting_user=request.user)  # type: ignore[arg-type]
        except CircleRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The attendance is recorded."))
            return redirect(item)
    return render(request, "circles/meeting_attendance.html", {"form": form, "circle": found, "meeting": item})
