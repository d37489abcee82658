"""Bills before a legislature, the sessions they are heard in, and the provisions their texts touch.

A bill belongs to one jurisdiction and one legislative session; its number is unique within the
session. Its status follows the legislative path (introduced → in committee → passed one chamber →
passed → enacted, or vetoed, failed, withdrawn); its actions are the dated timeline, its versions the
texts as introduced and amended. Each version's text is kept as sections, and the analyzer's reading
of them (`TouchedProvision`) is a suggestion of which framework provisions the text touches: never a
finding about the jurisdiction's law, which only a reviewed assessment is.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument
from fourthp.members.models import Profile

MAX_VERSION_CHARS = 300_000
MAX_TITLE_CHARS = 1000


class Chamber(models.TextChoices):
    """Where a bill started or an action was taken; `legislature` is a unicameral or joint body."""

    LOWER = "lower", _("lower chamber")
    UPPER = "upper", _("upper chamber")
    LEGISLATURE = "legislature", _("whole legislature")
    EXECUTIVE = "executive", _("executive")


class LegislativeSession(models.Model):
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="legislative_sessions",
        verbose_name=_("jurisdiction"),
        help_text=_("Whose legislature sits in this session."),
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("The session's name as the legislature gives it, e.g. 2025-2026.")
    )
    starts_on = models.DateField(
        _("opens on"), null=True, blank=True, help_text=_("The first day of the session; empty until announced.")
    )
    ends_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("The last day of the session; empty until announced.")
    )
    legislature = models.CharField(
        _("legislature or chamber"),
        max_length=255,
        blank=True,
        help_text=_("Which legislature or chamber sits, when that is not the whole legislature."),
    )
    source_url = models.URLField(
        _("source URL"), max_length=500, blank=True, help_text=_("Where the session's dates were published.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["jurisdiction__code", "-starts_on", "name"]
        verbose_name = _("legislative session")
        verbose_name_plural = _("legislative sessions")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="session_unique_name"),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="session_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BillQuerySet(models.QuerySet["Bill"]):
    def pending(self) -> BillQuerySet:
        """Bills still before the legislature or the executive: neither law nor dead."""
        return self.filter(status__in=Bill.PENDING)


class Bill(models.Model):
    class Status(models.TextChoices):
        INTRODUCED = "introduced", _("introduced")
        IN_COMMITTEE = "in_committee", _("in committee")
        PASSED_ONE_CHAMBER = "passed_one_chamber", _("passed one chamber")
        PASSED = "passed", _("passed")
        ENACTED = "enacted", _("enacted")
        VETOED = "vetoed", _("vetoed")
        FAILED = "failed", _("failed")
        WITHDRAWN = "withdrawn", _("withdrawn")

    PENDING = (Status.INTRODUCED, Status.IN_COMMITTEE, Status.PASSED_ONE_CHAMBER, Status.PASSED)

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="bills",
        verbose_name=_("jurisdiction"),
        help_text=_("Whose legislature the bill is before."),
    )
    session = models.ForeignKey(
        LegislativeSession,
        on_delete=models.PROTECT,
        related_name="bills",
        verbose_name=_("session"),
        help_text=_("The legislative session it was introduced in."),
    )
    number = models.CharField(
        _("number"), max_length=40, help_text=_("The bill's number as the legislature prints it, e.g. HB 123.")
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE_CHARS, help_text=_("The bill's official title."))
    chamber = models.CharField(
        _("chamber"),
        max_length=12,
        choices=Chamber.choices,
        blank=True,
        help_text=_("The chamber it was introduced in."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.INTRODUCED,
        help_text=_("Where it stands on the legislative path."),
    )
    summary = models.TextField(_("summary"), blank=True, max_length=5000, help_text=_("What the bill does, briefly."))
    source_url = models.URLField(
        _("source URL"), max_length=500, blank=True, help_text=_("The legislature's page for the bill.")
    )
    source_id = models.CharField(
        _("source identifier"),
        max_length=120,
        blank=True,
        help_text=_("The bill's identifier where it was imported from (an Open States id), if any."),
    )
    instruments = models.ManyToManyField(
        Instrument,
        blank=True,
        related_name="bills",
        verbose_name=_("related instruments"),
        help_text=_("Laws in the atlas the bill amends, repeals or relates to."),
    )
    last_action_on = models.DateField(
        _("last action"), null=True, blank=True, help_text=_("The date of its latest action (kept from the timeline).")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was recorded here."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When its record last changed."))

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = BillQuerySet.as_manager()

    class Meta:
        ordering = ["-last_action_on", "-pk"]
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="bill_unique_number")]
        indexes = [
            models.Index(fields=["-last_action_on", "-id"], name="bill_latest_first"),
            models.Index(fields=["jurisdiction", "status"], name="bill_jurisdiction_status"),
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("bill-detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING


class Sponsor(models.Model):
    bill = models.ForeignKey(
        Bill, on_delete=models.CASCADE, related_name="sponsors", help_text=_("The bill sponsored.")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("The sponsor's name as the legislature prints it."))
    primary = models.BooleanField(
        _("primary sponsor"), default=False, help_text=_("A primary sponsor, not a co-sponsor.")
    )
    profile = models.ForeignKey(
        Profile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sponsorships",
        help_text=_("The member profile of the sponsor, when the sponsor is a member (shown as her profile allows)."),
    )
    order = models.PositiveIntegerField(default=0, help_text=_("Position in the list of sponsors."))

    class Meta:
        ordering = ["bill", "-primary", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class BillAction(models.Model):
    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="actions", help_text=_("The bill acted on."))
    date = models.DateField(_("date"), help_text=_("The day the action was taken."))
    chamber = models.CharField(
        _("chamber"), max_length=12, choices=Chamber.choices, blank=True, help_text=_("Who acted.")
    )
    description = models.CharField(
        _("description"), max_length=1000, help_text=_("What happened, in the legislature's words.")
    )
    classification = models.CharField(
        _("classification"),
        max_length=200,
        blank=True,
        help_text=_("Kinds of action, comma-separated, in Open States' words (introduction, passage, …)."),
    )
    order = models.PositiveIntegerField(default=0, help_text=_("Position among the actions of the same day."))

    class Meta:
        ordering = ["bill", "date", "order", "pk"]
        indexes = [models.Index(fields=["date"], name="bill_action_date")]

    def __str__(self) -> str:
        return f"{self.date}: {self.description}"


class BillVersion(models.Model):
    bill = models.ForeignKey(
        Bill, on_delete=models.CASCADE, related_name="versions", help_text=_("The bill this is a text of.")
    )
    label = models.CharField(
        _("label"), max_length=200, help_text=_("Which text it is, e.g. As introduced, Engrossed, Enrolled.")
    )
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("The day this text was published."))
    url = models.URLField(_("link"), max_length=500, blank=True, help_text=_("Where the legislature publishes it."))
    order = models.PositiveIntegerField(default=0, help_text=_("Position among the bill's versions, oldest first."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["bill", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["bill", "label"], name="bill_version_unique_label")]

    def __str__(self) -> str:
        return self.label


class VersionSection(models.Model):
    """One section of a version's text, split as the analyzer splits statutes."""

    version = models.ForeignKey(
        BillVersion, on_delete=models.CASCADE, related_name="sections", help_text=_("The version it belongs to.")
    )
    number = models.CharField(_("number"), max_length=40, help_text=_("Section number as printed."))
    heading = models.CharField(_("heading"), max_length=500, blank=True, help_text=_("Heading, if any."))
    text = models.TextField(help_text=_("Normalised text of the section (NFC, \\n line ends)."))
    order = models.PositiveIntegerField(help_text=_("Position within the version."))

    class Meta:
        ordering = ["version", "order"]

    def __str__(self) -> str:
        return self.number


class TouchedProvision(models.Model):
    """The analyzer's suggestion that a version's text touches a framework provision (never a finding)."""

    version = models.ForeignKey(
        BillVersion, on_delete=models.CASCADE, related_name="touched", help_text=_("The version read.")
    )
    provision = models.ForeignKey(
        Provision, on_delete=models.CASCADE, related_name="bill_versions", help_text=_("The provision suggested.")
    )
    section = models.CharField(max_length=40, help_text=_("The number of the section the evidence is in."))
    confidence = models.FloatField(help_text=_("The analyzer's calibrated confidence, 0 to 1."))
    excerpt = models.TextField(blank=True, help_text=_("The words the analyzer read as evidence."))

    class Meta:
        ordering = ["version", "provision__order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "provision"], name="touched_provision_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.provision}"
