"""Who may do what with assessments: each rule once, as a predicate; the access_* helpers build on them.

The predicates say yes or no and are what templates show controls by; the `access_*` helpers load the
assessment by its number and raise: 404 (with the words of a missing number) for work in progress the
caller may not know of, 403 for a step on an assessment she may see but not take. The queryset twin of
`can_see_assessment` is `Assessment.objects.visible_to(user)`; `tests/test_access_rules.py` holds them
to the same answers.

Statute suggestions and assessment requests: any signed-in member may make one for a jurisdiction without
a report card (`can_make_assessment_request`). The queue is read by the secretariat and by analysts, who do
the work it asks for and may download a suggested statute's file (`can_see_assessment_requests`); only the
secretariat moves a request on, in progress, done or declined (`can_decide_assessment_request`). The public
sees how many members asked and whether an assessment is in progress, never who.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from fourthp.accounts.access import Viewer, access_history_for_analyst, has_role, require_role, unseen
from fourthp.accounts.roles import Role
from fourthp.assessments.models import ASSESSMENT_STAFF, Assessment, AssessmentRequest
from fourthp.assessments.queries import get_assessment, get_assessment_request

ASSESSORS = (Role.ANALYST, Role.SECRETARIAT)
"""Those who start, edit and revise assessments."""

REVIEWERS = (Role.REVIEWER, Role.SECRETARIAT)
"""Those who approve or return assessments."""

# ------------------------------------------------------------------ predicates


def is_assessment_staff(user: Viewer) -> bool:
    """Assessment staff see work in progress, who assessed and reviewed each finding, and the history."""
    return has_role(user, *ASSESSMENT_STAFF)


def can_see_assessment(user: Viewer, assessment: Assessment) -> bool:
    """Published findings (and the ones they replaced) are public; work in progress is seen by assessment staff."""
    return assessment.state in Assessment.PUBLIC_STATES or is_assessment_staff(user)


def can_start_assessment(user: Viewer) -> bool:
    """Analysts and the secretariat start assessments (and revisions of published ones)."""
    return has_role(user, *ASSESSORS)


def wrote_assessment(user: Viewer, assessment: Assessment) -> bool:
    """The user is the assessment's assessor (the seed assessments have none)."""
    return assessment.assessor_id is not None and assessment.assessor_id == user.pk


def can_write_assessment(user: Viewer, assessment: Assessment) -> bool:
    """The assessor's side, in any state: the analyst who wrote it (anyone of them for the seed), or the secretariat."""
    return can_start_assessment(user) and (
        assessment.assessor_id in (None, user.pk) or has_role(user, Role.SECRETARIAT)
    )


def can_judge_assessment(user: Viewer, assessment: Assessment) -> bool:
    """The reviewer's side, in any state: a reviewer or the secretariat; nobody reviews her own assessment."""
    return has_role(user, *REVIEWERS) and not wrote_assessment(user, assessment)


def can_edit_assessment(user: Viewer, assessment: Assessment) -> bool:
    """A draft is edited (and sent for review) by the analyst who wrote it, or by the secretariat."""
    return assessment.state == Assessment.State.DRAFT and can_write_assessment(user, assessment)


def can_submit_assessment(user: Viewer, assessment: Assessment) -> bool:
    """Who may edit a draft may send it for review."""
    return can_edit_assessment(user, assessment)


def can_review_assessment(user: Viewer, assessment: Assessment) -> bool:
    """An assessment in review is approved or returned by a reviewer who did not write it."""
    return assessment.state == Assessment.State.IN_REVIEW and can_judge_assessment(user, assessment)


def can_revise_assessment(user: Viewer, assessment: Assessment) -> bool:
    """A published finding is revised (a new draft beside it) by an analyst or the secretariat."""
    return assessment.state == Assessment.State.PUBLISHED and can_start_assessment(user)


def awaits_another_reviewer(user: Viewer, assessment: Assessment) -> bool:
    """Her own assessment in review: she is told another reviewer must approve it."""
    return assessment.state == Assessment.State.IN_REVIEW and wrote_assessment(user, assessment)


