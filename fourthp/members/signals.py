"""Members' part of personal data: the download, account deletion, and proving an accepted applicant's address."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from django.dispatch import receiver

from fourthp.accounts.actions import account_deleting, personal_data_requested
from fourthp.members.actions import forget_member, personal_data_of
from fourthp.members.models import Application


@receiver(personal_data_requested)
def member_personal_data(sender: Any, user: Any, **kwargs: Any) -> dict[str, Any]:
    return personal_data_of(user)


@receiver(account_deleting)
def forget_deleted_member(sender: Any, user: Any, **kwargs: Any) -> None:
    forget_member(user)


@receiver(password_reset)
def verify_accepted_applicant_address(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """The set-password link of an accepted application was sent to the address she applied with.

    Setting her password through it proves she receives mail there, so that address is marked verified.
    """
    emails = Application.objects.filter(user=user, state=Application.State.ACCEPTED).values_list("email", flat=True)
    for email in emails:
        EmailAddress.objects.filter(user=user, email__iexact=email, verified=False).update(verified=True)
