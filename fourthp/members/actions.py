"""Writes on members: profiles, consents, and legislator membership applications.

`check_*` validates and raises MemberRefused with a message a person
understands; `do_*` acts in one transaction and records an AuditEvent, so a
failure half way writes nothing and no e-mail leaves (e-mails are queued on commit).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field, fields
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fourthp.accounts.access import has_role
from fourthp.accounts.mail import notify
from fourthp.accounts.models import AuditEvent, User
from fourthp.accounts.roles import Role
from fourthp.accounts.site import absolute_url
from fourthp.briefs.actions import do_check_content
from fourthp.frameworks.models import Pillar, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.members.models import VISIBLE_FIELDS, Application, ApplicationStep, Consent, Profile, Testimonial
from fourthp.members.queries import applications_of, hash_token
from fourthp.notifications.actions import tell

# Raise when the mission statement's meaning changes; each application records the version it accepted.
MISSION_VERSION = 1
MISSION_TEMPLATE = "members/_mission.html"


# The words a member agrees to; the text shown to her is stored with each consent.
CONSENT_STATEMENTS: dict[str, Any] = {
    Consent.Kind.LIVED_EXPERIENCE_LISTING: gettext_lazy(
        "I have lived experience of trafficking. I agree that my profile may be shown beyond the "
        "secretariat, field by field to the audiences I choose on my profile, and that I may be counted on "
        "the public page of countries represented. I can withdraw this consent at any time; my profile is "
        "then shown to the secretariat only."
    ),
    Consent.Kind.PEER_CONTACT: gettext_lazy(
        "I agree that other members may send me contact requests through the platform. A request reaches "
        "me without my e-mail address being shown, and I decide whether to answer. I can withdraw this "
        "consent at any time."
    ),
    Consent.Kind.CONSTITUENT_LETTERS: gettext_lazy(
        "I am a legislator. I agree that visitors may find me on the platform's page for writing to a "
        "representative, by the name and jurisdiction my profile shows them, and send me letters through the "
        "platform once they have confirmed their own e-mail address. My e-mail address is never shown to them. "
        "I can withdraw this consent at any time."
    ),
}


class MemberRefused(ValueError):
    """The step asked for is not allowed; the message says why."""


def mission_text() -> str:
    """The mission statement as plain text, in the current language."""
    return " ".join(strip_tags(render_to_string(MISSION_TEMPLATE)).split())


def hash_ip(ip: str) -> str:
    """A keyed SHA-256 of an address: enough to count applications per address, not to recover it."""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


def _absolute(path: str) -> str:
    return absolute_url(path)


# --- Profiles and consents -----------------------------------------------------------------


@dataclass(frozen=True)
class ProfileInput:
    """What she says about herself, each field with who may see it (`visibility`: field name → Visibility)."""

    kind: str
    name: str
    role: str
    lived_experience: bool
    jurisdiction: Jurisdiction | None
    legislature: str
    chamber: str
    party: str
    committees: str
    topic_pillars: list[Pillar]
    topic_provisions: list[Provision]
    languages: list[str]
    organisation: str
    bio: str
    contact: str
    visibility: dict[str, str] = field(default_factory=dict)


# Her profile's own fields in its input (the rest are its topics and the fields' visibilities).
PROFILE_FIELDS = tuple(
    f.name for f in fields(ProfileInput) if f.name not in ("topic_pillars", "topic_provisions", "visibility")
)


@transaction.atomic
def do_save_profile(data: ProfileInput, *, acting_user: User) -> Profile:
    """Create or update her own profile."""
    profile = Profile.objects.filter(user=acting_user).first()
    created = profile is None
    if profile is None:
        profile = Profile(user=acting_user)
    for name in PROFILE_FIELDS:
        setattr(profile, name, getattr(data, name))
    for name, visibility in data.visibility.items():
        setattr(profile, f"{name}_visibility", visibility)
    profile.save()
    profile.topic_pillars.set(data.topic_pillars)
    profile.topic_provisions.set(data.topic_provisions)
    AuditEvent.record(actor=acting_user, verb="profile.created" if created else "profile.updated", target=profile)
    return profile


def check_consent(user: User, kind: str, action: str) -> Consent | None:
    """The active consent of `kind` (None when there is none), refusing a step that changes nothing."""
    if kind not in Consent.Kind.values:
        raise MemberRefused(_("There is no such consent."))
    active = Consent.objects.filter(user=user, kind=kind, revoked_at__isnull=True).first()
    if action == "give" and active is not None:
        raise MemberRefused(_("You have already given this consent."))
    if action == "revoke" and active is None:
        raise MemberRefused(_("This consent is not active, so there is nothing to withdraw."))
    return active


@transaction.atomic
def do_give_consent(kind: str, statement: str, *, acting_user: User) -> Consent:
    """Record her consent of `kind` with the words she agreed to."""
    user = acting_user
    check_consent(user, kind, "give")
    try:
        with transaction.atomic():
            consent = Consent.objects.create(user=user, kind=kind, statement=statement)
    except IntegrityError:
        raise MemberRefused(_("You have already given this consent.")) from None
    AuditEvent.record(actor=user, verb="consent.given", target=consent, kind=kind)
    return consent


@transaction.atomic
def do_revoke_consent(kind: str, *, acting_user: User) -> Consent:
    """Withdraw her active consent of `kind` (the row stays, dated)."""
    user = acting_user
    consent = check_consent(user, kind, "revoke")
    assert consent is not None
    consent.revoked_at = timezone.now()
    consent.save(update_fields=["revoked_at"])
    AuditEvent.record(actor=user, verb="consent.revoked", target=consent, kind=kind)
    return consent


# --- Applications ----------------------------------------------------------------------------


def check_application(email: str, role: str, ip_hash: str, *, now: dt.datetime | None = None) -> None:
    """Refuse a duplicate, an applicant who already holds the role, and too many applications from one address."""
    now = now or timezone.now()
    if Application.objects.open().filter(email__iexact=email).exists():
        raise MemberRefused(
            _(
                "An application from this e-mail address is already waiting for review. "
                "We will write to you when the secretariat has looked at it."
            )
        )
    held = Role.LEGISLATOR if role == Application.Role.LEGISLATOR else Role.STAFF
    for account in User.objects.filter(email__iexact=email, is_active=True):
        if has_role(account, Role.LEGISLATOR) or has_role(account, held):
            raise MemberRefused(
                _("This e-mail address already belongs to a member with this role: sign in instead of applying.")
            )
    since = now - dt.timedelta(hours=1)
    recent = Application.objects.filter(ip_hash=ip_hash, submitted_at__gte=since).count()
    if recent >= settings.APPLICATIONS_PER_HOUR:
        raise MemberRefused(
            _(
                "Too many applications have come from your network in the last hour "
                "(at most %(limit)s). Please try again later."
            )
            % {"limit": settings.APPLICATIONS_PER_HOUR}
        )


@transaction.atomic
def do_create_application(
    *,
    name: str,
    email: str,
    jurisdiction: Jurisdiction,
    legislature: str,
    chamber: str,
    role: str,
    message: str,
    website: str,
    ip: str,
    user: Any = None,
) -> Application:
    ip_hash = hash_ip(ip)
    check_application(email, role, ip_hash)
    now = timezone.now()
    try:
        with transaction.atomic():
            application = Application.objects.create(
                name=name.strip(),
                email=email.strip(),
                jurisdiction=jurisdiction,
                legislature=legislature.strip(),
                chamber=chamber.strip(),
                role=role,
                message=message.strip(),
                website=website.strip(),
                mission_version=MISSION_VERSION,
                mission_text=mission_text(),
                mission_accepted_at=now,
                user=user if getattr(user, "is_authenticated", False) else None,
                ip_hash=ip_hash,
                submitted_at=now,
            )
    except IntegrityError:
        # Two submissions raced past the check; the database constraint keeps one.
        raise MemberRefused(_("An application from this e-mail address is already waiting for review.")) from None
    AuditEvent.record(actor=user, verb="application.submitted", target=application)
    notify("members_application_received", [application.email], {"application": application})
    tell(
        User.objects.secretariat(),
        "membership_application",
        params={"name": application.name},
        url=reverse("application-review", args=[application.pk]),
    )
    return application


def _decidable(application: Application) -> None:
    if not application.is_open:
        raise MemberRefused(
            _("This application was already %(state)s; it cannot be decided again.")
            % {"state": application.get_state_display()}
        )


def check_decision(application: Application, decision: str, note: str) -> None:
    _decidable(application)
    if decision not in ("accept", "ask", "decline"):
        raise MemberRefused(_("Choose accept, ask for more information, or decline."))
    if decision in ("ask", "decline") and not note.strip():
        raise MemberRefused(_("Write a note: the applicant needs to know what to add, or why."))


def _lock(application: Application) -> Application:
    return Application.objects.select_for_update().get(pk=application.pk)


@transaction.atomic
def do_ask_for_information(application: Application, note: str, *, acting_user: User) -> str:
    """Ask for more; returns the secret respond link's token (only its hash is stored)."""
    application = _lock(application)
    check_decision(application, "ask", note)
    raw = secrets.token_urlsafe(32)
    application.state = Application.State.MORE_INFO
    application.respond_token_hash = hash_token(raw)
    application.save(update_fields=["state", "respond_token_hash"])
    ApplicationStep.objects.create(
        application=application, kind=ApplicationStep.Kind.ASKED, text=note.strip(), actor=acting_user
    )
    AuditEvent.record(actor=acting_user, verb="application.more_info_asked", target=application)
    notify(
        "members_application_more_info",
        [application.email],
        {
            "application": application,
            "note": note.strip(),
            "respond_url": _absolute(reverse("application-respond", args=[raw])),
        },
    )
    return raw


