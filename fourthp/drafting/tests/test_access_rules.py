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
