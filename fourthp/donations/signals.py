"""Personal data: the download lists her pledges and payments; deleting her account anonymises them."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from fourthp.accounts.actions import account_deleting, personal_data_requested
from fourthp.donations.actions import forget_account
from fourthp.donations.queries import personal_data_of


@receiver(personal_data_requested)
def donations_personal_data(sender: Any, user: Any, **kwargs: Any) -> dict[str, Any]:
    return {"donations": personal_data_of(user)}


@receiver(account_deleting)
def forget_deleted_donor(sender: Any, user: Any, **kwargs: Any) -> None:
    forget_account(user)
