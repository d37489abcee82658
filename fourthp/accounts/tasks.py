from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from fourthp.lib.faults import pause_point


@task()
def send_email(
    subject: str,
    body: str,
    to: list[str],
    html_body: str = "",
    from_email: str | None = None,
    attachments: list[list[str]] | None = None,
    reply_to: list[str] | None = None,
) -> int:
    """Send one e-mail from the task worker, so a slow mail server never slows a page.

    `attachments` are `[filename, content, mimetype]` triples of text (an iCalendar file, say),
    kept as plain lists so that the task's arguments stay JSON.
    """
    message = EmailMultiAlternatives(subject, body, from_email, to, reply_to=reply_to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    sent = message.send()
    pause_point("mail.sent")
    return sent
