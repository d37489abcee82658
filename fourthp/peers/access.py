"""Who may do what in peers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role, require_role, unseen
from fourthp.accounts.roles import Role


def access_contact_send_for_member(user: Any) -> None:
    """Any signed-in member may ask a peer for contact; the recipient decides."""
    require_role(user, Role.MEMBER)


def access_contact_request_for_recipient(user: Any, request: Any) -> Any:
    """Only the person asked answers a contact request (the secretariat keeps the record, not the answer)."""
    access_contact_request_for_party(user, request)
    if request.recipient_id != user.pk:
        raise PermissionDenied
    return request


def access_contact_request_for_party(user: Any, request: Any) -> Any:
    """The sender and the recipient see a request; the secretariat sees the record; to others it does not exist."""
    require_role(user, Role.MEMBER)
    if user.pk in (request.sender_id, request.recipient_id) or has_role(user, Role.SECRETARIAT):
        return request
    raise unseen(_("There is no contact request number %(id)s."), request)


def access_contact_records_for_secretariat(user: Any) -> None:
    require_role(user, Role.SECRETARIAT)
