"""Who may do what: every permission check in the project goes through here.

Each helper either returns the object the caller may act on or raises
PermissionDenied (403) or Http404. Views call them after `login_required`, so
a visitor is sent to sign in and a signed-in account without the role gets a
403. Each condition stands on its own line so that a rule reads as written.

An object the caller may not even know of (a draft, another analyst's run, a
contact request between others, an event outside her audience, another's
token) answers 404, exactly as a missing one does, so that trying numbers
tells nothing. 403 is kept for what is known to exist: a role-gated page, or a
step on an object the caller may see but not act on. On a page gated by role,
the role is checked before the object is looked up, so a missing object and a
present one both answer 403 to the wrong role.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from fourthp.accounts.roles import Role


def _unseen(message: str, obj: Any) -> Http404:
    """The 404 for an object the caller may not know of: the same words as for a missing number."""
    return Http404(message % {"id": obj.pk})


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


# Roles that publish findings or run the site sign in with a second factor.
TWO_FACTOR_ROLES: tuple[Role, ...] = (Role.REVIEWER, Role.SECRETARIAT)


def needs_two_factor_set_up(user: Any) -> bool:
    """A reviewer or secretariat account that has no authenticator app yet."""
    from allauth.mfa.models import Authenticator

    if not has_role(user, *TWO_FACTOR_ROLES):
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


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
    """Another person's token is not shown to exist."""
    if token.user_id != user.pk:
        raise _unseen(_("There is no token number %(id)s."), token)
    return token


