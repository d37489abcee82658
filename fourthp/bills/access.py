"""Who may do what with bills and sessions: each rule once, as a predicate; the access_* helpers build on them.

Bills, sessions, calendars and plans are public. Recording them (by hand or by import) is the analysts'
work, and the secretariat's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.bills.models import Bill, LegislativeSession
from fourthp.bills.queries import get_bill, get_session


def can_edit_bills(user: Viewer | None) -> bool:
    """Bills and sessions are recorded and kept by analysts and the secretariat."""
    return has_role(user, Role.ANALYST, Role.SECRETARIAT)


def access_bills_edit_for_analyst(user: Viewer) -> None:
    if not can_edit_bills(user):
        raise PermissionDenied


def access_bill_edit_for_analyst(user: Viewer, bill_id: int) -> Bill:
    """The (public) bill first, so a missing one answers 404 to all; then the role."""
    bill = get_bill(bill_id)
    access_bills_edit_for_analyst(user)
    return bill


def access_session_edit_for_analyst(user: Viewer, session_id: int) -> LegislativeSession:
    session = get_session(session_id)
    access_bills_edit_for_analyst(user)
    return session
