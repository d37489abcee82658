"""Contact requests between peers, sent through the platform.

A member asks to be put in touch with another member who agreed to be
contacted. Neither e-mail address is revealed until the recipient accepts;
then each is told the other's address. The rows are the secretariat's record
of who asked whom, and when.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fourthp.frameworks.models import Provision


class ContactRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests_sent",
        help_text=_("Who asked; empty once her account is deleted."),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests_received",
        help_text=_("Who was asked; empty once her account is deleted."),
    )
    provision = models.ForeignKey(
        Provision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The provision the request is about, if it came from the peer finder."),
    )
    message = models.TextField(max_length=2000, help_text=_("What the sender wrote; shown to the recipient only."))
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING, help_text=_("Answer."))
    created_at = models.DateTimeField(default=timezone.now, db_index=True, help_text=_("When it was sent."))
    answered_at = models.DateTimeField(null=True, blank=True, help_text=_("When the recipient answered."))

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=Q(state="pending"),
                name="one_pending_contact_request_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"contact request {self.pk} ({self.state})"
