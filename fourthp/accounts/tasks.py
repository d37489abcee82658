from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    subject: str,
    body: str,
    to: list[str],
    html_body: str = "",
    from_email: str | None = None,
) -> int:
    """Send one e-mail from the task worker, so a slow mail server never slows a page."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
