from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from ninja import Schema

from fourthp.core.errors import NotFound
from fourthp.core.pages import respond
from fourthp.frameworks.models import Framework
from fourthp.jurisdictions.forms import FindPlaceForm, JurisdictionField
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import find_jurisdiction
from fourthp.laws.models import Instrument, Section
from fourthp.members.visibility import shown_testimonials
from fourthp.notifications.schemas import FollowOut, NotificationOut
from fourthp.notifications.targets import type_of
from fourthp.web import journey
from fourthp.web.home import Home, WorkQueue, my_home


class StartingPointOut(Schema):
    audience: str
    title: str
    url: str


class HomeOut(Schema):
    name: str
    jurisdictions: int
    instruments: int
    sections: int
    frameworks: int
    starting_points: list[StartingPointOut]


def home(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    counts = {
        "jurisdictions": Jurisdiction.objects.count(),
        "instruments": Instrument.objects.count(),
        "sections": Section.objects.current().count(),
        "frameworks": Framework.objects.count(),
    }
    starting_points = [
        StartingPointOut(
            audience="legislator", title="Find your jurisdiction and its law", url=reverse("jurisdiction-list")
        ),
        StartingPointOut(audience="analyst", title="Search the text of the law", url=reverse("search")),
        StartingPointOut(audience="advocate", title="Read the Four-P framework", url=reverse("framework-list")),
        StartingPointOut(audience="developer", title="Use the open API", url="/api/docs"),
    ]
    data = HomeOut(name="Fourth P", starting_points=starting_points, **counts)
    find_form = FindPlaceForm(auto_id="home-%s")
    context = {"counts": counts, "find_form": find_form, "testimonials": shown_testimonials(request.user, limit=3)}
    return respond(request, "web/home.html", context, data, as_json=as_json)


class LinkOut(Schema):
    title: str
    url: str


class GapOut(Schema):
    provision: str
    title: str
    status: str


class PlaceOut(Schema):
    code: str
    name: str
    url: str
    report_card_url: str
    gaps_url: str
    assessed: bool
    gaps: list[GapOut]
    gap_count: int
    bills_url: str
    pending_bills: list[LinkOut]
    pending_bill_count: int


class ConveningOut(Schema):
    title: str
    url: str
    starts_at: dt.datetime
    registration: str


class QueueOut(Schema):
    kind: str
    label: str
    count: int
    url: str
    items: list[LinkOut]


class MyHomeOut(Schema):
    profile_url: str
    jurisdiction: PlaceOut | None
    working_groups: list[LinkOut]
    working_group_count: int
    convenings: list[ConveningOut]
    convening_count: int
    work_count: int
    work: list[QueueOut]
    """Only the queues the person's roles give her (an analyst's drafts, a reviewer's reviews, ...)."""
    unread_notifications: int
    notifications: list[NotificationOut]
    """Her newest unread notifications; all of them are at /notifications.json."""
    follow_count: int
    follows: list[FollowOut]


def _queues(work: WorkQueue) -> list[QueueOut]:
    """Each queue her roles give her (a count of None means the role has no such queue), with its first items."""
    assessments_url = reverse("assessment-work")

    def assessment(a: Any) -> LinkOut:
        return LinkOut(title=f"{a.jurisdiction.name} · {a.provision.local('title')}", url=a.get_absolute_url())

    def application(a: Any) -> LinkOut:
        return LinkOut(title=f"{a.name} · {a.jurisdiction.name}", url=reverse("application-review", args=[a.pk]))

    def request(r: Any) -> LinkOut:
        title = f"{r.jurisdiction.name} · {r.get_kind_display()}"
        return LinkOut(title=title, url=reverse("assessment-request-detail", args=[r.pk]))

    counts = work.counts
    table: list[tuple[str, str, int | None, str, list[Any], Callable[[Any], LinkOut]]] = [
        ("returned", _("Returned to you with comments"), counts.returned, assessments_url, work.returned, assessment),
        ("drafts", _("Your drafts"), counts.drafts, assessments_url, work.drafts, assessment),
        ("to_review", _("Submitted, waiting for your review"), counts.to_review, assessments_url, work.to_review, assessment),
        (
            "applications",
            _("Membership applications waiting for review"),
            counts.applications,
            reverse("application-list"),
            work.applications,
            application,
        ),
        (
            "requests",
            _("Open assessment requests"),
            counts.requests,
            reverse("assessment-request-list") + "?state=open",
            work.requests,
            request,
        ),
    ]  # fmt: skip
    return [
        QueueOut(kind=kind, label=label, count=count, url=url, items=[link(item) for item in items])
        for kind, label, count, url, items, link in table
        if count is not None
    ]


def _home_data(home: Home) -> MyHomeOut:
    place = None
    if home.place is not None:
        code = home.place.jurisdiction.code
        place = PlaceOut(
            code=code,
            name=home.place.jurisdiction.name,
            url=home.place.jurisdiction.get_absolute_url(),
            report_card_url=reverse("report-card", args=[code]),
            gaps_url=reverse("report-card-gaps", args=[code]),
            assessed=home.place.assessed,
            gaps=[
                GapOut(provision=row.provision.slug, title=row.provision.local("title"), status=row.status)
                for row in home.place.gaps
            ],
            gap_count=home.place.gap_count,
            bills_url=reverse("bill-list") + f"?jurisdiction={code}",
            pending_bills=[LinkOut(title=str(bill), url=bill.get_absolute_url()) for bill in home.place.bills],
            pending_bill_count=home.place.bill_count,
        )
    return MyHomeOut(
        profile_url=reverse("member-profile-edit"),
        jurisdiction=place,
        working_groups=[LinkOut(title=m.group.title, url=m.group.get_absolute_url()) for m in home.groups],
        working_group_count=home.group_count,
        convenings=[
            ConveningOut(
                title=r.event.title, url=r.event.get_absolute_url(), starts_at=r.event.starts_at, registration=r.state
            )
            for r in home.convenings
        ],
        convening_count=home.convening_count,
        work_count=home.work.counts.total,
        work=_queues(home.work),
        unread_notifications=home.unread,
        notifications=[NotificationOut.of(n) for n in home.notifications],
        follow_count=home.follow_count,
        follows=[FollowOut.of(f, type_of(f.target) or "") for f in home.follows],  # type: ignore[arg-type]
    )


@login_required
def my_home_page(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """The signed-in person's own page: her place, her groups, her convenings and the work waiting for her."""
    home = my_home(request.user)
    data = _home_data(home)
    return respond(request, "web/my_home.html", {"home": home, "data": data}, data, as_json=as_json)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def _api_error(detail: str, code: str, status: int) -> JsonResponse:
    """An answer in the API's error shape (docs/api.md) for errors Django handles before the API sees them."""
    return JsonResponse({"detail": detail, "code": code, "errors": []}, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: the API's error shape under /api/, else the site's page (a request Django itself refused).

    A form too large to read (over DATA_UPLOAD_MAX_MEMORY_SIZE) gets 413 saying so in words: Django refuses
    such a body before any view or form sees it, so what was typed cannot be shown again; the page says what
    happened and how to go on.
    """
    if isinstance(exception, RequestDataTooBig) and not _is_api(request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return render(request, "413.html", {"limit": limit, "form_url": request.path}, status=413)
    if _is_api(request):
        return _api_error("The request could not be read: check its address, headers and body.", "invalid", 400)
    return render(request, "400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: the API's error shape under /api/, else the plain page. Django has logged the error already."""
    if _is_api(request):
        detail = "Something went wrong on our side; it has been logged. Please try again in a few minutes."
        return _api_error(detail, "server_error", 500)
    return defaults.server_error(request)


# --- The citizen's journey ------------------------------------------------------------------------


class JourneyPlaceForm(forms.Form):
    """Her place, picked by name, at the start of the journey."""

    jurisdiction = JurisdictionField(
        label=_("Your place"), help_text=_("A country or state, by name or code, such as Texas or Romania.")
    )


class JourneyStepOut(Schema):
    step: str
    title: str
    url: str
    current: bool


class JourneyStartOut(Schema):
    steps: list[str]


class JourneyOut(Schema):
    jurisdiction: str
    name: str
    step: str
    steps: list[JourneyStepOut]
    previous: str | None
    next: str | None
    summary: dict[str, Any]


def journey_start(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """Pick a place by name; the journey then starts at its first step."""
    form = JourneyPlaceForm(request.GET if "jurisdiction" in request.GET else None)
    if form.is_bound and form.is_valid():
        return redirect("journey-step", code=form.cleaned_data["jurisdiction"].code, step=journey.STEP_NAMES[0])
    data = JourneyStartOut(steps=list(journey.STEP_NAMES))
    context = {"form": form, "steps": journey.STEPS}
    return respond(request, "web/journey/start.html", context, data, as_json=as_json)


def _journey_summary(step: str, place: Jurisdiction, request: HttpRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    """The step's context for the template and its data for the JSON twin."""
    user = request.user
    if step == "measure":
        m = journey.measure(place)
        data = {
            "has_report_card": m.has_card,
            "statuses": m.counts,
            "gap_count": m.gap_count,
            "top_gaps": [{"provision": r.provision.slug, "status": r.status} for r in m.gaps],
            "indicators": [{"key": i.key, "title": i.title, "years": len(i.rows)} for i in m.indicators],
            "funding_comparisons": m.funding_count,
        }
        return {"measure": m}, data
    if step == "identify":
        i = journey.identify(place, user)
        data = {
            "organisation_count": i.organisation_count,
            "organisations": [o.slug for o in i.organisations],
            "national_organisations": [o.slug for o in i.national],
            "legislators": [p.name for p in i.legislators],
        }
        return {"identify": i}, data
    if step == "reach-out":
        r = journey.reach_out(place, user)
        data = {
            "legislators": [p.name for p in r.legislators],
            "gaps_with_letters": r.letter_gap_count,
            "open_campaigns": [c.slug for c in r.campaigns],
        }
        return {"reach": r}, data
    if step == "plan":
        p = journey.plan(place)
        rows = p.rows_with_bills
        data = {
            "upcoming_sessions": [
                {"name": s.name, "starts_on": s.starts_on.isoformat() if s.starts_on else None} for s in p.upcoming
            ],
            "gaps_with_bills": [
                {"provision": row.provision.slug, "status": row.status, "bills": [b.number for b in row.bills]}
                for row in rows
            ],
        }
        return {"plan": p, "plan_rows": rows[: journey.SHOWN]}, data
    e = journey.execute(place, user)
    data = {
        "signed_in": bool(user.is_authenticated),
        "resource_count": e.resource_count,
        "resources": [r.slug for r in e.resources],
    }
    return {"execute": e}, data


def journey_step(request: HttpRequest, code: str, step: str, as_json: bool = False) -> HttpResponse:
    """One step of the journey for one place: a summary with real figures and links to the full pages."""
    place = find_jurisdiction(code)
    if step not in journey.STEP_NAMES:
        raise NotFound(_("The journey has no step called %(step)s.") % {"step": step})
    index = journey.STEP_NAMES.index(step)
    previous = journey.STEP_NAMES[index - 1] if index > 0 else None
    following = journey.STEP_NAMES[index + 1] if index + 1 < len(journey.STEP_NAMES) else None
    context, summary = _journey_summary(step, place, request)

    def url(name: str) -> str:
        return reverse("journey-step", kwargs={"code": place.code, "step": name})

    data = JourneyOut(
        jurisdiction=place.code,
        name=place.name,
        step=step,
        steps=[JourneyStepOut(step=s, title=str(t), url=url(s), current=s == step) for s, t in journey.STEPS],
        previous=url(previous) if previous else None,
        next=url(following) if following else None,
        summary=summary,
    )
    labels = dict(journey.STEPS)
    context |= {
        "jurisdiction": place,
        "step": step,
        "step_title": labels[step],
        "number": index + 1,
        "steps": [(s, t, url(s)) for s, t in journey.STEPS],
        "previous": (url(previous), labels[previous]) if previous else None,
        "next": (url(following), labels[following]) if following else None,
    }
    return respond(request, f"web/journey/{step}.html", context, data, as_json=as_json)
