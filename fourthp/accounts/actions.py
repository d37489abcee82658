"""Writes on accounts: the first secretariat account, tokens, profile settings and account deletion."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.models import ApiToken, AuditEvent, User
from fourthp.accounts.roles import Role

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


def secretariat_exists() -> bool:
    """Whether an active account runs the secretariat (by its role, or as a superuser)."""
    return User.objects.secretariat().exists()


def check_secretariat_email(email: str) -> str:
    """The address, normalised, once it is fit to sign in a new account; else ValidationError saying why."""
    email = email.strip().lower()
    if not email:
        raise ValidationError(_("Enter an e-mail address: it is how the account signs in."))
    validate_email(email)
    if User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("An account with the e-mail address %(email)s already exists.") % {"email": email})
    return email


def check_secretariat_account(email: str, password: str) -> str:
    """The address, normalised, once it and the password (Django's validators) are fit for a new account."""
    email = check_secretariat_email(email)
    validate_password(password, user=User(email=email, username=email))
    return email


@transaction.atomic
def do_create_secretariat_account(email: str, password: str) -> User:
    """Make a secretariat account that can sign in at once with `email` and `password`.

    1. Validate the address and the password (Django's password validators).
    2. Create the user (staff and superuser, as the admin site needs) with the
       address verified and primary, so the first sign-in asks for no e-mail round trip.
    3. Give it the secretariat role and record the event.
    """
    email = check_secretariat_account(email, password)
    username = get_adapter().generate_unique_username([email.partition("@")[0], email, "admin"])
    user = User.objects.create_superuser(username=username, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(Group.objects.get_or_create(name=Role.SECRETARIAT.value)[0])
    AuditEvent.record(actor=None, verb="account.secretariat_created", target=user)
    return user


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
def do_declare_student(user: User, is_student: bool, *, acting_user: Any) -> bool:
    """She says she is a student, or no longer one; returns whether anything changed.

    The student role is self-declared, so it is added and removed here; the roles the secretariat
    verifies (legislator member, parliamentary staff, analyst, reviewer, secretariat) are never touched.
    """
    group, _created = Group.objects.get_or_create(name=Role.STUDENT.value)
    held = user.groups.filter(pk=group.pk).exists()
    if held == is_student:
        return False
    if is_student:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    if hasattr(user, "_fourthp_roles"):
        delattr(user, "_fourthp_roles")
    AuditEvent.record(
        actor=acting_user, verb="account.student_declared" if is_student else "account.student_withdrawn", target=user
    )
    return True


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
