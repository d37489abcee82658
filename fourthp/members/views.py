from __future__ import annotations

import json

from allauth.account.adapter import get_adapter as get_account_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from fourthp.accounts.access import require_role
from fourthp.accounts.actions import collect_personal_data
from fourthp.accounts.roles import Role
from fourthp.briefs.actions import ContentRefused
from fourthp.core.pages import markdown_html, query_int, respond
from fourthp.members.access import (
    access_application_review_for_secretariat,
    access_applications_for_secretariat,
    access_profile_for_owner,
    is_profile_owner,
)
from fourthp.members.actions import (
    CONSENT_STATEMENTS,
    MemberRefused,
    do_answer_application,
    do_approve_testimonial,
    do_create_application,
    do_decide_application,
    do_give_consent,
    do_revoke_consent,
    do_save_profile,
    do_withdraw_testimonial,
    do_write_testimonial,
    testimonial_consent_statement,
)
from fourthp.members.forms import (
    ApplicationForm,
    ApplicationStateForm,
    ConsentForm,
    DecisionForm,
    DirectoryFilterForm,
    ProfileForm,
    RespondForm,
    TestimonialForm,
)
from fourthp.members.models import VISIBLE_FIELDS, Application, Consent, Profile, Testimonial
from fourthp.members.queries import (
    PAGE_SIZE,
    MemberFilters,
    application_for_token,
    applications_for_secretariat,
    count_countries,
    get_member,
    language_name,
    search_members,
)
from fourthp.members.schemas import CountriesOut, CountryOut, MemberListOut, MemberOut
from fourthp.members.visibility import shown_testimonials

# --- Public pages ----------------------------------------------------------------------------


