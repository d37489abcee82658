"""Reads on campaigns shared by the pages, their JSON twins, the letter PDF and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role
from fourthp.accounts.roles import Role
from fourthp.assessments.queries import ProvisionRow, default_framework, get_report_card
from fourthp.campaigns.models import (
    LETTER_PDF_STALE,
    Campaign,
    Inquiry,
    Letter,
    LetterPdf,
    LetterTemplate,
    OpEdKit,
    Signature,
)
from fourthp.core.errors import get_or_not_found
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Consent, Profile
from fourthp.members.visibility import visible_fields

# The campaign page lists at most this many named signatories, the latest first; the API as many.
LISTED_LIMIT = 500


@dataclass(frozen=True)
class Counts:
    """How many signatures count, how many of them are legislators', and how many are named publicly."""

    total: int
    legislators: int
    named: int

    @property
    def unnamed(self) -> int:
        return self.total - self.named


def list_campaigns(viewer: Any) -> QuerySet[Campaign]:
    """The campaigns `viewer` may see, open ones first, then the latest first."""
    return (
        Campaign.objects.visible_to(viewer)
        .prefetch_related("provisions", "jurisdictions")
        .annotate(
            signature_count=Count("signatures", filter=Q(signatures__state=Signature.State.CONFIRMED)),
            legislator_count=Count(
                "signatures", filter=Q(signatures__state=Signature.State.CONFIRMED, signatures__is_legislator=True)
            ),
            named_count=Count(
                "signatures",
                filter=Q(signatures__state=Signature.State.CONFIRMED, signatures__show_name=True)
                & ~Q(signatures__name=""),
            ),
        )
        .order_by("-created_at", "pk")
    )


def get_campaign(slug: str) -> Campaign:
    """One campaign by its slug, or NotFound (the caller still checks who may see it)."""
    return get_or_not_found(
        Campaign.objects.prefetch_related("provisions__framework", "jurisdictions"),
        _("There is no campaign called “%(slug)s”.") % {"slug": slug},
        slug=slug,
    )


def counts_of(campaign: Campaign) -> Counts:
    found = Signature.objects.filter(campaign=campaign).aggregate(
        total=Count("pk", filter=Q(state=Signature.State.CONFIRMED)),
        legislators=Count("pk", filter=Q(state=Signature.State.CONFIRMED, is_legislator=True)),
        named=Count("pk", filter=Q(state=Signature.State.CONFIRMED, show_name=True) & ~Q(name="")),
    )
    return Counts(total=found["total"], legislators=found["legislators"], named=found["named"])


def listed_signatures(campaign: Campaign, limit: int = LISTED_LIMIT) -> list[Signature]:
    """The signatories who chose to be named, the latest first."""
    return list(campaign.signatures.listed().select_related("jurisdiction").order_by("-confirmed_at", "-pk")[:limit])


