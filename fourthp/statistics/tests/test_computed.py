"""The share of assessed countries lacking a provision, computed live from published assessments.

Only a published "absent" counts as lacking; "unknown" (published or for want of an assessment) never does,
and drafts and subnational findings do not count. The denominator and the number not assessed are always given.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from fourthp.assessments.models import Assessment
from fourthp.frameworks.models import Framework
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.statistics.queries import ProvisionShare, provision_shares
from fourthp.testing import publish_assessment

SLUG = "prot.non-punishment"


def _share(slug: str = SLUG) -> ProvisionShare:
    return next(s for s in provision_shares(Framework.objects.default()) if s.provision.slug == slug)


def _unassessed_countries(n: int) -> list[Jurisdiction]:
    assessed = Assessment.objects.filter(provision__slug=SLUG).values("jurisdiction")
    return list(
        Jurisdiction.objects.filter(level=Jurisdiction.Level.NATIONAL)
        .exclude(kind=Jurisdiction.Kind.INTERNATIONAL_BODY)
        .exclude(pk__in=assessed)
        .order_by("code")[:n]
    )


@pytest.fixture
def fixture_assessments(seeded: None) -> ProvisionShare:
    """Seven countries not yet assessed on the provision: 2 absent, 2 full, 1 partial, 1 unknown, 1 draft absent."""
    before = _share()
    places = _unassessed_countries(7)
    for place, status in zip(places, ["absent", "absent", "full", "full", "partial", "unknown"], strict=False):
        publish_assessment(place, SLUG, status)
    draft = publish_assessment(places[6], SLUG, "absent")
    draft.state = Assessment.State.DRAFT
    draft.save()
    # A subnational "absent" is not a country's law.
    publish_assessment(
        Jurisdiction.objects.filter(level=Jurisdiction.Level.SUBNATIONAL).order_by("code").last(), SLUG, "absent"
    )
    return before


@pytest.mark.django_db
def test_only_published_absent_counts_as_lacking_and_unknown_counts_as_not_assessed(
    fixture_assessments: ProvisionShare,
) -> None:
    before, after = fixture_assessments, _share()
    assert after.assessed == before.assessed + 5  # full, full, partial, absent, absent: not the unknown, not the draft
    assert after.lacking == before.lacking + 2
    assert after.partial == before.partial + 1
    assert after.not_assessed == before.not_assessed - 5
    assert after.population == before.population == after.assessed + after.not_assessed
    assert after.percent == (Decimal(100 * after.lacking) / after.assessed).quantize(Decimal("0.1"))


@pytest.mark.django_db
def test_the_page_gives_every_provision_with_its_denominator_and_coverage(fixture_assessments: ProvisionShare) -> None:
    share = _share()
    page = Client().get("/statistics/provisions/").content.decode()
    national = Framework.objects.default().provisions.filter(applies_national=True).count()
    assert page.count('<li id="') == national == len(provision_shares(Framework.objects.default()))
    expected = f"Lacking it: {share.lacking} of {share.assessed} assessed countries and territories ({share.percent}%)."
    assert expected in page
    assert f"Not assessed: {share.not_assessed} countries and territories." in page
    twin = Client().get("/statistics/provisions.json").json()
    row = next(item for item in twin["items"] if item["provision"] == SLUG)
    assert (row["assessed"], row["lacking"], row["not_assessed"]) == (share.assessed, share.lacking, share.not_assessed)


@pytest.mark.django_db
def test_a_provision_nobody_assessed_gives_no_share(seeded: None) -> None:
    Assessment.objects.filter(provision__slug=SLUG).delete()
    share = _share()
    assert share.assessed == 0 and share.percent is None and share.not_assessed == share.population > 100
    page = Client().get("/statistics/provisions/").content.decode()
    assert "No country or territory has a published assessment of it: no share can be given." in page


@pytest.mark.django_db
def test_the_provision_page_carries_its_share_and_leads_to_every_provision(fixture_assessments: ProvisionShare) -> None:
    share = _share()
    page = Client().get(f"/frameworks/four-p/provisions/{SLUG}/").content.decode()
    assert f"Lacking it: {share.lacking} of {share.assessed} assessed countries and territories" in page
    assert f'/statistics/provisions/?version=1#{SLUG}"' in page


@pytest.mark.django_db
def test_the_page_reads_in_a_fixed_number_of_queries(seeded: None, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # The framework, its provisions, the number of countries, and the published findings counted by status.
    with django_assert_num_queries(4):
        assert Client().get("/statistics/provisions/").status_code == 200
