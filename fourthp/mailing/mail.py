"""The mailing list's links and its two account-like e-mails (the confirmation link, and the note to an address
already subscribed); newsletters themselves are built in sending.py."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from fourthp.accounts.mail import notify
from fourthp.accounts.site import absolute_url
from fourthp.mailing.models import MailingList, Subscriber
from fourthp.mailing.tokens import PREFERENCES_SALT, SIGNUP_SALT, UNSUBSCRIBE_SALT, make_token


def confirm_url(signup: dict[str, Any]) -> str:
    return absolute_url(reverse("mailing-confirm", kwargs={"token": make_token(signup, SIGNUP_SALT)}))


def preferences_url(subscriber: Subscriber) -> str:
    return absolute_url(reverse("mailing-preferences", kwargs={"token": make_token(subscriber.pk, PREFERENCES_SALT)}))


def unsubscribe_url(subscriber: Subscriber, mailing_list: MailingList) -> str:
    token = make_token([subscriber.pk, mailing_list.pk], UNSUBSCRIBE_SALT)
    return absolute_url(reverse("mailing-unsubscribe", kwargs={"token": token}))


def send_confirmation(signup: dict[str, Any], lists: list[MailingList]) -> None:
    notify(
        "mailing_confirm",
        [signup["email"]],
        {
            "lists": lists,
            "confirm_url": confirm_url(signup),
            "confirm_hours": max(1, settings.MAILING_CONFIRMATION_MAX_AGE // 3600),
        },
    )


def send_already_subscribed(subscriber: Subscriber) -> None:
    notify("mailing_already_subscribed", [subscriber.email], {"preferences_url": preferences_url(subscriber)})