def member_directory(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = MemberFilters()
    if form.is_valid():
        filters = MemberFilters(**{k: v or "" for k, v in form.cleaned_data.items()})
    paginator = Paginator(search_members(request.user, filters), PAGE_SIZE)
    page_obj = paginator.get_page(query_int(request, "page", 1))
    members = [MemberOut.from_model(p, request.user) for p in page_obj.object_list]
    data = MemberListOut(items=members, count=paginator.count)
    return respond(
        request,
        "members/directory.html",
        {"form": form, "page_obj": page_obj, "members": members, "count": paginator.count},
        data.as_json(),
        as_json=as_json,
    )


WHAT_IS_COUNTED = gettext_lazy(
    "Each country counts the members who chose to show their jurisdiction to everyone; "
    "a member in a state or province counts for its country. Members who keep their jurisdiction "
    "to members or the secretariat, and members with lived experience who have not consented to be "
    "listed, are not counted."
)


def member_countries(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    rows = count_countries()
    data = CountriesOut(
        what_is_counted=str(WHAT_IS_COUNTED),
        countries=[CountryOut.from_count(row) for row in rows],
        total=sum(row.count for row in rows),
    )
    return respond(request, "members/countries.html", {"rows": rows, "data": data}, data, as_json=as_json)


def member_detail(request: HttpRequest, member: int, as_json: bool = False) -> HttpResponse:
    profile = get_member(request.user, member)
    data = MemberOut.from_model(profile, request.user)
    return respond(
        request,
        "members/detail.html",
        {
            "profile": profile,
            "member": data,
            "bio_html": markdown_html(data.bio) if data.bio else "",
            "spoken": [(code, language_name(code)) for code in data.languages or []],
            "is_owner": is_profile_owner(request.user, profile),
        },
        data.as_json(),
        as_json=as_json,
    )


# --- Her own profile, consents and data ------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = access_profile_for_owner(request.user)
    profile = Profile.objects.filter(user=user).first()
    initial = {} if profile is not None else {"name": user.display_name}
    form = ProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = do_save_profile(form.profile_input(), acting_user=user)
        messages.success(request, _("Your profile was saved."))
        if saved.is_protected and not saved.listing_consented:
            messages.info(
                request,
                _(
                    "You marked lived experience: nothing of your profile is shown beyond the secretariat "
                    "unless you give your consent below."
                ),
            )
            return redirect("member-consents")
        return redirect("member-profile-edit")
    rows = []
    for field in VISIBLE_FIELDS:
        names = ["topic_pillars", "topic_provisions"] if field == "topics" else [field]
        rows.append({"field": field, "inputs": [form[n] for n in names], "visibility": form[f"{field}_visibility"]})
    return render(
        request,
        "members/profile_edit.html",
        {
            "form": form,
            "rows": rows,
            "profile": profile,
            "protected": profile is not None and profile.is_protected,
            "consented": profile is not None and profile.listing_consented,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consents(request: HttpRequest) -> HttpResponse:
    user = access_profile_for_owner(request.user)
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a consent to give or withdraw."))
            return redirect("member-consents")
        kind, action = form.cleaned_data["kind"], form.cleaned_data["action"]
        try:
            if action == "give":
                do_give_consent(kind, str(CONSENT_STATEMENTS[kind]), acting_user=user)
                messages.success(request, _("Your consent was recorded. You can withdraw it here at any time."))
            else:
                do_revoke_consent(kind, acting_user=user)
                messages.success(request, _("Your consent was withdrawn."))
        except MemberRefused as exc:
            messages.error(request, str(exc))
        return redirect("member-consents")
    active = set(Consent.objects.filter(user=user, revoked_at__isnull=True).values_list("kind", flat=True))
    kinds = [
        {"kind": kind, "label": label, "statement": CONSENT_STATEMENTS[kind], "active": kind in active}
        for kind, label in Consent.Kind.choices
    ]
    return render(
        request,
        "members/consents.html",
        {"kinds": kinds, "history": Consent.objects.filter(user=user).order_by("-given_at", "-id")},
    )


# Personal data: no browser or proxy may keep a copy (a shared computer, a caching proxy).
@never_cache
@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    user = access_profile_for_owner(request.user)
    body = json.dumps(collect_personal_data(user), ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="fourthp-my-data.json"'
    return response


# --- Applications ----------------------------------------------------------------------------


# A field people never see (the template hides it); a bot that fills every field fills it too.
HONEYPOT = "homepage"


@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {}
    if user.is_authenticated:
        initial = {"name": user.display_name, "email": user.email}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get(HONEYPOT):
            # A bot filled the hidden field: thank it as usual and keep nothing.
            return render(request, "members/application_thanks.html", {"email": data["email"]})
        try:
            do_create_application(
                name=data["name"],
                email=data["email"],
                jurisdiction=data["jurisdiction"],
                legislature=data["legislature"],
                chamber=data["chamber"],
                role=data["role"],
                message=data["message"],
                website=data["website"],
                # The client's address as allauth reads it: behind a proxy, from X-Forwarded-For
                # when TRUSTED_PROXY_COUNT says how many proxies to trust.
                ip=get_account_adapter(request).get_client_ip(request),
                user=user,
            )
        except MemberRefused as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "members/application_thanks.html", {"email": data["email"]})
    return render(request, "members/application_create.html", {"form": form})


@require_http_methods(["GET", "POST"])
def application_respond(request: HttpRequest, token: str) -> HttpResponse:
    application = application_for_token(token)
    form = RespondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_answer_application(application, form.cleaned_data["text"])
        except MemberRefused as exc:
            form.add_error(None, str(exc))
        else:
            return render(request, "members/application_answered.html", {"application": application})
    asked = application.steps.filter(kind="asked").order_by("-created_at").first()
    return render(
        request, "members/application_respond.html", {"application": application, "asked": asked, "form": form}
    )


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    access_applications_for_secretariat(request.user)
    form = ApplicationStateForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    paginator = Paginator(applications_for_secretariat(state), PAGE_SIZE)
    page_obj = paginator.get_page(query_int(request, "page", 1))
    return render(
        request, "members/application_list.html", {"form": form, "page_obj": page_obj, "count": paginator.count}
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_review(request: HttpRequest, application: int) -> HttpResponse:
    access_applications_for_secretariat(request.user)
    found = access_application_review_for_secretariat(
        request.user, get_object_or_404(Application.objects.select_related("jurisdiction", "user"), pk=application)
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            do_decide_application(
                found,
                decision,
                form.cleaned_data["note"],
                acting_user=request.user,  # type: ignore[arg-type]
            )
        except MemberRefused as exc:
            form.add_error(None, str(exc))
        else:
            done = {
                "accept": _("The application was accepted and the applicant told."),
                "ask": _("The applicant was asked for more information."),
                "decline": _("The application was declined and the applicant told."),
            }
            messages.success(request, done[decision])
            return redirect("application-review", found.pk)
    return render(
        request,
        "members/application_review.html",
        {"application": found, "steps": found.steps.select_related("actor"), "form": form},
    )


# --- Testimonials ----------------------------------------------------------------------------


def _posted_id(raw: str) -> int:
    return int(raw) if raw.isdigit() and len(raw) < 12 else 0


def testimonial_list(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    rows = shown_testimonials(request.user)
    return respond(
        request, "members/testimonials.html", {"testimonials": rows}, {"testimonials": rows}, as_json=as_json
    )


@login_required
@require_http_methods(["GET", "POST"])
def testimonial_write(request: HttpRequest) -> HttpResponse:
    """She writes a testimonial, consenting to its publication, and sees (and may withdraw) her own."""
    require_role(request.user, Role.MEMBER)
    form = TestimonialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        do_write_testimonial(
            form.cleaned_data["text"], show_role=form.cleaned_data["show_role"], acting_user=request.user
        )
        messages.success(request, _("Thank you. The secretariat will read it before it is published."))
        return redirect("testimonial-write")
    return render(
        request,
        "members/testimonial_write.html",
        {
            "form": form,
            "statement": testimonial_consent_statement(),
            "mine": Testimonial.objects.filter(user_id=request.user.pk, withdrawn_at__isnull=True),  # type: ignore[misc]
        },
    )


@login_required
@require_http_methods(["POST"])
def testimonial_withdraw(request: HttpRequest, testimonial: int) -> HttpResponse:
    found = get_object_or_404(Testimonial, pk=testimonial, user_id=request.user.pk, withdrawn_at__isnull=True)
    do_withdraw_testimonial(found, acting_user=request.user)
    messages.success(request, _("Your testimonial is withdrawn and no longer shown anywhere."))
    return redirect("testimonial-write")


@login_required
@require_http_methods(["GET", "POST"])
def testimonial_review(request: HttpRequest) -> HttpResponse:
    """The secretariat approves testimonials waiting for publication, after the content check."""
    require_role(request.user, Role.SECRETARIAT)
    if request.method == "POST":
        found = get_object_or_404(
            Testimonial, pk=_posted_id(request.POST.get("testimonial", "")), approved_at=None, withdrawn_at=None
        )
        try:
            do_approve_testimonial(
                found, acting_user=request.user, override_reason=request.POST.get("reason", "")[:500]
            )
        except ContentRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The testimonial is published."))
        return redirect("testimonial-review")
    waiting = Testimonial.objects.filter(approved_at=None, withdrawn_at=None).select_related("user")
    return render(request, "members/testimonial_review.html", {"waiting": waiting})
