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
from django.db.models.functions import Lower
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

    def with_listing_consent(self) -> ProfileQuerySet:
        has_consent = Consent.objects.filter(
            user=models.OuterRef("user"), kind=Consent.Kind.LIVED_EXPERIENCE_LISTING, revoked_at__isnull=True
        )
        return self.annotate(has_listing_consent=models.Exists(has_consent))

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

    @property
    def listing_consented(self) -> bool:
        """An active lived-experience listing consent, asked once per instance.

        `ProfileQuerySet.with_listing_consent()` annotates it, so a list of profiles costs no query per row.
        """
        if "has_listing_consent" not in self.__dict__:
            self.__dict__["has_listing_consent"] = self.has_consent(Consent.Kind.LIVED_EXPERIENCE_LISTING)
        return bool(self.__dict__["has_listing_consent"])

    def visibility_of(self, field: str) -> str:
        """The audience of one field, narrowed to the secretariat for a protected profile without consent."""
        if field not in VISIBLE_FIELDS:
            raise KeyError(field)
        if self.is_protected and not self.listing_consented:
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
        CONSTITUENT_LETTERS = "constituent letters", _("visitors may write to me through the platform")

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


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> ApplicationQuerySet:
        return self.filter(state__in=Application.OPEN_STATES)

    def open_first(self) -> ApplicationQuerySet:
        return self.annotate(
            is_closed=models.Case(
                models.When(state__in=Application.OPEN_STATES, then=models.Value(0)),
                default=models.Value(1),
            )
        ).order_by("is_closed", "-submitted_at", "-id")


class Application(models.Model):
    """A lawmaker's (or her staff's) request to join as a legislator member, reviewed by the secretariat.

    The steps of the review are kept as `ApplicationStep` rows; together with the
    AuditEvents they are the application's history, so the row itself carries no
    simple-history copy of the applicant's name and e-mail address.
    """

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for review")
        MORE_INFO = "more information", _("more information asked")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn (account deleted)")

    class Role(models.TextChoices):
        LEGISLATOR = "legislator", _("legislator")
        STAFF = "parliamentary staff", _("parliamentary staff")

    OPEN_STATES: tuple[str, ...] = (State.SUBMITTED, State.MORE_INFO)

    name = models.CharField(_("name"), max_length=150, help_text=_("The applicant's name as she gave it."))
    email = models.EmailField(
        _("e-mail address"), max_length=254, help_text=_("Where the applicant is told about her application.")
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        on_delete=models.PROTECT,
        related_name="membership_applications",
        verbose_name=_("jurisdiction"),
        help_text=_("The country or state whose legislature she belongs to."),
    )
    legislature = models.CharField(_("legislature"), max_length=255, help_text=_("The legislature she serves in."))
    chamber = models.CharField(_("chamber"), max_length=100, blank=True, help_text=_("Upper or lower house, if any."))
    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, help_text=_("Legislator or parliamentary staff.")
    )
    message = models.TextField(
        _("message"), max_length=5000, blank=True, help_text=_("Anything that helps the secretariat verify her role.")
    )
    website = models.URLField(
        _("web page"), max_length=500, blank=True, help_text=_("An official page that shows her role (optional).")
    )
    mission_version = models.PositiveIntegerField(help_text=_("Version of the mission statement she accepted."))
    mission_text = models.TextField(help_text=_("The mission statement as it was shown to her."))
    mission_accepted_at = models.DateTimeField(help_text=_("When she accepted the mission statement."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="membership_applications",
        help_text=_("Her account: the one she applied from, or the one made or linked when she was accepted."),
    )
    ip_hash = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Keyed SHA-256 of the address the application came from, to limit applications per hour."),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=State.choices,
        default=State.SUBMITTED,
        db_index=True,
        help_text=_("Where the application stands."),
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True, help_text=_("When she applied."))
    decided_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was accepted or declined."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who in the secretariat accepted or declined it."),
    )
    respond_token_hash = models.CharField(
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("SHA-256 of the secret link she was sent to add information; empty when none is open."),
    )
    anonymised_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When her personal details were removed after she deleted her account.")
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=Q(state__in=["submitted", "more information"]),
                name="one_open_application_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name or _('anonymised applicant')} ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES


class ApplicationStep(models.Model):
    """One step of a review: what was asked, answered or decided, by whom and when."""

    class Kind(models.TextChoices):
        ASKED = "asked", _("the secretariat asked for more information")
        ANSWERED = "answered", _("the applicant added information")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="steps", help_text=_("The application.")
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, help_text=_("What happened."))
    text = models.TextField(blank=True, help_text=_("The note or the information added."))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who in the secretariat took the step; empty when the applicant did."),
    )
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When it happened."))

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} · {self.kind}"


MAX_TESTIMONIAL_CHARS = 800


class TestimonialQuerySet(models.QuerySet["Testimonial"]):
    def public(self) -> TestimonialQuerySet:
        """Shown to everyone: consented, approved by the secretariat, not withdrawn, by an active account."""
        return self.filter(
            consented_at__isnull=False, approved_at__isnull=False, withdrawn_at__isnull=True, user__is_active=True
        )


class Testimonial(models.Model):
    """A member's own words about the work, published only with her recorded consent and the secretariat's approval.

    Her name, role and jurisdiction beside it follow her profile's visibility settings
    (`fourthp.members.visibility`); withdrawing it hides it everywhere at once.
    """

    __test__ = False  # not a pytest test class despite its name

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="testimonials",
        help_text=_("The member who wrote it."),
    )
    text = models.TextField(_("your words"), max_length=MAX_TESTIMONIAL_CHARS, help_text=_("A few sentences."))
    show_role = models.BooleanField(
        _("show my role and jurisdiction"),
        default=True,
        help_text=_("Shown only as far as your profile's visibility settings allow."),
    )
    consent_statement = models.TextField(help_text=_("The words she agreed to, as shown to her."))
    consented_at = models.DateTimeField(default=timezone.now, help_text=_("When she consented to publication."))
    approved_at = models.DateTimeField(null=True, blank=True, help_text=_("When the secretariat approved it."))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who approved it."),
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, help_text=_("When she withdrew it, if she did."))
    created_at = models.DateTimeField(default=timezone.now, help_text=_("When she wrote it."))

    objects = TestimonialQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_at", "-created_at"]
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")

    def __str__(self) -> str:
        return f"testimonial by {self.user}"
