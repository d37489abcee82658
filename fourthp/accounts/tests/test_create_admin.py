"""The first secretariat account: `manage.py create_admin` (`make admin`) and `createsuperuser`."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import Client

from fourthp.accounts.models import AuditEvent, User
from fourthp.accounts.roles import Role
from fourthp.testing import give_authenticator, make_member

PASSWORD = "a long passphrase nobody guesses"


def create_admin(monkeypatch: pytest.MonkeyPatch, email: str, password: str = PASSWORD) -> None:
    monkeypatch.setenv("FOURTHP_ADMIN_PASSWORD", password)
    call_command("create_admin", "--no-input", "--email", email, stdout=None)


@pytest.mark.django_db
def test_the_new_secretariat_account_signs_in_by_email_at_once_and_sets_up_two_factor_before_the_admin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    create_admin(monkeypatch, " Admin@Example.org ")
    client = Client()
    response = client.post("/accounts/login/", {"login": "admin@example.org", "password": PASSWORD})
    # Straight to her home page: no "verify your e-mail address" step.
    assert response.status_code == 302
    assert response["Location"] == "/home/"
    user = User.objects.get(email="admin@example.org")
    # The secretariat signs in with two factors: first the authenticator app, then the admin.
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"
    give_authenticator(user)
    assert client.get("/admin/").status_code == 200
    assert user.groups.filter(name=Role.SECRETARIAT.value).exists()
    assert EmailAddress.objects.filter(user=user, email="admin@example.org", verified=True, primary=True).exists()
    assert AuditEvent.objects.filter(verb="account.secretariat_created", target_id=str(user.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "password", "reason"),
    [
        ("", PASSWORD, "--email"),
        ("  ", PASSWORD, "--email"),
        ("not-an-address", PASSWORD, "Enter a valid email address"),
        ("admin@example.org", "short", "too short"),
        ("admin@example.org", "password123", "too common"),
    ],
)
def test_it_refuses_a_bad_address_or_a_weak_password_and_creates_nothing(
    monkeypatch: pytest.MonkeyPatch, email: str, password: str, reason: str
) -> None:
    before = User.objects.count()
    monkeypatch.setenv("FOURTHP_ADMIN_PASSWORD", password)
    with pytest.raises(CommandError, match=reason):
        call_command("create_admin", "--no-input", "--email", email)
    assert User.objects.count() == before


@pytest.mark.django_db
def test_it_refuses_an_address_another_account_has(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = make_member().email
    with pytest.raises(CommandError, match="already exists"):
        create_admin(monkeypatch, taken.upper())


@pytest.mark.django_db
def test_it_asks_for_the_address_and_the_password_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOURTHP_ADMIN_PASSWORD", raising=False)
    answers = iter(["not an address", "chair@example.org"])
    passwords = iter(["first try here ok", "typed differently", PASSWORD, PASSWORD])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(passwords))
    call_command("create_admin")
    assert User.objects.get(email="chair@example.org").check_password(PASSWORD)


@pytest.mark.django_db
def test_make_run_is_told_an_admin_is_missing_only_until_one_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    make_member()
    with pytest.raises(SystemExit) as missing:
        call_command("create_admin", "--exists")
    assert missing.value.code == 3
    create_admin(monkeypatch, "admin@example.org")
    call_command("create_admin", "--exists")  # returns: exit status 0


@pytest.mark.django_db
def test_createsuperuser_asks_again_for_a_blank_email(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["root", "", "root@example.org"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    call_command("createsuperuser", interactive=True)
    assert "cannot be blank" in capsys.readouterr().err
    assert User.objects.get(username="root").email == "root@example.org"
