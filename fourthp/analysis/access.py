"""Who may do what in analysis."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role, require_role, unseen
from fourthp.accounts.roles import Role


def access_analysis_for_analyst(user: Any) -> None:
    """The analyzer in the web interface: those who write, review or run assessments."""
    require_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def access_analysis_run_for_owner(user: Any, run: Any) -> Any:
    """A run is seen by whoever started it, and by the secretariat.

    An uploaded text may be an unpublished draft bill, so runs are not shared between analysts: another's run
    is not shown to exist. Views check the role (access_analysis_for_analyst) before they look the run up.
    """
    require_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)
    if run.created_by_id != user.pk and not has_role(user, Role.SECRETARIAT):
        raise unseen(_("There is no analysis number %(id)s."), run)
    return run


def access_analysis_draft_for_analyst(user: Any, run: Any) -> Any:
    """Turning a suggestion into a draft assessment is an analyst's step, on her own run."""
    access_analysis_run_for_owner(user, run)
    require_role(user, Role.ANALYST, Role.SECRETARIAT)
    return run
