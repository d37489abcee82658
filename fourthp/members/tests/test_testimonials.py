from __future__ import annotations

import pytest
from django.test import Client

from fourthp.members.models import Profile, Testimonial, Visibility
from fourthp.testing import make_member, make_secretariat

pytestmark = pytest.mark.django_db

WORDS = "Working with legislators from other countries helped me draft our law on forced labour."


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _write(member: object) -> Testimonial:
    response = _client(member).post("/testimonials/new/", {"text": WORDS, "show_role": "on", "consent": "on"})
    assert response.status_code == 302
    return Testimonial.objects.get(user=member)


def test_without_consent_nothing_is_recorded_and_the_error_says_why() -> None:
    member = make_member()
    response = _client(member).post("/testimonials/new/", {"text": WORDS})
    assert response.status_code == 200
    assert "Tick the box to agree" in response.content.decode()
    assert not Testimonial.objects.exists()


def test_a_testimonial_is_public_only_once_approved_and_disappears_when_withdrawn() -> None:
    member = make_member()
    testimonial = _write(member)
    assert testimonial.consent_statement and testimonial.consented_at
    assert WORDS not in Client().get("/testimonials/").content.decode()
    staff = _client(make_secretariat())
    assert staff.post("/testimonials/review/", {"testimonial": testimonial.pk}).status_code == 302
    assert WORDS in Client().get("/testimonials/").content.decode()
    assert WORDS in Client().get("/").content.decode()
    assert Client().get("/testimonials.json").json()["testimonials"][0]["text"] == WORDS
    assert _client(member).post(f"/testimonials/{testimonial.pk}/withdraw/").status_code == 302
    assert WORDS not in Client().get("/testimonials/").content.decode()
    assert WORDS not in Client().get("/").content.decode()
    assert Client().get("/testimonials.json").json()["testimonials"] == []


def test_the_content_check_runs_before_publication() -> None:
    member = make_member()
    response = _client(member).post(
        "/testimonials/new/",
        {"text": "Nearly 99.5% of victims are never identified. Call +40 21 123 4567.", "consent": "on"},
    )
    assert response.status_code == 302
    testimonial = Testimonial.objects.get(user=member)
    _client(make_secretariat()).post("/testimonials/review/", {"testimonial": testimonial.pk})
    testimonial.refresh_from_db()
    assert testimonial.approved_at is None
    reason = {"testimonial": testimonial.pk, "reason": "Her own words; the figure is from her report."}
    _client(make_secretariat()).post("/testimonials/review/", reason)
    testimonial.refresh_from_db()
    assert testimonial.approved_at is not None


def test_her_role_and_jurisdiction_follow_her_visibility_settings() -> None:
    member = make_member()
    Profile.objects.create(
        user=member,
        name="Ana Example",
        role=Profile.Role.RESEARCHER,
        role_visibility=Visibility.MEMBERS,
        name_visibility=Visibility.PUBLIC,
    )
    testimonial = _write(member)
    _client(make_secretariat()).post("/testimonials/review/", {"testimonial": testimonial.pk})
    assert "researcher" not in Client().get("/testimonials/").content.decode()
    assert "researcher" in _client(make_member()).get("/testimonials/").content.decode()


def test_only_the_secretariat_reviews_and_only_she_withdraws() -> None:
    member = make_member()
    testimonial = _write(member)
    assert _client(make_member()).post("/testimonials/review/", {"testimonial": testimonial.pk}).status_code in (
        403,
        404,
    )
    assert _client(make_member()).post(f"/testimonials/{testimonial.pk}/withdraw/").status_code == 404
    testimonial.refresh_from_db()
    assert testimonial.approved_at is None and testimonial.withdrawn_at is None
