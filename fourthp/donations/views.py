"""The donation pages: give, the test provider's checkout, the webhook, the donor's pages, the use of resources."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from fourthp.accounts.limits import client_address, over_rate_usage
from fourthp.accounts.site import absolute_url
from fourthp.core.pages import respond
from fourthp.donations.access import access_pledge_for_donor
from fourthp.donations.actions import do_apply_event, do_cancel_pledge, do_create_pledge, do_send_pledges_link
from fourthp.donations.forms import LinkForm, PledgeForm
from fourthp.donations.models import Pledge
from fourthp.donations.providers import (
    PaymentProvider,
    ProviderError,
    TestProvider,
    WebhookRefused,
    get_provider,
    simulated_checkout_events,
)
from fourthp.donations.queries import pledges_of, public_donors, received_by_month, received_by_year, spending_lines
from fourthp.donations.tokens import LinkUnusable, read_link_token

WEBHOOK_MAX_BYTES = 256_000


@require_http_methods(["GET", "POST"])
def donations_give(request: HttpRequest) -> HttpResponse:
    """The pledge form; a valid pledge goes on to the provider's hosted checkout page."""
    user = request.user
    initial = {"email": user.email} if user.is_authenticated else {}
    form = PledgeForm(request.POST if request.method == "POST" else None, initial=initial)
    context: dict[str, Any] = {"form": form, "test_provider": settings.DONATIONS_PROVIDER != "stripe"}
    if request.method == "POST":
        rate = settings.DONATIONS_PLEDGES_RATE
        if over_rate_usage(request, "donations-pledges", client_address(request), rate, name="Donation pledge"):
            return render(request, "donations/give.html", {**context, "refused": True}, status=429)
        if form.is_valid():
            try:
                _pledge, checkout = do_create_pledge(
                    form.to_input(translation.get_language() or settings.LANGUAGE_CODE),
                    donor=user,
                    success_url=absolute_url(reverse("donations-thanks")),
                    cancel_url=absolute_url(reverse("donations-give")),
                )
            except ProviderError:
                return render(request, "donations/give.html", {**context, "unavailable": True}, status=503)
            return redirect(checkout.url)
    return render(request, "donations/give.html", context, status=400 if form.errors else 200)


def donations_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "donations/thanks.html")


def deliver(provider: PaymentProvider, body: bytes, headers: dict[str, str]) -> str:
    """Verify a webhook's signature and apply its event once (WebhookRefused when it is not genuine)."""
    event = provider.parse_webhook(body, headers)
    return do_apply_event(event, provider=provider.name)


@require_http_methods(["GET", "POST"])
def donations_test_checkout(request: HttpRequest, checkout_id: str) -> HttpResponse:
    """The test provider's hosted page: it takes no card, and paying sends the provider's signed events."""
    provider = get_provider()
    pledge = Pledge.objects.filter(checkout_id=checkout_id, status=Pledge.Status.PENDING).first()
    if not isinstance(provider, TestProvider) or pledge is None:
        raise Http404
    if request.method == "POST":
        if request.POST.get("choice") != "pay":
            return redirect("donations-give")
        for event in simulated_checkout_events(pledge):
            deliver(provider, *provider.signed(event))
        return redirect("donations-thanks")
    return render(request, "donations/test_checkout.html", {"pledge": pledge})


@csrf_exempt
@require_POST
def donations_webhook(request: HttpRequest) -> HttpResponse:
    """The provider's events: each signature verified, each event applied once."""
    if len(request.body) > WEBHOOK_MAX_BYTES:
        return JsonResponse({"detail": "The body is too large."}, status=413)
    try:
        outcome = deliver(get_provider(), request.body, dict(request.headers))
    except WebhookRefused as exc:
        return JsonResponse({"detail": f"Refused: {exc}"}, status=400)
    return JsonResponse({"outcome": outcome})


def _pledges_page(request: HttpRequest, pledges: list[Pledge], *, email: str = "") -> HttpResponse:
    if request.method == "POST":
        try:
            pledge_id = int(request.POST.get("pledge", ""))
        except ValueError:
            pledge_id = 0
        pledge = access_pledge_for_donor(request.user, pledge_id, email=email)
        try:
            pledge = do_cancel_pledge(pledge, acting_user=request.user)
        except ProviderError:
            messages.error(request, _("The payment provider could not be reached. Nothing was changed; try again."))
        else:
            messages.success(request, _("Your monthly pledge is cancelled. Nothing more will be charged."))
        return redirect(request.path)
    return render(request, "donations/pledges.html", {"pledges": pledges, "email": email})


@login_required
@require_http_methods(["GET", "POST"])
def donations_mine(request: HttpRequest) -> HttpResponse:
    """The signed-in donor's pledges."""
    return _pledges_page(request, pledges_of(user=request.user))


@require_http_methods(["GET", "POST"])
def donations_pledges(request: HttpRequest, token: str) -> HttpResponse:
    """A donor's pledges at the signed, expiring link e-mailed to her."""
    try:
        email = read_link_token(token)
    except LinkUnusable as problem:
        return render(
            request, "donations/link_problem.html", {"expired": problem.expired}, status=410 if problem.expired else 404
        )
    return _pledges_page(request, pledges_of(email=email), email=email)


@require_http_methods(["GET", "POST"])
def donations_link(request: HttpRequest) -> HttpResponse:
    """Ask for the link to one's pledges; the answer never says whether the address gave."""
    form = LinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        rate = settings.DONATIONS_PLEDGES_RATE
        if over_rate_usage(request, "donations-links", client_address(request), rate, name="Donation link"):
            return render(request, "donations/link.html", {"form": form, "refused": True}, status=429)
        if form.is_valid():
            do_send_pledges_link(form.cleaned_data["email"])
            return render(request, "donations/link.html", {"sent": True})
    return render(request, "donations/link.html", {"form": form}, status=400 if form.errors else 200)


def donations_resources(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """Transparency: what was received, month by month, and how it was used; donors named only by choice."""
    months = received_by_month()
    years = received_by_year(months)
    lines = spending_lines()
    donors = public_donors()
    data = {
        "received_by_year": [{**row, "total": str(row["total"])} for row in years],
        "received_by_month": [{**row, "total": str(row["total"])} for row in months],
        "spending": [
            {
                "year": line.year,
                "purpose": line.purpose,
                "amount": str(line.amount),
                "currency": line.currency,
                "funded_by": line.funded_by,
                "source": line.source,
                "source_url": line.source_url,
            }
            for line in lines
        ],
        "donors_listed_by_choice": donors,
    }
    context = {"years": years, "months": months, "lines": lines, "donors": donors}
    return respond(request, "donations/resources.html", context, data, as_json=as_json)
