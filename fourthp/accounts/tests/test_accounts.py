from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from fourthp.accounts.access import has_role, roles_of
from fourthp.accounts.actions import do_create_api_token, do_delete_account
from fourthp.accounts.models import ApiToken, AuditEvent, User
from fourthp.accounts.roles import Role
from fourthp.testing import (
    assert_access_walk,
    make_analyst,
    make_legislator,
    make_member,
    make_reviewer,
    make_secretariat,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_it_verifies_a_new_accounts_email_before_it_can_sign_in() -> None:
    client = Client()
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a long unusual passphrase",
            "password2": "a long unusual passphrase",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body)
    assert link is not None
    fresh = Client()
    login = fresh.post("/accounts/login/", {"login": "new@example.org", "password": "a long unusual passphrase"})
    assert "/accounts/confirm-email/" in login["Location"]  # not signed in until verified
    path = "/" + link.group(0).split("/", 3)[3]
    fresh.post(path)
    login = fresh.post("/accounts/login/", {"login": "new@example.org", "password": "a long unusual passphrase"})
    assert login["Location"] == "/home/"


def test_it_sends_a_password_reset_link() -> None:
    user = make_member()
    Client().post("/accounts/password/reset/", {"email": user.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_roles_combine_and_every_account_is_a_member() -> None:
    user = make_user("both", Role.ANALYST, Role.REVIEWER)
    assert roles_of(user) == {"member", "analyst", "reviewer"}
    assert has_role(user, Role.REVIEWER)
    assert not has_role(user, Role.SECRETARIAT)
    assert roles_of(None) == {"visitor"}


def test_the_admin_is_for_the_secretariat_only() -> None:
    assert_access_walk(
        "/admin/",
        wrong=[make_member(), make_legislator(), make_analyst(), make_reviewer()],
        right=[make_secretariat()],
        ok_status=[200],
    )


def test_a_superuser_runs_the_secretariat() -> None:
    boss = User.objects.create_superuser("boss", "boss@example.org", "another long passphrase")
    assert has_role(boss, Role.SECRETARIAT)


def test_the_profile_page_creates_and_revokes_tokens() -> None:
    user = make_member()
    assert_access_walk("/profile/", wrong=[], right=[user], ok_status=[200])
    client = Client()
    client.force_login(user)
    page = client.post("/profile/tokens/", {"name": "notebook"})
    raw = re.search(r'value="(fp_[^"]+)"', page.content.decode()).group(1)  # type: ignore[union-attr]
    token = ApiToken.objects.get(user=user)
    assert token.token_hash == ApiToken.hash(raw)
    other = make_member()
    stranger = Client()
    stranger.force_login(other)
    assert stranger.post(f"/profile/tokens/{token.pk}/revoke/").status_code == 404
    client.post(f"/profile/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_the_time_zone_chosen_is_used_for_dates() -> None:
    user = make_member()
    client = Client()
    client.force_login(user)
    client.post("/profile/", {"display_name": "Maria", "time_zone": "America/Bogota"})
    user.refresh_from_db()
    assert user.time_zone == "America/Bogota"
    assert client.get("/profile/").context["TIME_ZONE"] == "America/Bogota"


def test_deleting_an_account_removes_personal_data_but_keeps_the_record() -> None:
    user = make_analyst()
    do_create_api_token(user, name="x")
    event_ids = list(AuditEvent.objects.filter(actor=user).values_list("pk", flat=True))
    assert event_ids
    do_delete_account(user, acting_user=user)
    user.refresh_from_db()
    assert (user.email, user.display_name, user.is_active) == ("", "", False)
    assert not user.api_tokens.exists()
    kept = AuditEvent.objects.filter(pk__in=event_ids)
    assert kept.count() == len(event_ids)
    assert set(kept.values_list("actor", "actor_label")) == {(None, "")}


def test_a_member_deletes_her_own_account_through_the_page() -> None:
    user = make_member()
    client = Client()
    client.force_login(user)
    refused = client.post("/profile/delete/", {"confirm": "yes"})
    assert "Type the word DELETE" in refused.content.decode()
    client.post("/profile/delete/", {"confirm": "DELETE"})
    user.refresh_from_db()
    assert user.anonymised_at is not None


def test_account_emails_wait_in_the_database_queue_until_the_worker_sends_them(settings, monkeypatch) -> None:
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The test runs inside one transaction; the worker's close_old_connections would
    # close it (Django's test client disconnects the same handler for requests).
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    user = make_member()
    Client().post("/accounts/password/reset/", {"email": user.email})
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
