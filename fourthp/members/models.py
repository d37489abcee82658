"""Member profiles, the consents they record, and legislators' membership applications.

A profile belongs to one account and describes a person or an organisation.
Each field has its own visibility, chosen by the member: public, members
only, or secretariat only (the default). Someone with lived experience of
trafficking is never listed, named or counted outside the secretariat unless
she has given explicit consent, recorded as a `Consent` row that she can
revoke; without it every field of her profile is treated as secretariat-only,
whatever the visibility columns say.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from fourthp.frameworks.models import Pillar, Provision
from fourthp.jurisdictions.models import Jurisdiction


class Visibility(models.TextChoices):
    """Who may see one field of a profile, from the widest audience to the narrowest."""

    PUBLIC = "public", _("everyone")
    MEMBERS = "members", _("signed-in members")
    SECRETARIAT = "secretariat", _("the secretariat only")


# The fields whose visibility a member chooses, in the order forms show them.
VISIBLE_FIELDS: tuple[str, ...] = (
    "name",
    "role",
    "jurisdiction",
    "legislature",
    "chamber",
    "party",
    "committees",
    "topics",
    "languages",
    "organisation",
    "bio",
    "contact",
)


def _visibility_field(label: str) -> models.CharField[Any, Any]:
    return models.CharField(
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.SECRETARIAT,
        help_text=_("Who may see the %(field)s.") % {"field": label},
    )


class ProfileQuerySet(models.QuerySet["Profile"]):
    def consented(self) -> ProfileQuerySet:
        """Profiles that may appear beyond the secretariat at all.

        Lived-experience experts count only with an active public-listing consent.
        """
        has_consent = Consent.objects.filter(
            user=models.OuterRef("user"), kind=Consent.Kind.LIVED_EXPERIENCE_LISTING, revoked_at__isnull=True
        )
        return self.filter(user__is_active=True).filter(
            Q(lived_experience=False) & ~Q(role=Profile.Role.LIVED_EXPERIENCE) | Q(models.Exists(has_consent))
        )

    def visible_to_level(self, level: str) -> ProfileQuerySet:
        """Profiles whose name a viewer at `level` ("public" or "members") may see."""
        allowed = [Visibility.PUBLIC] if level == Visibility.PUBLIC else [Visibility.PUBLIC, Visibility.MEMBERS]
        return self.consented().filter(name_visibility__in=allowed)


class Profile(models.Model):
    """What a member says about herself (or an organisation about itself), field by field."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")

    class Role(models.TextChoices):
        LEGISLATOR = "legislator", _("legislator")
        PARLIAMENTARY_STAFF = "parliamentary staff", _("parliamentary staff")
        GOVERNMENT = "government official", _("government official")
        CIVIL_SOCIETY = "civil society", _("civil society")
        RESEARCHER = "researcher", _("researcher")
        LIVED_EXPERIENCE = "lived-experience expert", _("lived-experience expert")
        STUDENT = "student", _("student")
        BUSINESS = "business", _("business")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        help_text=_("The account the profile belongs to."),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.PERSON, help_text=_("A person or an organisation.")
    )
    name = models.CharField(_("name"), max_length=150, help_text=_("The name shown to those allowed to see it."))
    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, blank=True, help_text=_("What the member does.")
    )
    lived_experience = models.BooleanField(
        _("lived experience"),
        default=False,
        help_text=_(
            "The member has lived experience of trafficking. Her profile is then shown beyond the "
            "secretariat only with her recorded consent."
        ),
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="profiles",
        verbose_name=_("jurisdiction"),
        help_text=_("The country or state the member works in."),
    )
    legislature = models.CharField(
        _("legislature"), max_length=255, blank=True, help_text=_("The legislature, e.g. House of Commons.")
    )
    chamber = models.CharField(_("chamber"), max_length=100, blank=True, help_text=_("Upper or lower house, if any."))
    party = models.CharField(_("party"), max_length=150, blank=True, help_text=_("Political party (optional)."))
    committees = models.TextField(_("committees"), blank=True, help_text=_("Committees the member sits on."))
    topic_provisions = models.ManyToManyField(
        Provision,
        blank=True,
        related_name="interested_profiles",
        verbose_name=_("provisions of interest"),
        help_text=_("Framework provisions the member works on."),
    )
    topic_pillars = models.ManyToManyField(
        Pillar,
        blank=True,
        related_name="interested_profiles",
        verbose_name=_("pillars of interest"),
        help_text=_("Framework pillars the member works on."),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639 codes of the languages the member speaks.")
    )
    organisation = models.CharField(
        _("organisation"), max_length=255, blank=True, help_text=_("The member's organisation.")
    )
    bio = models.TextField(_("short bio"), max_length=2000, blank=True, help_text=_("A few sentences; Markdown."))
    contact = models.CharField(
        _("contact"),
        max_length=255,
        blank=True,
        help_text=_("How to reach the member (an address, a telephone number or a web page)."),
    )

    name_visibility = _visibility_field("name")
    role_visibility = _visibility_field("role")
    jurisdiction_visibility = _visibility_field("jurisdiction")
    legislature_visibility = _visibility_field("legislature")
    chamber_visibility = _visibility_field("chamber")
    party_visibility = _visibility_field("party")
    committees_visibility = _visibility_field("committees")
    topics_visibility = _visibility_field("topics")
    languages_visibility = _visibility_field("languages")
    organisation_visibility = _visibility_field("organisation")
    bio_visibility = _visibility_field("bio")
    contact_visibility = _visibility_field("contact")

    created_at = models.DateTimeField(default=timezone.now, help_text=_("When the profile was made."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When it last changed."))

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.name

    @property
    def is_protected(self) -> bool:
        """Lived experience: shown beyond the secretariat only with active consent."""
        return self.lived_experience or self.role == self.Role.LIVED_EXPERIENCE

    def has_consent(self, kind: str) -> bool:
        return Consent.objects.filter(user_id=self.user_id, kind=kind, revoked_at__isnull=True).exists()

    def visibility_of(self, field: str) -> str:
        """The audience of one field, narrowed to the secretariat for a protected profile without consent."""
        if field not in VISIBLE_FIELDS:
            raise KeyError(field)
        if self.is_protected and not self.has_consent(Consent.Kind.LIVED_EXPERIENCE_LISTING):
            return Visibility.SECRETARIAT
        return str(getattr(self, f"{field}_visibility"))


class Consent(models.Model):
    """One explicit consent, given on a date with the words the member agreed to; revoked by setting a date.

    Rows are never deleted while the account exists, so the record shows when
    consent was given and withdrawn.
    """

    class Kind(models.TextChoices):
        LIVED_EXPERIENCE_LISTING = (
            "lived-experience listing",
            _("list my profile beyond the secretariat although I have lived experience"),
        )
        PEER_CONTACT = "peer contact", _("peers may send me contact requests through the platform")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="consents",
        help_text=_("Who gave the consent."),
    )
    kind = models.CharField(max_length=32, choices=Kind.choices, help_text=_("What was consented to."))
    statement = models.TextField(help_text=_("The words the member agreed to, as shown to her."))
    given_at = models.DateTimeField(default=timezone.now, help_text=_("When the consent was given."))
    revoked_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was withdrawn, if it was."))

    class Meta:
        ordering = ["-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_consent_per_kind",
            )
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "active"
        return f"{self.user} · {self.kind} ({state})"
