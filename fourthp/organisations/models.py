"""The organisations directory: task forces, coalitions, service providers, hotlines and funders, by jurisdiction.

An organisation is linked to the framework's provisions its work answers and to working groups. Its contact data
is one row per field (website, e-mail, telephone, address), each shown only when consent to show it has been
recorded: who gave it and when. A field without consent is kept for the secretariat and shown to nobody else.
The secretariat edits the directory in the admin and imports it from CSV (actions.do_import_organisations).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from fourthp.frameworks.models import Provision
from fourthp.groups.models import WorkingGroup
from fourthp.jurisdictions.models import Jurisdiction


class Kind(models.TextChoices):
    TASK_FORCE = "task-force", _("Task force")
    COALITION = "coalition", _("Coalition")
    SERVICE_PROVIDER = "service-provider", _("Service provider")
    HOTLINE = "hotline", _("Hotline")
    FUNDER = "funder", _("Funder")


class Organisation(models.Model):
    slug = models.SlugField(max_length=80, unique=True, help_text=_("Stable name in the address, e.g. us-hotline."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    jurisdiction = models.ForeignKey(
        Jurisdiction, on_delete=models.PROTECT, related_name="organisations", help_text=_("Where it works.")
    )
    description = models.TextField(_("description"), max_length=2000, blank=True)
    provisions = models.ManyToManyField(
        Provision,
        blank=True,
        related_name="organisations",
        help_text=_("Provisions of the framework its work answers."),
    )
    groups = models.ManyToManyField(
        WorkingGroup, blank=True, related_name="organisations", help_text=_("Working groups it takes part in.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "slug"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation-detail", kwargs={"organisation": self.slug})


class ContactField(models.TextChoices):
    WEBSITE = "website", _("Website")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telephone")
    ADDRESS = "address", _("Address")


class ContactQuerySet(models.QuerySet["OrganisationContact"]):
    def consented(self) -> ContactQuerySet:
        """The contact data anyone may see: only fields whose consent has been recorded."""
        return self.filter(consented=True)


class OrganisationContact(models.Model):
    """One contact field of an organisation, with the consent to show it: who gave it, when, and who recorded it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    field = models.CharField(_("field"), max_length=10, choices=ContactField.choices)
    value = models.CharField(_("value"), max_length=300)
    consented = models.BooleanField(
        _("consent to show it"), default=False, help_text=_("Shown on the site and in the API only when ticked.")
    )
    consent_given_by = models.CharField(
        _("consent given by"),
        max_length=200,
        blank=True,
        help_text=_("Who agreed to show it, e.g. the organisation's director, or 'published by the organisation'."),
    )
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "field"]
        verbose_name = _("contact field")
        verbose_name_plural = _("contact fields")
        constraints = [models.UniqueConstraint(fields=["organisation", "field"], name="organisation_contact_unique")]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.field}"

    def clean(self) -> None:
        if self.consented and (not self.consent_given_by.strip() or self.consent_given_on is None):
            raise ValidationError(
                _("Say who gave consent to show this field and on which day, or leave consent unticked.")
            )
