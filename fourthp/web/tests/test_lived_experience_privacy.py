"""A lived-experience expert is never listed, named or counted in a public view without her consent.

Every public page, file and API endpoint is found from the URL resolver and the
OpenAPI document, not listed by hand, and read by a visitor twice: before and
after a lived-experience expert joins with every field of her profile marked
public, agreeing to peer contact, in a public working group, but without the
listing consent. Each answer must be the same both times (so she is not
counted either), and her name must appear nowhere. Once she consents, the
same walk finds her, which shows it could.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fourthp.api.api import api
from fourthp.assessments.models import Assessment
from fourthp.events.models import Event
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument
from fourthp.members.models import Consent, Visibility
from fourthp.testing import (
    give_consent,
    make_group,
    make_group_member,
    make_jurisdiction,
    make_profile,
    make_user,
    publish_assessment,
    url_routes,
)

pytestmark = pytest.mark.django_db

NAME = "Ulla Quietbrook"
COUNTRY = "Quietbrookia"  # on the atlas before she joins; her membership must not show on it
# Not pages a visitor reads: the API (walked from its OpenAPI document below), the admin,
# allauth's forms and the language switch.
NOT_PAGES = ("api/", "admin/", "accounts/", "i18n/")


def _examples(world: dict[str, Any]) -> dict[str, str]:
    """One value for every URL parameter name used anywhere; a new name fails the walk until added here."""
    return {
        "code": "US",
        "slug": world["group"].slug,
        "pillar": "prosecution",
        "provision": "crim.debt-bondage",
        "provision_id": "crim.debt-bondage",
        "framework_id": "four-p",
        "key": Instrument.objects.filter(jurisdiction__code="US-DC").values_list("key", flat=True).first(),
        "import_id": "1",
        "run_id": "1",
        "token_id": "1",
        "fmt": "csv",
        "pk": str(Assessment.objects.published().filter(jurisdiction__code="US-DC").first().pk),  # type: ignore[union-attr]
        "assessment_id": str(Assessment.objects.published().filter(jurisdiction__code="US-DC").first().pk),  # type: ignore[union-attr]
        "group": world["group"].slug,
        "event": str(world["event"].pk),
        "event_id": str(world["event"].pk),
        "series": "1",
        "testimonial": "1",
        "member": str(world["member_pk"]),
        "member_id": str(world["member_pk"]),
        "membership": "1",
        "document": "1",
        "version": "1",
        "token": "no-such-token",
        "application": "1",
        "contact": "1",
        "bill": str(world["bill"].pk),
        "bill_id": str(world["bill"].pk),
        "session": str(world["bill"].session_id),
        "list_id": "1",
        "segment_id": "1",
        "newsletter_id": "1",
        "brief": "forced-labour-what-the-estimates-say",
        "template": "1",
        "inquiry": "1",
        "kit": "no-such-kit",
        "notification": "1",
        "kind": "bill",
        "type_name": "bill",
        "id": "1",
        "model": "sex-trafficking-offence",
        "number": "1",
        "step": "measure",
        "organisation": "us-national-human-trafficking-hotline",
        "statistic": str(world["statistic"].pk),
        "statistic_id": str(world["statistic"].pk),
        "screen_id": "1",
        "photo": "1",
        "size": "small",
        "draft_id": "1",
        "comment": "1",
        "checkout_id": "cs_test_none",
        "circle": "cluj-reading-circle",
        "meeting": "1",
    }


def _normalise(body: bytes, content_type: str) -> str:
    text = body.decode("utf-8", errors="replace")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
    if content_type.startswith("text/calendar"):
        text = re.sub(r"(?m)^DTSTAMP[^\r\n]*", "", text)
    return text


def visitor_reads(world: dict[str, Any]) -> dict[str, tuple[str, int, str]]:
    """Every public page, file and API read as a visitor: {route: (url, status, normalised body)}."""
    examples = _examples(world)
    client = Client()
    seen: dict[str, tuple[str, int, str]] = {}
    for route, pattern in url_routes():
        if not pattern.name or route.startswith(NOT_PAGES):
            continue
        params = list(pattern.pattern.converters)
        unknown = set(params) - set(examples)
        assert not unknown, f"{pattern.name}: add an example for {sorted(unknown)} to this walk"
        url = reverse(pattern.name, kwargs={p: examples[p] for p in params})
        response = client.get(url)
        if response.headers.get("Content-Type", "").startswith("application/pdf"):
            # A PDF carries its print time; it is checked for her name only.
            assert NAME.encode() not in response.content, url
            continue
        body = _normalise(response.content, response.headers.get("Content-Type", ""))
        seen[pattern.name] = (url, response.status_code, body)
    for path, operations in api.get_openapi_schema()["paths"].items():
        if "get" not in operations:
            continue
        url = re.sub(r"\{(\w+)\}", lambda m: examples[m.group(1)], path)
        query = {
            p["name"]: examples[p["name"]]
            for p in operations["get"].get("parameters", [])
            if p["in"] == "query" and p.get("required") and p["name"] in examples
        }
        response = client.get(url, query)
        seen[path] = (url, response.status_code, _normalise(response.content, response.headers.get("Content-Type", "")))
    for url in FILTERED:
        response = client.get(url)
        seen[url] = (url, response.status_code, _normalise(response.content, response.headers.get("Content-Type", "")))
    return seen


# Pages whose answer depends on a query: read with the filters that would pick her out.
FILTERED = [
    "/peers/?provision=crim.debt-bondage",
    "/peers.json?provision=crim.debt-bondage&jurisdiction=QQY",
    "/api/v1/peers?provision=crim.debt-bondage&jurisdiction=QQY",
    "/members/?jurisdiction=QQY",
    "/members.json?role=lived-experience+expert",
    "/members.json?language=en&region=150",
    "/members.json?q=Ulla",
    "/api/v1/members?jurisdiction=QQY",
    "/api/v1/members?q=Quietbrook",
]


@pytest.fixture
def world(seeded: None) -> dict[str, Any]:
    group = make_group(title="Labour trafficking", visibility="public")
    event = Event.objects.create(
        title="Spring convening",
        description="Peers compare notes on non-punishment.",
        kind="virtual",
        starts_at=timezone.now() + dt.timedelta(days=30),
        ends_at=timezone.now() + dt.timedelta(days=30, hours=2),
        time_zone="Europe/Brussels",
        online_link="https://meet.example.org/spring",
        capacity=20,
        registration_deadline=timezone.now() + dt.timedelta(days=29),
        audience="public",
        working_group=group,
        state="published",
    )
    # Her country is on the map before she joins: only her membership may not show.
    country = make_jurisdiction("QQY", name=COUNTRY, region_code="150", region_name="Europe")
    # Its law does what others lack, so the peer finder lists it and would list its members.
    publish_assessment(country, "crim.debt-bondage", "full")
    # Someone else is listed publicly, so the walk reads pages that do list members.
    make_profile(name="Paula Public", jurisdiction_id=None, name_visibility=Visibility.PUBLIC)
    from fourthp.bills.tests.factories import make_bill, make_session

    bill = make_bill(make_session(country, name="2026"), title="Victims' Services Act")
    from fourthp.statistics.tests.factories import make_statistic

    statistic = make_statistic("privacy-walk-figure")
    return {"group": group, "event": event, "member_pk": 999_999, "bill": bill, "statistic": statistic}


def add_the_expert(world: dict[str, Any]) -> Any:
    country = Jurisdiction.objects.get(code="QQY")
    user = make_user("ulla")
    everything_public = {
        f"{f}_visibility": Visibility.PUBLIC
        for f in ("name", "role", "jurisdiction", "legislature", "chamber", "party", "committees", "topics",
                  "languages", "organisation", "bio", "contact")
    }  # fmt: skip
    profile = make_profile(
        user,
        name=NAME,
        role="lived-experience expert",
        jurisdiction=country,
        legislature="Quietbrook Assembly",
        organisation="Quietbrook Survivors' Network",
        bio="Advises on victim services.",
        languages=["en"],
        **everything_public,
    )
    give_consent(user, Consent.Kind.PEER_CONTACT)
    make_group_member(world["group"], user)
    world["member_pk"] = profile.pk
    return profile


def test_no_public_view_lists_names_or_counts_a_lived_experience_expert_without_her_consent(
    world: dict[str, Any],
) -> None:
    before = visitor_reads(world)
    assert len(before) > 60, "the walk reached too few routes to prove anything"
    profile = add_the_expert(world)
    after = visitor_reads(world)

    for route, (url, status, body) in after.items():
        assert NAME not in body, f"{url} names her"
        assert "Quietbrook " not in body and "Quietbrook'" not in body, f"{url} shows a field of her profile"
        if route.startswith("member-detail") or route == "/api/v1/members/{member_id}":
            assert status == 404, f"{url}: her profile answered {status}"
            continue
        assert route in before, f"{url} was not read before she joined"
        assert (status, body) == before[route][1:], f"{url} changed when she joined: she is counted there"

    # With her consent the same walk finds her, so it could have found her before.
    give_consent(profile.user, Consent.Kind.LIVED_EXPERIENCE_LISTING)
    consented = visitor_reads(world)
    assert any(NAME in body for _url, _status, body in consented.values())
    assert NAME in Client().get("/members.json").content.decode()
