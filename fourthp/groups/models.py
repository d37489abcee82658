"""Working groups: topical groups of members with a lead, join requests and a private space.

A public group is seen by everyone; a private one only by signed-in members
(title and description, so that they can ask to join). Who is in a group is
the per-object role "working-group member", checked by the `access_group_*`
helpers in `fourthp.groups.access` like every other rule.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fourthp.frameworks.models import Provision


class WorkingGroupQuerySet(models.QuerySet["WorkingGroup"]):
    def public(self) -> WorkingGroupQuerySet:
        return self.filter(visibility=WorkingGroup.Visibility.PUBLIC)


class WorkingGroup(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        PRIVATE = "private", _("private")

    slug = models.SlugField(max_length=80, unique=True, help_text=_("Stable name in the address, e.g. supply-chains."))
    title = models.CharField(_("title"), max_length=200, help_text=_("What the group works on."))
    description = models.TextField(_("description"), help_text=_("The group's purpose and plan; Markdown."))
    provisions = models.ManyToManyField(
        Provision,
        blank=True,
        related_name="working_groups",
        verbose_name=_("related provisions"),
        help_text=_("Framework provisions the group studies."),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_groups",
        verbose_name=_("lead"),
        help_text=_("The member who leads the group and approves join requests."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("A private group is hidden from visitors."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the group was made."))

    history = HistoricalRecords()
    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("group-detail", kwargs={"group": self.slug})

    def is_member(self, user: Any) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return self.memberships.filter(user=user, state=GroupMembership.State.ACTIVE).exists()


class GroupMembership(models.Model):
    """A person's place in a group: asked, active, declined or left."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACTIVE = "active", _("member")
        DECLINED = "declined", _("declined")
        LEFT = "left", _("left")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    state = models.CharField(max_length=12, choices=State.choices, default=State.REQUESTED)
    message = models.TextField(blank=True, help_text=_("What the member wrote when asking to join."))
    requested_at = models.DateTimeField(default=timezone.now, help_text=_("When she asked to join."))
    decided_at = models.DateTimeField(null=True, blank=True, help_text=_("When the request was answered."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who answered the request."),
    )

    class Meta:
        ordering = ["requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(state__in=["requested", "active"]),
                name="one_open_membership_per_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.state})"


def _document_path(instance: DocumentVersion, filename: str) -> str:
    """A random name under the group's folder: the original name is kept in the row, never in the path.

    MEDIA_ROOT is not served; files are read only by the download view after its access check.
    """
    return f"groups/{instance.document.group_id}/{uuid.uuid4().hex}"


class GroupDocument(models.Model):
    """A document of a group's private space; its content lives in numbered versions that are never overwritten."""

    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="documents", help_text=_("The group whose space holds it.")
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("What the document is, e.g. Draft brief on debt bondage.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who uploaded the first version (empty once her account is deleted)."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the first version was uploaded."))

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("group document")
        verbose_name_plural = _("group documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("group-document", kwargs={"group": self.group.slug, "document": self.pk})


class DocumentVersion(models.Model):
    """One uploaded file of a document: version 1, 2, 3… in upload order."""

    document = models.ForeignKey(
        GroupDocument,
        on_delete=models.CASCADE,
        related_name="versions",
        help_text=_("The document it is a version of."),
    )
    number = models.PositiveIntegerField(help_text=_("1 for the first upload, then 2, 3…"))
    file = models.FileField(
        upload_to=_document_path,
        max_length=255,
        help_text=_("The stored file, under a random name that is not served."),
    )
    filename = models.CharField(max_length=255, help_text=_("The file's name as uploaded; used when it is downloaded."))
    content_type = models.CharField(max_length=100, help_text=_("The media type found from the file's content."))
    size = models.PositiveBigIntegerField(help_text=_("Size in bytes."))
    note = models.CharField(max_length=500, blank=True, help_text=_("What changed in this version."))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who uploaded it (empty once her account is deleted)."),
    )
    uploaded_at = models.DateTimeField(default=timezone.now, help_text=_("When it was uploaded."))

    class Meta:
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_number_per_document_version")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "group-document-download",
            kwargs={"group": self.document.group.slug, "document": self.document_id, "version": self.number},
        )


class Announcement(models.Model):
    """A message from the lead or the secretariat, shown to members on the group page and e-mailed to them."""

    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="announcements", help_text=_("The group it is for.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who wrote it (empty once her account is deleted)."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("The subject of the announcement and its e-mail."))
    body = models.TextField(_("message"), help_text=_("The announcement; Markdown."))
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When it was posted."))
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When its e-mails were queued for the group's members.")
    )
    recipient_count = models.PositiveIntegerField(default=0, help_text=_("How many active members it was e-mailed to."))

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class GroupOutput(models.Model):
    """What a group publishes: a brief or a model policy, linked to the provisions it addresses."""

    class Kind(models.TextChoices):
        BRIEF = "brief", _("brief")
        MODEL_POLICY = "model_policy", _("model policy")

    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="outputs", help_text=_("The group that wrote it.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, help_text=_("A brief or a model policy."))
    title = models.CharField(_("title"), max_length=200, help_text=_("The output's title."))
    summary = models.TextField(_("summary"), max_length=2000, help_text=_("A few sentences saying what it proposes."))
    body = models.TextField(_("text"), blank=True, help_text=_("The full text; Markdown."))
    provisions = models.ManyToManyField(
        Provision,
        blank=True,
        related_name="group_outputs",
        verbose_name=_("related provisions"),
        help_text=_("Framework provisions the output addresses."),
    )
    document_version = models.ForeignKey(
        DocumentVersion,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outputs",
        verbose_name=_("attached document"),
        help_text=_(
            "A version from the group's space published with the output; readers of the output may download it."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who published it (empty once her account is deleted)."),
    )
    published_at = models.DateTimeField(default=timezone.now, help_text=_("When it was published."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("group output")
        verbose_name_plural = _("group outputs")

    def __str__(self) -> str:
        return self.title