def can_make_assessment_request(user: Viewer) -> bool:
    """Every signed-in member may suggest a statute or ask for an assessment."""
    return has_role(user, Role.MEMBER)


def can_see_assessment_requests(user: Viewer) -> bool:
    """The queue, who asked and the files sent: the secretariat, and the analysts who do the work."""
    return has_role(user, Role.ANALYST, Role.SECRETARIAT)


def can_decide_assessment_request(user: Viewer, found: AssessmentRequest) -> bool:
    """An open or in-progress request is moved on by the secretariat."""
    return found.is_unfinished and has_role(user, Role.SECRETARIAT)


def assessment_controls(user: Viewer, assessment: Assessment) -> dict[str, bool]:
    """The flags the assessment page shows its controls by, each from its predicate."""
    return {
        "can_edit": can_edit_assessment(user, assessment),
        "can_submit": can_submit_assessment(user, assessment),
        "can_review": can_review_assessment(user, assessment),
        "can_revise": can_revise_assessment(user, assessment),
        "can_see_history": is_assessment_staff(user),
        "own_work_in_review": awaits_another_reviewer(user, assessment),
    }


# ------------------------------------------------------------------ access helpers


def access_assessments_for_staff(user: Viewer) -> None:
    """The assessment work queue: those who write, review or run assessments."""
    require_role(user, *ASSESSMENT_STAFF)


def access_assessment_create_for_analyst(user: Viewer) -> None:
    if not can_start_assessment(user):
        raise PermissionDenied


def _seen(user: Viewer, assessment: Assessment) -> Assessment:
    if not can_see_assessment(user, assessment):
        raise unseen(_("There is no assessment number %(id)s."), assessment)
    return assessment


def access_assessment_for_viewer(user: Viewer, assessment_id: int) -> Assessment:
    """Work in progress is not shown to exist to anyone outside assessment staff: 404, as a missing number."""
    return _seen(user, get_assessment(assessment_id))


def access_assessment_for_assessor(user: Viewer, assessment_id: int) -> Assessment:
    """A draft is edited and submitted by the analyst who wrote it, or by the secretariat (403 for others)."""
    assessment = access_assessment_for_viewer(user, assessment_id)
    if not can_write_assessment(user, assessment):
        raise PermissionDenied
    return assessment


def access_assessment_for_reviewer(user: Viewer, assessment_id: int) -> Assessment:
    """Reviewers approve or return; nobody reviews her own assessment (403)."""
    assessment = access_assessment_for_viewer(user, assessment_id)
    if not can_judge_assessment(user, assessment):
        raise PermissionDenied
    return assessment


def access_assessment_revision_for_analyst(user: Viewer, assessment_id: int) -> Assessment:
    """The role is checked first (403); then only a published assessment can be revised (404 otherwise)."""
    access_assessment_create_for_analyst(user)
    published = get_assessment(assessment_id)
    if not can_revise_assessment(user, published):
        raise Http404(_("Only a published assessment can be revised."))
    return published


def access_assessment_history_for_staff(user: Viewer, assessment_id: int) -> Assessment:
    """Who changed what: the role is checked before the assessment is looked up."""
    access_history_for_analyst(user)
    return get_assessment(assessment_id)


def access_assessment_requests_for_staff(user: Viewer) -> None:
    """The queue of statute suggestions and assessment requests (403 for others)."""
    if not can_see_assessment_requests(user):
        raise PermissionDenied


def access_assessment_request_for_staff(user: Viewer, request_id: int) -> AssessmentRequest:
    """One request of the queue: the role is checked before the request is looked up."""
    access_assessment_requests_for_staff(user)
    return get_assessment_request(request_id)


def access_assessment_request_for_secretariat(user: Viewer, request_id: int) -> AssessmentRequest:
    """Moving a request on is the secretariat's (403 for others, analysts included)."""
    require_role(user, Role.SECRETARIAT)
    return get_assessment_request(request_id)
