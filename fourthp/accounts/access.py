"""Who may do what: every permission check in the project goes through here.

Each helper either returns the object the caller may act on or raises
PermissionDenied (403) or Http404. Views call them after `login_required`, so
a visitor is sent to sign in and a signed-in account without the role gets a
403. Each condition stands on its own line so that a rule reads as written.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from fourthp.accounts.roles import Role


def roles_of(user: Any) -> frozenset[str]:
    """The roles a user holds, cached on the user object for the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset({Role.VISITOR.value})
    cached = getattr(user, "_fourthp_roles", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    names = set(user.groups.values_list("name", flat=True))
    names.add(Role.MEMBER.value)
    # The first account made with `createsuperuser` runs the secretariat.
    if user.is_superuser:
        names.add(Role.SECRETARIAT.value)
    roles = frozenset(names)
    user._fourthp_roles = roles
    return roles


def has_role(user: Any, *roles: Role) -> bool:
    held = roles_of(user)
    return any(role.value in held for role in roles)


def _require(user: Any, *roles: Role) -> None:
    if not has_role(user, *roles):
        raise PermissionDenied


def access_admin_for_secretariat(user: Any) -> None:
    _require(user, Role.SECRETARIAT)


def access_import_for_analyst(user: Any) -> None:
    """Loading statutes is the analysts' work; the secretariat may do it too."""
    _require(user, Role.ANALYST, Role.SECRETARIAT)


def access_instrument_for_analyst(user: Any, instrument: Any) -> Any:
    _require(user, Role.ANALYST, Role.SECRETARIAT)
    return instrument


def access_jurisdiction_for_analyst(user: Any, jurisdiction: Any) -> Any:
    _require(user, Role.ANALYST, Role.SECRETARIAT)
    return jurisdiction


def access_history_for_analyst(user: Any) -> None:
    """Who changed what is shown to those who curate and review the record."""
    _require(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def access_token_for_owner(user: Any, token: Any) -> Any:
    if token.user_id != user.pk:
        raise PermissionDenied
    return token


def access_assessments_for_staff(user: Any) -> None:
    """The assessment work queue: those who write, review or run assessments."""
    _require(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def access_assessment_create_for_analyst(user: Any) -> None:
    _require(user, Role.ANALYST, Role.SECRETARIAT)


def access_assessment_view_for_staff(user: Any, assessment: Any) -> Any:
    """Published findings (and the ones they replaced) are public; work in progress is not."""
    if assessment.state in ("published", "superseded"):
        return assessment
    _require(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)
    return assessment


def access_assessment_edit_for_assessor(user: Any, assessment: Any) -> Any:
    """A draft is edited and submitted by the analyst who wrote it, or by the secretariat."""
    _require(user, Role.ANALYST, Role.SECRETARIAT)
    if assessment.assessor_id not in (None, user.pk) and not has_role(user, Role.SECRETARIAT):
        raise PermissionDenied
    return assessment


def access_assessment_review_for_reviewer(user: Any, assessment: Any) -> Any:
    """Reviewers approve or return; nobody reviews her own assessment."""
    _require(user, Role.REVIEWER, Role.SECRETARIAT)
    if assessment.assessor_id is not None and assessment.assessor_id == user.pk:
        raise PermissionDenied
    return assessment


def access_analysis_for_analyst(user: Any) -> None:
    """The analyzer in the web interface: those who write, review or run assessments."""
    _require(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def access_analysis_run_for_owner(user: Any, run: Any) -> Any:
    """A run is seen by whoever started it, and by the secretariat.

    An uploaded text may be an unpublished draft bill, so runs are not shared between analysts.
    """
    _require(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)
    if run.created_by_id != user.pk and not has_role(user, Role.SECRETARIAT):
        raise PermissionDenied
    return run


def access_analysis_draft_for_analyst(user: Any, run: Any) -> Any:
    """Turning a suggestion into a draft assessment is an analyst's step, on her own run."""
    access_analysis_run_for_owner(user, run)
    _require(user, Role.ANALYST, Role.SECRETARIAT)
    return run
