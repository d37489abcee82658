"""Sending a newsletter, run by the task worker: claim one recipient, hand her message to the mail server,
mark it sent in its own transaction, and so on for a batch.

Every recipient's `Delivery` row exists before the first message goes out. A recipient is claimed by moving
her row from queued to sending (on PostgreSQL the row is chosen with SELECT … FOR UPDATE SKIP LOCKED, so two
workers never take the same one; on SQLite the conditional update is the claim), and marked sent right after
the mail server accepts the message. A worker stopped half way leaves the rest queued, and the sweep
(`do_resume_stalled_sends`) takes them up; the one row it may leave in sending is marked failed, never sent
again, because the message may already have gone: nobody is sent two copies.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from fourthp.core.pages import markdown_html
from fourthp.lib.faults import pause_point
from fourthp.mailing.mail import preferences_url, unsubscribe_url
from fourthp.mailing.models import Delivery, Newsletter, Subscriber, Suppression

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def plain_text(markdown: str) -> str:
    """The Markdown as a plain-text part: it reads as text already, but for links, written out as `text (address)`."""
    return _LINK.sub(r"\1 (\2)", markdown).strip() + "\n"


def build_message(newsletter: Newsletter, subscriber: Subscriber) -> EmailMultiAlternatives:
    """The newsletter for one subscriber, with the one-click unsubscribe headers of RFC 8058."""
    unsubscribe = unsubscribe_url(subscriber, newsletter.mailing_list)
    context = {
        "newsletter": newsletter,
        "list": newsletter.mailing_list,
        "unsubscribe_url": unsubscribe,
        "preferences_url": preferences_url(subscriber),
    }
    text = render_to_string("mailing/newsletter_email.txt", {**context, "body": plain_text(newsletter.body)})
    html = render_to_string("mailing/newsletter_email.html", {**context, "body": markdown_html(newsletter.body)})
    message = EmailMultiAlternatives(
        newsletter.subject,
        text,
        None,
        [subscriber.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    message.attach_alternative(html, "text/html")
    return message


def _claim_next(newsletter_id: int) -> Delivery | None:
    """Move one queued recipient to sending and return her row; None when none is left to take."""
    waiting = Delivery.objects.filter(newsletter_id=newsletter_id, state=Delivery.State.QUEUED).order_by(
        "attempts", "pk"
    )
    now = timezone.now()
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            candidates = list(waiting.select_for_update(skip_locked=True).values_list("pk", flat=True)[:1])
        else:
            candidates = list(waiting.values_list("pk", flat=True)[:10])
        for pk in candidates:
            taken = Delivery.objects.filter(pk=pk, state=Delivery.State.QUEUED).update(
                state=Delivery.State.SENDING, attempts=F("attempts") + 1, claimed_at=now
            )
            if taken:
                return Delivery.objects.select_related("subscriber").get(pk=pk)
    return None


def _settle(delivery: Delivery, **fields: object) -> None:
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.SENDING).update(**fields)


def _send_one(newsletter: Newsletter, delivery: Delivery, mail_connection: object) -> None:
    subscriber = delivery.subscriber
    if subscriber is None or Suppression.objects.filter(email=delivery.email).exists():
        # Erased, or reported as bouncing or complaining since the send began.
        _settle(delivery, state=Delivery.State.FAILED, error="not sent: the address was erased or suppressed")
        return
    message = build_message(newsletter, subscriber)
    message.connection = mail_connection  # type: ignore[assignment]
    try:
        message.send()
    except Exception as exc:
        close = getattr(mail_connection, "close", None)
        if close is not None:
            close()  # the next message opens a fresh connection
        again = delivery.attempts < settings.MAILING_MAX_ATTEMPTS
        _settle(
            delivery,
            state=Delivery.State.QUEUED if again else Delivery.State.FAILED,
            error=(str(exc) or type(exc).__name__)[:300],
        )
        return
    _settle(delivery, state=Delivery.State.SENT, sent_at=timezone.now(), error="")


def _finish_if_done(newsletter_id: int) -> None:
    open_states = (Delivery.State.QUEUED, Delivery.State.SENDING)
    if not Delivery.objects.filter(newsletter_id=newsletter_id, state__in=open_states).exists():
        Newsletter.objects.filter(pk=newsletter_id, state=Newsletter.State.SENDING).update(
            state=Newsletter.State.SENT, finished_at=timezone.now()
        )


def send_batch(newsletter_id: int) -> tuple[int, bool]:
    """Send to up to MAILING_BATCH_SIZE queued recipients; how many were handled, and whether any remain queued."""
    newsletter = Newsletter.objects.select_related("mailing_list").filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.state != Newsletter.State.SENDING:
        return 0, False
    handled = 0
    mail_connection = get_connection()
    try:
        while handled < settings.MAILING_BATCH_SIZE:
            delivery = _claim_next(newsletter_id)
            if delivery is None:
                break
            handled += 1
            _send_one(newsletter, delivery, mail_connection)
            pause_point("mailing.sent")
    finally:
        mail_connection.close()
    remaining = Delivery.objects.filter(newsletter_id=newsletter_id, state=Delivery.State.QUEUED).exists()
    if not remaining:
        _finish_if_done(newsletter_id)
    return handled, remaining
