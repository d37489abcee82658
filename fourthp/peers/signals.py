"""Contact requests in a member's data download, and what her account deletion does to them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from fourthp.accounts.actions import account_deleting, personal_data_requested
from fourthp.peers.models import ContactRequest


@receiver(personal_data_requested)
def contact_requests_of_member(sender: Any, user: Any, **kwargs: Any) -> dict[str, Any]:
    rows = ContactRequest.objects.filter(Q(sender=user) | Q(recipient=user)).select_related("provision")
    return {
        "contact_requests": [
            {
                "direction": "sent" if r.sender_id == user.pk else "received",
                "provision": r.provision.slug if r.provision else None,
                "message": r.message,
                "state": r.state,
                "created_at": r.created_at.isoformat(),
                "answered_at": r.answered_at.isoformat() if r.answered_at else None,
            }
            for r in rows
        ]
    }


@receiver(account_deleting)
def forget_contact_messages(sender: Any, user: Any, **kwargs: Any) -> None:
    """Her words go; the record that a request was made and answered stays for the secretariat."""
    ContactRequest.objects.filter(recipient=user, state=ContactRequest.State.PENDING).update(
        state=ContactRequest.State.DECLINED, answered_at=timezone.now()
    )
    ContactRequest.objects.filter(sender=user, state=ContactRequest.State.PENDING).update(
        state=ContactRequest.State.DECLINED, answered_at=timezone.now()
    )
    ContactRequest.objects.filter(sender=user).update(message="")