def access_assessments_for_staff(user: Any) -> None:
    """The assessment work queue: those who write, review or run assessments."""
    _require(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def access_assessment_create_for_analyst(user: Any) -> None:
    _require(user, Role.ANALYST, Role.SECRETARIAT)


def can_see_assessment(user: Any, assessment: Any) -> bool:
    """Published findings (and the ones they replaced) are public; work in progress is seen by assessment staff."""
    if assessment.state in ("published", "superseded"):
        return True
    return has_role(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def access_assessment_view_for_staff(user: Any, assessment: Any) -> Any:
    """Work in progress is not shown to exist to anyone outside assessment staff."""
    if not can_see_assessment(user, assessment):
        raise _unseen(_("There is no assessment number %(id)s."), assessment)
    return assessment


def access_assessment_edit_for_assessor(user: Any, assessment: Any) -> Any:
    """A draft is edited and submitted by the analyst who wrote it, or by the secretariat."""
    access_assessment_view_for_staff(user, assessment)
    _require(user, Role.ANALYST, Role.SECRETARIAT)
    if assessment.assessor_id not in (None, user.pk) and not has_role(user, Role.SECRETARIAT):
        raise PermissionDenied
    return assessment


def access_assessment_review_for_reviewer(user: Any, assessment: Any) -> Any:
    """Reviewers approve or return; nobody reviews her own assessment."""
    access_assessment_view_for_staff(user, assessment)
    _require(user, Role.REVIEWER, Role.SECRETARIAT)
    if assessment.assessor_id is not None and assessment.assessor_id == user.pk:
        raise PermissionDenied
    return assessment


def access_analysis_for_analyst(user: Any) -> None:
    """The analyzer in the web interface: those who write, review or run assessments."""
    _require(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)


def access_analysis_run_for_owner(user: Any, run: Any) -> Any:
    """A run is seen by whoever started it, and by the secretariat.

    An uploaded text may be an unpublished draft bill, so runs are not shared between analysts: another's run
    is not shown to exist. Views check the role (access_analysis_for_analyst) before they look the run up.
    """
    _require(user, Role.ANALYST, Role.REVIEWER, Role.SECRETARIAT)
    if run.created_by_id != user.pk and not has_role(user, Role.SECRETARIAT):
        raise _unseen(_("There is no analysis number %(id)s."), run)
    return run


def access_analysis_draft_for_analyst(user: Any, run: Any) -> Any:
    """Turning a suggestion into a draft assessment is an analyst's step, on her own run."""
    access_analysis_run_for_owner(user, run)
    _require(user, Role.ANALYST, Role.SECRETARIAT)
    return run


# --- Members, profiles and applications ------------------------------------------


def audience_of(user: Any) -> str:
    """Which profile fields a viewer may see: "public", "members" or "secretariat" (the Visibility values)."""
    if has_role(user, Role.SECRETARIAT):
        return "secretariat"
    if getattr(user, "is_authenticated", False) and user.is_active:
        return "members"
    return "public"


def access_profile_for_owner(user: Any) -> Any:
    """Her own profile, consents and personal-data download: any signed-in member."""
    _require(user, Role.MEMBER)
    return user


def access_directory_for_member(user: Any) -> None:
    """The full member directory is for signed-in members; visitors see the public directory."""
    _require(user, Role.MEMBER)


def access_applications_for_secretariat(user: Any) -> None:
    """Membership applications are reviewed by the secretariat alone."""
    _require(user, Role.SECRETARIAT)


def access_application_review_for_secretariat(user: Any, application: Any) -> Any:
    _require(user, Role.SECRETARIAT)
    return application


# --- Peer finder and contact requests ----------------------------------------------


def access_contact_send_for_member(user: Any) -> None:
    """Any signed-in member may ask a peer for contact; the recipient decides."""
    _require(user, Role.MEMBER)


def access_contact_request_for_recipient(user: Any, request: Any) -> Any:
    """Only the person asked answers a contact request (the secretariat keeps the record, not the answer)."""
    access_contact_request_for_party(user, request)
    if request.recipient_id != user.pk:
        raise PermissionDenied
    return request


def access_contact_request_for_party(user: Any, request: Any) -> Any:
    """The sender and the recipient see a request; the secretariat sees the record; to others it does not exist."""
    _require(user, Role.MEMBER)
    if user.pk in (request.sender_id, request.recipient_id) or has_role(user, Role.SECRETARIAT):
        return request
    raise _unseen(_("There is no contact request number %(id)s."), request)


def access_contact_records_for_secretariat(user: Any) -> None:
    _require(user, Role.SECRETARIAT)


# --- Working groups (a group's members are a per-object role) ----------------------


def access_group_view_for_audience(user: Any, group: Any) -> Any:
    """A public group is seen by everyone, a private one by signed-in members; others get 404."""
    if group.visibility == "public" or has_role(user, Role.MEMBER):
        return group
    raise Http404


def access_group_join_for_member(user: Any, group: Any) -> Any:
    _require(user, Role.MEMBER)
    return group


def access_group_space_for_member(user: Any, group: Any) -> Any:
    """Documents, announcements and the member list: the group's members and the secretariat."""
    _require(user, Role.MEMBER)
    if has_role(user, Role.SECRETARIAT) or group.is_member(user):
        return group
    raise PermissionDenied


def access_group_manage_for_lead(user: Any, group: Any) -> Any:
    """Answering join requests, announcing and publishing outputs: the group's lead and the secretariat."""
    _require(user, Role.MEMBER)
    if has_role(user, Role.SECRETARIAT) or (group.lead_id is not None and group.lead_id == user.pk):
        return group
    raise PermissionDenied


def access_group_create_for_secretariat(user: Any) -> None:
    _require(user, Role.SECRETARIAT)


def access_group_file_for_reader(user: Any, group: Any, version: Any) -> Any:
    """A file published with an output of a public group is read by all; any other only in the group's space."""
    if group.visibility == "public" and version.outputs.exists():
        return version
    access_group_space_for_member(user, group)
    return version


# --- Convenings and events -----------------------------------------------------------


def can_see_event(user: Any, event: Any) -> bool:
    """Public events are seen by all, members' events by members, a group's event by its members."""
    if has_role(user, Role.SECRETARIAT):
        return True
    if event.state != "published":
        return False
    if event.audience == "public":
        return True
    if not has_role(user, Role.MEMBER):
        return False
    if event.audience == "members":
        return True
    return event.working_group is not None and event.working_group.is_member(user)


def access_event_view_for_audience(user: Any, event: Any) -> Any:
    """An event outside the viewer's audience answers 404, so its existence is not given away."""
    if can_see_event(user, event):
        return event
    raise _unseen(_("There is no event number %(id)s."), event)


def access_event_register_for_audience(user: Any, event: Any) -> Any:
    _require(user, Role.MEMBER)
    return access_event_view_for_audience(user, event)


def can_see_event_link(user: Any, event: Any) -> bool:
    """The meeting link is shown only to confirmed participants and the secretariat."""
    if has_role(user, Role.SECRETARIAT):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(event.registrations.filter(user=user, state="confirmed").exists())


def access_event_manage_for_secretariat(user: Any, event: Any = None) -> Any:
    """Creating events, marking attendance and writing reports is the secretariat's work.

    An event given that the viewer may not see answers 404 first, so a draft's number gives nothing away."""
    if event is not None:
        access_event_view_for_audience(user, event)
    _require(user, Role.SECRETARIAT)
    return event


def access_calendar_feed_for_owner(user: Any) -> Any:
    _require(user, Role.MEMBER)
    return user
