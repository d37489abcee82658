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
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role
from fourthp.accounts.models import AuditEvent
from fourthp.accounts.roles import Role
from fourthp.briefs.actions import do_check_content
from fourthp.briefs.checks import find_problems
from fourthp.campaigns.mail import ask_letter_confirmation, deliver_letter, tell_signer
from fourthp.campaigns.models import (
    Campaign,
    Inquiry,
    Letter,
    LetterPdf,
    LetterTemplate,
    OpEdKit,
    Signature,
    TalkingPoint,
)
from fourthp.campaigns.queries import find_letter_pdf, letter_needs_making, letters_sent_from, may_receive_letters
from fourthp.campaigns.tasks import make_letter_pdf, schedule_inquiry_reminder
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import Profile
from fourthp.notifications.actions import record_change
from fourthp.statistics.models import Quality, Statistic


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
    override_reason: str = ""
    """The secretariat's reason for opening a statement the content check objects to; empty for none."""


CAMPAIGN_FIELDS = tuple(
    f.name for f in fields(CampaignInput) if f.name not in ("provisions", "jurisdictions", "override_reason")
)


def statement_text(campaign: Campaign) -> str:
    """What the content check reads of a campaign: its statement first, its translations, then its title."""
    return "\n\n".join([campaign.statement, *(campaign.statement_translations or {}).values(), campaign.title])


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
    was_open, text_before = (not created and campaign.state == Campaign.State.OPEN), statement_text(campaign)
    for name in CAMPAIGN_FIELDS:
        setattr(campaign, name, getattr(data, name))
    if created:
        campaign.created_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    campaign.changed_at = timezone.now()
    campaign.save()
    # Opening a statement, or changing an open one, passes the content check (the write is undone if refused).
    if campaign.state == Campaign.State.OPEN and (not was_open or statement_text(campaign) != text_before):
        do_check_content(
            statement_text(campaign), target=campaign, acting_user=acting_user, override_reason=data.override_reason
        )
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


# --- Letters to legislators ----------------------------------------------------------------------


class LetterRefused(ValueError):
    """The letter cannot be taken or sent; the message says why."""


@dataclass(frozen=True)
class LetterInput:
    """What a visitor wrote: the legislators she chose (profiles she was shown) and her letter."""

    jurisdiction: Jurisdiction
    template: LetterTemplate | None
    recipients: list[Profile]
    subject: str
    body: str
    name: str
    email: str
    town: str
    language: str


def letters_left_today(email: str) -> int:
    since = timezone.now() - dt.timedelta(days=1)
    return settings.CAMPAIGN_LETTERS_PER_ADDRESS_PER_DAY - letters_sent_from(email, since)


@transaction.atomic
def do_request_letter(data: LetterInput) -> Letter:
    """Keep the letter waiting and e-mail its writer the link that sends it; nothing reaches a legislator before."""
    if not data.recipients:
        raise LetterRefused(_("Choose at least one legislator to write to."))
    email = data.email.strip().lower()
    if letters_left_today(email) <= 0:
        raise LetterRefused(
            _("This e-mail address has asked us to send %(count)s letters in the last day; try again tomorrow.")
            % {"count": settings.CAMPAIGN_LETTERS_PER_ADDRESS_PER_DAY}
        )
    letter = Letter.objects.create(
        jurisdiction=data.jurisdiction,
        template=data.template,
        recipient_names=", ".join(p.name for p in data.recipients)[:1000],
        subject=data.subject,
        body=data.body,
        sender_name=data.name,
        sender_email=email,
        sender_town=data.town,
        language=data.language,
    )
    letter.recipients.set([p.user for p in data.recipients])
    ask_letter_confirmation(letter)
    AuditEvent.record(actor=None, verb="letter.pending", target=letter, recipients=len(data.recipients))
    return letter


