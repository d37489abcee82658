"""Notification e-mails: rendered from templates, sent by the task worker once the transaction commits.

Every e-mail the platform sends to a member goes through `notify()`. Its
subject is the first line of `templates/emails/<name>.txt` and the rest is
the body, so that one file holds one message and is translated like any
template (plain text: HTML escaping is undone). Sending waits for the surrounding transaction to commit: a write
that fails half way never tells anybody it happened.

With the database task backend (the default) the messages are queued inside the
caller's transaction, so they exist exactly when the write does: a process killed
between the commit and the queueing cannot lose them. Each message is one task,
and a task is never run twice (django-tasks-db does not retry a task a stopped
worker had taken), so every message is sent at most once; the only one a stopped
worker can lose is the one it was handing to the mail server when it stopped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks_db.backend import DatabaseBackend

from fourthp.accounts.site import site_url
from fourthp.accounts.tasks import send_email
from fourthp.lib.faults import pause_point


def render_email(name: str, context: dict[str, Any]) -> tuple[str, str]:
    """The subject (first line) and body (the rest) of `emails/<name>.txt`."""
    # Templates escape HTML; a plain-text message must read "O'Neil", not "O&#x27;Neil".
    text = html.unescape(render_to_string(f"emails/{name}.txt", {"site_url": site_url(), **context})).strip()
    subject, _, body = text.partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def notify(
    name: str,
    to: Iterable[str],
    context: dict[str, Any],
    *,
    attachments: list[tuple[str, str, str]] | None = None,
    reply_to: list[str] | None = None,
    language: str | None = None,
) -> None:
    """Queue `emails/<name>.txt` to each address once the current transaction commits."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        subject, body = render_email(name, context)
    packed = [[filename, content, mimetype] for filename, content, mimetype in attachments or []]

    def enqueue() -> None:
        for address in recipients:
            pause_point("mail.queue")
            send_email.enqueue(subject=subject, body=body, to=[address], attachments=packed, reply_to=reply_to)

    if isinstance(send_email.get_backend(), DatabaseBackend):
        enqueue()  # in the caller's transaction: committed with the write, or not at all
    else:
        transaction.on_commit(enqueue)
