from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.ratelimit import get_ip
from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.site import current_site, on_site
from fourthp.accounts.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    """Account e-mails (verification, password reset) go out through the task worker, and failed
    sign-ins are counted per account and address.

    Their links point at SITE_URL, like every other e-mail, never at the host a request named.
    """

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Too many failed sign-ins to this account. Wait a few minutes and try again, or reset your password."
        ),
    }

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth counts the "per key" part of ACCOUNT_RATE_LIMITS["login_failed"] on the e-mail
        # address alone, so anyone anywhere could lock an account against its owner by failing
        # five times. Keyed on the pair (account, client address), failures from elsewhere never
        # reach the owner's own address (see docs/operations.md, "Sign-in throttling").
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{get_ip(request)}"

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
