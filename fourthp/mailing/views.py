from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from pydantic import BaseModel, Field, ValidationError, field_validator

from fourthp.accounts.limits import client_address, over_rate_usage
from fourthp.briefs.actions import ContentRefused
from fourthp.briefs.checks import find_problems, problem_line
from fourthp.briefs.models import MAX_REASON_CHARS
from fourthp.core.pages import markdown_html
from fourthp.mailing.access import access_mailing_for_secretariat
from fourthp.mailing.actions import (
    MailingRefused,
    do_confirm_subscription,
    do_erase_subscriber,
    do_record_suppression,
    do_request_subscription,
    do_retry_failed,
    do_save_list,
    do_save_newsletter,
    do_save_segment,
    do_send_newsletter,
    do_set_subscriptions,
    do_unsubscribe,
    newsletter_text,
)
from fourthp.mailing.forms import ListForm, NewsletterForm, PreferencesForm, SegmentForm, SignupForm
from fourthp.mailing.mail import preferences_url
from fourthp.mailing.models import MailingList, Newsletter, Segment, Subscriber, Suppression
from fourthp.mailing.queries import (
    delivery_counts,
    find_subscriber,
    get_list,
    get_newsletter,
    get_segment,
    list_lists,
    list_newsletters,
    list_segments,
    recipients_of,
)
from fourthp.mailing.sending import plain_text
from fourthp.mailing.tokens import PREFERENCES_SALT, SIGNUP_SALT, UNSUBSCRIBE_SALT, LinkExpired, LinkInvalid, read_token

WEBHOOK_MAX_BYTES = 10_000

# --------------------------------------------------------------------------- the public


@require_http_methods(["GET", "POST"])
def mailing_join(request: HttpRequest) -> HttpResponse:
    """The public sign-up; whatever the address has done before, the answer is "check your e-mail"."""
    form = SignupForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST":
        rate = settings.MAILING_SIGNUPS_RATE
        if over_rate_usage(request, "mailing-signups", client_address(request), rate, name="Mailing sign-up"):
            return render(request, "mailing/join.html", {"form": form, "refused": True}, status=429)
        if form.is_valid():
            if not form.is_robot():
                do_request_subscription(form.to_input())
            return render(request, "mailing/check_email.html")
    return render(request, "mailing/join.html", {"form": form}, status=400 if form.errors else 200)


def _link_problem(request: HttpRequest, problem: str) -> HttpResponse:
    return render(
        request, "mailing/link_problem.html", {"problem": problem}, status=410 if problem == "expired" else 404
    )