@transaction.atomic
def do_send_letter(letter: Letter) -> Letter:
    """Send a confirmed letter to the legislators who still accept letters, with a copy to its writer; once."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.state == Letter.State.SENT:
        raise LetterRefused(
            _("This letter was already sent on %(date)s; it is not sent twice.")
            % {"date": timezone.localtime(letter.sent_at).strftime("%Y-%m-%d %H:%M") if letter.sent_at else ""}
        )
    recipients = [user for user in letter.recipients.all() if may_receive_letters(user)]
    if not recipients:
        raise LetterRefused(
            _("The legislators you chose no longer take letters through the platform, so nothing was sent.")
        )
    names = dict(Profile.objects.filter(user__in=recipients).values_list("user_id", "name"))
    letter.recipient_names = ", ".join(names.get(user.pk, "") or user.display_name for user in recipients)[:1000]
    letter.state = Letter.State.SENT
    letter.sent_at = timezone.now()
    letter.save(update_fields=["state", "sent_at", "recipient_names"])
    letter.recipients.set(recipients)
    deliver_letter(letter, recipients)
    AuditEvent.record(actor=None, verb="letter.sent", target=letter, recipients=len(recipients))
    return letter


# --- Inquiries ------------------------------------------------------------------------------------


class InquiryRefused(ValueError):
    """The inquiry cannot be saved so; the message says why."""


@dataclass(frozen=True)
class InquiryInput:
    jurisdiction: Jurisdiction
    agency: str
    question: str
    sent_on: dt.date
    due_on: dt.date
    reference: str
    answer: str
    answered_on: dt.date | None
    state: str
    published: bool


INQUIRY_FIELDS = tuple(f.name for f in fields(InquiryInput))


@transaction.atomic
def do_save_inquiry(inquiry: Inquiry | None, data: InquiryInput, *, acting_user: Any) -> Inquiry:
    """Record an inquiry (`inquiry` None) or change one; the overdue reminder is (re)scheduled for its due date."""
    if data.state == Inquiry.State.ANSWERED and not (data.answer.strip() and data.answered_on):
        raise InquiryRefused(_("An answered inquiry needs the answer and the date it was answered."))
    created = inquiry is None
    inquiry = Inquiry(owner=acting_user) if inquiry is None else Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    moved_later = inquiry.pk is not None and data.due_on > inquiry.due_on
    for name in INQUIRY_FIELDS:
        setattr(inquiry, name, getattr(data, name))
    if inquiry.state in (Inquiry.State.SENT, Inquiry.State.OVERDUE):
        inquiry.state = Inquiry.State.OVERDUE if data.due_on < timezone.localdate() else Inquiry.State.SENT
    if moved_later and inquiry.state == Inquiry.State.SENT:
        inquiry.reminder_sent_at = None  # a new due date earns its own reminder
    inquiry.changed_at = timezone.now()
    inquiry.save()
    schedule_inquiry_reminder(inquiry)
    AuditEvent.record(actor=acting_user, verb="inquiry.created" if created else "inquiry.updated", target=inquiry)
    return inquiry


# --- Op-ed kits -----------------------------------------------------------------------------------


def refuse_unfit_figures(figures: Iterable[Statistic]) -> list[str]:
    """Why each figure may not be cited in a kit: an unsourced one never; a superseded one names its successor."""
    problems = []
    for figure in figures:
        if figure.quality == Quality.UNSOURCED or not figure.source.strip():
            problems.append(
                _("Figure %(id)s (%(key)s) has no source, so a kit cannot cite it.")
                % {"id": figure.pk, "key": figure.key}
            )
        elif figure.quality == Quality.SUPERSEDED:
            successor = figure.newest_successor()
            problems.append(
                _("Figure %(id)s (%(key)s) is superseded by figure %(new_id)s (%(new_key)s); cite that one.")
                % {
                    "id": figure.pk,
                    "key": figure.key,
                    "new_id": successor.pk if successor else "?",
                    "new_key": successor.key if successor else "?",
                }
            )
    return problems


# --- The seed ---------------------------------------------------------------------------------------


@transaction.atomic
def do_load_letter_templates(path: Path) -> tuple[int, int]:
    """Load the letter templates of a seed file that are not there yet, by key; returns (created, kept).

    A template already loaded is kept as the secretariat has edited it. A provision is named by its id in the
    default framework's latest version; an unknown one refuses the file.
    """
    rows, new = _new_seed_rows(path, "templates", "key", set(LetterTemplate.objects.values_list("key", flat=True)))
    for row in new:
        LetterTemplate.objects.create(
            key=row["key"],
            title=row["title"],
            provision=_seed_provision(row.get("provision"), f"{path.name}: template {row['key']}"),
            subject=row["subject"],
            body=row["body"].strip(),
            order=row.get("order", 0),
            translations=row.get("translations") or {},
        )
    return len(new), len(rows) - len(new)


def _new_seed_rows(path: Path, name: str, key: str, existing: set[str]) -> tuple[list[Any], list[Any]]:
    """The rows of a seed file's list `name`, and those whose `key` is not among the `existing` ones."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8")).get(name) or []
    return rows, [row for row in rows if row[key] not in existing]


def _seed_provision(slug: str | None, where: str) -> Provision | None:
    """The provision a seed row names by its id in the default framework's latest version (None for none)."""
    if not slug:
        return None
    provision = Provision.objects.filter(framework=Framework.objects.default(), slug=slug).first()
    if provision is None:
        raise LetterRefused(f"{where} names no provision {slug!r}")
    return provision


@transaction.atomic
def do_load_op_ed_kits(path: Path) -> tuple[int, int]:
    """Load the op-ed kits of a seed file that are not there yet, by slug, published; returns (created, kept).

    A kit already loaded is kept as the secretariat has edited it. The file is refused whole (nothing is
    loaded) if a talking point names an unknown provision, a figure is not in the registry or may not be cited
    (unsourced or superseded), or a text fails the content check that campaigns and briefs pass.
    """
    rows, new = _new_seed_rows(path, "kits", "slug", set(OpEdKit.objects.values_list("slug", flat=True)))
    for row in new:
        where = f"{path.name}: kit {row['slug']}"
        keys = list(row.get("figures") or [])
        figures = list(Statistic.objects.filter(key__in=keys))
        missing = sorted(set(keys) - {figure.key for figure in figures})
        if missing:
            raise LetterRefused(f"{where} cites figures not in the statistics registry: {', '.join(missing)}")
        unfit = refuse_unfit_figures(figures)
        if unfit:
            raise LetterRefused(f"{where}: {' '.join(unfit)}")
        texts = [row["title"], row["summary"], *(point["text"] for point in row.get("points") or [])]
        for text in texts:
            problems = find_problems(text)
            if problems:
                raise LetterRefused(f"{where}: {problems[0].message}")
        kit = OpEdKit.objects.create(
            slug=row["slug"],
            title=row["title"].strip(),
            summary=row["summary"].strip(),
            translations={
                language: {name: str(value).strip() for name, value in fields.items()}
                for language, fields in (row.get("translations") or {}).items()
            },
            published=True,
        )
        kit.statistics.set(figures)
        for order, point in enumerate(row.get("points") or [], start=1):
            TalkingPoint.objects.create(
                kit=kit,
                provision=_seed_provision(point.get("provision"), f"{where}, point {order}"),
                text=point["text"].strip(),
                translations={lang: str(text).strip() for lang, text in (point.get("translations") or {}).items()},
                order=order * 10,
            )
    return len(new), len(rows) - len(new)
