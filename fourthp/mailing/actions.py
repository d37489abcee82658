"""Every write of the mailing list.

Signing up writes nothing: it e-mails a link carrying the sign-up, and confirming that link subscribes
(double opt-in). The page answers the same whatever the address has done before; the e-mail says what
happened (no enumeration of who is subscribed). Each subscription and withdrawal records a `Consent`.
Sending a newsletter makes every recipient's `Delivery` row in one transaction with the task that sends
them, so the send either starts whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.backend import DatabaseBackend

from fourthp.accounts.models import AuditEvent, User
from fourthp.briefs.actions import do_check_content
from fourthp.frameworks.models import Pillar
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.mailing.mail import send_already_subscribed, send_confirmation
from fourthp.mailing.models import (
    Consent,
    Delivery,
    MailingList,
    Newsletter,
    Segment,
    Subscriber,
    Subscription,
    Suppression,
)
from fourthp.mailing.queries import recipients_of, subscribers_of_account
from fourthp.mailing.tasks import send_newsletter_batch


class MailingRefused(ValueError):
    """The step asked for is not allowed now; the message says why."""


# --- Signing up -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignupInput:
    email: str
    lists: list[MailingList]
    jurisdiction: Jurisdiction | None
    topics: list[Pillar]


def do_request_subscription(data: SignupInput) -> str:
    """E-mail a confirmation link, or, when the address already has every list asked for, say so by e-mail.

    Returns "sent" or "already" for the tests; the page says the same in both cases.
    """
    email = data.email.strip().lower()
    subscriber = Subscriber.objects.filter(email=email).first()
    wanted = {lst.pk for lst in data.lists}
    if subscriber is not None and wanted <= set(subscriber.subscriptions.values_list("mailing_list_id", flat=True)):
        send_already_subscribed(subscriber)
        return "already"
    signup = {
        "email": email,
        "lists": sorted(wanted),
        "jurisdiction": data.jurisdiction.pk if data.jurisdiction else None,
        "topics": sorted(p.pk for p in data.topics),
        "asked_at": timezone.now().isoformat(),
    }
    send_confirmation(signup, list(data.lists))
    return "sent"


def _account_for(email: str) -> User | None:
    """The account whose verified address this is (the confirmation proved the subscriber holds it)."""
    from allauth.account.models import EmailAddress

    found = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    return found.user if found is not None and found.user.is_active else None


def _subscriber_for(email: str) -> Subscriber:
    try:
        with transaction.atomic():
            subscriber, _created = Subscriber.objects.get_or_create(email=email)
    except IntegrityError:  # confirmed twice at once
        subscriber = Subscriber.objects.get(email=email)
    return subscriber


@transaction.atomic
def do_confirm_subscription(signup: dict[str, Any]) -> Subscriber:
    """Subscribe the address to the lists its confirmed sign-up asked for; confirming again changes nothing."""
    email = str(signup["email"]).lower()
    subscriber = _subscriber_for(email)
    if subscriber.user_id is None:
        subscriber.user = _account_for(email)
    if signup.get("jurisdiction"):
        subscriber.jurisdiction = Jurisdiction.objects.filter(pk=signup["jurisdiction"]).first()
    subscriber.save()
    if signup.get("topics"):
        subscriber.topics.add(*Pillar.objects.filter(pk__in=signup["topics"]))
    asked_at = dt.datetime.fromisoformat(signup["asked_at"]) if signup.get("asked_at") else None
    lists = MailingList.objects.open_to(subscriber.user).filter(pk__in=signup.get("lists") or [])
    for mailing_list in lists:
        _subscribe(subscriber, mailing_list, Consent.Method.SIGNUP, asked_at=asked_at)
    return subscriber


def _subscribe(
    subscriber: Subscriber, mailing_list: MailingList, method: str, *, asked_at: dt.datetime | None = None
) -> None:
    _made, created = Subscription.objects.get_or_create(subscriber=subscriber, mailing_list=mailing_list)
    if created:
        Consent.objects.create(
            subscriber=subscriber,
            list_name=mailing_list.name,
            action=Consent.Action.SUBSCRIBED,
            method=method,
            asked_at=asked_at,
        )


def _unsubscribe(subscriber: Subscriber, mailing_list: MailingList, method: str) -> bool:
    deleted, _rows = Subscription.objects.filter(subscriber=subscriber, mailing_list=mailing_list).delete()
    if deleted:
        Consent.objects.create(
            subscriber=subscriber, list_name=mailing_list.name, action=Consent.Action.UNSUBSCRIBED, method=method
        )
    return bool(deleted)


@transaction.atomic
def do_unsubscribe(subscriber: Subscriber, mailing_list: MailingList, *, one_click: bool) -> bool:
    """Leave one list (by a newsletter's link); True if she was on it."""
    method = Consent.Method.ONE_CLICK if one_click else Consent.Method.PREFERENCES
    return _unsubscribe(subscriber, mailing_list, method)


@transaction.atomic
def do_set_subscriptions(subscriber: Subscriber, chosen: list[MailingList], topics: list[Pillar] | None = None) -> None:
    """Make her lists exactly `chosen` (of the lists she may join), and her topics `topics` if given, from her
    preferences page."""
    if topics is not None:
        subscriber.topics.set(topics)
    wanted = {lst.pk for lst in chosen}
    for mailing_list in MailingList.objects.open_to(subscriber.user):
        if mailing_list.pk in wanted:
            _subscribe(subscriber, mailing_list, Consent.Method.PREFERENCES)
        else:
            _unsubscribe(subscriber, mailing_list, Consent.Method.PREFERENCES)


@transaction.atomic
def do_erase_subscriber(subscriber: Subscriber) -> None:
    """Erase her subscriptions and consent records, and her address from past deliveries.

    A suppression (her address bounced, or she reported a newsletter as spam) is kept: it is what keeps
    newsletters from going to the address again.
    """
    Delivery.objects.filter(subscriber=subscriber).update(email="", subscriber=None)
    subscriber.delete()
    AuditEvent.record(actor=None, verb="mailing.subscriber_erased", target=None)


def forget_account(user: User) -> None:
    """Inside account deletion: erase her subscriptions and consent records, as she could herself."""
    for subscriber in subscribers_of_account(user):
        do_erase_subscriber(subscriber)


# --- Bounces and complaints ---------------------------------------------------------------------


@transaction.atomic
def do_record_suppression(email: str, kind: str) -> Suppression:
    """The mail service reports a bounce or complaint: no later send goes to the address."""
    email = email.strip().lower()
    suppression, created = Suppression.objects.get_or_create(email=email, defaults={"kind": kind})
    if not created and kind == Suppression.Kind.COMPLAINT and suppression.kind != kind:
        suppression.kind = kind
        suppression.save(update_fields=["kind"])
    last = Delivery.objects.filter(email=email, state=Delivery.State.SENT).order_by("-sent_at", "-pk").first()
    if last is not None:
        Delivery.objects.filter(pk=last.pk).update(state=Delivery.State.BOUNCED, error=kind)
    return suppression


# --- The secretariat ------------------------------------------------------------------------------


@transaction.atomic
def do_save_list(mailing_list: MailingList, *, acting_user: User) -> MailingList:
    created = mailing_list.pk is None
    mailing_list.save()
    AuditEvent.record(
        actor=acting_user, verb="mailing.list_created" if created else "mailing.list_changed", target=mailing_list
    )
    return mailing_list


@transaction.atomic
def do_save_segment(segment: Segment, related: dict[str, Any], *, acting_user: User) -> Segment:
    """Save a segment and its jurisdictions, topics and groups (`related`: field name → objects)."""
    created = segment.pk is None
    segment.save()
    for name, objects in related.items():
        getattr(segment, name).set(objects)
    AuditEvent.record(
        actor=acting_user, verb="mailing.segment_created" if created else "mailing.segment_changed", target=segment
    )
    return segment


@transaction.atomic
def do_save_newsletter(newsletter: Newsletter, *, acting_user: User) -> Newsletter:
    if newsletter.pk is not None:
        stored = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if stored.state != Newsletter.State.DRAFT:
            raise MailingRefused(_("This newsletter has been sent; it can no longer be changed."))
    else:
        newsletter.created_by = acting_user
    if newsletter.segment is not None and newsletter.segment.mailing_list_id != newsletter.mailing_list_id:
        raise MailingRefused(_("The segment must be one of the chosen list's segments."))
    newsletter.save()
    AuditEvent.record(actor=acting_user, verb="mailing.newsletter_saved", target=newsletter)
    return newsletter


def _start_sending(newsletter_id: int) -> None:
    """Queue the first batch with this transaction (database backend), or once it commits (any other)."""
    if isinstance(send_newsletter_batch.get_backend(), DatabaseBackend):
        send_newsletter_batch.enqueue(newsletter_id)
    else:
        transaction.on_commit(lambda: send_newsletter_batch.enqueue(newsletter_id))


def newsletter_text(newsletter: Newsletter) -> str:
    """What the content check reads of a newsletter: its body first, then its subject."""
    return f"{newsletter.body}\n\n{newsletter.subject}"


@transaction.atomic
def do_send_newsletter(newsletter: Newsletter, *, acting_user: User, override_reason: str = "") -> int:
    """Evaluate the list and segment now, make every recipient's delivery row, and start sending; how many.

    The content check reads it first: a newsletter it objects to is refused with the problems (`ContentRefused`)
    unless the secretariat gives `override_reason`, which is recorded.
    """
    newsletter = (
        Newsletter.objects.select_for_update(of=("self",))
        .select_related("mailing_list", "segment")
        .get(pk=newsletter.pk)
    )
    if newsletter.state != Newsletter.State.DRAFT:
        raise MailingRefused(_("This newsletter has already been sent."))
    do_check_content(
        newsletter_text(newsletter), target=newsletter, acting_user=acting_user, override_reason=override_reason
    )
    recipients: QuerySet[Subscriber] = recipients_of(newsletter.mailing_list, newsletter.segment)
    rows = [Delivery(newsletter=newsletter, subscriber=s, email=s.email) for s in recipients.order_by("pk")]
    Delivery.objects.bulk_create(rows, batch_size=500)
    newsletter.state = Newsletter.State.SENDING if rows else Newsletter.State.SENT
    newsletter.sent_at = timezone.now()
    newsletter.finished_at = None if rows else newsletter.sent_at
    newsletter.save(update_fields=["state", "sent_at", "finished_at"])
    AuditEvent.record(actor=acting_user, verb="mailing.newsletter_sent", target=newsletter, recipients=len(rows))
    if rows:
        _start_sending(newsletter.pk)
    return len(rows)


@transaction.atomic
def do_retry_failed(newsletter: Newsletter, *, acting_user: User) -> int:
    """Queue the failed recipients again (not the suppressed or erased ones); how many."""
    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    failed = newsletter.deliveries.filter(state=Delivery.State.FAILED, subscriber__isnull=False).exclude(
        email__in=Suppression.objects.values("email")
    )
    count = failed.update(state=Delivery.State.QUEUED, attempts=0, error="")
    if count:
        newsletter.state = Newsletter.State.SENDING
        newsletter.finished_at = None
        newsletter.save(update_fields=["state", "finished_at"])
        AuditEvent.record(actor=acting_user, verb="mailing.newsletter_retried", target=newsletter, recipients=count)
        _start_sending(newsletter.pk)
    return count


def do_resume_stalled_sends() -> int:
    """Resume the sends a stopped worker left (safe at any time): how many newsletters were taken up again.

    1. A recipient left `sending` for longer than MAILING_SENDING_STALE_SECONDS is marked failed: her message
       may have gone, so it is never sent again.
    2. A newsletter still sending with recipients queued gets a new batch task.
    3. One with none left is marked sent.
    """
    stale = timezone.now() - dt.timedelta(seconds=settings.MAILING_SENDING_STALE_SECONDS)
    Delivery.objects.filter(state=Delivery.State.SENDING, claimed_at__lt=stale).update(
        state=Delivery.State.FAILED, error="the worker stopped while sending; not sent again to avoid a second copy"
    )
    resumed = 0
    for newsletter_id in Newsletter.objects.filter(state=Newsletter.State.SENDING).values_list("pk", flat=True):
        if Delivery.objects.filter(newsletter_id=newsletter_id, state=Delivery.State.QUEUED).exists():
            send_newsletter_batch.enqueue(newsletter_id)
            resumed += 1
        elif not Delivery.objects.filter(newsletter_id=newsletter_id, state=Delivery.State.SENDING).exists():
            Newsletter.objects.filter(pk=newsletter_id, state=Newsletter.State.SENDING).update(
                state=Newsletter.State.SENT, finished_at=timezone.now()
            )
    return resumed
