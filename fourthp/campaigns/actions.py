"""Every write on campaigns: the secretariat's campaigns and deliveries, signing, confirming, withdrawing.

Each `do_*` runs in one transaction and records an `AuditEvent`; e-mails go through `notify`, which
queues them with the write, so a write that fails half way e-mails nobody. Signing locks the
campaign's row first, so two signatures with one address at the same moment cannot both be taken
(the unique constraints are the last guard).

A public signer is never told on the page whether her address has signed before: the page always
says to check her e-mail, and the e-mail says what happened (no enumeration of who signed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role
from fourthp.accounts.models import AuditEvent
from fourthp.accounts.roles import Role
from fourthp.campaigns.mail import tell_signer
from fourthp.campaigns.models import Campaign, LetterPdf, Signature
from fourthp.campaigns.queries import find_letter_pdf, letter_needs_making
from fourthp.campaigns.tasks import make_letter_pdf
from fourthp.frameworks.models import Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Profile
from fourthp.notifications.actions import record_change


class SignatureRefused(ValueError):
    """The step asked for is not allowed now; the message says why."""


def _lock(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def check_taking_signatures(campaign: Campaign) -> None:
    if campaign.state == Campaign.State.DELIVERED:
        raise SignatureRefused(_("This statement has been delivered; it no longer takes signatures."))
    if campaign.state == Campaign.State.CLOSED:
        raise SignatureRefused(_("This campaign is closed; it no longer takes signatures."))
    if not campaign.taking_signatures:
        if campaign.opens_on is not None and timezone.localdate() < campaign.opens_on:
            raise SignatureRefused(_("Signatures open on %(date)s.") % {"date": campaign.opens_on.isoformat()})
        raise SignatureRefused(_("This campaign does not take signatures now."))


# --- Signing ------------------------------------------------------------------------------------


@transaction.atomic
def do_sign_as_member(campaign: Campaign, *, show_name: bool, acting_user: Any) -> Signature:
    """Sign with her account: counted at once, by the name and jurisdiction of her profile (else her account)."""
    campaign = _lock(campaign)
    check_taking_signatures(campaign)
    if campaign.signatures.active().filter(user=acting_user).exists():
        raise SignatureRefused(_("You have already signed this statement."))
    profile = Profile.objects.filter(user=acting_user).select_related("jurisdiction").first()
    now = timezone.now()
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                campaign=campaign,
                user=acting_user,
                name=(profile.name if profile else "") or acting_user.display_name or acting_user.username,
                organisation="",
                jurisdiction=profile.jurisdiction if profile else None,
                is_legislator=has_role(acting_user, Role.LEGISLATOR),
                show_name=show_name,
                state=Signature.State.CONFIRMED,
                created_at=now,
                confirmed_at=now,
            )
    except IntegrityError as exc:  # signed twice at once (two tabs)
        raise SignatureRefused(_("You have already signed this statement.")) from exc
    AuditEvent.record(actor=acting_user, verb="campaign.signed", target=campaign, legislator=signature.is_legislator)
    return signature


@dataclass(frozen=True)
class PublicSignatureInput:
    """What a public signer typed: her address is compared in lower case."""

    name: str
    organisation: str
    jurisdiction: Jurisdiction | None
    email: str
    show_name: bool


@transaction.atomic
def do_sign_publicly(campaign: Campaign, data: PublicSignatureInput) -> str:
    """Take a public signature and e-mail its confirmation link; what happened is said by e-mail only.

    1. An address that has a counted signature is e-mailed that it has signed (with its withdrawal link).
    2. An address still waiting for confirmation gets the new details and a new link (the first may have expired).
    3. Otherwise a signature waiting for confirmation is made and the link e-mailed.
    Returns "already", "resent" or "sent", for the tests and the log; the page says the same in every case.
    """
    campaign = _lock(campaign)
    check_taking_signatures(campaign)
    email = data.email.strip().lower()
    details = {
        "name": data.name,
        "organisation": data.organisation,
        "jurisdiction": data.jurisdiction,
        "show_name": data.show_name,
    }
    existing = campaign.signatures.active().filter(email=email).first()
    if existing is not None and existing.state == Signature.State.CONFIRMED:
        tell_signer("campaigns_already_signed", existing)
        AuditEvent.record(actor=None, verb="campaign.signed_again", target=campaign)
        return "already"
    if existing is not None:
        for name, value in details.items():
            setattr(existing, name, value)
        existing.created_at = timezone.now()
        existing.save()
        tell_signer("campaigns_confirm_signature", existing)
        return "resent"
    signature = Signature.objects.create(campaign=campaign, email=email, state=Signature.State.PENDING, **details)
    tell_signer("campaigns_confirm_signature", signature)
    AuditEvent.record(actor=None, verb="campaign.signature_pending", target=campaign)
    return "sent"


@transaction.atomic
def do_confirm_signature(signature: Signature) -> Signature:
    """Count a public signature whose link was followed; a second visit changes nothing."""
    campaign = _lock(signature.campaign)
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    if signature.state == Signature.State.WITHDRAWN:
        raise SignatureRefused(_("This signature was withdrawn. To sign again, use the campaign's page."))
    if signature.state == Signature.State.CONFIRMED:
        return signature
    if campaign.state in (Campaign.State.DELIVERED, Campaign.State.CLOSED):
        raise SignatureRefused(_("This campaign closed before the signature was confirmed."))
    signature.state = Signature.State.CONFIRMED
    signature.confirmed_at = timezone.now()
    signature.save(update_fields=["state", "confirmed_at"])
    AuditEvent.record(actor=None, verb="campaign.signature_confirmed", target=campaign)
    return signature


def _erase(signature: Signature) -> None:
    """Remove what identifies the signer; the row keeps that a signature was there and when."""
    signature.name = ""
    signature.organisation = ""
    signature.email = ""
    signature.show_name = False
    signature.user = None


@transaction.atomic
def do_withdraw_signature(signature: Signature, *, acting_user: Any) -> Signature:
    """Withdraw a signature before delivery: it stops counting and the signer's details are erased."""
    campaign = _lock(signature.campaign)
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    if signature.state == Signature.State.WITHDRAWN:
        return signature
    if campaign.state == Campaign.State.DELIVERED:
        raise SignatureRefused(_("The letter has been delivered with this signature; it can no longer be withdrawn."))
    _erase(signature)
    signature.state = Signature.State.WITHDRAWN
    signature.withdrawn_at = timezone.now()
    signature.save()
    AuditEvent.record(actor=acting_user, verb="campaign.signature_withdrawn", target=campaign)
    return signature


