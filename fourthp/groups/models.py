"""Working groups: topical groups of members with a lead, join requests and a private space.

A public group is seen by everyone; a private one only by signed-in members
(title and description, so that they can ask to join). Who is in a group is
the per-object role "working-group member", checked by the `access_group_*`
helpers in `fourthp.accounts.access` like every other role.
"""

from __future__ import annotations

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
