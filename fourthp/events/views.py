from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404 as get_or_404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.site import absolute_url
from fourthp.briefs.actions import ContentRefused
from fourthp.briefs.checks import problem_line
from fourthp.core.pages import markdown_html, respond
from fourthp.events.access import (
    access_calendar_feed_for_owner,
    access_event_create_for_secretariat,
    access_event_manage_for_secretariat,
    access_event_register_for_audience,
    access_event_view_for_audience,
    access_photo_for_viewer,
    can_manage_events,
    can_see_event_link,
)
from fourthp.events.actions import (
    EventRefused,
    PhotoInput,
    do_add_photo,
    do_cancel_registration,
    do_mark_attendance,
    do_record_photo_consent,
    do_register,
    do_replace_calendar_feed,
    do_revoke_calendar_feed,
    do_save_event,
    do_save_report,
    do_withdraw_photo,
)
from fourthp.events.forms import (
    AgendaFormSet,
    EventForm,
    MoveMeetingForm,
    PhotoForm,
    ReportForm,
    SeriesDetailsForm,
    SeriesForm,
    SpeakerFormSet,
    WithdrawPhotoForm,
    event_input,
)
from fourthp.events.ical import CONTENT_TYPE, calendar_of, event_calendar, ics_filename
from fourthp.events.models import Event, EventPhoto, EventSeries, Registration, SeriesRegistration
from fourthp.events.queries import (
    ARCHIVE_PAGE_SIZE,
    EventFilters,
    active_feed,
    archive_events,
    feed_registrations,
    get_event,
    get_feed,
    list_events,
    public_feed_events,
    registration_of,
    seats_of,
    waitlist_position,
)
from fourthp.events.schemas import EventDetailOut, EventListOut, EventOut, listed_speakers
from fourthp.events.series import (
    SeriesInput,
    do_create_series,
    do_move_meeting,
    do_register_series,
    do_save_series,
    upcoming_meetings,
)
from fourthp.groups.models import WorkingGroup
from fourthp.members.visibility import shown_name

# The list page shows this many upcoming and this many past events.
LIST_LIMIT = 100


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # Feeds change when events do; a calendar app polls them, and a proxy must not keep a personal one.
    response["Cache-Control"] = "private, max-age=300"
    return response


# --------------------------------------------------------------------- public pages


def event_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    filters = EventFilters(
        group=request.GET.get("group", "").strip(), provision=request.GET.get("provision", "").strip()
    )
    events = list_events(request.user, filters)
    upcoming = list(events.filter(ends_at__gte=timezone.now())[:LIST_LIMIT])
    past = list(events.filter(ends_at__lt=timezone.now())[:LIST_LIMIT])
    data = EventListOut(
        items=[EventOut.from_model(e) for e in upcoming + past],
        count=len(upcoming) + len(past),
        group=filters.group,
        provision=filters.provision,
    )
    groups = WorkingGroup.objects.filter(pk__in=Event.objects.visible_to(request.user).values("working_group"))
    return respond(
        request,
        "events/list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "filters": filters,
            "groups": groups,
            "is_secretariat": can_manage_events(request.user),
            "feed_url": reverse("event-feed"),
        },
        data,
        as_json=as_json,
    )


def event_detail(request: HttpRequest, event: int, as_json: bool = False) -> HttpResponse:
    found = access_event_view_for_audience(request.user, get_event(event))
    registration = registration_of(request.user, found)
    seats = seats_of(found)
    with_link = can_see_event_link(request.user, found)
    data = EventDetailOut.describe(
        found, seats=seats, state=registration.state if registration else None, with_link=with_link
    )
    return respond(
        request,
        "events/detail.html",
        {
            "event": found,
            "description": markdown_html(found.description),
            "report": markdown_html(found.report) if found.report_is_published else "",
            "photos": list(EventPhoto.objects.public().filter(event=found)),
            "registration": registration,
            "position": waitlist_position(registration)
            if registration and registration.state == Registration.State.WAITLISTED
            else None,
            "seats": seats,
            "with_link": with_link,
            "speakers": listed_speakers(found),
            "unlisted_speakers": len(found.speakers.all()) - len(listed_speakers(found)),
            "can_register": request.user.is_authenticated and registration is None and found.registration_open,
            "can_cancel": registration is not None and not found.has_begun,
            "is_secretariat": can_manage_events(request.user),
        },
        data,
        as_json=as_json,
    )


