"""The query twin of `can_see_campaign` gives the same answers for every example user."""

from __future__ import annotations

import pytest

from fourthp.campaigns.access import can_see_campaign
from fourthp.campaigns.models import Campaign
from fourthp.campaigns.tests.factories import make_campaign
from fourthp.testing import example_users

pytestmark = pytest.mark.django_db


def test_visible_to_agrees_with_can_see_campaign_for_every_example_user() -> None:
    campaigns = [make_campaign(state=state) for state in Campaign.State.values]
    for name, user in example_users().items():
        by_query = set(Campaign.objects.visible_to(user).filter(pk__in=[c.pk for c in campaigns]))
        by_rule = {c for c in campaigns if can_see_campaign(user, c)}
        assert by_query == by_rule, name
        assert (len(by_rule) == len(campaigns)) == (name == "secretariat"), name