@transaction.atomic
def do_answer_application(application: Application, text: str) -> None:
    """The applicant adds what was asked: back to the secretariat's queue, which is told."""
    application = _lock(application)
    if application.state != Application.State.MORE_INFO:
        raise MemberRefused(_("This application is not waiting for information any more."))
    if not text.strip():
        raise MemberRefused(_("Write the information the secretariat asked for."))
    application.state = Application.State.SUBMITTED
    application.respond_token_hash = ""
    application.save(update_fields=["state", "respond_token_hash"])
    ApplicationStep.objects.create(application=application, kind=ApplicationStep.Kind.ANSWERED, text=text.strip())
    AuditEvent.record(actor=None, verb="application.answered", target=application)
    notify(
        "members_application_answered",
        User.objects.secretariat_addresses(),
        {"application": application, "review_url": _absolute(reverse("application-review", args=[application.pk]))},
    )


@transaction.atomic
def do_decline_application(application: Application, note: str, *, acting_user: User) -> None:
    application = _lock(application)
    check_decision(application, "decline", note)
    application.state = Application.State.DECLINED
    application.decided_at = timezone.now()
    application.decided_by = acting_user
    application.respond_token_hash = ""
    application.save(update_fields=["state", "decided_at", "decided_by", "respond_token_hash"])
    ApplicationStep.objects.create(
        application=application, kind=ApplicationStep.Kind.DECLINED, text=note.strip(), actor=acting_user
    )
    AuditEvent.record(actor=acting_user, verb="application.declined", target=application)
    notify("members_application_declined", [application.email], {"application": application, "note": note.strip()})


