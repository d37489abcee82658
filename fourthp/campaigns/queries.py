"""Reads on campaigns shared by the pages, their JSON twins, the letter PDF and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.campaigns.models import LETTER_PDF_STALE, Campaign, LetterPdf, Signature
from fourthp.core.errors import get_or_not_found
from fourthp.jurisdictions.models import Jurisdiction

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
