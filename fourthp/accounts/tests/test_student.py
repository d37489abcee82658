"""A student says so herself, at sign-up or on her profile; the verified roles stay the secretariat's."""

from __future__ import annotations

import pytest
from django.test import Client

from fourthp.accounts.access import has_role
from fourthp.accounts.models import AuditEvent, User
from fourthp.accounts.roles import Role
from fourthp.testing import client_as, make_legislator, make_member

pytestmark = pytest.mark.django_db


def test_the_sign_up_form_offers_i_am_a_student_and_grants_the_role() -> None:
    client = Client()
    assert "I am a student" in client.get("/accounts/signup/").content.decode()
    response = client.post(
        "/accounts/signup/",
        {
            "email": "student@example.org",
            "password1": "a long unusual passphrase",
            "password2": "a long unusual passphrase",
            "student": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="student@example.org")
    assert has_role(user, Role.STUDENT)
    assert AuditEvent.objects.filter(verb="account.student_declared").count() == 1


def test_an_account_made_without_the_box_is_no_student() -> None:
    Client().post(
        "/accounts/signup/",
        {
            "email": "plain@example.org",
            "password1": "a long unusual passphrase",
            "password2": "a long unusual passphrase",
        },
    )
    assert not has_role(User.objects.get(email="plain@example.org"), Role.STUDENT)


def test_a_member_declares_herself_a_student_on_her_profile_and_withdraws_it() -> None:
    user = make_member()
    client = client_as(user)
    form = {"display_name": "Maria", "time_zone": "Europe/Bucharest", "student": "on"}
    assert client.post("/profile/", form).status_code == 302
    assert has_role(User.objects.get(pk=user.pk), Role.STUDENT)
    assert 'name="student"' in client.get("/profile/").content.decode()
    client.post("/profile/", {"display_name": "Maria", "time_zone": "Europe/Bucharest"})
    assert not has_role(User.objects.get(pk=user.pk), Role.STUDENT)


def test_declaring_studies_leaves_a_verified_role_as_it_was() -> None:
    legislator = make_legislator()
    client_as(legislator).post("/profile/", {"display_name": "Lena", "time_zone": "UTC", "student": "on"})
    fresh = User.objects.get(pk=legislator.pk)
    assert has_role(fresh, Role.STUDENT) and has_role(fresh, Role.LEGISLATOR)
