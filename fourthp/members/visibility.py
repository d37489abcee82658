"""What a viewer may see of a member: the one gate every page, JSON twin and API answer goes through.

`audience_of(viewer)` (in `fourthp.members.access`) gives Visibility.PUBLIC, MEMBERS
or SECRETARIAT. A field is shown when its visibility is within that
audience; a lived-experience expert without active consent is shown to the
secretariat only (`Profile.visibility_of`). The profile's owner always sees
her own profile whole.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from fourthp.members.access import audience_of, can_see_profile, can_see_profile_field
from fourthp.members.models import VISIBLE_FIELDS, Profile, Testimonial, Visibility


def visible_fields(profile: Profile, viewer: Any) -> set[str]:
    """The names of the fields of `profile` that `viewer` may see (empty: she may not see the profile)."""
    # A profile whose name the viewer may not see is not shown to her at all.
    if not can_see_profile(viewer, profile):
        return set()
    return {field for field in VISIBLE_FIELDS if can_see_profile_field(viewer, profile, field)}


def shown_name(user: Any, viewer: Any) -> str:
    """The name to print for `user` on a page `viewer` reads: her profile name if visible, else a neutral phrase."""
    try:
        profile = user.profile if user is not None else None
    except Profile.DoesNotExist:
        profile = None
    if profile is not None and can_see_profile(viewer, profile):
        return str(profile.name)
    if audience_of(viewer) == Visibility.SECRETARIAT and user is not None:
        return str(user.display_name or user.username)
    return _("a member (name not shown)")


def shown_testimonials(viewer: Any, limit: int | None = None) -> list[dict[str, Any]]:
    """Published testimonials as `viewer` may see them: name, role and jurisdiction through the visibility gate."""
    rows = []
    found = Testimonial.objects.public().select_related("user__profile__jurisdiction")
    for testimonial in found[:limit] if limit else found:
        profile = getattr(testimonial.user, "profile", None)
        shown = visible_fields(profile, viewer) if profile is not None else set()
        rows.append(
            {
                "id": testimonial.pk,
                "text": testimonial.text,
                "name": shown_name(testimonial.user, viewer),
                "role": str(profile.get_role_display())
                if testimonial.show_role and "role" in shown and profile
                else "",
                "jurisdiction": str(profile.jurisdiction.name)
                if testimonial.show_role and "jurisdiction" in shown and profile and profile.jurisdiction
                else "",
            }
        )
    return rows