@require_http_methods(["GET", "POST"])
def mailing_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed confirmation link: a page with one button (a link checker's visit subscribes nobody)."""
    try:
        signup = read_token(token, SIGNUP_SALT)
    except LinkExpired:
        return _link_problem(request, "expired")
    except LinkInvalid:
        return _link_problem(request, "invalid")
    if not isinstance(signup, dict) or not isinstance(signup.get("email"), str):
        return _link_problem(request, "invalid")
    lists = MailingList.objects.filter(pk__in=signup.get("lists") or [])
    if request.method == "POST":
        subscriber = do_confirm_subscription(signup)
        messages.success(request, _("Thank you: your subscription is confirmed."))
        return redirect(preferences_url(subscriber).removeprefix(settings.SITE_URL))
    return render(request, "mailing/confirm.html", {"email": signup["email"], "lists": lists})


def _subscriber_from(token: str) -> Subscriber | None:
    try:
        return find_subscriber(read_token(token, PREFERENCES_SALT))
    except (LinkExpired, LinkInvalid):
        return None


@require_http_methods(["GET", "POST"])
def mailing_preferences(request: HttpRequest, token: str) -> HttpResponse:
    """Her lists and her consent records, at the signed link from every message."""
    subscriber = _subscriber_from(token)
    if subscriber is None:
        return _link_problem(request, "invalid")
    current = {
        "lists": list(subscriber.subscriptions.values_list("mailing_list_id", flat=True)),
        "topics": list(subscriber.topics.values_list("pk", flat=True)),
    }
    form = PreferencesForm(request.POST if request.method == "POST" else None, user=subscriber.user, initial=current)
    if request.method == "POST" and form.is_valid():
        do_set_subscriptions(subscriber, list(form.cleaned_data["lists"]), list(form.cleaned_data["topics"]))
        messages.success(request, _("Your lists and topics are saved."))
        return redirect(request.path)
    context = {
        "subscriber": subscriber,
        "form": form,
        "consents": subscriber.consents.all(),
        "suppressed": Suppression.objects.filter(email=subscriber.email).first(),
        "token": token,
    }
    return render(request, "mailing/preferences.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def mailing_erase(request: HttpRequest, token: str) -> HttpResponse:
    """Erase her records (a POST from the preferences page, where a GET is sent back)."""
    subscriber = _subscriber_from(token)
    if subscriber is None:
        return _link_problem(request, "invalid")
    if request.method != "POST":
        return redirect("mailing-preferences", token=token)
    do_erase_subscriber(subscriber)
    return render(request, "mailing/erased.html")


@csrf_exempt  # RFC 8058: a mail client posts here without a session or a form of ours; the signed token is the key
@require_http_methods(["GET", "POST"])
def mailing_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One-click unsubscribe: a POST (from a mail client or the button on the GET page) leaves the list."""
    try:
        value = read_token(token, UNSUBSCRIBE_SALT)
    except (LinkExpired, LinkInvalid):
        return _link_problem(request, "invalid")
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        return _link_problem(request, "invalid")
    subscriber = find_subscriber(value[0])
    mailing_list = MailingList.objects.filter(pk=value[1]).first()
    context: dict[str, Any] = {"mailing_list": mailing_list, "token": token}
    if request.method == "POST":
        if subscriber is not None and mailing_list is not None:
            do_unsubscribe(subscriber, mailing_list, one_click=request.POST.get("List-Unsubscribe") == "One-Click")
        return render(request, "mailing/unsubscribed.html", context)
    return render(request, "mailing/unsubscribe.html", context)


class BounceReport(BaseModel):
    address: str = Field(max_length=254)
    kind: Suppression.Kind

    @field_validator("address")
    @classmethod
    def _an_address(cls, value: str) -> str:
        try:
            validate_email(value)
        except DjangoValidationError as exc:
            raise ValueError("not an e-mail address") from exc
        return value


@csrf_exempt  # called by the mail service, authenticated by the shared secret in its header
@require_POST
def mailing_webhook(request: HttpRequest) -> HttpResponse:
    """A bounce or complaint from the mail service: the address is suppressed for every later send."""
    secret = settings.MAILING_WEBHOOK_SECRET
    given = request.headers.get("X-Mailing-Secret", "")
    if not secret or not constant_time_compare(given, secret):
        return JsonResponse({"detail": "The secret is missing or wrong."}, status=403)
    if len(request.body) > WEBHOOK_MAX_BYTES:
        return JsonResponse({"detail": "The body is too large."}, status=413)
    try:
        report = BounceReport.model_validate_json(request.body)
    except ValidationError:
        return JsonResponse(
            {"detail": 'Send JSON {"address": an e-mail address, "kind": "bounce" or "complaint"}.'}, status=400
        )
    suppression = do_record_suppression(str(report.address), report.kind)
    return JsonResponse({"suppressed": suppression.email, "kind": suppression.kind})


# --------------------------------------------------------------------------- the secretariat


@login_required
def mailing_manage(request: HttpRequest) -> HttpResponse:
    access_mailing_for_secretariat(request.user)
    context = {"lists": list_lists(), "segments": list_segments(), "newsletters": list_newsletters()[:100]}
    return render(request, "mailing/manage.html", context)


def _edit_list(request: HttpRequest, mailing_list: MailingList | None) -> HttpResponse:
    form = ListForm(request.POST if request.method == "POST" else None, instance=mailing_list or MailingList())
    if request.method == "POST" and form.is_valid():
        do_save_list(form.save(commit=False), acting_user=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The list is saved."))
        return redirect("mailing-manage")
    return render(request, "mailing/edit.html", {"form": form, "kind": "list", "thing": mailing_list})


@login_required
@require_http_methods(["GET", "POST"])
def mailing_list_create(request: HttpRequest) -> HttpResponse:
    access_mailing_for_secretariat(request.user)
    return _edit_list(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def mailing_list_edit(request: HttpRequest, list_id: int) -> HttpResponse:
    access_mailing_for_secretariat(request.user)
    return _edit_list(request, get_list(list_id))


def _edit_segment(request: HttpRequest, segment: Segment | None) -> HttpResponse:
    form = SegmentForm(request.POST if request.method == "POST" else None, instance=segment or Segment())
    if request.method == "POST" and form.is_valid():
        saved, related = form.to_segment()
        do_save_segment(saved, related, acting_user=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The segment is saved."))
        return redirect("mailing-manage")
    matching = recipients_of(segment.mailing_list, segment).count() if segment is not None else None
    context = {"form": form, "kind": "segment", "thing": segment, "matching": matching}
    return render(request, "mailing/edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mailing_segment_create(request: HttpRequest) -> HttpResponse:
    access_mailing_for_secretariat(request.user)
    return _edit_segment(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def mailing_segment_edit(request: HttpRequest, segment_id: int) -> HttpResponse:
    access_mailing_for_secretariat(request.user)
    return _edit_segment(request, get_segment(segment_id))


def _edit_newsletter(request: HttpRequest, newsletter: Newsletter | None) -> HttpResponse:
    form = NewsletterForm(request.POST if request.method == "POST" else None, instance=newsletter or Newsletter())
    if request.method == "POST" and form.is_valid():
        try:
            saved = do_save_newsletter(form.save(commit=False), acting_user=request.user)  # type: ignore[arg-type]
        except MailingRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The newsletter is saved. Check the preview before sending it."))
            return redirect("mailing-newsletter-detail", saved.pk)
    return render(request, "mailing/edit.html", {"form": form, "kind": "newsletter", "thing": newsletter})


@login_required
@require_http_methods(["GET", "POST"])
def mailing_newsletter_create(request: HttpRequest) -> HttpResponse:
    access_mailing_for_secretariat(request.user)
    return _edit_newsletter(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def mailing_newsletter_edit(request: HttpRequest, newsletter_id: int) -> HttpResponse:
    access_mailing_for_secretariat(request.user)
    newsletter = get_newsletter(newsletter_id)
    if newsletter.state != Newsletter.State.DRAFT:
        messages.error(request, _("This newsletter has been sent; it can no longer be changed."))
        return redirect("mailing-newsletter-detail", newsletter.pk)
    return _edit_newsletter(request, newsletter)


@login_required
def mailing_newsletter_detail(request: HttpRequest, newsletter_id: int) -> HttpResponse:
    """The preview as subscribers will see it (HTML and plain text), who it goes to now, and how the send went."""
    access_mailing_for_secretariat(request.user)
    newsletter = get_newsletter(newsletter_id)
    is_draft = newsletter.state == Newsletter.State.DRAFT
    context = {
        "newsletter": newsletter,
        "html": markdown_html(newsletter.body),
        "text": plain_text(newsletter.body),
        "recipients_now": recipients_of(newsletter.mailing_list, newsletter.segment).count() if is_draft else None,
        "counts": delivery_counts(newsletter),
        "is_draft": is_draft,
        "problems": find_problems(newsletter_text(newsletter)) if is_draft else [],
    }
    return render(request, "mailing/newsletter.html", context)


@login_required
@require_POST
def mailing_newsletter_send(request: HttpRequest, newsletter_id: int) -> HttpResponse:
    access_mailing_for_secretariat(request.user)
    newsletter = get_newsletter(newsletter_id)
    reason = request.POST.get("override_reason", "")[:MAX_REASON_CHARS]
    try:
        count = do_send_newsletter(newsletter, acting_user=request.user, override_reason=reason)  # type: ignore[arg-type]
    except ContentRefused as exc:
        messages.error(request, str(exc))
        for problem in exc.problems:
            messages.error(request, problem_line(problem))
    except MailingRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Sending to %(count)s subscribers in the background.") % {"count": count})
    return redirect(reverse("mailing-newsletter-detail", args=[newsletter.pk]))


@login_required
@require_POST
def mailing_newsletter_retry(request: HttpRequest, newsletter_id: int) -> HttpResponse:
    access_mailing_for_secretariat(request.user)
    newsletter = get_newsletter(newsletter_id)
    count = do_retry_failed(newsletter, acting_user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("%(count)s failed deliveries are queued again.") % {"count": count})
    return redirect(reverse("mailing-newsletter-detail", args=[newsletter.pk]))
