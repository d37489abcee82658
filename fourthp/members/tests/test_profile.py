"""A member edits her profile and consents, downloads what is held about her, and deletes her account."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from fourthp.accounts.models import AuditEvent
from fourthp.frameworks.models import Pillar, Provision
from fourthp.members.models import VISIBLE_FIELDS, Application, ApplicationStep, Consent, Profile
from fourthp.members.tests.conftest import logged_in
from fourthp.members.tests.test_applications import apply, review
from fourthp.testing import box_filled_with_lines, make_member, make_profile

pytestmark = pytest.mark.django_db


def profile_form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "person",
        "name": "Maria Member",
        "role": "researcher",
        "jurisdiction": "US-DC",
        "legislature": "",
        "chamber": "",
        "party": "",
        "committees": "",
        "languages": "en, fra",
        "organisation": "Law Clinic",
        "bio": "I study **debt bondage**.",
        "contact": "",
        **{f"{field}_visibility": "secretariat" for field in VISIBLE_FIELDS},
    }
    data.update(overrides)
    return data


def test_a_member_creates_her_profile_with_secretariat_only_visibility_by_default(seeded: None) -> None:
    member = make_member()
    client = logged_in(member)
    page = client.get(reverse("member-profile-edit")).content.decode()
    assert 'value="secretariat" selected' in page
    provision = Provision.objects.get(framework__slug="four-p", framework__version=1, slug="crim.debt-bondage")
    pillar = Pillar.objects.get(framework=provision.framework, slug="prosecution")
    response = client.post(
        reverse("member-profile-edit"),
        profile_form(topic_provisions=[provision.pk], topic_pillars=[pillar.pk], name_visibility="public"),
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=member)
    assert profile.languages == ["en", "fr"]
    assert profile.jurisdiction.code == "US-DC"
    assert list(profile.topic_provisions.all()) == [provision]
    assert profile.name_visibility == "public" and profile.organisation_visibility == "secretariat"
    assert AuditEvent.objects.filter(verb="profile.created", actor=member).exists()
    shown = Client().get(reverse("member-detail-json", args=[profile.pk])).json()
    assert shown["name"] == "Maria Member" and "organisation" not in shown


def test_an_unknown_language_code_is_refused_in_words(seeded: None) -> None:
    client = logged_in(make_member())
    response = client.post(reverse("member-profile-edit"), profile_form(languages="en, klingon"))
    assert response.status_code == 200
    assert "“klingon” is not an ISO 639 language code" in response.content.decode()
    assert not Profile.objects.exists()


def test_marking_lived_experience_explains_the_consent_and_sends_her_to_it(seeded: None) -> None:
    client = logged_in(make_member())
    page = client.get(reverse("member-profile-edit")).content.decode()
    assert "until you give your consent on the consents page" in page
    response = client.post(
        reverse("member-profile-edit"), profile_form(lived_experience="on", name_visibility="public")
    )
    assert response["Location"] == reverse("member-consents")
    profile = Profile.objects.get()
    assert Client().get(reverse("member-detail", args=[profile.pk])).status_code == 404


def test_consents_are_recorded_with_their_words_withdrawn_and_listed(seeded: None) -> None:
    member = make_member()
    client = logged_in(member)
    page = client.get(reverse("member-consents")).content.decode()
    assert "I agree" in page
    client.post(reverse("member-consents"), {"kind": Consent.Kind.PEER_CONTACT, "action": "give"})
    again = client.post(reverse("member-consents"), {"kind": Consent.Kind.PEER_CONTACT, "action": "give"}, follow=True)
    assert "already given this consent" in again.content.decode()
    consent = Consent.objects.get(user=member)
    assert "contact requests" in consent.statement and consent.revoked_at is None
    client.post(reverse("member-consents"), {"kind": Consent.Kind.PEER_CONTACT, "action": "revoke"})
    consent.refresh_from_db()
    assert consent.revoked_at is not None
    nothing = client.post(
        reverse("member-consents"), {"kind": Consent.Kind.PEER_CONTACT, "action": "revoke"}, follow=True
    )
    assert "nothing to withdraw" in nothing.content.decode()
    history = client.get(reverse("member-consents")).content.decode()
    assert history.count(consent.statement) >= 2  # the offer and the history row


def test_the_download_holds_her_profile_consents_and_applications_and_nobody_elses(seeded: None) -> None:
    member = make_member()
    other = make_member()
    make_profile(member, name="Maria Member", party="Harbour Party", party_visibility="members")
    make_profile(other, name="Other Olive")
    Consent.objects.create(user=member, kind=Consent.Kind.PEER_CONTACT, statement="words")
    Consent.objects.create(user=other, kind=Consent.Kind.PEER_CONTACT, statement="other words")
    apply(email=member.email, name="Maria Member")
    apply(email="olive@example.org", name="Other Olive", ip="198.51.100.3")
    response = logged_in(member).get(reverse("member-data-export"))
    assert response["Content-Disposition"] == 'attachment; filename="fourthp-my-data.json"'
    data = json.loads(response.content)
    assert data["member_profile"]["name"] == {"value": "Maria Member", "visibility": "secretariat"}
    assert data["member_profile"]["party"] == {"value": "Harbour Party", "visibility": "members"}
    assert data["member_profile"]["topics"]["value"] == {"pillars": [], "provisions": []}
    assert [c["statement"] for c in data["consents"]] == ["words"]
    assert [a["name"] for a in data["membership_applications"]] == ["Maria Member"]
    assert data["account"]["email"] == member.email
    assert "Olive" not in response.content.decode() and "other words" not in response.content.decode()


def test_deleting_her_account_removes_her_profile_history_and_consents_and_anonymises_her_applications(
    seeded: None,
) -> None:
    member = make_member()
    client = logged_in(member)
    client.post(reverse("member-profile-edit"), profile_form(name="Zelda Unique-Name"))
    client.post(reverse("member-profile-edit"), profile_form(name="Zelda Unique-Name", party="Zed Party"))
    client.post(reverse("member-consents"), {"kind": Consent.Kind.PEER_CONTACT, "action": "give"})
    apply(client, email=member.email, name="Zelda Unique-Name", message="Zelda's seat is in the Senate.")
    app = Application.objects.get()
    review(app, "ask", "Which committee?")
    app.refresh_from_db()
    assert app.state == Application.State.MORE_INFO
    ApplicationStep.objects.create(application=app, kind=ApplicationStep.Kind.ANSWERED, text="Zelda: the justice one")
    email = member.email
    profile_id = Profile.objects.get(user=member).pk

    response = client.post(reverse("account-delete"), {"confirm": "DELETE"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active

    assert not Profile.objects.filter(pk=profile_id).exists()
    assert not Profile.history.model.objects.filter(Q(id=profile_id) | Q(name__icontains="Zelda")).exists()
    assert not Consent.objects.filter(user=member).exists()
    app.refresh_from_db()
    assert (app.name, app.email, app.message, app.ip_hash) == ("", "", "", "")
    assert app.state == Application.State.WITHDRAWN and app.anonymised_at is not None
    # The secretariat's record of the decision is kept.
    assert app.steps.filter(kind=ApplicationStep.Kind.ASKED, text="Which committee?").exists()
    assert not ApplicationStep.objects.filter(text__icontains="Zelda").exists()
    assert not Application.objects.filter(Q(name__icontains="Zelda") | Q(email__iexact=email)).exists()
    assert not AuditEvent.objects.filter(Q(target_label__icontains="Zelda") | Q(target_label__icontains=email)).exists()


def test_a_bio_that_fills_its_box_with_line_breaks_is_counted_as_the_browser_counts_it(seeded: None) -> None:
    client = logged_in(make_member())
    assert 'maxlength="2000"' in client.get(reverse("member-profile-edit")).content.decode()
    over = client.post(reverse("member-profile-edit"), profile_form(bio=box_filled_with_lines(2000, over=1)))
    assert over.status_code == 200
    assert "at most 2000 characters (it has 2001)" in over.content.decode()
    full = client.post(reverse("member-profile-edit"), profile_form(bio=box_filled_with_lines(2000)))
    assert full.status_code == 302
    bio = Profile.objects.get().bio
    assert len(bio) == 2000 and "\r" not in bio
