"""Deleting an account deletes the analyses it ran: an upload may be an unpublished bill or hold personal data."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from fourthp.accounts.actions import account_deleting
from fourthp.analysis.models import AnalysisRun


@receiver(account_deleting)
def delete_runs_of_deleted_account(sender: Any, user: Any, **kwargs: Any) -> None:
    AnalysisRun.objects.filter(created_by=user).delete()
