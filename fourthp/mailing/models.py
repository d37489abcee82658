"""The mailing list: lists, their subscribers and segments, newsletters and each recipient's delivery.

Nobody is subscribed until she follows the confirmation link e-mailed to her (double opt-in): the
sign-up form writes nothing, the link carries what she asked for. Each agreement and withdrawal is
kept as a `Consent` (when and how, never from which network address), which she sees and may erase
on her preferences page. A `Segment` is a saved filter over a list's subscribers, evaluated when a
newsletter is sent. Each recipient of a newsletter has a `Delivery` row, made before the first
message goes out, so a send stopped half way resumes without mailing anyone twice. An address that
bounced or complained is a `Suppression` that every later send skips.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.access import has_role
from fourthp.accounts.roles import Role
from fourthp.frameworks.models import Pillar
from fourthp.groups.models import GroupMembership, WorkingGroup
from fourthp.jurisdictions.models import Jurisdiction

MAX_BODY_CHARS = 50_000


class MailingListQuerySet(models.QuerySet["MailingList"]):
    def open_to(self, user: Any) -> MailingListQuerySet:
        """The lists `user` may join: the query twin of `access.can_join_list`."""
        if has_role(user, Role.MEMBER):
            return self
        return self.filter(audience=MailingList.Audience.PUBLIC)


class MailingList(models.Model):
    class Audience(models.TextChoices):
        PUBLIC = "public", _("anyone")
        MEMBERS = "members", _("members only")

    name = models.CharField(
        _("name"), max_length=120, unique=True, help_text=_("The list's name, as subscribers see it.")
    )
    description = models.TextField(
        _("description"), max_length=1_000, blank=True, help_text=_("What the list sends, and how often.")
    )
    audience = models.CharField(
        _("who may join"),
        max_length=8,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_("Anyone who confirms an address, or members only (their newsletters go to members' accounts)."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the list was made."))

    objects = MailingListQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")

    def __str__(self) -> str:
        return self.name


class Subscriber(models.Model):
    email = models.EmailField(
        _("e-mail address"), max_length=254, unique=True, help_text=_("The confirmed address, in lower case.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mailing_subscribers",
        help_text=_("The account holding this verified address, if any: segments by role and group read it."),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("where you live"),
        help_text=_("Where the subscriber said she lives, if she did."),
    )
    topics = models.ManyToManyField(
        Pillar,
        blank=True,
        related_name="+",
        verbose_name=_("topics"),
        help_text=_("Framework pillars the subscriber said she follows."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the address was first confirmed."))

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions", help_text=_("Who is subscribed.")
    )
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="subscriptions", help_text=_("The list.")
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the subscription began."))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "mailing_list"], name="one_subscription_per_list")]

    def __str__(self) -> str:
        return f"{self.subscriber_id} on {self.mailing_list_id}"


class Consent(models.Model):
    """One agreement to, or withdrawal from, one list: when and how (no network address is kept)."""

    class Action(models.TextChoices):
        SUBSCRIBED = "subscribed", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    class Method(models.TextChoices):
        SIGNUP = "signup", _("the sign-up form, confirmed by the e-mailed link")
        PREFERENCES = "preferences", _("the preferences page")
        ONE_CLICK = "one-click", _("the unsubscribe link of a newsletter")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents", help_text=_("Whose record it is.")
    )
    list_name = models.CharField(max_length=120, help_text=_("The list's name at the time (kept if the list goes)."))
    action = models.CharField(max_length=12, choices=Action.choices, help_text=_("Agreed or withdrew."))
    method = models.CharField(max_length=12, choices=Method.choices, help_text=_("How."))
    asked_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the sign-up form was sent, for a subscription by the form.")
    )
    recorded_at = models.DateTimeField(default=timezone.now, help_text=_("When it took effect."))

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.subscriber_id} {self.action} {self.list_name}"


class Segment(models.Model):
    """A saved filter over a list's subscribers; each condition left empty does not filter.

    A subscriber matches when she meets every condition given, and a condition when any of its values
    fits: her account's roles, her jurisdiction (hers as a subscriber or her profile's) and its UN M49
    region or subregion, her topics (as a subscriber or in her profile), her working groups.
    """

    SEGMENT_ROLES = (
        Role.MEMBER,
        Role.STUDENT,
        Role.LEGISLATOR,
        Role.STAFF,
        Role.ANALYST,
        Role.REVIEWER,
        Role.SECRETARIAT,
    )

    name = models.CharField(_("name"), max_length=120, help_text=_("What the segment is, e.g. legislators in Europe."))
    mailing_list = models.ForeignKey(
        MailingList,
        on_delete=models.CASCADE,
        related_name="segments",
        verbose_name=_("list"),
        help_text=_("The list whose subscribers it filters."),
    )
    roles = models.JSONField(default=list, blank=True, help_text=_("Roles of the subscriber's account; any of them."))
    jurisdictions = models.ManyToManyField(
        Jurisdiction, blank=True, related_name="+", help_text=_("Jurisdictions; any of them.")
    )
    regions = models.JSONField(
        default=list, blank=True, help_text=_("UN M49 region or subregion codes, such as 150 for Europe; any of them.")
    )
    topics = models.ManyToManyField(
        Pillar, blank=True, related_name="+", help_text=_("Framework pillars; any of them.")
    )
    groups = models.ManyToManyField(
        WorkingGroup, blank=True, related_name="+", help_text=_("Working groups the account is active in; any of them.")
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the segment was made."))

    class Meta:
        ordering = ["mailing_list__name", "name"]

    def __str__(self) -> str:
        return f"{self.mailing_list} · {self.name}"

    def apply(self, subscribers: models.QuerySet[Subscriber]) -> models.QuerySet[Subscriber]:
        """`subscribers` narrowed to those the segment's conditions fit now."""
        roles = set(self.roles or [])
        if roles:
            condition = Q(user__groups__name__in=sorted(roles))
            if Role.MEMBER.value in roles:  # every account is a member
                condition |= Q(user__isnull=False)
            subscribers = subscribers.filter(condition, user__is_active=True)
        jurisdictions = list(self.jurisdictions.values_list("pk", flat=True))
        if jurisdictions:
            subscribers = subscribers.filter(
                Q(jurisdiction__in=jurisdictions) | Q(user__profile__jurisdiction__in=jurisdictions)
            )
        regions = [code for code in self.regions or [] if code]
        if regions:
            subscribers = subscribers.filter(
                Q(jurisdiction__region_code__in=regions)
                | Q(jurisdiction__subregion_code__in=regions)
                | Q(user__profile__jurisdiction__region_code__in=regions)
                | Q(user__profile__jurisdiction__subregion_code__in=regions)
            )
        topics = list(self.topics.values_list("pk", flat=True))
        if topics:
            subscribers = subscribers.filter(Q(topics__in=topics) | Q(user__profile__topic_pillars__in=topics))
        groups = list(self.groups.values_list("pk", flat=True))
        if groups:
            subscribers = subscribers.filter(
                user__group_memberships__group__in=groups,
                user__group_memberships__state=GroupMembership.State.ACTIVE,
            )
        return subscribers.distinct()


