"""Who may do what with jurisdictions: each rule once, as a predicate; the access_* helpers build on them.

Every jurisdiction is public; only its legislature and legal tradition are edited, by those who curate the
atlas. The edit page looks the jurisdiction up before the role is checked (it is public, so a missing code
answers 404 to everyone, a present one 403 to the wrong role).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import find_jurisdiction


def can_edit_jurisdiction(user: Viewer, jurisdiction: Jurisdiction) -> bool:
    """Analysts and the secretariat record a jurisdiction's legislature and legal tradition."""
    return has_role(user, Role.ANALYST, Role.SECRETARIAT)


def access_jurisdiction_edit_for_analyst(user: Viewer, code: str) -> Jurisdiction:
    """The jurisdiction with this code or alias (NotFound otherwise), or PermissionDenied for the wrong role."""
    jurisdiction = find_jurisdiction(code)
    if not can_edit_jurisdiction(user, jurisdiction):
        raise PermissionDenied
    return jurisdiction
