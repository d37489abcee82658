"""Who may do what in assessments."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role, require_role, unseen
from fourthp.accounts.roles import Role


def access_assessments_for_staff(user: Any) -> None:
    """The assessment work queue: those who write, review or run assessments."""
    require_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def access_assessment_create_for_analyst(user: Any) -> None:
    require_role(user, Role.ANALYST, Role.SECRETARIAT)


def can_see_assessment(user: Any, assessment: Any) -> bool:
    """Published findings (and the ones they replaced) are public; work in progress is seen by assessment staff."""
    if assessment.state in ("published", "superseded"):
        return True
    return has_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def access_assessment_view_for_staff(user: Any, assessment: Any) -> Any:
    """Work in progress is not shown to exist to anyone outside assessment staff."""
    if not can_see_assessment(user, assessment):
        raise unseen(_("There is no assessment number %(id)s."), assessment)
    return assessment


def access_assessment_edit_for_assessor(user: Any, assessment: Any) -> Any:
    """A draft is edited and submitted by the analyst who wrote it, or by the secretariat."""
    access_assessment_view_for_staff(user, assessment)
    require_role(user, Role.ANALYST, Role.SECRETARIAT)
    if assessment.assessor_id not in (None, user.pk) and not has_role(user, Role.SECRETARIAT):
        raise PermissionDenied
    return assessment


def access_assessment_review_for_reviewer(user: Any, assessment: Any) -> Any:
    """Reviewers approve or return; nobody reviews her own assessment."""
    access_assessment_view_for_staff(user, assessment)
    require_role(user, Role.REVIEWER, Role.SECRETARIAT)
    if assessment.assessor_id is not None and assessment.assessor_id == user.pk:
        raise PermissionDenied
    return assessment
