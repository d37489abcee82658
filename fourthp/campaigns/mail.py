"""E-mails to a public signer: the confirmation link (with the withdrawal link), and the note to an address
that has already signed. Members signing with their accounts are not e-mailed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from fourthp.accounts.mail import notify
from fourthp.accounts.site import absolute_url
from fourthp.campaigns.models import Signature
from fourthp.campaigns.tokens import CONFIRM_SALT, WITHDRAW_SALT, make_token


def confirm_url(signature: Signature) -> str:
    return absolute_url(reverse("campaign-confirm", kwargs={"token": make_token(signature.pk, CONFIRM_SALT)}))


def withdraw_url(signature: Signature) -> str:
    return absolute_url(reverse("campaign-withdraw-link", kwargs={"token": make_token(signature.pk, WITHDRAW_SALT)}))


def tell_signer(name: str, signature: Signature, **context: Any) -> None:
    """E-mail `emails/<name>.txt` to the signature's address, with its campaign and both links."""
    notify(
        name,
        [signature.email],
        {
            "campaign": signature.campaign,
            "signature": signature,
            "confirm_url": confirm_url(signature),
            "withdraw_url": withdraw_url(signature),
            "confirm_hours": max(1, settings.CAMPAIGN_CONFIRMATION_MAX_AGE // 3600),
            **context,
        },
    )
