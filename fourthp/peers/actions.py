"""Writes on contact requests: send one, answer one. Nobody's address is shown before the answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.mail import notify
from fourthp.accounts.models import AuditEvent
from fourthp.frameworks.models import Provision
from fourthp.members.models import Consent, Profile
from fourthp.members.visibility import shown_name
from fourthp.peers.models import ContactRequest

MESSAGE_MAX = 2000


class ContactRefused(Exception):
    """A contact request that cannot be sent or answered; the message says why, for the member."""


def check_contact_request(sender: Any, recipient: Profile, message: str) -> str:
    """The cleaned message, or ContactRefused with the reason."""
    text = message.strip()
    if not text:
        raise ContactRefused(_("Write a few words saying who you are and why you would like to be in touch."))
    if len(text) > MESSAGE_MAX:
        raise ContactRefused(
            _("The message is %(n)d characters long; the limit is %(max)d.") % {"n": len(text), "max": MESSAGE_MAX}
        )
    if recipient.user_id == sender.pk:
        raise ContactRefused(_("That is your own profile."))
    if not recipient.user.is_active or not recipient.has_consent(Consent.Kind.PEER_CONTACT):
        raise ContactRefused(_("This member does not accept contact requests."))
    if ContactRequest.objects.filter(
        sender=sender, recipient=recipient.user, state=ContactRequest.State.PENDING
    ).exists():
        raise ContactRefused(_("You have already asked this member; wait for the answer."))
    limit = settings.CONTACT_REQUESTS_PER_DAY
    since = timezone.now() - dt.timedelta(hours=24)
    if ContactRequest.objects.filter(sender=sender, created_at__gte=since).count() >= limit:
        raise ContactRefused(
            _("You have sent %(limit)d contact requests in the last 24 hours, the most allowed. Try again tomorrow.")
            % {"limit": limit}
        )
    return text


def do_send_contact_request(
    recipient: Profile, *, message: str, provision: Provision | None = None, acting_user: Any
) -> ContactRequest:
    """Ask `recipient` for contact on behalf of `acting_user`; she is e-mailed and decides."""
    sender = acting_user
    with transaction.atomic():
        text = check_contact_request(sender, recipient, message)
        try:
            with transaction.atomic():
                request = ContactRequest.objects.create(
                    sender=sender, recipient=recipient.user, provision=provision, message=text
                )
        except IntegrityError:
            raise ContactRefused(_("You have already asked this member; wait for the answer.")) from None
        AuditEvent.record(actor=sender, verb="contact_request.sent", target=request, recipient=recipient.user_id)
        notify(
            "peers_contact_requested",
            [recipient.user.email],
            {
                "sender_name": shown_name(sender, recipient.user),
                "provision": provision,
                "message": text,
                "url": reverse("peer-request-detail", kwargs={"contact": request.pk}),
            },
        )
    return request


def check_answer(request: ContactRequest, decision: str) -> None:
    if decision not in ("accept", "decline"):
        raise ContactRefused(_("Choose to accept or to decline."))
    if request.state != ContactRequest.State.PENDING:
        raise ContactRefused(_("This request has already been answered."))
    if request.sender is None or not request.sender.is_active:
        raise ContactRefused(_("The member who asked has since left the platform."))


def do_answer_contact_request(request: ContactRequest, *, decision: str, acting_user: Any) -> ContactRequest:
    """Accept (each side is told the other's address) or decline (the sender is told, with no reason)."""
    with transaction.atomic():
        request = (
            ContactRequest.objects.select_for_update(of=("self",))
            .select_related("sender", "recipient")
            .get(pk=request.pk)
        )
        check_answer(request, decision)
        request.state = ContactRequest.State.ACCEPTED if decision == "accept" else ContactRequest.State.DECLINED
        request.answered_at = timezone.now()
        request.save(update_fields=["state", "answered_at"])
        AuditEvent.record(actor=acting_user, verb=f"contact_request.{request.state}", target=request)
        sender, recipient = request.sender, request.recipient
        assert sender is not None and recipient is not None
        if request.state == ContactRequest.State.ACCEPTED:
            notify(
                "peers_contact_accepted",
                [sender.email],
                {"other_name": shown_name(recipient, sender), "other_email": recipient.email, "asked": True},
                reply_to=[recipient.email],
            )
            notify(
                "peers_contact_accepted",
                [recipient.email],
                {"other_name": shown_name(sender, recipient), "other_email": sender.email, "asked": False},
                reply_to=[sender.email],
            )
        else:
            notify("peers_contact_declined", [sender.email], {"other_name": shown_name(recipient, sender)})
    return request