def event_ics(request: HttpRequest, event: int) -> HttpResponse:
    """One event as iCalendar; the meeting link is in it only for a confirmed participant or the secretariat."""
    found = access_event_view_for_audience(request.user, get_event(event))
    registration = registration_of(request.user, found)
    body = event_calendar(
        found,
        with_link=can_see_event_link(request.user, found),
        waitlisted=registration is not None and registration.state == Registration.State.WAITLISTED,
    )
    return _ics(body, ics_filename(found))


def event_feed(request: HttpRequest) -> HttpResponse:
    """Every published public event, without meeting links: a calendar anyone may subscribe to."""
    body = calendar_of(public_feed_events(), name=_("Fourth P events"))
    return _ics(body, "fourthp-events.ics")


def event_user_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Her registrations at a secret address (calendar apps cannot sign in); links for her confirmed seats."""
    feed = get_feed(token)
    registrations = {r.event_id: r for r in feed_registrations(feed)}
    events = [r.event for r in registrations.values()]
    her_series = set(
        SeriesRegistration.objects.filter(user=feed.user, cancelled_at__isnull=True).values_list("series_id", flat=True)
    )
    body = calendar_of(
        events,
        as_series=lambda e: e.series_id in her_series,
        name=_("My Fourth P events"),
        with_link=lambda e: registrations[e.pk].state == Registration.State.CONFIRMED,
        waitlisted=lambda e: registrations[e.pk].state == Registration.State.WAITLISTED,
    )
    response = _ics(body, "fourthp-my-events.ics")
    response["X-Robots-Tag"] = "noindex"
    return response


# ------------------------------------------------------------------ registration


@login_required
@require_POST
def event_register(request: HttpRequest, event: int) -> HttpResponse:
    found = access_event_register_for_audience(request.user, get_event(event))
    try:
        registration = do_register(found, acting_user=request.user)
    except EventRefused as exc:
        messages.error(request, str(exc))
    else:
        if registration.state == Registration.State.CONFIRMED:
            messages.success(request, _("You are registered. A confirmation with a calendar file is on its way."))
        else:
            messages.info(
                request,
                _("The event is full: you are number %(n)s on the waiting list. We will e-mail you if a seat frees up.")
                % {"n": waitlist_position(registration)},
            )
    return redirect(found)


@login_required
@require_POST
def event_cancel_registration(request: HttpRequest, event: int) -> HttpResponse:
    found = access_event_register_for_audience(request.user, get_event(event))
    try:
        registration = do_cancel_registration(found, acting_user=request.user)
    except EventRefused as exc:
        messages.error(request, str(exc))
    else:
        if registration.confirmed_at is not None:
            messages.success(request, _("Your registration is cancelled and your seat has been given up."))
        else:
            messages.success(request, _("You have left the waiting list."))
    return redirect(found)


# --------------------------------------------------------------- calendar feed


@login_required
@require_http_methods(["GET", "POST"])
def event_feed_settings(request: HttpRequest) -> HttpResponse:
    user = access_calendar_feed_for_owner(request.user)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "replace":
            do_replace_calendar_feed(acting_user=user)
            messages.success(request, _("Your calendar address is ready. Any earlier address no longer works."))
        elif action == "revoke":
            do_revoke_calendar_feed(acting_user=user)
            messages.success(request, _("Your calendar address has been revoked; calendars reading it get nothing."))
        else:
            messages.error(request, _("Choose to make a new address or to revoke the current one."))
        return redirect("event-feed-settings")
    feed = active_feed(user)
    feed_url = absolute_url(reverse("event-user-feed", kwargs={"token": feed.token})) if feed else ""
    return render(
        request,
        "events/feed_settings.html",
        {"feed": feed, "feed_url": feed_url, "public_feed_url": absolute_url(reverse("event-feed"))},
    )


# -------------------------------------------------------------- the secretariat


def _edit(request: HttpRequest, event: Event | None) -> HttpResponse:
    posted = request.method == "POST"
    instance = event or Event()
    form = EventForm(request.POST if posted else None, instance=instance)
    form_valid = form.is_valid() if posted else False
    kwargs = {"zone": form.zone}
    agenda = AgendaFormSet(request.POST if posted else None, instance=instance, prefix="agenda", form_kwargs=kwargs)
    speakers = SpeakerFormSet(request.POST if posted else None, instance=instance, prefix="speakers")
    if posted and form_valid and agenda.is_valid() and speakers.is_valid():
        try:
            saved = do_save_event(event, event_input(form, agenda, speakers), acting_user=request.user)
        except EventRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The event is saved."))
            return redirect(saved)
    return render(
        request,
        "events/edit.html",
        {"event": event, "form": form, "agenda": agenda, "speakers": speakers},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    access_event_create_for_secretariat(request.user)
    return _edit(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event: int) -> HttpResponse:
    found = access_event_manage_for_secretariat(request.user, get_event(event))
    return _edit(request, found)


def participant_name(user: Any, viewer: Any) -> str:
    """Her profile name if the viewer may see it, else her display name (never her e-mail address)."""
    name = shown_name(user, viewer)
    if name == user.email:
        return str(user.display_name or user.username)
    return name


_MARKS = {"yes": True, "no": False, "": None}


@login_required
@require_http_methods(["GET", "POST"])
def event_attendance(request: HttpRequest, event: int) -> HttpResponse:
    found = access_event_manage_for_secretariat(request.user, get_event(event))
    registrations = list(found.registrations.confirmed().select_related("user__profile").order_by("created_at"))
    if request.method == "POST":
        marks = {
            r.pk: _MARKS.get(request.POST.get(f"attended-{r.pk}", ""))
            for r in registrations
            if f"attended-{r.pk}" in request.POST
        }
        try:
            changed = do_mark_attendance(found, marks, acting_user=request.user)
        except EventRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Attendance saved (%(n)s changed).") % {"n": changed})
        return redirect("event-attendance", event=found.pk)
    rows = [(r, participant_name(r.user, request.user)) for r in registrations]
    return render(request, "events/attendance.html", {"event": found, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def event_report(request: HttpRequest, event: int) -> HttpResponse:
    found = access_event_manage_for_secretariat(request.user, get_event(event))
    form = ReportForm(request.POST or None, initial={"report": found.report})
    if request.method == "POST" and form.is_valid():
        try:
            do_save_report(
                found,
                form.cleaned_data["report"],
                publish="publish" in request.POST,
                acting_user=request.user,
                override_reason=form.cleaned_data["override_reason"],
            )
        except ContentRefused as exc:
            form.add_error(None, str(exc))
            for problem in exc.problems:
                form.add_error(None, problem_line(problem))
        except EventRefused as exc:
            form.add_error(None, str(exc))
        else:
            if "publish" in request.POST:
                messages.success(request, _("The report is published on the event's page."))
                return redirect(found)
            messages.success(request, _("The report is saved as a draft; only the secretariat sees it."))
            return redirect("event-report", event=found.pk)
    return render(request, "events/report.html", {"event": found, "form": form})


# ------------------------------------------------------------------ series


def event_series(request: HttpRequest, series: int, as_json: bool = False) -> HttpResponse:
    """A recurring convening: its rule, the meetings the reader may see, and one registration for all of them."""
    found = get_or_404(EventSeries, pk=series)
    meetings = list(Event.objects.visible_to(request.user).filter(series=found).order_by("starts_at"))
    if not meetings and not can_manage_events(request.user):
        raise Http404(_("This series does not exist or is not open to you."))
    registered = (
        request.user.is_authenticated
        and found.registrations.filter(user=request.user, cancelled_at__isnull=True).exists()
    )
    data = {
        "title": found.title,
        "rrule": found.rrule,
        "meetings": [
            {"id": m.pk, "starts_at": m.starts_at.isoformat(), "state": m.state, "url": m.get_absolute_url()}
            for m in meetings
        ],
    }
    return respond(
        request,
        "events/series.html",
        {
            "series": found,
            "description": markdown_html(found.description),
            "meetings": meetings,
            "registered": registered,
            "can_register": request.user.is_authenticated
            and not registered
            and any(m.registration_open for m in meetings),
            "is_secretariat": can_manage_events(request.user),
        },
        data,
        as_json=as_json,
    )


@login_required
@require_POST
def event_series_register(request: HttpRequest, series: int) -> HttpResponse:
    found = get_or_404(EventSeries, pk=series)
    meeting = Event.objects.filter(series=found).order_by("starts_at").first()
    if meeting is None:
        raise Http404(_("This series does not exist or is not open to you."))
    access_event_register_for_audience(request.user, meeting)
    try:
        do_register_series(found, acting_user=request.user)
    except EventRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You are registered for every meeting of this series, each as seats allow."))
    return redirect("event-series", series=found.pk)


@login_required
@require_http_methods(["GET", "POST"])
def event_series_create(request: HttpRequest) -> HttpResponse:
    """A new recurring convening: its details, when and how often, until when; its meetings are made at once."""
    access_event_create_for_secretariat(request.user)
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            series = do_create_series(
                SeriesInput(
                    title=data["title"],
                    description=data["description"],
                    rrule=data["rrule"],
                    first_starts_at=data["first_starts_at"],
                    duration_minutes=data["duration_minutes"],
                    time_zone=data["time_zone"],
                    meeting=form.meeting_template,
                ),
                acting_user=request.user,
            )
        except EventRefused as exc:
            form.add_error(None, str(exc))
        else:
            made = series.meetings.count()
            messages.success(
                request,
                ngettext("The series is saved with %(n)s meeting.", "The series is saved with %(n)s meetings.", made)
                % {"n": made},
            )
            return redirect("event-series", series=series.pk)
    return render(request, "events/series_edit.html", {"series": None, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def event_series_edit(request: HttpRequest, series: int) -> HttpResponse:
    """Change a series' title, description and what its upcoming meetings share; held meetings keep theirs."""
    access_event_create_for_secretariat(request.user)
    found = get_or_404(EventSeries, pk=series)
    upcoming = upcoming_meetings(found)
    model = upcoming[0] if upcoming else found.meetings.order_by("-starts_at").first()
    initial: dict[str, Any] = {"title": found.title, "description": found.description}
    if model is not None:
        initial |= {name: getattr(model, name) for name in SeriesDetailsForm.MEETING_FIELDS}
    form = SeriesDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = do_save_series(
                found,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                meeting=form.meeting_template,
                acting_user=request.user,
            )
        except EventRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                ngettext(
                    "The series is saved; %(n)s upcoming meeting changed.",
                    "The series is saved; %(n)s upcoming meetings changed.",
                    changed,
                )
                % {"n": changed},
            )
            return redirect("event-series", series=found.pk)
    return render(request, "events/series_edit.html", {"series": found, "form": form, "upcoming": upcoming})


