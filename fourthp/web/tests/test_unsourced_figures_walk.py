"""No page, JSON twin, API answer or PDF shows an unsourced figure, wherever it is cited.

An unsourced figure with a value found nowhere else is planted in the registry and cited from a published brief
(published by the secretariat over the content check's objection, with a reason) and from an open campaign's
statement. Every page, file and API endpoint a visitor and a member can reach is then read, found from the URL
resolver and the OpenAPI document as in the lived-experience privacy walk, PDFs included (their text extracted):
neither the value, written in any of the ways the site's languages group digits, nor where it was claimed may
appear. The same walk finds the sourced figure cited beside it, which shows that it reads the citations.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from fourthp.api.api import api
from fourthp.briefs.actions import do_publish_resource
from fourthp.briefs.models import CheckOverride
from fourthp.briefs.tests.factories import make_resource
from fourthp.campaigns.models import Campaign
from fourthp.statistics.models import Quality
from fourthp.statistics.tests.factories import make_statistic
from fourthp.testing import make_member, make_secretariat, url_routes
from fourthp.web.tests.test_lived_experience_privacy import NOT_PAGES, _examples, world  # noqa: F401

pytestmark = pytest.mark.django_db

PLANTED = Decimal("7315926.5")
CLAIMANT = "Planted Claimant Quillfeather"
FORMS_OF_THE_VALUE = ("7315926", "7,315,926", "7.315.926", "7 315 926", "7\u00a0315\u00a0926", "7\u202f315\u202f926")
SOURCED = "4,181,503"  # the value of the sourced figure cited beside it, as English pages write it


def _text_of(response: Any) -> str:
    if response.headers.get("Content-Type", "").startswith("application/pdf"):
        from pypdf import PdfReader

        return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    return response.content.decode("utf-8", errors="replace")


def reads(client: Client, examples: dict[str, str]) -> dict[str, str]:
    """Every page, file and API answer the client reaches: {url: text}."""
    seen: dict[str, str] = {}
    for route, pattern in url_routes():
        if not pattern.name or route.startswith(NOT_PAGES):
            continue
        params = list(pattern.pattern.converters)
        kwargs = {p: examples[p] for p in params}
        if pattern.name.startswith("campaign-") and "slug" in kwargs:
            kwargs["slug"] = examples["campaign"]
        url = reverse(pattern.name, kwargs=kwargs)
        response = client.get(url)
        if response.status_code == 202:  # a PDF the task worker has just made: read it as it is served now
            response = client.get(url)
        seen[url] = _text_of(response)
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations:
            continue
        url = re.sub(r"\{(\w+)\}", lambda m: examples[m.group(1)], path)
        seen[url] = _text_of(client.get(url))
    for url in ("/resources/?provision=crim.debt-bondage", "/resources.json?jurisdiction=QQY", "/campaigns.json"):
        seen[url] = _text_of(client.get(url))
    return seen


def test_no_page_twin_api_answer_or_pdf_shows_an_unsourced_figure(
    request: pytest.FixtureRequest, pdf_engine: None
) -> None:
    place: dict[str, Any] = request.getfixturevalue("world")  # the privacy walk's world, imported above
    planted = make_statistic("planted-walk-figure", quality=Quality.UNSOURCED, value=PLANTED, claimed_by=CLAIMANT)
    make_statistic("sourced-walk-figure", value=Decimal("4181503"), measure="People counted by a survey")
    body = "Counted by a survey [[stat:sourced-walk-figure]]. Said to be large [[stat:planted-walk-figure]]."
    brief = make_resource("planted-brief", body=body)
    do_publish_resource(brief, acting_user=make_secretariat(), override_reason="Kept to show the walk reads it.")
    assert CheckOverride.objects.filter(target=f"briefs.resource:{brief.pk}").exists()
    campaign = Campaign.objects.create(
        title="Count what is sourced", slug="count-what-is-sourced", state=Campaign.State.OPEN, audience="public",
        statement=f"Figures must be sourced [[stat:{planted.key}]] and [[stat:sourced-walk-figure]].",
    )  # fmt: skip
    examples = {**_examples(place), "brief": brief.slug, "campaign": campaign.slug, "statistic": str(planted.pk)}
    examples["statistic_id"] = examples["statistic"]

    member = Client()
    member.force_login(make_member())
    for who, client in (("a visitor", Client()), ("a member", member)):
        seen = reads(client, examples)
        assert len(seen) > 60, "the walk reached too few routes to prove anything"
        for url, text in seen.items():
            for form in FORMS_OF_THE_VALUE:
                assert form not in text, f"{url} shows the unsourced figure to {who}"
            assert CLAIMANT not in text, f"{url} shows where the unsourced figure was claimed to {who}"
        # The same walk reads the brief's citations, and its PDF, so it could have found the planted one.
        assert SOURCED in seen[f"/resources/{brief.slug}/"] and SOURCED in seen[f"/resources/{brief.slug}.json"]
        assert SOURCED in seen[f"/resources/{brief.slug}/pdf/"]
