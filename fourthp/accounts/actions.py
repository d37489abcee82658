"""Writes on accounts: tokens, profile settings and account deletion."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from fourthp.accounts.models import ApiToken, AuditEvent, User

# Sent inside the deletion transaction, before personal data is removed, so
# that other apps can anonymise what they must keep (e.g. a signature on a
# published statement) instead of losing it. Receivers take `user`.
account_deleting = Signal()

# Sent when a member downloads everything held about her. Each receiver returns
# a dict of JSON-ready sections ({"profile": {...}}) for `user`; the download
# merges them. An app that stores personal data connects a receiver.
personal_data_requested = Signal()


def collect_personal_data(user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, section by section, ready for JSON."""
    data: dict[str, Any] = {
        "account": {
            "username": user.username,
            "email": user.email,
            "display_name": user.display_name,
            "time_zone": user.time_zone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in user.emailaddress_set.all()  # type: ignore[attr-defined]
            ],
        },
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "created_at": t.created_at.isoformat(),
                "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
                "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in user.api_tokens.all()
        ],
        "audit_events": [
            {"verb": e.verb, "target": e.target_label, "created_at": e.created_at.isoformat()}
            for e in AuditEvent.objects.filter(actor=user).order_by("created_at")
        ],
    }
    for _receiver, sections in personal_data_requested.send(sender=User, user=user):
        if isinstance(sections, dict):
            data.update(sections)
    return data


@transaction.atomic
def do_create_api_token(user: User, *, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its one-time raw value."""
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=raw[3 : 3 + ApiToken.PREFIX_LENGTH],
        token_hash=ApiToken.hash(raw),
    )
    AuditEvent.record(actor=user, verb="api_token.created", target=token)
    return token, raw


@transaction.atomic
def do_revoke_api_token(token: ApiToken, *, acting_user: Any) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        AuditEvent.record(actor=acting_user, verb="api_token.revoked", target=token)


def get_user_for_token(raw: str) -> User | None:
    """The active user a raw token belongs to, or None; marks the token used."""
    # A NUL cannot be in a token, and PostgreSQL refuses it in a query.
    if not raw or not raw.startswith("fp_") or "\x00" in raw:
        return None
    token = ApiToken.objects.active().select_related("user").filter(token_hash=ApiToken.hash(raw)).first()
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def do_update_preferences(user: User, *, display_name: str, time_zone: str) -> None:
    user.display_name = display_name.strip()
    user.time_zone = time_zone
    user.save(update_fields=["display_name", "time_zone"])
    AuditEvent.record(actor=user, verb="account.preferences_changed", target=user)


@transaction.atomic
def do_delete_account(user: User, *, acting_user: Any) -> None:
    """Remove a person's personal data while keeping the records others rely on.

    1. Let other apps anonymise what must be kept (signal `account_deleting`).
    2. Clear the name she left in audit rows; the rows keep what was done.
    3. Revoke her tokens, drop her e-mail addresses and deactivate the account
       under a placeholder name, so foreign keys (history, audit) stay valid.
    """
    account_deleting.send(sender=User, user=user)
    AuditEvent.objects.filter(actor=user).update(actor=None, actor_label="")
    user.api_tokens.all().delete()
    user.emailaddress_set.all().delete()  # type: ignore[attr-defined]
    user.username = f"deleted-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.display_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.anonymised_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    AuditEvent.record(actor=None, verb="account.deleted", target=user)
