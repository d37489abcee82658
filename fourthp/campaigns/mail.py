"""E-mails of campaigns: to a public signer the confirmation link (with the withdrawal link), and the note to an
address that has already signed (members signing with their accounts are not e-mailed); a letter's link, the
letter to legislators and its copy to the writer; the reminder of an overdue inquiry."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from fourthp.accounts.mail import notify
from fourthp.accounts.site import absolute_url
from fourthp.campaigns.models import Inquiry, Letter, Signature
from fourthp.campaigns.queries import compose_letter
from fourthp.campaigns.tokens import CONFIRM_SALT, LETTER_SALT, WITHDRAW_SALT, make_token


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


def letter_confirm_url(letter: Letter) -> str:
    return absolute_url(reverse("letter-confirm", kwargs={"token": make_token(letter.pk, LETTER_SALT)}))


def ask_letter_confirmation(letter: Letter) -> None:
    """E-mail the writer the link that sends her letter."""
    notify(
        "campaigns_letter_confirm",
        [letter.sender_email],
        {
            "letter": letter,
            "confirm_url": letter_confirm_url(letter),
            "hours": max(1, settings.CAMPAIGN_LETTER_MAX_AGE // 3600),
        },
    )


def deliver_letter(letter: Letter, recipients: list[Any]) -> None:
    """The letter to each legislator (her answer goes to the writer), and a copy to the writer."""
    names = [name.strip() for name in letter.recipient_names.split(",") if name.strip()]
    text = compose_letter(names=names, body=letter.body, sender=letter.sender_name, town=letter.sender_town)
    for user in recipients:
        notify("campaigns_letter", [user.email], {"letter": letter, "text": text}, reply_to=[letter.sender_email])
    notify("campaigns_letter_copy", [letter.sender_email], {"letter": letter, "text": text})


def remind_inquiry_owner(inquiry: Inquiry) -> None:
    notify(
        "campaigns_inquiry_overdue",
        [inquiry.owner.email],
        {"inquiry": inquiry, "inquiry_url": absolute_url(inquiry.get_absolute_url())},
    )
