"""Who may see and cancel a pledge: the donor herself, signed in or at her e-mailed link.

The secretariat reads pledges in the admin (donors' data is shown to no one else); on the donor's page a pledge
of someone else is not found (404).
"""

from __future__ import annotations

from fourthp.accounts.access import Viewer
from fourthp.core.errors import NotFound
from fourthp.donations.models import Pledge


def can_manage_pledge(user: Viewer | None, pledge: Pledge, *, email: str = "") -> bool:
    """Only the donor sees and stops her own pledge here; the secretariat works in the admin and the provider's
    dashboard."""
    if email and pledge.email and pledge.email.lower() == email.lower():
        return True
    return user is not None and user.is_authenticated and pledge.donor_id == user.pk


def access_pledge_for_donor(user: Viewer | None, pledge_id: int, *, email: str = "") -> Pledge:
    pledge = Pledge.objects.filter(pk=pledge_id).first()
    if pledge is None or not can_manage_pledge(user, pledge, email=email):
        raise NotFound("No pledge has this number.")
    return pledge