def release_signatures_of_deleted_account(user: Any) -> None:
    """Before delivery her signatures are withdrawn; on a delivered letter they stay counted, anonymised."""
    for signature in Signature.objects.active().filter(user=user).select_related("campaign"):
        if signature.campaign.state != Campaign.State.DELIVERED:
            do_withdraw_signature(signature, acting_user=None)
            continue
        _erase(signature)
        signature.anonymised_at = timezone.now()
        signature.save()


# --- The secretariat's campaigns -----------------------------------------------------------------


@dataclass(frozen=True)
class CampaignInput:
    """What the secretariat's form says of a campaign."""

    title: str
    slug: str
    statement: str
    language: str
    audience: str
    goal: int | None
    opens_on: dt.date | None
    closes_on: dt.date | None
    state: str
    statement_translations: dict[str, str] = field(default_factory=dict)
    provisions: list[Provision] = field(default_factory=list)
    jurisdictions: list[Jurisdiction] = field(default_factory=list)


CAMPAIGN_FIELDS = tuple(f.name for f in fields(CampaignInput) if f.name not in ("provisions", "jurisdictions"))


@transaction.atomic
def do_save_campaign(campaign: Campaign | None, data: CampaignInput, *, acting_user: Any) -> Campaign:
    """Create a campaign (`campaign` None) or change one; a delivered one keeps its state."""
    created = campaign is None
    campaign = campaign if campaign is not None else Campaign()
    if not created:
        campaign = _lock(campaign)
        if campaign.state == Campaign.State.DELIVERED and data.state != Campaign.State.DELIVERED:
            raise SignatureRefused(_("A delivered campaign stays delivered."))
    state_before = campaign.state if not created else None
    if data.state == Campaign.State.DELIVERED and campaign.delivered_at is None:
        raise SignatureRefused(_("Record the delivery on the campaign's delivery page; it sets the state."))
    for name in CAMPAIGN_FIELDS:
        setattr(campaign, name, getattr(data, name))
    if created:
        campaign.created_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    campaign.changed_at = timezone.now()
    campaign.save()
    campaign.provisions.set(data.provisions)
    campaign.jurisdictions.set(data.jurisdictions)
    AuditEvent.record(actor=acting_user, verb="campaign.created" if created else "campaign.updated", target=campaign)
    if state_before is not None and state_before != campaign.state:
        verb = {"open": "campaign_opened", "closed": "campaign_closed"}.get(str(campaign.state), "")
        if verb:
            record_change(campaign, verb, url=campaign.get_absolute_url(), audience=_can_see(campaign))
    return campaign