@login_required
@require_http_methods(["GET", "POST"])
def event_move(request: HttpRequest, event: int) -> HttpResponse:
    """Move one meeting of a series to a new time, or cancel it; everyone registered is told, with the reason."""
    found = access_event_manage_for_secretariat(request.user, get_event(event))
    if found.series_id is None:
        raise Http404(_("This event is not part of a series."))
    form = MoveMeetingForm(request.POST or None, meeting=found)
    if found.state == Event.State.CANCELLED or found.has_begun:
        form.add_error(None, _("This meeting has begun or is cancelled; it can no longer be moved."))
    elif request.method == "POST" and form.is_valid():
        try:
            do_move_meeting(
                found,
                starts_at=form.cleaned_data["starts_at"],
                cancel=form.cleaned_data["cancel"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except EventRefused as exc:
            form.add_error(None, str(exc))
        else:
            if form.cleaned_data["cancel"]:
                messages.success(request, _("The meeting is cancelled; everyone registered has been told."))
            else:
                messages.success(request, _("The meeting is moved; everyone registered has been told."))
            return redirect(found)
    return render(request, "events/move.html", {"event": found, "form": form})


# ------------------------------------------------------------------ archive and photos


def _photo_out(photo: EventPhoto) -> dict[str, Any]:
    return {
        "url": absolute_url(photo.file_url("full")),
        "small_url": absolute_url(photo.file_url("small")),
        "width": photo.width,
        "height": photo.height,
        "alt_text": photo.alt_text,
        "caption": photo.caption,
    }


def event_archive(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """Past convenings with their public reports and the photos everyone in them agreed to publish."""
    paginator = Paginator(archive_events(request.user), ARCHIVE_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    events = list(page_obj.object_list)
    data = {
        "count": paginator.count,
        "page": page_obj.number,
        "pages": paginator.num_pages,
        "items": [
            {
                "id": e.pk,
                "title": e.title,
                "starts_at": e.starts_at.isoformat(),
                "url": absolute_url(e.get_absolute_url()),
                "report": e.report if e.report_is_published else "",
                "report_published_at": e.report_published_at.isoformat()
                if e.report_is_published and e.report_published_at
                else None,
                "photos": [_photo_out(p) for p in e.shown_photos],  # type: ignore[attr-defined]
            }
            for e in events
        ],
    }
    rows = [(e, markdown_html(e.report) if e.report_is_published else "") for e in events]
    return respond(
        request,
        "events/archive.html",
        {"rows": rows, "page_obj": page_obj, "is_secretariat": can_manage_events(request.user)},
        data,
        as_json=as_json,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_photos(request: HttpRequest, event: int) -> HttpResponse:
    """The secretariat's photos of one event: upload with text alternative, caption and consent; record or withdraw."""
    found = access_event_manage_for_secretariat(request.user, get_event(event))
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        photo = do_add_photo(
            found,
            PhotoInput(
                photo=data["image"], alt_text=data["alt_text"], caption=data["caption"], consent=data["consent"]
            ),
            acting_user=request.user,
        )
        if photo.consent_recorded_at is None:
            messages.warning(
                request, _("The photo is saved but not shown publicly until the consent of those in it is recorded.")
            )
        else:
            messages.success(request, _("The photo is saved and shown in the archive."))
        return redirect("event-photos", event=found.pk)
    photos = list(found.photos.select_related("consent_recorded_by", "withdrawn_by", "uploaded_by"))
    return render(
        request,
        "events/photos.html",
        {"event": found, "form": form, "photos": photos, "withdraw_form": WithdrawPhotoForm()},
    )


def _managed_photo(request: HttpRequest, event: int, photo: int) -> tuple[Event, EventPhoto]:
    found = access_event_manage_for_secretariat(request.user, get_event(event))
    return found, get_or_404(EventPhoto, pk=photo, event=found)


@login_required
@require_POST
def event_photo_consent(request: HttpRequest, event: int, photo: int) -> HttpResponse:
    found, chosen = _managed_photo(request, event, photo)
    try:
        do_record_photo_consent(chosen, acting_user=request.user)
    except EventRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Consent is recorded; the photo is shown in the archive."))
    return redirect("event-photos", event=found.pk)


@login_required
@require_POST
def event_photo_withdraw(request: HttpRequest, event: int, photo: int) -> HttpResponse:
    """A person in the photo asked for it to go: withdrawn at once, with the reason recorded."""
    found, chosen = _managed_photo(request, event, photo)
    form = WithdrawPhotoForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("reason", []):
            messages.error(request, str(error))
        return redirect("event-photos", event=found.pk)
    try:
        do_withdraw_photo(chosen, reason=form.cleaned_data["reason"], acting_user=request.user)
    except EventRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The photo is withdrawn; it is no longer shown anywhere."))
    return redirect("event-photos", event=found.pk)


def event_photo_file(request: HttpRequest, photo: int, size: str) -> HttpResponse:
    """A photo's file, after the visibility check: MEDIA_ROOT is never served, so this is the only way to it.

    Photos are re-encoded JPEGs of a few megabytes at most, so one is read whole."""
    if size not in ("full", "small"):
        raise Http404(_("There is no such photo."))
    found = EventPhoto.objects.select_related("event__working_group").filter(pk=photo).first()
    chosen = access_photo_for_viewer(request.user, found)
    field = chosen.small if size == "small" else chosen.image
    try:
        with field.open("rb") as handle:
            body = handle.read()
    except FileNotFoundError:
        raise Http404(_("There is no such photo.")) from None
    response = HttpResponse(body, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    # A withdrawal must hide it at once: no shared cache may keep a copy.
    response["Cache-Control"] = "private, no-cache"
    return response
