"""The library's queryset gives the same answers as its predicate, for every example user."""

from __future__ import annotations

import pytest

from fourthp.drafting.access import can_see_model_provision
from fourthp.drafting.models import ModelProvision
from fourthp.drafting.queries import search_model_provisions
from fourthp.drafting.tests.factories import make_draft_model
from fourthp.testing import example_users


@pytest.mark.django_db
def test_the_library_lists_exactly_the_model_provisions_each_user_may_see(seeded: None) -> None:
    users = example_users()
    make_draft_model(users["analyst"])
    everything = list(ModelProvision.objects.all())
    for name, user in users.items():
        listed = set(search_model_provisions(user).values_list("slug", flat=True))
        allowed = {m.slug for m in everything if can_see_model_provision(user, m)}
        assert listed == allowed, name
        assert ("draft-register" in listed) == (name in ("analyst", "reviewer", "secretariat")), name


@pytest.mark.django_db
def test_the_drafts_page_lists_her_own_and_her_groups_drafts_each_of_which_she_may_read(seeded: None) -> None:
    from fourthp.drafting.access import can_see_draft
    from fourthp.drafting.models import Draft
    from fourthp.drafting.queries import list_drafts_for
    from fourthp.drafting.tests.factories import make_bill_draft
    from fourthp.testing import make_group, make_group_member

    users = example_users()
    group = make_group()
    make_group_member(group, users["member"])
    own = make_bill_draft(users["legislator"])
    shared = make_bill_draft(users["staff"], group=group)
    everything = list(Draft.objects.all())
    expected = {
        "member": {shared.pk}, "student": set(), "legislator": {own.pk}, "staff": {shared.pk}, "analyst": set(),
        "reviewer": set(), "secretariat": set(),
    }  # fmt: skip
    for name, user in users.items():
        listed = set(list_drafts_for(user).values_list("pk", flat=True))
        assert listed <= {d.pk for d in everything if can_see_draft(user, d)}, name
        if name != "visitor":
            assert listed == expected[name], name
    # Analysts and the secretariat read every draft, though their page lists only theirs.
    assert all(can_see_draft(users["analyst"], d) and can_see_draft(users["secretariat"], d) for d in everything)
    assert not any(can_see_draft(users[n], d) for n in ("visitor", "student", "reviewer") for d in everything)
