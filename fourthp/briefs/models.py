"""Briefs, discussion guides and external resources, and the record of the content check's overrides.

A brief or guide is Markdown that cites figures of the statistics registry (`[[stat:<key>]]`) and sections of
law (`[[section:<key>]]`) by reference; they are rendered as numbered footnotes read from the registry and the
atlas when shown, so they stay current. An external resource is a link with a summary. Each is a draft until it
is published, and publishing runs the content check (fourthp.briefs.checks). Every change to its text or title
raises its version, by which its PDF is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fourthp.accounts.roles import Role
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction

RESOURCE_EDITORS = (Role.ANALYST, Role.SECRETARIAT)
"""Who writes and publishes briefs, guides and resources (access.can_edit_resources)."""

MAX_BODY_CHARS = 40_000
MAX_SUMMARY_CHARS = 500
MAX_REASON_CHARS = 2_000


class ResourceQuerySet(models.QuerySet["Resource"]):
    def published(self) -> ResourceQuerySet:
        return self.filter(state=Resource.State.PUBLISHED)


class Resource(models.Model):
    class Kind(models.TextChoices):
        BRIEF = "brief", _("brief")
        GUIDE = "guide", _("discussion guide")
        EXTERNAL = "external", _("external resource")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BRIEF)
    title = models.CharField(_("title"), max_length=200, help_text=_("What it is called."))
    slug = models.SlugField(
        _("address"), max_length=80, unique=True, help_text=_("The last part of its address, e.g. identification-gap.")
    )
    summary = models.TextField(
        _("summary"), max_length=MAX_SUMMARY_CHARS, help_text=_("One or two sentences shown in the library.")
    )
    body = models.TextField(
        _("text"),
        max_length=MAX_BODY_CHARS,
        blank=True,
        help_text=_("Markdown. Cite a figure as [[stat:key]] and a section of law as [[section:key]]."),
    )
    url = models.URLField(
        _("link"), max_length=500, blank=True, help_text=_("For an external resource, where it can be read.")
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en", help_text=_("The language it is in.")
    )
    provisions = models.ManyToManyField(
        Provision, blank=True, related_name="+", verbose_name=_("provisions"), help_text=_("What it is about.")
    )
    jurisdictions = models.ManyToManyField(
        Jurisdiction, blank=True, related_name="+", verbose_name=_("jurisdictions"), help_text=_("Where it applies.")
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT, help_text=_("Its state."))
    version = models.PositiveIntegerField(default=1, help_text=_("Raised by every change to its title or text."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, help_text=_("When its content last changed."))
    published_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was last published."))

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-updated_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resource-detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def has_text(self) -> bool:
        return self.kind != self.Kind.EXTERNAL


class ResourcePdf(models.Model):
    """A brief or guide printed to PDF by the task worker: one per version, language and figures' date.

    The figures' date is the latest change to the statistics registry when it was asked, so a footnote that
    changes (a figure superseded) gives a new file; older files of the same resource are removed once it is made.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    language = models.CharField(max_length=8)
    data_date = models.DateTimeField(help_text=_("The latest change to the registry when it was asked."))
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    pdf = models.BinaryField(blank=True, default=b"")
    requested_at = models.DateTimeField()
    made_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "version", "language", "data_date"], name="resource_pdf_one_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource_id} v{self.version} · {self.language}"


class CheckOverride(models.Model):
    """The secretariat's decision to publish a text the content check objected to: who, when, why, and to what."""

    target = models.CharField(max_length=120, help_text=_("What was published, e.g. campaigns.campaign:4."))
    digest = models.CharField(max_length=64, help_text=_("The SHA-256 of the text as it was checked."))
    problems = models.JSONField(default=list, help_text=_("The problems the check found, as it told them."))
    reason = models.TextField(max_length=MAX_REASON_CHARS, help_text=_("Why it was published all the same."))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target", "-at"])]

    def __str__(self) -> str:
        return f"{self.target} · {self.at:%Y-%m-%d %H:%M}"
