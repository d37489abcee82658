"""The "search the law" link of every provision's page finds the law cited for that provision."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from fourthp.assessments.models import Assessment, Evidence
from fourthp.frameworks.models import Framework, Provision
from fourthp.laws.models import Section

pytestmark = pytest.mark.django_db

_LINK = re.compile(r'<a href="(/search/\?[^"]+)">Search the law for this provision</a>')


def _search_link(client: Client, provision: Provision) -> str:
    page = client.get(provision.get_absolute_url()).content.decode()
    match = _LINK.search(page)
    assert match, f"{provision.slug}: its page has no link to search the law"
    return html.unescape(match.group(1))


def _cited_keys(provision: Provision) -> set[str]:
    cited = Evidence.objects.filter(assessment__provision=provision, assessment__state=Assessment.State.PUBLISHED)
    keys = set(cited.values_list("section__key", flat=True))
    return set(Section.objects.current().filter(key__in=keys).values_list("key", flat=True))


def test_every_provisions_search_link_lists_the_sections_cited_for_it_first(seeded: None) -> None:
    client = Client()
    provisions = list(Provision.objects.filter(framework=Framework.objects.default()).order_by("order"))
    assert len(provisions) == 47
    with_evidence = 0
    for provision in provisions:
        link = _search_link(client, provision)
        data = client.get(link.replace("/search/", "/search.json", 1)).json()
        cited = _cited_keys(provision)
        if not cited:
            continue
        with_evidence += 1
        assert data["count"] >= len(cited) > 0, provision.slug
        first = [item["section"]["key"] for item in data["items"][: len(cited)]]
        assert set(first) == cited, provision.slug
        assert {item["reason"] for item in data["items"][: len(cited)]} == {"cited"}, provision.slug
    # Most provisions have evidence in the seed assessments; the walk must have checked them.
    assert with_evidence >= 35


def test_the_search_page_says_why_a_section_leads(seeded: None) -> None:
    provision = Provision.objects.get(framework=Framework.objects.default(), slug="crim.labour-trafficking")
    client = Client()
    page = client.get(_search_link(client, provision)).content.decode()
    assert "Sections for the provision “Labour trafficking is a crime” come first" in page
    assert "Cited as evidence for this provision" in page
    assert 'name="provision" value="crim.labour-trafficking"' in page
    assert "us-18-1589" in page


def test_the_analyzer_suggests_sections_beyond_those_cited(seeded: None) -> None:
    provision = Provision.objects.get(framework=Framework.objects.default(), slug="prot.immigration-relief")
    data = Client().get("/api/v1/search", {"q": provision.title, "provision": provision.slug}).json()
    reasons = [item["reason"] for item in data["items"]]
    assert "suggested" in reasons
    # Cited first, then suggested, then plain text matches.
    order = {"cited": 0, "suggested": 1, "": 2}
    assert [order[r] for r in reasons] == sorted(order[r] for r in reasons)


def test_a_link_naming_no_provision_of_the_framework_still_searches_the_text(seeded: None) -> None:
    page = Client().get("/search/", {"q": "debt bondage", "provision": "no.such-provision"}).content.decode()
    assert "The link named a provision the framework does not have" in page
    assert "us-dc-22-1832" in page


def test_cited_sections_obey_the_filters(seeded: None) -> None:
    provision = Provision.objects.get(framework=Framework.objects.default(), slug="crim.labour-trafficking")
    data = (
        Client().get("/search.json", {"q": provision.title, "provision": provision.slug, "jurisdiction": "CA"}).json()
    )
    assert data["items"]
    assert {item["jurisdiction"]["code"] for item in data["items"]} == {"CA"}


def test_a_provision_search_pages_through_cited_then_text_matches_without_repeats(seeded: None) -> None:
    provision = Provision.objects.get(framework=Framework.objects.default(), slug="crim.penalties")
    client = Client()
    keys: list[str] = []
    total = None
    for offset in range(0, 60, 5):
        data = client.get(
            "/api/v1/search", {"q": "trafficking", "provision": provision.slug, "limit": 5, "offset": offset}
        ).json()
        total = data["count"]
        keys += [item["section"]["key"] for item in data["items"]]
    assert total is not None
    assert len(keys) == len(set(keys)) == min(total, 60)
