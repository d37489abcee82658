"""`profiles_visible_to` agrees with `can_see_profile` for every example user, over profiles of every
name visibility, with and without a lived-experience listing consent, and her own."""

from __future__ import annotations

import pytest

from fourthp.groups.tests.helpers import example_users
from fourthp.members.access import can_see_lived_experience, can_see_profile
from fourthp.members.models import Consent, Profile, Visibility
from fourthp.members.queries import profiles_visible_to
from fourthp.testing import give_consent, make_group, make_profile, make_user

pytestmark = pytest.mark.django_db


def _every_profile() -> list[Profile]:
    profiles = []
    for visibility in Visibility.values:
        profiles.append(make_profile(name_visibility=visibility))
        profiles.append(make_profile(name_visibility=visibility, lived_experience=True))
        consented = make_user("lou")
        give_consent(consented, Consent.Kind.LIVED_EXPERIENCE_LISTING)
        profiles.append(make_profile(consented, name_visibility=visibility, lived_experience=True))
    return profiles


def test_the_visible_profiles_query_agrees_with_can_see_profile_for_every_example_user() -> None:
    users = example_users(make_group())
    profiles = _every_profile()
    own = make_profile(users["member"], name_visibility=Visibility.SECRETARIAT)
    profiles.append(own)
    seen_by = {}
    for name, user in [*users.items(), ("no viewer", None)]:
        allowed = {p.pk for p in profiles if can_see_profile(user, Profile.objects.get(pk=p.pk))}
        assert set(profiles_visible_to(user).values_list("pk", flat=True)) == allowed, name
        seen_by[name] = allowed
    # Public names and consented protected ones; members' too; everything for the secretariat.
    assert len(seen_by["visitor"]) == 2
    assert len(seen_by["legislator"]) == 4
    assert seen_by["member"] == seen_by["legislator"] | {own.pk}
    assert len(seen_by["secretariat"]) == len(profiles)


def test_only_the_owner_and_the_secretariat_see_that_a_profile_is_protected() -> None:
    users = example_users(make_group())
    profile = make_profile(users["member"], lived_experience=True, name_visibility=Visibility.PUBLIC)
    seen = {name for name, user in users.items() if can_see_lived_experience(user, profile)}
    assert seen == {"member", "secretariat"}
