"""Personal data: a deleted account's signatures are withdrawn, or anonymised once delivered; the download lists them."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from fourthp.accounts.actions import account_deleting, personal_data_requested
from fourthp.campaigns.actions import release_signatures_of_deleted_account
from fourthp.campaigns.models import Signature


@receiver(account_deleting)
def release_signatures(sender: Any, user: Any, **kwargs: Any) -> None:
    """A delivered letter keeps the signature, counted, without her name: it was delivered with it."""
    release_signatures_of_deleted_account(user)


@receiver(personal_data_requested)
def signatures_of_member(sender: Any, user: Any, **kwargs: Any) -> dict[str, Any]:
    signatures = Signature.objects.filter(user=user).select_related("campaign", "jurisdiction").order_by("created_at")
    return {
        "campaign_signatures": [
            {
                "campaign": s.campaign.title,
                "campaign_slug": s.campaign.slug,
                "name": s.name,
                "jurisdiction": s.jurisdiction.code if s.jurisdiction else None,
                "show_name": s.show_name,
                "state": s.state,
                "signed_at": s.created_at.isoformat(),
            }
            for s in signatures
        ]
    }
