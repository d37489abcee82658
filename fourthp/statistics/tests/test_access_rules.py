"""The queryset twin of `can_see_statistic`: `Statistic.objects.visible_to(user)` admits the same figures."""

from __future__ import annotations

import pytest

from fourthp.statistics.access import can_see_statistic
from fourthp.statistics.models import Quality, Statistic
from fourthp.statistics.tests.factories import make_statistic
from fourthp.testing import example_users


@pytest.mark.django_db
def test_visible_to_admits_exactly_what_can_see_statistic_allows() -> None:
    new = make_statistic("twin-new")
    for key, quality in [("twin-primary", Quality.PRIMARY), ("twin-secondary", Quality.SECONDARY),
                         ("twin-unsourced", Quality.UNSOURCED)]:  # fmt: skip
        make_statistic(key, quality=quality)
    make_statistic("twin-old", quality=Quality.SUPERSEDED, superseded_by=new)
    figures = list(Statistic.objects.filter(key__startswith="twin-"))
    users = {"visitor": None, **example_users()}
    seen_by = {}
    for name, user in users.items():
        twin = set(Statistic.objects.visible_to(user).filter(key__startswith="twin-").values_list("key", flat=True))
        assert twin == {f.key for f in figures if can_see_statistic(user, f)}, name
        seen_by[name] = "twin-unsourced" in twin
    assert seen_by == {name: name in ("analyst", "secretariat") for name in users}
