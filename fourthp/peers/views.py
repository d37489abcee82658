from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fourthp.core.pages import respond
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG
from fourthp.frameworks.queries import framework_from_request
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.visibility import shown_name
from fourthp.peers.access import (
    access_contact_records_for_secretariat,
    access_contact_request_for_party,
    access_contact_request_for_recipient,
    access_contact_send_for_member,
    can_answer_contact_request,
    is_party_to_contact_request,
)
from fourthp.peers.actions import ContactRefused, do_answer_contact_request, do_send_contact_request
from fourthp.peers.forms import ContactRequestForm, PeerPlaceForm
from fourthp.peers.models import ContactRequest
from fourthp.peers.queries import (
    PEERS_SHOWN,
    contact_requests_of,
    find_peers,
    get_contact_request,
    get_contactable_profile,
    provision_by_slug,
    ranking_sentence,
    reference_jurisdiction,
)
from fourthp.peers.schemas import PeerFinderOut


def peer_finder(request: HttpRequest, as_json: bool = False) -> HttpResponse:
    """Who has done this, who shares this gap: for one provision, ranked against a jurisdiction."""
    framework = framework_from_request(request, DEFAULT_FRAMEWORK_SLUG)  # the report card's version, when it says
    # A version asked for is kept when the reader changes the provision or the jurisdiction in the form.
    version = framework.version if request.GET.get("version") else None
    slug = request.GET.get("provision", "").strip()
    place_form = PeerPlaceForm(request.GET if request.GET.get("jurisdiction", "").strip() else None)
    reference: Jurisdiction | None = (
        place_form.cleaned_data["jurisdiction"] if place_form.is_valid() else reference_jurisdiction(request.user)
    )
    if place_form.is_bound and not place_form.is_valid():
        reference = None
    elif reference is not None:  # shown by its name in her language, however it was asked for
        place_form = PeerPlaceForm(initial={"jurisdiction": reference})
    if not slug:
        data: dict[str, Any] = {
            "provision": None,
            "detail": _("Choose a provision to see who has done it and who shares the gap."),
        }
        context: dict[str, Any] = {
            "provisions": framework.provisions.order_by("order"),
            "reference": reference,
            "place_form": place_form,
            "finding": None,
            "version": version,
        }
        return respond(request, "peers/finder.html", context, data, as_json=as_json)
    provision = provision_by_slug(slug, framework)
    show_all = request.GET.get("all") == "1"
    finding = find_peers(provision, reference=reference, viewer=request.user, limit=None if show_all else PEERS_SHOWN)
    ranking = ranking_sentence(reference)
    context = {
        "provisions": framework.provisions.order_by("order"),
        "finding": finding,
        "reference": reference,
        "place_form": place_form,
        "ranking": ranking,
        "can_contact": request.user.is_authenticated,
        "show_all": show_all,
        "version": version,
    }
    return respond(request, "peers/finder.html", context, PeerFinderOut.from_finding(finding, ranking), as_json=as_json)


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, member: int) -> HttpResponse:
    access_contact_send_for_member(request.user)
    profile = get_contactable_profile(request.user, member)
    slug = request.GET.get("provision", "") or request.POST.get("provision", "")
    provision = provision_by_slug(slug) if slug else None
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_send_contact_request(
                profile, message=form.cleaned_data["message"], provision=provision, acting_user=request.user
            )
        except ContactRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your request was sent to %(name)s. You will be told by e-mail when they answer.")
                % {"name": profile.name},
            )
            return redirect("peer-requests")
    return render(request, "peers/contact_form.html", {"form": form, "profile": profile, "provision": provision})


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    access_contact_send_for_member(request.user)
    requests = contact_requests_of(request.user)
    received = [(r, shown_name(r.sender, request.user)) for r in requests["received"]]
    sent = [(r, shown_name(r.recipient, request.user)) for r in requests["sent"]]
    return render(request, "peers/requests.html", {"received": received, "sent": sent})


@login_required
@require_http_methods(["GET", "POST"])
def contact_detail(request: HttpRequest, contact: int) -> HttpResponse:
    item = get_contact_request(contact)
    if request.method == "POST":
        access_contact_request_for_recipient(request.user, item)
        try:
            do_answer_contact_request(item, decision=request.POST.get("decision", ""), acting_user=request.user)
        except ContactRefused as exc:
            messages.error(request, str(exc))
        else:
            item.refresh_from_db()
            if item.state == ContactRequest.State.ACCEPTED:
                messages.success(request, _("Accepted: you have both been sent each other's e-mail address."))
            else:
                messages.success(request, _("Declined. They are told only that you declined."))
        return redirect("peer-request-detail", contact=item.pk)
    access_contact_request_for_party(request.user, item)
    is_recipient = can_answer_contact_request(request.user, item)
    is_party = is_party_to_contact_request(request.user, item)
    context = {
        "item": item,
        "is_recipient": is_recipient,
        # The secretariat keeps the record of who asked whom, not the words exchanged.
        "show_message": is_party,
        "sender_name": shown_name(item.sender, request.user),
        "recipient_name": shown_name(item.recipient, request.user),
    }
    return render(request, "peers/request_detail.html", context)


@login_required
def contact_records(request: HttpRequest) -> HttpResponse:
    access_contact_records_for_secretariat(request.user)
    requests = ContactRequest.objects.select_related("sender__profile", "recipient__profile", "provision").order_by(
        "-created_at"
    )[:500]
    items = [(r, shown_name(r.sender, request.user), shown_name(r.recipient, request.user)) for r in requests]
    counts = {state: ContactRequest.objects.filter(state=state).count() for state in ContactRequest.State.values}
    return render(request, "peers/records.html", {"items": items, "counts": counts})
