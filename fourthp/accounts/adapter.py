from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives

from fourthp.accounts.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """Account e-mails (verification, password reset) go out through the task worker."""

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        message: EmailMessage = self.render_mail(template_prefix, email, context)
        html_body = ""
        if isinstance(message, EmailMultiAlternatives):
            for content, mimetype in message.alternatives:
                if mimetype == "text/html":
                    html_body = str(content)
        send_email.enqueue(
            subject=str(message.subject),
            body=str(message.body),
            to=list(message.to),
            html_body=html_body,
            from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        )
