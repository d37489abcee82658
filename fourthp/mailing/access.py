"""Who may do what with the mailing list: each rule once, as a predicate; the access_* helpers build on them.

`MailingList.objects.open_to(user)` is the query twin of `can_join_list`; `tests/test_access_rules.py`
proves they agree for every example user. Subscribers reach their own records by signed links, not by role.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.mailing.models import MailingList


def can_join_list(user: Viewer | None, mailing_list: MailingList) -> bool:
    """A public list takes anyone who confirms an address; a members-only list takes members."""
    if mailing_list.audience == MailingList.Audience.PUBLIC:
        return True
    return has_role(user, Role.MEMBER)


def can_manage_mailing(user: Viewer | None) -> bool:
    """Lists, segments and newsletters are the secretariat's work."""
    return has_role(user, Role.SECRETARIAT)


def access_mailing_for_secretariat(user: Viewer) -> None:
    if not can_manage_mailing(user):
        raise PermissionDenied
