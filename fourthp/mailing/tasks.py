"""Newsletters are sent by the task worker, one batch per task."""

from __future__ import annotations

from django_tasks import task

from fourthp.mailing.sending import send_batch


@task()
def send_newsletter_batch(newsletter_id: int) -> int:
    """Send one batch; while recipients remain queued, queue the next batch."""
    handled, remaining = send_batch(newsletter_id)
    if remaining and handled:
        send_newsletter_batch.enqueue(newsletter_id)
    return handled
