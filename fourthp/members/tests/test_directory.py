"""Who sees what of a member: the directory, a profile, their JSON twins and the API, field by field."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from fourthp.frameworks.models import Pillar, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Consent, Profile, Visibility
from fourthp.members.tests.conftest import all_visible, logged_in
from fourthp.testing import make_jurisdiction, make_member, make_profile, make_secretariat, make_user

pytestmark = pytest.mark.django_db


def viewers() -> dict[str, Any]:
    return {"visitor": None, "member": make_member(), "secretariat": make_secretariat()}


def mixed_profile(us: Jurisdiction) -> Profile:
    """Name public, party for members, contact for the secretariat only."""
    return make_profile(
        name="Amara Okafor",
        role=Profile.Role.LEGISLATOR,
        jurisdiction=us,
        party="Harbour Party",
        contact="amara@parliament.example",
        name_visibility=Visibility.PUBLIC,
        role_visibility=Visibility.PUBLIC,
        jurisdiction_visibility=Visibility.PUBLIC,
        party_visibility=Visibility.MEMBERS,
        contact_visibility=Visibility.SECRETARIAT,
    )


def test_each_viewer_sees_only_the_fields_her_audience_may_see_on_page_twin_and_api(us: Jurisdiction) -> None:
    profile = mixed_profile(us)
    expected = {
        "visitor": {"name", "role", "jurisdiction"},
        "member": {"name", "role", "jurisdiction", "party"},
        "secretariat": {"name", "role", "jurisdiction", "party", "contact"},
    }
    for role, user in viewers().items():
        client = logged_in(user)
        page = client.get(reverse("member-detail", args=[profile.pk])).content.decode()
        twin = client.get(reverse("member-detail-json", args=[profile.pk])).json()
        api = client.get(reverse("api:api-members-detail", args=[profile.pk])).json()
        listed = client.get(reverse("api:api-members-list")).json()["items"]
        assert "Amara Okafor" in page
        assert ("Harbour Party" in page) == ("party" in expected[role]), role
        assert ("amara@parliament.example" in page) == ("contact" in expected[role]), role
        for data in (twin, api, next(item for item in listed if item["id"] == profile.pk)):
            # Hidden fields are absent, not null; the secretariat also gets the empty ones.
            shown = {field for field, value in data.items() if value and field not in ("id", "url", "kind")}
            assert shown == expected[role], role
            assert ("contact" in data) == (role == "secretariat")
            assert ("party" in data) == (role != "visitor")


def test_a_new_profile_is_seen_by_the_secretariat_and_its_owner_only(seeded: None) -> None:
    owner = make_member()
    profile = make_profile(owner, name="Quiet Quentin")
    for user in (None, make_member()):
        client = logged_in(user)
        assert client.get(reverse("member-detail", args=[profile.pk])).status_code == 404
        assert client.get(reverse("member-detail-json", args=[profile.pk])).status_code == 404
        assert "Quiet Quentin" not in client.get(reverse("member-directory")).content.decode()
        assert client.get(reverse("member-directory-json")).json()["count"] == 0
        assert client.get(reverse("api:api-members-detail", args=[profile.pk])).status_code == 404
        assert client.get(reverse("api:api-members-list")).json()["count"] == 0
    assert "Quiet Quentin" in logged_in(make_secretariat()).get(reverse("member-directory")).content.decode()
    mine = logged_in(owner).get(reverse("member-detail-json", args=[profile.pk])).json()
    assert mine["name"] == "Quiet Quentin"


def test_a_missing_profile_and_a_hidden_one_answer_the_same_404(seeded: None) -> None:
    hidden = make_profile(name="Hidden Hana")
    client = logged_in(None)
    assert client.get(reverse("member-detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("member-detail", args=[hidden.pk + 1000])).status_code == 404
    for pk in (hidden.pk, hidden.pk + 1000):
        answer = client.get(reverse("api:api-members-detail", args=[pk]))
        assert answer.status_code == 404
        assert answer.json()["detail"] == f"No member has the id {pk}."


def lived_experience_expert(us: Jurisdiction) -> Profile:
    return make_profile(
        name="Rosa Survivor-Advocate",
        role=Profile.Role.LIVED_EXPERIENCE,
        jurisdiction=us,
        **{**all_visible(Visibility.PUBLIC), "role_visibility": Visibility.PUBLIC},
    )


def public_traces(profile: Profile) -> dict[str, Any]:
    """Everything a visitor could learn of the profile."""
    client = logged_in(None)
    countries = client.get(reverse("member-countries-json")).json()
    return {
        "directory": "Rosa" in client.get(reverse("member-directory")).content.decode(),
        "directory_json": client.get(reverse("member-directory-json")).json()["count"],
        "detail": client.get(reverse("member-detail", args=[profile.pk])).status_code,
        "api_list": client.get(reverse("api:api-members-list")).json()["count"],
        "api_detail": client.get(reverse("api:api-members-detail", args=[profile.pk])).status_code,
        "countries": countries["total"],
        "countries_page": "United States" in client.get(reverse("member-countries")).content.decode(),
    }


HIDDEN = {
    "directory": False,
    "directory_json": 0,
    "detail": 404,
    "api_list": 0,
    "api_detail": 404,
    "countries": 0,
    "countries_page": False,
}
SHOWN = {
    "directory": True,
    "directory_json": 1,
    "detail": 200,
    "api_list": 1,
    "api_detail": 200,
    "countries": 1,
    "countries_page": True,
}


def test_a_lived_experience_expert_is_public_only_while_her_consent_is_active(us: Jurisdiction) -> None:
    profile = lived_experience_expert(us)
    owner = logged_in(profile.user)
    assert public_traces(profile) == HIDDEN
    # Other members do not see her either.
    assert logged_in(make_member()).get(reverse("member-detail", args=[profile.pk])).status_code == 404

    owner.post(reverse("member-consents"), {"kind": Consent.Kind.LIVED_EXPERIENCE_LISTING, "action": "give"})
    assert public_traces(profile) == SHOWN

    owner.post(reverse("member-consents"), {"kind": Consent.Kind.LIVED_EXPERIENCE_LISTING, "action": "revoke"})
    assert public_traces(profile) == HIDDEN
    # The secretariat still sees her, and shown_name names her nowhere else.
    assert logged_in(make_secretariat()).get(reverse("member-detail", args=[profile.pk])).status_code == 200


def test_the_lived_experience_box_protects_like_the_role(us: Jurisdiction) -> None:
    profile = make_profile(
        name="Rosa Quiet", role=Profile.Role.RESEARCHER, lived_experience=True, jurisdiction=us, **all_visible()
    )
    assert public_traces(profile) == HIDDEN


def test_filters_match_only_fields_the_viewer_may_see(us: Jurisdiction, seeded: None) -> None:
    pillar = Pillar.objects.get(framework__slug="four-p", slug="prosecution")
    provision = Provision.objects.get(framework__slug="four-p", framework__version=1, slug="crim.debt-bondage")
    hidden = make_profile(
        name="Hidden Details",
        name_visibility=Visibility.PUBLIC,
        role=Profile.Role.LEGISLATOR,
        jurisdiction=us,
        languages=["fr"],
        organisation="Secret Org",
    )
    hidden.topic_provisions.add(provision)
    shown = make_profile(
        name="Open Details",
        role=Profile.Role.LEGISLATOR,
        jurisdiction=us,
        languages=["fr"],
        organisation="Open Org",
        **all_visible(),
    )
    shown.topic_provisions.add(provision)
    queries = [
        {"jurisdiction": "US"},
        {"region": "019"},
        {"region": "Americas"},
        {"role": "legislator"},
        {"topic": "crim.debt-bondage"},
        {"topic": pillar.slug},
        {"language": "fr"},
        {"language": "fra"},
        {"q": "Org"},
    ]
    for query in queries:
        for user, expected in ((None, {"Open Details"}), (make_secretariat(), {"Open Details", "Hidden Details"})):
            client = logged_in(user)
            page = client.get(reverse("member-directory-json"), query).json()
            api = client.get(reverse("api:api-members-list"), query).json()
            assert {m["name"] for m in page["items"]} == expected, (query, user)
            assert {m["name"] for m in api["items"]} == expected, (query, user)
    # With no filter both are listed to a visitor: the filter, not the name, hid the first.
    assert logged_in(None).get(reverse("member-directory-json")).json()["count"] == 2


def test_a_member_sees_members_only_fields_and_can_filter_on_them(us: Jurisdiction) -> None:
    make_profile(
        name="Members Mila",
        jurisdiction=us,
        name_visibility=Visibility.MEMBERS,
        jurisdiction_visibility=Visibility.MEMBERS,
    )
    assert logged_in(None).get(reverse("member-directory-json"), {"jurisdiction": "US"}).json()["count"] == 0
    found = logged_in(make_member()).get(reverse("member-directory-json"), {"jurisdiction": "US"}).json()
    assert [m["name"] for m in found["items"]] == ["Members Mila"]
    assert found["items"][0]["jurisdiction"]["code"] == "US"


def test_the_countries_page_counts_states_under_their_country_and_says_what_it_counts(
    us: Jurisdiction, dc: Jurisdiction
) -> None:
    make_profile(jurisdiction=us, jurisdiction_visibility=Visibility.PUBLIC)
    make_profile(jurisdiction=dc, jurisdiction_visibility=Visibility.PUBLIC)
    make_profile(jurisdiction=dc, jurisdiction_visibility=Visibility.MEMBERS)
    ca = Jurisdiction.objects.get(code="CA")
    make_profile(jurisdiction=ca, jurisdiction_visibility=Visibility.PUBLIC)
    data = logged_in(None).get(reverse("member-countries-json")).json()
    assert {row["jurisdiction"]["code"]: row["count"] for row in data["countries"]} == {"US": 2, "CA": 1}
    assert data["total"] == 3
    page = logged_in(None).get(reverse("member-countries")).content.decode()
    assert "lived experience" in page and "not counted" in page


def test_the_directory_is_paginated(seeded: None) -> None:
    for n in range(30):
        make_profile(name=f"Member {n:02d}", name_visibility=Visibility.PUBLIC)
    client = logged_in(None)
    first = client.get(reverse("member-directory")).content.decode()
    second = client.get(reverse("member-directory"), {"page": 2}).content.decode()
    assert "Member 00" in first and "Member 29" not in first
    assert "Member 29" in second
    api = client.get(reverse("api:api-members-list"), {"limit": 10, "offset": 20}).json()
    assert api["count"] == 30 and len(api["items"]) == 10


def test_a_deactivated_account_is_not_listed(seeded: None) -> None:
    user = make_user("gone")
    make_profile(user, name="Gone Gina", **all_visible())
    user.is_active = False
    user.save()
    assert logged_in(None).get(reverse("member-directory-json")).json()["count"] == 0


def test_the_directory_costs_a_fixed_number_of_queries(seeded: None, django_assert_max_num_queries: Any) -> None:
    other = make_jurisdiction("QX")
    for n in range(10):
        make_profile(name=f"Member {n}", jurisdiction=other, **all_visible())
    client = logged_in(None)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("member-directory-json")).json()["count"] == 10


def test_a_public_bio_reads_as_formatted_text_and_scripts_are_removed(seeded: None) -> None:
    from django.test import Client

    profile = make_profile(
        name="Bea Bio",
        name_visibility=Visibility.PUBLIC,
        bio_visibility=Visibility.PUBLIC,
        bio="Works on **labour inspection**.<script>alert(1)</script>",
    )
    page = Client().get(f"/members/{profile.pk}/").content.decode()
    assert "<strong>labour inspection</strong>" in page
    assert "&lt;strong&gt;" not in page
    assert "<script>alert(1)</script>" not in page
