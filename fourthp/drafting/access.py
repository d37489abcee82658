"""Who may do what with the model provision library: each rule once, as a predicate; access_* helpers on them.

Everyone reads published model texts. Analysts and the secretariat propose new model provisions and new
versions; a reviewer (or the secretariat) publishes or returns a proposal, never her own. Drafts and proposals
are seen only by those who write, review or run the library: to others a draft answers 404, as a missing one.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from fourthp.accounts.access import Viewer, has_role
from fourthp.accounts.roles import Role
from fourthp.drafting.models import Draft, ModelProvision, ModelProvisionVersion
from fourthp.drafting.queries import get_model_provision, get_version, sees_drafts

DRAFTERS = (Role.ANALYST, Role.SECRETARIAT)
# Who may compose bills with the drafting assistant, and who reads every draft.
BILL_DRAFTERS = (Role.LEGISLATOR, Role.STAFF, Role.ANALYST, Role.SECRETARIAT)
DRAFT_READERS = (Role.ANALYST, Role.SECRETARIAT)
REVIEWERS = (Role.REVIEWER, Role.SECRETARIAT)


def can_see_model_provision(user: Viewer | None, model: ModelProvision) -> bool:
    """A published model provision is read by all; a draft only by those who write, review or run the library."""
    return model.is_published or sees_drafts(user)


def can_propose_model_text(user: Viewer | None) -> bool:
    """Analysts and the secretariat write model texts."""
    return has_role(user, *DRAFTERS)


def can_review_model_texts(user: Viewer | None) -> bool:
    """Reviewers and the secretariat judge proposals."""
    return has_role(user, *REVIEWERS)


def can_review_model_text(user: Viewer | None, version: ModelProvisionVersion) -> bool:
    """A proposal is published or returned by a reviewer or the secretariat who did not write it."""
    return (
        version.state == ModelProvisionVersion.State.PROPOSED
        and can_review_model_texts(user)
        and (version.author_id is None or version.author_id != getattr(user, "pk", None))
    )


def access_model_provision_for_viewer(user: Viewer | None, slug: str) -> ModelProvision:
    """A published model provision for all; a draft only for drafting staff (404 for others)."""
    return get_model_provision(slug, user)


def access_model_proposal_for_analyst(user: Viewer, slug: str | None = None) -> ModelProvision | None:
    """The role first: whether a draft exists is not told to those who may not write."""
    if not can_propose_model_text(user):
        raise PermissionDenied
    return get_model_provision(slug, user) if slug is not None else None


def access_model_review_for_reviewer(user: Viewer) -> None:
    if not can_review_model_texts(user):
        raise PermissionDenied


def access_model_version_for_reviewer(user: Viewer, slug: str, number: int) -> ModelProvisionVersion:
    """Role first (403), then the version (404), then whether it can be judged by her (403)."""
    access_model_review_for_reviewer(user)
    version = get_version(get_model_provision(slug, user), number, user)
    if not can_review_model_text(user, version):
        raise PermissionDenied
    return version


# ------------------------------------------------------------------------------------- the drafting assistant
# A draft is read (and commented on) by its author, the active members of its working group, analysts and the
# secretariat; to anyone else it answers 404, as a missing one. Legislator members, parliamentary staff,
# analysts and the secretariat compose drafts; recomposing one also needs the right to see it.


def can_create_draft(user: Viewer | None) -> bool:
    return has_role(user, *BILL_DRAFTERS)


def can_see_draft(user: Viewer | None, draft: Draft) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if draft.author_id == user.pk or has_role(user, *DRAFT_READERS):
        return True
    return draft.group is not None and draft.group.is_member(user)


def can_recompose_draft(user: Viewer | None, draft: Draft) -> bool:
    return can_see_draft(user, draft) and can_create_draft(user)


def access_draft_create_for_drafter(user: Viewer) -> None:
    if not can_create_draft(user):
        raise PermissionDenied


def access_draft_for_reader(user: Viewer, pk: int) -> Draft:
    """A draft the reader may see; 404 for any other, as for one that never was."""
    draft = Draft.objects.select_related("jurisdiction", "author", "group").filter(pk=pk).first()
    if draft is None or not can_see_draft(user, draft):
        raise Http404
    return draft


def access_draft_for_drafter(user: Viewer, pk: int) -> Draft:
    """404 first (whether it exists is not told), then the role to compose (403)."""
    draft = access_draft_for_reader(user, pk)
    if not can_recompose_draft(user, draft):
        raise PermissionDenied
    return draft


def can_resolve_draft_comment(user: Viewer | None, draft: Draft) -> bool:
    """The draft's author (and analysts and the secretariat) marks a comment as dealt with."""
    return can_see_draft(user, draft) and (
        draft.author_id == getattr(user, "pk", None) or has_role(user, *DRAFT_READERS)
    )


def access_draft_comment_for_author(user: Viewer, pk: int) -> Draft:
    draft = access_draft_for_reader(user, pk)
    if not can_resolve_draft_comment(user, draft):
        raise PermissionDenied
    return draft