class Newsletter(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    subject = models.CharField(_("subject"), max_length=200, help_text=_("The e-mail's subject line."))
    body = models.TextField(
        _("body"), max_length=MAX_BODY_CHARS, help_text=_("The message in Markdown; sent as HTML and as plain text.")
    )
    mailing_list = models.ForeignKey(
        MailingList,
        on_delete=models.PROTECT,
        related_name="newsletters",
        verbose_name=_("list"),
        help_text=_("The list it is sent to."),
    )
    segment = models.ForeignKey(
        Segment,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="newsletters",
        verbose_name=_("segment"),
        help_text=_("Only the list's subscribers in this segment, evaluated when it is sent; empty for all."),
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.DRAFT, help_text=_("Its state."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", help_text=_("Who wrote it.")
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When it was written."))
    sent_at = models.DateTimeField(null=True, blank=True, help_text=_("When the secretariat sent it."))
    finished_at = models.DateTimeField(null=True, blank=True, help_text=_("When the last recipient was handled."))

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One recipient of one newsletter.

    queued → sending (claimed by a worker, just before the message is handed to the mail server) →
    sent, or back to queued for another attempt, or failed; a sent one becomes bounced when the mail
    server reports it. A row left in `sending` by a stopped worker is marked failed, never sent again:
    the message may have gone, and nobody gets two copies.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        BOUNCED = "bounced", _("bounced")

    newsletter = models.ForeignKey(
        Newsletter, on_delete=models.CASCADE, related_name="deliveries", help_text=_("The newsletter.")
    )
    subscriber = models.ForeignKey(
        Subscriber,
        null=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
        help_text=_("The recipient; empty once she erased her records."),
    )
    email = models.EmailField(
        max_length=254, help_text=_("The address it goes to; blanked when she erases her records.")
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED, help_text=_("Its state."))
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("How many times it was handed to be sent."))
    error = models.CharField(max_length=300, blank=True, help_text=_("Why the last attempt failed."))
    claimed_at = models.DateTimeField(null=True, blank=True, help_text=_("When a worker last took it."))
    sent_at = models.DateTimeField(null=True, blank=True, help_text=_("When the mail server accepted it."))

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], condition=Q(subscriber__isnull=False), name="one_delivery_each"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "state"], name="delivery_by_state")]

    def __str__(self) -> str:
        return f"{self.newsletter_id} → {self.pk} ({self.state})"


class Suppression(models.Model):
    """An address no newsletter goes to: it bounced, or its owner complained of spam."""

    class Kind(models.TextChoices):
        BOUNCE = "bounce", _("bounced")
        COMPLAINT = "complaint", _("complaint")

    email = models.EmailField(max_length=254, unique=True, help_text=_("The address, in lower case."))
    kind = models.CharField(max_length=10, choices=Kind.choices, help_text=_("Why it is suppressed."))
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the report came."))

    def __str__(self) -> str:
        return f"{self.email} ({self.kind})"
