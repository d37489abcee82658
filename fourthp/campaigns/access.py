"""Who may do what with campaigns: each rule once, as a predicate; the access_* helpers build on them.

`Campaign.objects.visible_to(user)` is the query twin of `can_see_campaign`;
`tests/test_access_rules.py` proves they agree for every example user.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from fourthp.accounts.access import Viewer, has_role, require_role
from fourthp.accounts.roles import Role
from fourthp.campaigns.models import Campaign, Inquiry


def can_see_campaign(user: Viewer | None, campaign: Campaign) -> bool:
    """A campaign is public once it leaves the draft state; a draft is the secretariat's alone."""
    if has_role(user, Role.SECRETARIAT):
        return True
    return campaign.state != Campaign.State.DRAFT


def can_sign_as_member(user: Viewer | None, campaign: Campaign) -> bool:
    """A member signs with her account where the audience allows: a legislators' statement takes legislators only."""
    if not has_role(user, Role.MEMBER):
        return False
    if campaign.audience == Campaign.Audience.LEGISLATORS:
        return has_role(user, Role.LEGISLATOR)
    return True


def can_sign_publicly(campaign: Campaign) -> bool:
    """Anyone who confirms an e-mail address signs a public campaign."""
    return campaign.audience == Campaign.Audience.PUBLIC


def can_manage_campaigns(user: Viewer | None) -> bool:
    """Writing campaigns, reading their signatures and delivering them is the secretariat's work."""
    return has_role(user, Role.SECRETARIAT)


def access_campaign_view_for_audience(user: Viewer, campaign: Campaign) -> Campaign:
    """A draft answers 404 to all but the secretariat, in the words of a missing campaign."""
    if can_see_campaign(user, campaign):
        return campaign
    raise Http404(_("There is no campaign called “%(slug)s”.") % {"slug": campaign.slug})


def access_campaign_sign_for_member(user: Viewer, campaign: Campaign) -> Campaign:
    """A draft answers 404; a member outside a legislators' audience gets 403."""
    require_role(user, Role.MEMBER)
    access_campaign_view_for_audience(user, campaign)
    if not can_sign_as_member(user, campaign):
        raise PermissionDenied
    return campaign


def access_campaign_sign_for_public(user: Viewer, campaign: Campaign) -> Campaign:
    """The public form exists only for public campaigns; on others it answers 404."""
    access_campaign_view_for_audience(user, campaign)
    if not can_sign_publicly(campaign):
        raise Http404(_("This campaign takes signatures from members only."))
    return campaign


def access_campaign_create_for_secretariat(user: Viewer) -> None:
    if not can_manage_campaigns(user):
        raise PermissionDenied


def access_campaign_manage_for_secretariat(user: Viewer, campaign: Campaign) -> Campaign:
    access_campaign_view_for_audience(user, campaign)
    access_campaign_create_for_secretariat(user)
    return campaign


# --- Inquiries --------------------------------------------------------------------------------------


def can_see_inquiry(user: Viewer | None, inquiry: Inquiry) -> bool:
    """A published inquiry is public; an unpublished one is its owner's and the secretariat's."""
    if inquiry.published or has_role(user, Role.SECRETARIAT):
        return True
    return user is not None and user.pk is not None and user.pk == inquiry.owner_id


def can_record_inquiries(user: Viewer | None) -> bool:
    """Inquiries to agencies are recorded by legislator members."""
    return has_role(user, Role.LEGISLATOR)


def can_edit_inquiry(user: Viewer | None, inquiry: Inquiry) -> bool:
    """Its owner, and the secretariat."""
    if has_role(user, Role.SECRETARIAT):
        return True
    return user is not None and user.pk is not None and user.pk == inquiry.owner_id


def access_inquiry_create_for_legislator(user: Viewer) -> None:
    require_role(user, Role.MEMBER)
    if not can_record_inquiries(user):
        raise PermissionDenied


def access_inquiry_edit_for_owner(user: Viewer, inquiry: Inquiry) -> Inquiry:
    """Someone who may not see it gets 404 as for a missing one; one who may see but not edit it, 403."""
    if not can_see_inquiry(user, inquiry):
        raise Http404(_("There is no inquiry numbered %(id)s.") % {"id": inquiry.pk})
    if not can_edit_inquiry(user, inquiry):
        raise PermissionDenied
    return inquiry