def _unique_username(email: str) -> str:
    base = "".join(ch for ch in email.split("@")[0].lower() if ch.isalnum() or ch in "._-")[:30] or "member"
    candidate = base
    while User.objects.filter(username__iexact=candidate).exists():
        candidate = f"{base}-{secrets.token_hex(3)}"
    return candidate


def set_password_url(user: User) -> str:
    """allauth's password-reset link: setting a password through it also proves the address is hers."""
    uid = user_pk_to_url_str(user)
    key = default_token_generator.make_token(user)
    return _absolute(reverse("account_reset_password_from_key", kwargs={"uidb36": uid, "key": key}))


@transaction.atomic
def do_accept_application(application: Application, note: str, *, acting_user: User) -> User:
    """Grant the role: to her existing account, or to a new one she activates by setting a password.

    1. Find the account: the one she applied from, else an active one with the application's address.
    2. Without one, create it with an unusable password and an unverified address.
    3. Add the role's group, and a profile prefilled from the application if she has none
       (every field secretariat-only until she chooses otherwise).
    4. Tell her, with the set-password link when the account is new.
    """
    application = _lock(application)
    check_decision(application, "accept", note)
    account = application.user if application.user is not None and application.user.is_active else None
    if account is None:
        account = User.objects.filter(email__iexact=application.email, is_active=True).order_by("pk").first()
    created = account is None
    if account is None:
        account = User(username=_unique_username(application.email), email=application.email)
        account.display_name = application.name
        account.set_unusable_password()
        account.save()
        EmailAddress.objects.create(user=account, email=application.email, verified=False, primary=True)
    role = Role.LEGISLATOR if application.role == Application.Role.LEGISLATOR else Role.STAFF
    account.groups.add(Group.objects.get_or_create(name=role.value)[0])
    if not Profile.objects.filter(user=account).exists():
        Profile.objects.create(
            user=account,
            name=application.name,
            role=Profile.Role.LEGISLATOR if role == Role.LEGISLATOR else Profile.Role.PARLIAMENTARY_STAFF,
            jurisdiction=application.jurisdiction,
            legislature=application.legislature,
            chamber=application.chamber,
        )
    application.state = Application.State.ACCEPTED
    application.user = account
    application.decided_at = timezone.now()
    application.decided_by = acting_user
    application.respond_token_hash = ""
    application.save(update_fields=["state", "user", "decided_at", "decided_by", "respond_token_hash"])
    ApplicationStep.objects.create(
        application=application, kind=ApplicationStep.Kind.ACCEPTED, text=note.strip(), actor=acting_user
    )
    AuditEvent.record(actor=acting_user, verb="application.accepted", target=application, new_account=created)
    notify(
        "members_application_accepted",
        [application.email],
        {
            "application": application,
            "note": note.strip(),
            "new_account": created,
            "set_password_url": set_password_url(account) if created else "",
            "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86_400),
            "sign_in_url": _absolute(reverse("account_login")),
            "profile_url": _absolute(reverse("member-profile-edit")),
        },
    )
    return account


