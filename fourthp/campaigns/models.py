"""Sign-on campaigns: a statement the secretariat publishes, the signatures it gathers, and its delivery.

A campaign is a draft (seen by the secretariat alone), open for signatures, closed, or delivered
(handed to its recipients, which is recorded). Its audience says who may sign: legislator members
only, any member, or the public. A public signer's signature counts only once she has followed the
confirmation link e-mailed to her; a member's counts at once. One e-mail address, and one account,
signs a campaign once. A signer's name is listed publicly only if she chose so; the count includes
everyone confirmed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fourthp.accounts.access import has_role
from fourthp.accounts.roles import Role
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction

MAX_STATEMENT_CHARS = 20_000
MAX_GOAL = 10_000_000


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def visible_to(self, user: Any) -> CampaignQuerySet:
        """The campaigns `user` may see: the query twin of `access.can_see_campaign`."""
        if has_role(user, Role.SECRETARIAT):
            return self
        return self.exclude(state=Campaign.State.DRAFT)


class Campaign(models.Model):
    class Audience(models.TextChoices):
        LEGISLATORS = "legislators", _("legislator members only")
        MEMBERS = "members", _("members")
        PUBLIC = "public", _("the public")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open for signatures")
        CLOSED = "closed", _("closed")
        DELIVERED = "delivered", _("delivered")

    title = models.CharField(_("title"), max_length=200, help_text=_("What the statement is called."))
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("The campaign's name in its address, e.g. close-the-gap.")
    )
    statement = models.TextField(
        _("statement"),
        max_length=MAX_STATEMENT_CHARS,
        help_text=_("The text people sign, in the campaign's language; Markdown."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the statement is written in."),
    )
    statement_translations = models.JSONField(
        _("translations of the statement"),
        default=dict,
        blank=True,
        help_text=_("The statement in other languages, by language code; readers see their own when there is one."),
    )
    audience = models.CharField(
        _("who may sign"),
        max_length=12,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_("Legislator members only, any member, or anyone who confirms an e-mail address."),
    )
    goal = models.PositiveIntegerField(
        _("goal"),
        null=True,
        blank=True,
        help_text=_("How many signatures the campaign aims for; empty for none."),
    )
    opens_on = models.DateField(
        _("opens on"), null=True, blank=True, help_text=_("The first day signatures are taken; empty for at once.")
    )
    closes_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("The last day signatures are taken; empty for no end.")
    )
    provisions = models.ManyToManyField(
        Provision,
        blank=True,
        related_name="campaigns",
        verbose_name=_("related provisions"),
        help_text=_("Framework provisions the statement is about."),
    )
    jurisdictions = models.ManyToManyField(
        Jurisdiction,
        blank=True,
        related_name="campaigns",
        verbose_name=_("related jurisdictions"),
        help_text=_("Jurisdictions the statement is addressed to or about."),
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=State.choices,
        default=State.DRAFT,
        help_text=_("A draft is seen by the secretariat only; only an open campaign takes signatures."),
    )
    delivered_to = models.CharField(
        _("delivered to"),
        max_length=300,
        blank=True,
        help_text=_("Who the letter was handed or sent to, and how."),
    )
    delivered_at = models.DateTimeField(
        _("delivered at"), null=True, blank=True, help_text=_("When the letter was delivered.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who created the campaign."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the campaign was created."))
    changed_at = models.DateTimeField(
        default=timezone.now, help_text=_("When the campaign was last changed; a newer letter PDF is made after it.")
    )

    history = HistoricalRecords()
    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__isnull=True) | Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="campaign_closes_after_opening",
            ),
            models.CheckConstraint(condition=Q(goal__isnull=True) | Q(goal__gte=1), name="campaign_goal_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaign-detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The campaign must close on or after the day it opens.")})

    @property
    def taking_signatures(self) -> bool:
        """Open, and today within its opening and closing dates."""
        today = timezone.localdate()
        if self.state != self.State.OPEN:
            return False
        if self.opens_on is not None and today < self.opens_on:
            return False
        return self.closes_on is None or today <= self.closes_on

    @property
    def is_delivered(self) -> bool:
        return self.state == self.State.DELIVERED

    def statement_in(self, language: str) -> str:
        """The statement in `language` when translated, else in its own language."""
        text = (self.statement_translations or {}).get(language, "")
        return text if isinstance(text, str) and text.strip() else self.statement


class SignatureQuerySet(models.QuerySet["Signature"]):
    def counted(self) -> SignatureQuerySet:
        return self.filter(state=Signature.State.CONFIRMED)

    def listed(self) -> SignatureQuerySet:
        """Counted signatures whose signers chose to have their names shown."""
        return self.counted().filter(show_name=True).exclude(name="")

    def active(self) -> SignatureQuerySet:
        return self.exclude(state=Signature.State.WITHDRAWN)


class Signature(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("waiting for e-mail confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="signatures", help_text=_("The campaign signed.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_signatures",
        help_text=_("The member who signed; empty for a public signer or a deleted account."),
    )
    name = models.CharField(_("name"), max_length=150, blank=True, help_text=_("The name signed with."))
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("The signer's organisation or office, if any.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the signer lives or serves; the letter groups signatories by country."),
    )
    email = models.EmailField(
        _("e-mail address"),
        max_length=254,
        blank=True,
        help_text=_("A public signer's address, in lower case; never shown. Empty for members."),
    )
    is_legislator = models.BooleanField(
        default=False, help_text=_("Signed by an account holding the legislator member role when it signed.")
    )
    show_name = models.BooleanField(
        _("show my name"), default=False, help_text=_("The signer agreed to have her name listed publicly.")
    )
    state = models.CharField(
        max_length=10,
        choices=State.choices,
        help_text=_("Waiting for confirmation (public signers), counted, or withdrawn."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the signature was given."))
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text=_("When it began to count."))
    withdrawn_at = models.DateTimeField(null=True, blank=True, help_text=_("When the signer withdrew it."))
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the signer's account was deleted and her details removed.")
    )
    changed_at = models.DateTimeField(default=timezone.now, help_text=_("When the signature last changed."))

    objects = SignatureQuerySet.as_manager()

    class Meta:
        ordering = ["confirmed_at", "created_at", "pk"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "email"],
                condition=~Q(state="withdrawn") & ~Q(email=""),
                name="one_signature_per_address_and_campaign",
            ),
            models.UniqueConstraint(
                fields=["campaign", "user"],
                condition=~Q(state="withdrawn") & Q(user__isnull=False),
                name="one_signature_per_account_and_campaign",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "state"], name="signature_by_state")]

    def __str__(self) -> str:
        return f"signature {self.pk} on {self.campaign_id} ({self.state})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.changed_at = timezone.now()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "changed_at"}
        super().save(*args, **kwargs)


class LetterPdf(models.Model):
    """A campaign's letter with its signatories, printed to PDF by the task worker.

    One row per (campaign, language, data date): the data date is the latest change to the campaign
    or its signatures when asked, so a new signature gives a new row and older ones are removed once
    it is made. Kept in the database, which every web server and worker share.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", help_text=_("The campaign whose letter it is.")
    )
    language = models.CharField(max_length=8, help_text=_("The language the PDF is printed in."))
    data_date = models.DateTimeField(help_text=_("The latest change to the campaign or its signatures when asked."))
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING, help_text=_("Its state."))
    pdf = models.BinaryField(blank=True, default=b"", help_text=_("The PDF file, once made."))
    requested_at = models.DateTimeField(help_text=_("When it was last asked to be made."))
    made_at = models.DateTimeField(null=True, blank=True, help_text=_("When the task worker finished it."))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "language", "data_date"], name="letter_pdf_one_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} · {self.language} · {self.data_date:%Y-%m-%d %H:%M:%S}"


# A pending PDF older than this was left by a stopped worker: asking again makes it anew.
LETTER_PDF_STALE = dt.timedelta(minutes=10)
