from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives

from fourthp.accounts.site import current_site, on_site
from fourthp.accounts.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """Account e-mails (verification, password reset) go out through the task worker.

    Their links point at SITE_URL, like every other e-mail, never at the host a request named.
    """

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))

    def get_email_confirmation_url(self, request: Any, emailconfirmation: Any) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # The templates greet with the site's name ("Hello from Fourth P!"), which allauth's own
        # send_mail adds to the context and this one must add too.
        context = {"email": email, "current_site": current_site(), **context}
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