def _can_see(campaign: Campaign) -> Any:
    """Followers who may still see the campaign (a campaign put back to draft is the secretariat's alone)."""
    return lambda user: campaign.state != Campaign.State.DRAFT or has_role(user, Role.SECRETARIAT)


@transaction.atomic
def do_record_delivery(
    campaign: Campaign, *, delivered_to: str, delivered_at: dt.datetime, acting_user: Any
) -> Campaign:
    """Record where and when the letter was delivered; signatures then can no longer be given or withdrawn."""
    campaign = _lock(campaign)
    if campaign.state == Campaign.State.DRAFT:
        raise SignatureRefused(_("A draft has no signatures to deliver; open it first."))
    campaign.delivered_to = delivered_to
    campaign.delivered_at = delivered_at
    campaign.state = Campaign.State.DELIVERED
    campaign.changed_at = timezone.now()
    campaign.save()
    # Signatures never confirmed will never count now.
    campaign.signatures.filter(state=Signature.State.PENDING).update(
        state=Signature.State.WITHDRAWN, withdrawn_at=timezone.now(), name="", organisation="", email=""
    )
    AuditEvent.record(actor=acting_user, verb="campaign.delivered", target=campaign, delivered_to=delivered_to)
    record_change(campaign, "campaign_delivered", url=campaign.get_absolute_url())
    return campaign


@transaction.atomic
def do_request_letter_pdf(campaign: Campaign, language: str, *, acting_user: Any) -> LetterPdf:
    """Ask the task worker for the letter as it stands; once per data date however often it is asked."""
    pdf, data_date = find_letter_pdf(campaign, language)
    now = timezone.now()
    if pdf is None:
        try:
            with transaction.atomic():
                pdf = LetterPdf.objects.create(
                    campaign=campaign, language=language, data_date=data_date, requested_at=now
                )
        except IntegrityError:
            pdf = LetterPdf.objects.defer("pdf").get(campaign=campaign, language=language, data_date=data_date)
        else:
            make_letter_pdf.enqueue(pdf.pk)
            AuditEvent.record(actor=acting_user, verb="campaign.letter_requested", target=campaign)
            return pdf
    if letter_needs_making(pdf, now=now):
        claimed = LetterPdf.objects.filter(pk=pdf.pk, state=pdf.state, requested_at=pdf.requested_at).update(
            state=LetterPdf.State.PENDING, requested_at=now
        )
        if claimed:
            make_letter_pdf.enqueue(pdf.pk)
        pdf.refresh_from_db(fields=["state", "requested_at"])
    return pdf