def signature_of(user: Any, campaign: Campaign) -> Signature | None:
    """Her signature on `campaign` (not withdrawn), if she signed with her account."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return campaign.signatures.active().filter(user=user).first()


def get_signature(pk: int) -> Signature | None:
    return Signature.objects.select_related("campaign").filter(pk=pk).first()


def country_of(jurisdiction: Jurisdiction | None) -> Jurisdiction | None:
    """The country a jurisdiction belongs to: itself, or the state a subdivision is part of."""
    seen = 0
    while jurisdiction is not None and jurisdiction.parent_id is not None and seen < 5:
        jurisdiction = jurisdiction.parent
        seen += 1
    return jurisdiction


@dataclass
class CountryGroup:
    """The named signatories from one country, and how many others from it asked not to be named."""

    country: Jurisdiction | None
    named: list[Signature] = field(default_factory=list)
    unnamed: int = 0


def signatories_by_country(campaign: Campaign) -> list[CountryGroup]:
    """Every counted signature grouped by country (by name), those with none given last; names only where chosen."""
    groups: dict[int | None, CountryGroup] = {}
    signatures = campaign.signatures.counted().select_related("jurisdiction__parent__parent").order_by("name", "pk")
    for signature in signatures:
        country = country_of(signature.jurisdiction)
        group = groups.setdefault(country.pk if country else None, CountryGroup(country))
        if signature.show_name and signature.name:
            group.named.append(signature)
        else:
            group.unnamed += 1
    return sorted(groups.values(), key=lambda g: (g.country is None, g.country.name if g.country else ""))


def letter_data_date(campaign: Campaign) -> dt.datetime:
    """The latest change to the campaign or any of its signatures: a letter made before it is out of date."""
    latest = Signature.objects.filter(campaign=campaign).aggregate(latest=Max("changed_at"))["latest"]
    return max(d for d in (campaign.changed_at, latest) if d is not None)


def find_letter_pdf(campaign: Campaign, language: str) -> tuple[LetterPdf | None, dt.datetime]:
    """The letter PDF for the campaign as it stands now (without its bytes), and that data date."""
    data_date = letter_data_date(campaign)
    pdf = LetterPdf.objects.defer("pdf").filter(campaign=campaign, language=language, data_date=data_date).first()
    return pdf, data_date


def letter_needs_making(pdf: LetterPdf | None, *, now: dt.datetime | None = None) -> bool:
    """True when nothing is made or being made: no row, a failed one, or one a stopped worker never finished."""
    if pdf is None:
        return True
    if pdf.state == LetterPdf.State.READY:
        return False
    if pdf.state == LetterPdf.State.FAILED:
        return True
    return pdf.requested_at <= (now or timezone.now()) - LETTER_PDF_STALE


def signatures_for_export(campaign: Campaign) -> QuerySet[Signature]:
    """Every signature of the campaign, withdrawn ones too, for the secretariat's CSV."""
    return campaign.signatures.select_related("jurisdiction").order_by("created_at", "pk")


# --- Writing to a representative ----------------------------------------------------------------


def legislators_in(jurisdiction: Jurisdiction, viewer: Any) -> list[Profile]:
    """The legislator members a visitor may write to in `jurisdiction`, by name.

    Only members who hold the legislator role, agreed that visitors may write to them, and whose name and
    jurisdiction the viewer may see (`members.visibility`, the one gate); never an e-mail address.
    """
    agreed = Consent.objects.filter(
        user=OuterRef("user"), kind=Consent.Kind.CONSTITUENT_LETTERS, revoked_at__isnull=True
    )
    candidates = (
        Profile.objects.consented()
        .with_listing_consent()
        .filter(jurisdiction=jurisdiction, user__groups__name=Role.LEGISLATOR.value)
        .filter(Exists(agreed))
        .select_related("jurisdiction", "user")
        .order_by("name", "pk")
        .distinct()
    )
    return [p for p in candidates if {"name", "jurisdiction"} <= visible_fields(p, viewer)]


def may_receive_letters(user: Any) -> bool:
    """At sending time: still an active legislator member who still agrees to letters."""
    return bool(
        user.is_active
        and has_role(user, Role.LEGISLATOR)
        and Consent.objects.filter(user=user, kind=Consent.Kind.CONSTITUENT_LETTERS, revoked_at__isnull=True).exists()
    )


@dataclass(frozen=True)
class GapLetters:
    """One gap of a jurisdiction's report card and the letter templates written for its provision."""

    row: ProvisionRow
    templates: list[LetterTemplate]


def letter_gaps(jurisdiction: Jurisdiction) -> tuple[list[GapLetters], list[LetterTemplate]]:
    """The gaps of the jurisdiction's published report card with their templates, and the generic templates.

    A template is tied to a provision by its id, so it serves every version of the framework.
    """
    templates = list(LetterTemplate.objects.in_use().select_related("provision"))
    generic = [t for t in templates if t.provision_id is None]
    try:
        framework = default_framework()
    except Framework.DoesNotExist:
        return [], generic
    card = get_report_card(jurisdiction, framework)
    gaps = [
        GapLetters(row, [t for t in templates if t.provision is not None and t.provision.slug == row.provision.slug])
        for row in card.gaps
    ]
    return gaps, generic


