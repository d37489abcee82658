"""A newsletter passes the content check before it is sent, or the secretariat records why it is sent anyway."""

from __future__ import annotations

import pytest

from fourthp.briefs.models import CheckOverride
from fourthp.mailing.models import Newsletter
from fourthp.mailing.tests.factories import make_list, make_newsletter, make_subscriber
from fourthp.testing import client_as, make_secretariat

pytestmark = pytest.mark.django_db


def test_a_newsletter_with_an_uncited_figure_is_not_sent_without_the_secretariats_reason(sending) -> None:  # type: ignore[no-untyped-def]
    news = make_list()
    make_subscriber(news)
    newsletter = make_newsletter(news, body="Traffickers earn $150 billion a year from sex slaves.")
    user = make_secretariat()
    client = client_as(user)
    page = client.get(f"/mailing/newsletters/{newsletter.pk}/").content.decode()
    assert "“$150 billion” is a figure without a source" in page and "“sex slaves” is sensational" in page
    refused = client.post(f"/mailing/newsletters/{newsletter.pk}/send/", follow=True).content.decode()
    assert "Line 1, column 18:" in refused
    newsletter.refresh_from_db()
    assert newsletter.state == Newsletter.State.DRAFT and not newsletter.deliveries.exists()
    with sending():
        client.post(f"/mailing/newsletters/{newsletter.pk}/send/", {"override_reason": "A quoted claim we rebut."})
    newsletter.refresh_from_db()
    assert newsletter.state != Newsletter.State.DRAFT and newsletter.deliveries.count() == 1
    override = CheckOverride.objects.get()
    assert (override.target, override.by, override.reason) == (
        f"mailing.newsletter:{newsletter.pk}",
        user,
        "A quoted claim we rebut.",
    )
