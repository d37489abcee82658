"""Who may do what with the statistics registry: each rule once, as a predicate; the access_* helpers build on them.

Visitors, members and reviewers read the public figures. Analysts and the secretariat keep the registry:
they edit it, read its history, and see its unsourced figures, which no one else sees.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from fourthp.accounts.access import Viewer, has_role
from fourthp.statistics.models import STATISTICS_CURATORS, Statistic
from fourthp.statistics.queries import get_any_statistic, get_statistic


def can_edit_statistics(user: Viewer | None) -> bool:
    """The registry is kept by analysts and the secretariat."""
    return has_role(user, *STATISTICS_CURATORS)


def can_see_statistic(user: Viewer | None, statistic: Statistic) -> bool:
    """A public figure is seen by all; an unsourced one only by those who keep the registry."""
    return statistic.is_public or can_edit_statistics(user)


def access_statistic_for_viewer(user: Viewer | None, statistic_id: int) -> Statistic:
    """A figure the viewer may read; one she may not is answered as missing (404), never as forbidden."""
    return get_statistic(statistic_id, user)


def access_statistics_edit_for_analyst(user: Viewer) -> None:
    if not can_edit_statistics(user):
        raise PermissionDenied


def access_statistic_edit_for_analyst(user: Viewer, statistic_id: int) -> Statistic:
    """The role first: whether an unsourced figure exists is not told to those who may not edit."""
    access_statistics_edit_for_analyst(user)
    return get_any_statistic(statistic_id)