def gap_of(jurisdiction: Jurisdiction, provision_slug: str) -> ProvisionRow | None:
    gaps, _generic = letter_gaps(jurisdiction)
    return next((g.row for g in gaps if g.row.provision.slug == provision_slug), None)


def get_letter_template(pk: int) -> LetterTemplate:
    return get_or_not_found(
        LetterTemplate.objects.in_use().select_related("provision"),
        _("There is no letter template numbered %(id)s.") % {"id": pk},
        pk=pk,
    )


def get_letter(pk: int) -> Letter | None:
    return Letter.objects.select_related("jurisdiction").filter(pk=pk).first()


def letters_sent_from(email: str, since: dt.datetime) -> int:
    """How many letters an address has asked the platform to send since `since` (sent or waiting)."""
    return Letter.objects.filter(sender_email=email.strip().lower(), created_at__gte=since).count()


# --- Inquiries ---------------------------------------------------------------------------------


def list_inquiries(viewer: Any, *, jurisdiction: Jurisdiction | None = None, mine: bool = False) -> QuerySet[Inquiry]:
    """The inquiries `viewer` may see (published ones, and her own), newest first; narrowed as asked."""
    qs = Inquiry.objects.visible_to(viewer).select_related("jurisdiction")
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    if mine:
        qs = qs.filter(owner=viewer) if getattr(viewer, "is_authenticated", False) else qs.none()
    return qs.order_by("-sent_on", "-pk")


def get_inquiry(viewer: Any, pk: int) -> Inquiry:
    """One inquiry `viewer` may see; a private one answers in the words of a missing one."""
    return get_or_not_found(
        Inquiry.objects.visible_to(viewer).select_related("jurisdiction", "owner"),
        _("There is no inquiry numbered %(id)s.") % {"id": pk},
        pk=pk,
    )


# --- Op-ed kits ----------------------------------------------------------------------------------


def list_kits(viewer: Any, *, provision: str = "") -> QuerySet[OpEdKit]:
    """The kits `viewer` may see, by title; `provision` (a provision id such as crim.debt-bondage) narrows them."""
    qs = OpEdKit.objects.visible_to(viewer).prefetch_related("points__provision")
    if provision:
        qs = qs.filter(points__provision__slug=provision).distinct()
    return qs.order_by("title", "pk")


def get_kit(viewer: Any, slug: str) -> OpEdKit:
    return get_or_not_found(
        OpEdKit.objects.visible_to(viewer).prefetch_related(
            "points__provision__framework", "statistics__superseded_by"
        ),
        _("There is no kit called “%(slug)s”.") % {"slug": slug},
        slug=slug,
    )


def fill_template(
    template: LetterTemplate, language: str, jurisdiction: Jurisdiction, provision: Any
) -> tuple[str, str]:
    """The subject and text of a template in `language`, with the jurisdiction's and provision's names put in."""
    names = {
        "{jurisdiction}": jurisdiction.name,
        "{provision}": provision.local("title", language) if provision else "",
    }
    subject, body = template.text_in(language, "subject"), template.text_in(language, "body")
    for placeholder, name in names.items():
        subject, body = subject.replace(placeholder, name), body.replace(placeholder, name)
    return subject, body


def compose_letter(*, names: list[str], body: str, sender: str, town: str) -> str:
    """The whole letter as sent or copied: greeting, her text, and her name and town under it."""
    greeting = _("Dear %(names)s,") % {"names": ", ".join(names)} if names else _("Dear Member of the legislature,")
    closing = "\n".join(part for part in (_("Yours sincerely,"), sender, town) if part)
    return f"{greeting}\n\n{body.strip()}\n\n{closing}\n"


def kit_provisions() -> list[Provision]:
    """The provisions the published kits' talking points are about, to filter the list by."""
    return list(
        Provision.objects.filter(talking_points__kit__published=True)
        .select_related("framework")
        .distinct()
        .order_by("order", "slug")
    )
