"""Every write of notifications: `tell` (the one way to notify a person), switches, follows and changes.

`tell` and `record_change` write inside the caller's transaction: the in-app rows, the queued e-mails and
the alert deliveries exist exactly when the caller's write does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation

from fourthp.accounts.mail import notify
from fourthp.accounts.models import AuditEvent, User
from fourthp.notifications.kinds import KINDS, MESSAGES, stored_params
from fourthp.notifications.models import AlertSettings, Change, Delivery, Follow, Notification, Preference
from fourthp.notifications.queries import (
    alert_settings_of,
    digest_due,
    followers_of,
    language_of,
    switch_of,
    zone_of,
)
from fourthp.notifications.tasks import schedule_alerts
from fourthp.notifications.tokens import stop_path


class NotificationRefused(Exception):
    """A change to switches or follows that cannot be made; the message says why."""


def _people(users: Any) -> list[User]:
    many = users if isinstance(users, Iterable) and not isinstance(users, User) else [users]
    seen: dict[int, User] = {}
    for user in many:
        if user is not None and user.pk is not None and user.is_active:
            seen.setdefault(user.pk, user)
    return list(seen.values())


def tell(
    users: Any,
    kind: str,
    *,
    params: dict[str, Any] | None = None,
    url: str = "",
    email: str = "notifications_message",
    context: dict[str, Any] | None = None,
    reply_to: list[str] | None = None,
    message: str = "",
) -> list[Notification]:
    """Tell each person (a user or several) about `kind`: an in-app row and an e-mail, each if she has it on.

    `message` names one of kinds.MESSAGES to say it in other words than the kind's own (the same switch applies).

    The e-mail is `emails/<email>.txt` rendered in her language with `context` (plus `message`, the
    notification's text, and `url`); it is queued with the caller's transaction, as `notify` does.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if message and message not in MESSAGES:
        raise ValueError(f"unknown notification message {message!r}")
    message_key = message or kind
    params = stored_params(params)
    made = []
    for user in _people(users):
        switch = switch_of(user, kind)
        if switch.in_app:
            made.append(
                Notification.objects.create(recipient=user, kind=kind, message=message_key, params=params, url=url)
            )
        if switch.email and user.email:
            language = language_of(user)
            with translation.override(language):
                text = Notification(kind=kind, message=message_key, params=params).text
            notify(
                email,
                [user.email],
                {
                    "message": text,
                    "url": url,
                    "kind": kind,
                    "stop_path": stop_path(user.pk, kind),
                    **(context or {}),
                },
                language=language,
                reply_to=reply_to,
            )
    return made


def record_change(
    target: models.Model,
    verb: str,
    *,
    params: dict[str, Any] | None = None,
    url: str = "",
    audience: Callable[[User], bool] | None = None,
) -> Change | None:
    """Record that a followed thing changed and alert each follower who may still see it, once.

    Nothing is recorded when nobody follows it. The in-app row is made now; the e-mail is a delivery row
    (one per follower and change, by a unique constraint) sent by the task worker at once or in her digest.
    """
    followers = [f.user for f in followers_of(target) if audience is None or audience(f.user)]
    if not followers:
        return None
    change = Change.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        verb=verb,
        params=stored_params({"target": target, **(params or {})}),
        url=url,
    )
    now = timezone.now()
    for user in followers:
        switch = switch_of(user, "followed_change")
        if switch.in_app:
            Notification.objects.create(
                recipient=user, kind="followed_change", message=verb, params=change.params, url=url
            )
        if switch.email and user.email:
            due = digest_due(alert_settings_of(user).frequency, zone_of(user), now)
            Delivery.objects.create(user=user, change=change, due_at=due)
            schedule_alerts(user.pk, due)
    return change


# ----------------------------------------------------------------------------- her own notifications


@transaction.atomic
def do_mark_read(notification: Notification, *, acting_user: User) -> Notification:
    if notification.recipient_id != acting_user.pk:
        raise NotificationRefused("Not hers.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def do_mark_all_read(*, acting_user: User) -> int:
    return Notification.objects.filter(recipient=acting_user).unread().update(read_at=timezone.now())


@transaction.atomic
def do_save_preferences(
    switches: dict[str, tuple[bool, bool]], frequency: str, language: str, *, acting_user: User
) -> None:
    """Save her switches (kind → (in app, by e-mail)), how often she hears of what she follows, and her language."""
    for kind, (in_app, email) in switches.items():
        if kind in KINDS:
            Preference.objects.update_or_create(
                user=acting_user, kind=kind, defaults={"in_app": in_app, "email": email}
            )
    AlertSettings.objects.update_or_create(user=acting_user, defaults={"frequency": frequency, "language": language})
    AuditEvent.record(actor=acting_user, verb="notifications.preferences_saved", target=acting_user)


@transaction.atomic
def do_stop_emails(kind: str, *, acting_user: User) -> None:
    """Turn off e-mails of one kind (the link at the foot of each e-mail)."""
    if kind not in KINDS:
        raise NotificationRefused("No such kind.")
    Preference.objects.update_or_create(user=acting_user, kind=kind, defaults={"email": False})
    AuditEvent.record(actor=acting_user, verb="notifications.emails_stopped", target=acting_user, kind=kind)


# ----------------------------------------------------------------------------- follows


def do_follow(target: models.Model, *, acting_user: User) -> Follow:
    """Follow a thing; following it again changes nothing."""
    content_type = ContentType.objects.get_for_model(target)
    try:
        with transaction.atomic():
            follow, _created = Follow.objects.get_or_create(
                user=acting_user, content_type=content_type, object_id=target.pk
            )
    except IntegrityError:  # two clicks at once: the constraint keeps one
        follow = Follow.objects.get(user=acting_user, content_type=content_type, object_id=target.pk)
    return follow


@transaction.atomic
def do_unfollow(target: models.Model, *, acting_user: User) -> bool:
    content_type = ContentType.objects.get_for_model(target)
    deleted, _ = Follow.objects.filter(user=acting_user, content_type=content_type, object_id=target.pk).delete()
    return bool(deleted)
