"""Personal data: the download lists her subscriptions and consent records; deleting her account erases them."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from fourthp.accounts.actions import account_deleting, personal_data_requested
from fourthp.mailing.actions import forget_account
from fourthp.mailing.queries import personal_data_of


@receiver(personal_data_requested)
def mailing_personal_data(sender: Any, user: Any, **kwargs: Any) -> dict[str, Any]:
    return {"mailing_list": personal_data_of(user)}


@receiver(account_deleting)
def forget_deleted_subscriber(sender: Any, user: Any, **kwargs: Any) -> None:
    forget_account(user)
