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


# --- Writing to a representative ------------------------------------------------------------------

MAX_LETTER_CHARS = 10_000


def _translated(own: str, translations: dict[str, Any] | None, language: str, key: str | None = None) -> str:
    """`own` in `language` when a translation is there, else `own` (keyed translations take `key`)."""
    found = (translations or {}).get(language)
    if key is not None:
        found = found.get(key) if isinstance(found, dict) else None
    return found if isinstance(found, str) and found.strip() else own


class LetterTemplateQuerySet(models.QuerySet["LetterTemplate"]):
    def in_use(self) -> LetterTemplateQuerySet:
        return self.filter(in_use=True)


class LetterTemplate(models.Model):
    """A letter a visitor starts from: about one provision (for a gap of her jurisdiction) or generic.

    The secretariat writes them in the admin. `{jurisdiction}` and `{provision}` in the text are replaced by
    the names of the visitor's jurisdiction and of the provision when she starts writing.
    """

    key = models.SlugField(
        _("key"), max_length=80, unique=True, help_text=_("A short stable name, e.g. debt-bondage-offence.")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("What the letter asks for, in a line."))
    provision = models.ForeignKey(
        Provision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="letter_templates",
        verbose_name=_("provision"),
        help_text=_("The provision the letter is about; empty for a letter on any gap."),
    )
    subject = models.CharField(_("subject"), max_length=200, help_text=_("The subject line of the letter."))
    body = models.TextField(
        _("text"),
        max_length=MAX_LETTER_CHARS,
        help_text=_("The letter in English; {jurisdiction} and {provision} are replaced when she starts writing."),
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('By language code: {"fr": {"title": …, "subject": …, "body": …}}.'),
    )
    in_use = models.BooleanField(_("in use"), default=True, help_text=_("Offered to visitors."))
    order = models.PositiveIntegerField(_("order"), default=0, help_text=_("Smaller numbers are offered first."))
    changed_at = models.DateTimeField(auto_now=True, help_text=_("When the template last changed."))

    objects = LetterTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title", "pk"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self) -> str:
        return self.title

    def text_in(self, language: str, field: str) -> str:
        return _translated(str(getattr(self, field)), self.translations, language, field)


