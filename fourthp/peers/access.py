"""Who may do what with contact requests: each rule once, as a predicate; the access_* helpers build on them.

`contact_requests_of(user)` (in `fourthp.peers.queries`) lists what `can_see_contact_request` allows
among her own; `tests/test_access_rules.py` proves they agree.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from fourthp.accounts.access import Viewer, has_role, require_role, unseen
from fourthp.accounts.roles import Role
from fourthp.peers.models import ContactRequest


def is_party_to_contact_request(user: Viewer | None, request: ContactRequest) -> bool:
    """The sender or the recipient: the two who see its message."""
    return has_role(user, Role.MEMBER) and user is not None and user.pk in (request.sender_id, request.recipient_id)


def can_see_contact_request(user: Viewer | None, request: ContactRequest) -> bool:
    """The sender and the recipient see a request; the secretariat sees the record (not the message)."""
    return is_party_to_contact_request(user, request) or has_role(user, Role.SECRETARIAT)


def can_answer_contact_request(user: Viewer | None, request: ContactRequest) -> bool:
    """Only the person asked answers (the secretariat keeps the record, not the answer)."""
    return has_role(user, Role.MEMBER) and user is not None and request.recipient_id == user.pk


def can_send_contact_request(user: Viewer | None) -> bool:
    """Any signed-in member may ask a peer for contact; the recipient decides."""
    return has_role(user, Role.MEMBER)


def can_see_contact_records(user: Viewer | None) -> bool:
    return has_role(user, Role.SECRETARIAT)


def access_contact_send_for_member(user: Viewer) -> None:
    if not can_send_contact_request(user):
        raise PermissionDenied


def access_contact_request_for_party(user: Viewer, request: ContactRequest) -> ContactRequest:
    """A visitor gets 403; to a member who is neither party nor secretariat the request does not exist."""
    require_role(user, Role.MEMBER)
    if can_see_contact_request(user, request):
        return request
    raise unseen(_("There is no contact request number %(id)s."), request)


def access_contact_request_for_recipient(user: Viewer, request: ContactRequest) -> ContactRequest:
    """Those who may see the request but not answer it (the sender, the secretariat) get 403."""
    access_contact_request_for_party(user, request)
    if not can_answer_contact_request(user, request):
        raise PermissionDenied
    return request


def access_contact_records_for_secretariat(user: Viewer) -> None:
    if not can_see_contact_records(user):
        raise PermissionDenied