def do_decide_application(application: Application, decision: str, note: str, *, acting_user: User) -> None:
    check_decision(application, decision, note)
    if decision == "accept":
        do_accept_application(application, note, acting_user=acting_user)
    elif decision == "ask":
        do_ask_for_information(application, note, acting_user=acting_user)
    else:
        do_decline_application(application, note, acting_user=acting_user)


# --- Personal data ---------------------------------------------------------------------------


def personal_data_of(user: User) -> dict[str, Any]:
    """Her profile (every field with its visibility), consents and applications, ready for JSON."""
    sections: dict[str, Any] = {"member_profile": None}
    profile = Profile.objects.filter(user=user).select_related("jurisdiction").first()
    if profile is not None:
        sections["member_profile"] = {
            "kind": profile.kind,
            "lived_experience": profile.lived_experience,
            **{
                field: {
                    "value": _profile_value(profile, field),
                    "visibility": getattr(profile, f"{field}_visibility"),
                }
                for field in VISIBLE_FIELDS
            },
            "created_at": profile.created_at.isoformat(),
            "updated_at": profile.updated_at.isoformat(),
        }
    sections["consents"] = [
        {
            "kind": c.kind,
            "statement": c.statement,
            "given_at": c.given_at.isoformat(),
            "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
        }
        for c in Consent.objects.filter(user=user).order_by("given_at")
    ]
    sections["membership_applications"] = [
        {
            "name": a.name,
            "email": a.email,
            "jurisdiction": a.jurisdiction.code,
            "legislature": a.legislature,
            "chamber": a.chamber,
            "role": a.role,
            "message": a.message,
            "website": a.website,
            "mission_version": a.mission_version,
            "mission_accepted_at": a.mission_accepted_at.isoformat(),
            "state": a.state,
            "submitted_at": a.submitted_at.isoformat(),
            "decided_at": a.decided_at.isoformat() if a.decided_at else None,
            "steps": [
                {"kind": s.kind, "text": s.text, "at": s.created_at.isoformat()} for s in a.steps.order_by("created_at")
            ],
        }
        for a in applications_of(user).select_related("jurisdiction").order_by("submitted_at")
    ]
    return sections