class Letter(models.Model):
    """A letter a visitor asked the platform to send to legislators: sent once she confirms her address.

    The row is the record of what was sent, to whom and when. Her address is never shown on a page.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for e-mail confirmation")
        SENT = "sent", _("sent")

    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="+", help_text=_("The jurisdiction she wrote about.")
    )
    template = models.ForeignKey(
        LetterTemplate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters",
        help_text=_("The template she started from."),
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="letters_received", help_text=_("The legislators written to.")
    )
    recipient_names = models.CharField(
        max_length=1000, blank=True, help_text=_("The names of the legislators as she saw them.")
    )
    subject = models.CharField(_("subject"), max_length=200, help_text=_("The subject line."))
    body = models.TextField(_("letter"), max_length=MAX_LETTER_CHARS, help_text=_("The letter as she wrote it."))
    sender_name = models.CharField(_("your name"), max_length=150, help_text=_("Her name, signed under the letter."))
    sender_email = models.EmailField(
        _("your e-mail address"), max_length=254, help_text=_("Her address, in lower case; never shown.")
    )
    sender_town = models.CharField(_("town"), max_length=150, blank=True, help_text=_("Her town, if she gave it."))
    language = models.CharField(max_length=8, default="en", help_text=_("The language she wrote in."))
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING, help_text=_("Waiting, or sent.")
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True, help_text=_("When she wrote it."))
    sent_at = models.DateTimeField(null=True, blank=True, help_text=_("When the platform sent it."))

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("letter to legislators")
        verbose_name_plural = _("letters to legislators")
        indexes = [models.Index(fields=["sender_email", "created_at"], name="letter_by_sender")]

    def __str__(self) -> str:
        return f"letter {self.pk} ({self.state})"


# --- Inquiries to agencies --------------------------------------------------------------------------


class InquiryQuerySet(models.QuerySet["Inquiry"]):
    def published(self) -> InquiryQuerySet:
        return self.filter(published=True)

    def visible_to(self, user: Any) -> InquiryQuerySet:
        """The inquiries `user` may see: the query twin of `access.can_see_inquiry`."""
        if has_role(user, Role.SECRETARIAT):
            return self
        if user is not None and getattr(user, "is_authenticated", False):
            return self.filter(Q(published=True) | Q(owner=user))
        return self.published()


class Inquiry(models.Model):
    """A legislator's question to an agency, tracked to its answer; public only once she publishes it."""

    class State(models.TextChoices):
        SENT = "sent", _("sent")
        OVERDUE = "overdue", _("overdue")
        ANSWERED = "answered", _("answered")
        WITHDRAWN = "withdrawn", _("withdrawn")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="inquiries",
        help_text=_("The legislator member who sent the inquiry."),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="inquiries",
        verbose_name=_("jurisdiction"),
        help_text=_("The jurisdiction whose agency was asked."),
    )
    agency = models.CharField(_("agency"), max_length=200, help_text=_("The agency or ministry asked."))
    question = models.TextField(_("question"), max_length=MAX_LETTER_CHARS, help_text=_("The question as sent."))
    sent_on = models.DateField(_("date sent"), help_text=_("When the question was sent."))
    due_on = models.DateField(_("answer due"), help_text=_("When an answer is due; after it, you get a reminder."))
    reference = models.CharField(
        _("reference"), max_length=100, blank=True, help_text=_("The agency's or parliament's reference, if any.")
    )
    answer = models.TextField(_("answer"), max_length=MAX_LETTER_CHARS * 3, blank=True, help_text=_("The answer."))
    answered_on = models.DateField(_("date answered"), null=True, blank=True, help_text=_("When it was answered."))
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.SENT, help_text=_("Where it stands.")
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Question and answer are shown publicly.")
    )
    reminder_sent_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the owner was reminded that the answer is overdue.")
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When it was recorded."))
    changed_at = models.DateTimeField(default=timezone.now, help_text=_("When it last changed."))

    objects = InquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("sent_on")), name="inquiry_due_after_sent"),
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.question[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("inquiry-detail", kwargs={"inquiry": self.pk})

    @property
    def is_open(self) -> bool:
        return self.state in (self.State.SENT, self.State.OVERDUE)

    @property
    def shown_state(self) -> str:
        """The status as it stands today: a sent inquiry past its due date is overdue even before the reminder."""
        if self.state == self.State.SENT and self.due_on < timezone.localdate():
            return self.State.OVERDUE.value
        return str(self.state)


# --- Awareness statements and op-ed kits ---------------------------------------------------------------


class OpEdKitQuerySet(models.QuerySet["OpEdKit"]):
    def visible_to(self, user: Any) -> OpEdKitQuerySet:
        if has_role(user, Role.SECRETARIAT, Role.ANALYST):
            return self
        return self.filter(published=True)


DEFAULT_GUIDANCE = (
    "Write about the law and what it lacks, not about suffering. Name the gap, the provision that would close "
    "it and what other jurisdictions have done. Cite each figure with its source and year, and never round a "
    "figure up or present an estimate as a count. Avoid images of chains, bound hands or victims; people who "
    "have lived through exploitation are not illustrations. Prefer “people in forced labour” to “slaves”."
)


class OpEdKit(models.Model):
    """An awareness statement or op-ed kit: a summary, talking points on provisions, sourced figures, guidance."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("Its name in its address."))
    title = models.CharField(_("title"), max_length=200, help_text=_("The kit's title."))
    summary = models.TextField(_("summary"), max_length=2_000, help_text=_("What the kit is for, in a few lines."))
    guidance = models.TextField(
        _("guidance on wording"),
        max_length=4_000,
        default=DEFAULT_GUIDANCE,
        help_text=_("How to write about the subject without sensational wording; Markdown."),
    )
    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_('By language code: {"fr": {"title": …, "summary": …, "guidance": …}}.'),
    )
    statistics = models.ManyToManyField(
        "statistics.Statistic",
        blank=True,
        related_name="op_ed_kits",
        verbose_name=_("figures cited"),
        help_text=_("Figures of the statistics registry the kit cites; only sourced, current ones."),
    )
    published = models.BooleanField(_("published"), default=False, help_text=_("Shown publicly."))
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the kit was made."))
    changed_at = models.DateTimeField(auto_now=True, help_text=_("When it last changed."))

    objects = OpEdKitQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("op-ed kit")
        verbose_name_plural = _("op-ed kits")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("op-ed-kit-detail", kwargs={"kit": self.slug})

    def text_in(self, language: str, field: str) -> str:
        return _translated(str(getattr(self, field)), self.translations, language, field)


class TalkingPoint(models.Model):
    """One talking point of a kit, about a framework provision (or the kit's subject as a whole)."""

    kit = models.ForeignKey(OpEdKit, on_delete=models.CASCADE, related_name="points", help_text=_("The kit."))
    provision = models.ForeignKey(
        Provision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="talking_points",
        verbose_name=_("provision"),
        help_text=_("The framework provision the point is about, if one."),
    )
    text = models.TextField(_("talking point"), max_length=2_000, help_text=_("The point; Markdown."))
    translations = models.JSONField(
        _("translations"), default=dict, blank=True, help_text=_("The point by language code.")
    )
    order = models.PositiveIntegerField(_("order"), default=0, help_text=_("Smaller numbers come first."))

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("talking point")
        verbose_name_plural = _("talking points")

    def __str__(self) -> str:
        return self.text[:60]

    def text_in(self, language: str) -> str:
        return _translated(self.text, self.translations, language)
