"""Who may do what in analysis: each rule once, as a predicate; the access_* helpers build on them.

An uploaded text may be an unpublished draft bill, so runs are not shared between analysts: a run is
seen by whoever started it and by the secretariat, and another's run is not shown to exist (404).
Role-gated pages check the role (403) before they look the run up.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role, unseen
from fourthp.accounts.models import User
from fourthp.accounts.roles import Role
from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import get_run

# Those who write, review or run assessments use the analyzer; those who write them draft from it.
ANALYZER_ROLES = (Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)
DRAFTING_ROLES = (Role.ANALYST, Role.SECRETARIAT)
# Those who draft bills (drafting.access.BILL_DRAFTERS) may also have the analyzer read a draft for a what-if
# report card: the run is theirs to see through the what-if alone, not through the analyzer's pages.
WHAT_IF_READERS = (*ANALYZER_ROLES, Role.LEGISLATOR, Role.STAFF)


def can_use_analyzer(user: User | AnonymousUser) -> bool:
    """The analyzer in the web interface: those who write, review or run assessments."""
    return has_role(user, *ANALYZER_ROLES)


def can_read_draft_for_what_if(user: User | AnonymousUser) -> bool:
    """Having the analyzer read a draft for a what-if report card: the analyzer's users and those who draft bills."""
    return has_role(user, *WHAT_IF_READERS)


def can_see_run(user: User | AnonymousUser, run: AnalysisRun) -> bool:
    """A run is seen by whoever started it (through the what-if alone for one who drafts bills but does not use
    the analyzer), and by the secretariat."""
    if run.created_by_id == user.pk:
        return can_use_analyzer(user) or can_read_draft_for_what_if(user)
    return has_role(user, Role.SECRETARIAT)


def access_what_if_upload(user: User | AnonymousUser) -> None:
    """Sending a draft to be read for a what-if: 403 for anyone who neither uses the analyzer nor drafts bills."""
    if not can_read_draft_for_what_if(user):
        raise PermissionDenied


def can_draft_from_run(user: User | AnonymousUser, run: AnalysisRun) -> bool:
    """Turning a suggestion into a draft assessment is an analyst's step (or the secretariat's), on a run
    she may see. Whether the run can give a draft (an atlas instrument's, done) is the action's to say."""
    return can_see_run(user, run) and has_role(user, *DRAFTING_ROLES)


def can_retry_run(user: User | AnonymousUser, run: AnalysisRun) -> bool:
    """The secretariat may read anyone's run, but a retry is started by and counted for its owner only."""
    return can_see_run(user, run) and run.created_by_id == user.pk


def access_analysis_for_analyst(user: User | AnonymousUser) -> None:
    """The analyzer's pages: 403 for anyone who may not use it."""
    if not can_use_analyzer(user):
        raise PermissionDenied


def access_analysis_run_for_owner(user: User | AnonymousUser, run_id: int) -> AnalysisRun:
    """The run, for one who may see it: 403 without an analyzer role, 404 if there is no such run or it is
    another analyst's."""
    access_analysis_for_analyst(user)
    run = get_run(run_id)
    if not can_see_run(user, run):
        raise unseen(_("There is no analysis number %(id)s."), run)
    return run


def access_analysis_draft_for_analyst(user: User | AnonymousUser, run_id: int) -> AnalysisRun:
    """The run to draft from: as access_analysis_run_for_owner, then 403 for a reviewer."""
    run = access_analysis_run_for_owner(user, run_id)
    if not can_draft_from_run(user, run):
        raise PermissionDenied
    return run


def access_analysis_retry_for_owner(user: User | AnonymousUser, run_id: int) -> AnalysisRun:
    """The run to start again: as access_analysis_run_for_owner, then 403 for the secretariat on another's run."""
    run = access_analysis_run_for_owner(user, run_id)
    if not can_retry_run(user, run):
        raise PermissionDenied
    return run
