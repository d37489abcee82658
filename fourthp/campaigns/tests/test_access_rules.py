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


def test_inquiry_visible_to_agrees_with_can_see_inquiry_for_every_example_user(seeded: None) -> None:
    from fourthp.campaigns.access import can_see_inquiry
    from fourthp.campaigns.models import Inquiry
    from fourthp.jurisdictions.models import Jurisdiction

    users = example_users()
    place = Jurisdiction.objects.get(code="US-DC")
    owners = [u for u in users.values() if u.is_authenticated]
    inquiries = [
        Inquiry.objects.create(
            owner=owner,
            jurisdiction=place,
            agency="Agency",
            question="Why?",
            sent_on="2026-01-01",
            due_on="2026-02-01",
            published=published,
        )
        for owner in owners
        for published in (True, False)
    ]
    for name, user in users.items():
        by_query = set(Inquiry.objects.visible_to(user).filter(pk__in=[i.pk for i in inquiries]))
        by_rule = {i for i in inquiries if can_see_inquiry(user, i)}
        assert by_query == by_rule, name