def _profile_value(profile: Profile, field: str) -> Any:
    if field == "jurisdiction":
        return profile.jurisdiction.code if profile.jurisdiction else None
    if field == "topics":
        return {
            "pillars": sorted(p.slug for p in profile.topic_pillars.all()),
            "provisions": sorted(p.slug for p in profile.topic_provisions.all()),
        }
    return getattr(profile, field)


def forget_member(user: User) -> None:
    """Inside account deletion: remove her profile (with its history) and consents, anonymise her applications.

    Applications keep the decision record (state, dates, who decided, the secretariat's notes,
    jurisdiction and role) and lose everything she wrote or that identifies her.
    """
    profile_ids = list(Profile.objects.filter(user=user).values_list("pk", flat=True))
    Profile.objects.filter(pk__in=profile_ids).delete()
    # Deleting writes one more history row holding her values: drop all of them.
    Profile.history.model.objects.filter(Q(id__in=profile_ids) | Q(user_id=user.pk)).delete()
    consent_ids = [str(pk) for pk in Consent.objects.filter(user=user).values_list("pk", flat=True)]
    Consent.objects.filter(user=user).delete()
    now = timezone.now()
    applications = list(applications_of(user))
    for application in applications:
        ApplicationStep.objects.filter(application=application, kind=ApplicationStep.Kind.ANSWERED).update(text="")
        if application.is_open:
            application.state = Application.State.WITHDRAWN
        application.name = ""
        application.email = ""
        application.message = ""
        application.website = ""
        application.ip_hash = ""
        application.respond_token_hash = ""
        application.anonymised_at = now
        application.save()
    # The audit rows stay; their labels named her ("<name> (state)", "<her account> · <consent>").
    for model, ids in (
        (Application, [str(a.pk) for a in applications]),
        (Profile, [str(pk) for pk in profile_ids]),
        (Consent, consent_ids),
    ):
        AuditEvent.objects.filter(target_type=ContentType.objects.get_for_model(model), target_id__in=ids).update(
            target_label=""
        )


# --- Testimonials ---------------------------------------------------------------------


def testimonial_consent_statement() -> str:
    return str(
        _(
            "I agree that Fourth P publishes these words on its public pages, with my name, role and jurisdiction "
            "as far as my profile's visibility settings allow, until I withdraw them."
        )
    )


@transaction.atomic
def do_write_testimonial(text: str, *, show_role: bool, acting_user: Any) -> Testimonial:
    """Her testimonial with her consent recorded; it waits for the secretariat's approval."""
    testimonial = Testimonial.objects.create(
        user=acting_user,
        text=text.strip(),
        show_role=show_role,
        consent_statement=testimonial_consent_statement(),
    )
    AuditEvent.record(actor=acting_user, verb="testimonial.written", target=testimonial)
    return testimonial


@transaction.atomic
def do_approve_testimonial(testimonial: Testimonial, *, acting_user: Any, override_reason: str = "") -> Testimonial:
    """The secretariat publishes it, after the content check (a problem needs a written reason)."""
    testimonial = Testimonial.objects.select_for_update().get(pk=testimonial.pk)
    if testimonial.withdrawn_at is not None:
        raise ValueError(_("She has withdrawn this testimonial; it can no longer be published."))
    do_check_content(testimonial.text, target=testimonial, acting_user=acting_user, override_reason=override_reason)
    testimonial.approved_at = timezone.now()
    testimonial.approved_by = acting_user
    testimonial.save(update_fields=["approved_at", "approved_by"])
    AuditEvent.record(actor=acting_user, verb="testimonial.approved", target=testimonial)
    return testimonial


@transaction.atomic
def do_withdraw_testimonial(testimonial: Testimonial, *, acting_user: Any) -> Testimonial:
    """She withdraws it (and her consent): it leaves every page at once."""
    if testimonial.user_id != acting_user.pk:
        raise PermissionError("only its author withdraws a testimonial")
    testimonial.withdrawn_at = timezone.now()
    testimonial.save(update_fields=["withdrawn_at"])
    AuditEvent.record(actor=acting_user, verb="testimonial.withdrawn", target=testimonial)
    return testimonial
