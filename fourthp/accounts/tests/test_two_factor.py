"""Two-factor sign-in with an authenticator app: offered to everyone, required of reviewers and the
secretariat before they reach any other page."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core.cache import cache
from django.test import Client

from fourthp.accounts.roles import Role
from fourthp.testing import make_member, make_reviewer, make_user, totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
SET_UP = "/accounts/2fa/totp/activate/"


def sign_in(email: str) -> tuple[Client, str]:
    """Sign in through the form; answer the path the browser lands on."""
    client = Client()
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client, response["Location"]


def open_set_up(client: Client) -> str:
    """Open the set-up page; allauth first asks for the password again, as before any change to sign-in."""
    response = client.get(SET_UP)
    assert response["Location"] == f"/accounts/reauthenticate/?next={SET_UP.replace('/', '%2F')}"
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD, "next": SET_UP}, follow=True)
    assert response.redirect_chain[-1][0] == SET_UP
    return response.content.decode()


def test_a_member_turns_on_two_factor_and_is_then_asked_for_a_code() -> None:
    member = make_member()
    client, _landing = sign_in(member.email)

    page = open_set_up(client)
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page  # shown for apps that cannot read the QR code
    response = client.post(SET_UP, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()
    # Recovery codes were made with it, for the day the phone is lost.
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.RECOVERY_CODES).exists()
    assert "Two-factor authentication</a>: on, with an authenticator app" in client.get("/profile/").content.decode()

    client.post("/accounts/logout/")
    # A code is accepted once: forget that this one was just used, as 30 seconds would.
    cache.clear()
    client, landing = sign_in(member.email)
    assert landing == "/accounts/2fa/authenticate/"
    assert client.get("/profile/").status_code == 302  # not signed in until the code is given

    wrong = client.post(landing, {"code": "000000" if totp_code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Incorrect code." in wrong.content.decode()
    response = client.post(landing, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/profile/").status_code == 200


def test_a_member_may_leave_two_factor_off() -> None:
    member = make_member()
    client, landing = sign_in(member.email)
    assert landing == "/home/"
    page = client.get("/profile/")
    assert page.status_code == 200
    assert "Two-factor authentication</a>: not set up" in page.content.decode()
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.SECRETARIAT])
def test_a_reviewer_or_the_secretariat_without_two_factor_is_sent_to_set_it_up_first(role: Role) -> None:
    user = make_user("newcomer", role, two_factor=False)
    client, landing = sign_in(user.email)

    for path in (landing, "/", "/jurisdictions/", "/admin/", "/profile/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == SET_UP, path
    page = open_set_up(client)
    assert "Set up an authenticator app to continue." in page

    client.post(SET_UP, {"code": totp_code(client.session[SECRET_SESSION_KEY])})
    assert client.get("/profile/").status_code == 200


def test_an_htmx_request_is_redirected_by_htmx() -> None:
    user = make_user("newcomer", Role.REVIEWER, two_factor=False)
    client, _landing = sign_in(user.email)
    response = client.get("/jurisdictions/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == SET_UP


def test_signing_out_stays_open_to_a_reviewer_without_two_factor() -> None:
    user = make_user("newcomer", Role.REVIEWER, two_factor=False)
    client, _landing = sign_in(user.email)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 200


def test_the_example_reviewer_signs_in_with_her_authenticator_code() -> None:
    reviewer = make_reviewer()
    client, landing = sign_in(reviewer.email)
    assert landing == "/accounts/2fa/authenticate/"
    client.post(landing, {"code": totp_code()})
    assert client.get("/assessments/").status_code != 302


def test_the_secretariat_removes_a_lost_authenticator_and_its_owner_must_set_up_a_new_one() -> None:
    reviewer = make_reviewer()
    lost = Authenticator.objects.get(user=reviewer, type=Authenticator.Type.TOTP)
    secretariat = Client()
    secretariat.force_login(make_user("sofia", Role.SECRETARIAT))
    assert secretariat.get("/admin/mfa/authenticator/").status_code == 200
    response = secretariat.post(f"/admin/mfa/authenticator/{lost.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=lost.pk).exists()

    client, landing = sign_in(reviewer.email)
    assert client.get(landing)["Location"] == SET_UP


def test_the_two_factor_pages_speak_spanish() -> None:
    member = make_member()
    client, _landing = sign_in(member.email)
    client.cookies["django_language"] = "es"
    page = client.get("/accounts/2fa/").content.decode()
    assert "Aplicación de autenticación" in page
    profile = client.get("/profile/").content.decode()
    assert "Autenticación de dos factores</a>: sin configurar" in profile

    reviewer = make_user("newcomer", Role.REVIEWER, two_factor=False)
    client, landing = sign_in(reviewer.email)
    client.cookies["django_language"] = "es"
    client.get(landing)
    page = client.get("/accounts/2fa/").content.decode()
    assert "Configure una aplicación de autenticación para continuar." in page
