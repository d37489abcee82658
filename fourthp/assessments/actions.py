"""Writes on assessments: create, edit, submit, approve, return, and the seed.

`check_*` validates everything and raises AssessmentRefused with a message a
user understands; `do_*` runs in one transaction and records an AuditEvent,
so a failure half way writes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role
from fourthp.accounts.mail import notify
from fourthp.accounts.models import AuditEvent, User
from fourthp.accounts.roles import Role
from fourthp.assessments.inputs import AssessmentInput, EvidenceInput, RequestChange, RequestInput
from fourthp.assessments.models import Assessment, AssessmentRequest, Evidence, ReportCardPdf, Status
from fourthp.assessments.queries import find_open_request, has_report_card, input_of, pdf_needs_making
from fourthp.assessments.tasks import make_report_card_pdf
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.names import local_name
from fourthp.jurisdictions.queries import find_jurisdiction
from fourthp.laws.models import Section
from fourthp.notifications.actions import record_change, tell

MAX_EVIDENCE = 20
MAX_QUOTE_CHARS = 5_000
MAX_RATIONALE_CHARS = 10_000


class AssessmentRefused(ValueError):
    """The assessment or the step asked for is not allowed; the message says why."""


@dataclass(frozen=True)
class ResolvedEvidence:
    section: Section
    start: int
    end: int
    quote: str


def _find_section(jurisdiction: Jurisdiction, item: EvidenceInput) -> Section:
    key = item.section_key.strip()
    if not key:
        raise AssessmentRefused(_("Each piece of evidence needs a section."))
    qs = Section.objects.select_related("instrument").filter(key=key)
    qs = qs.filter(version=item.version) if item.version else qs.filter(is_current=True)
    section = qs.first()
    if section is None:
        raise AssessmentRefused(_("There is no section “%(key)s” in the atlas.") % {"key": key})
    if section.instrument.jurisdiction_id != jurisdiction.pk:
        raise AssessmentRefused(
            _("Section %(citation)s is not %(jurisdiction)s law; evidence must come from the jurisdiction assessed.")
            % {"citation": section.citation, "jurisdiction": jurisdiction.name}
        )
    return section


def resolve_evidence(jurisdiction: Jurisdiction, item: EvidenceInput) -> ResolvedEvidence:
    section = _find_section(jurisdiction, item)
    text = section.text
    quote = item.quote
    if item.start is not None and item.end is not None:
        if not 0 <= item.start < item.end <= len(text):
            raise AssessmentRefused(
                _("The selected span %(start)s–%(end)s is outside %(citation)s (%(length)s characters).")
                % {"start": item.start, "end": item.end, "citation": section.citation, "length": len(text)}
            )
        if quote and text[item.start : item.end] != quote:
            raise AssessmentRefused(
                _("The quote does not match the text of %(citation)s at the selected place.")
                % {"citation": section.citation}
            )
        start, end = item.start, item.end
    else:
        quote = quote.strip()
        if not quote:
            raise AssessmentRefused(
                _("Quote the text of %(citation)s that supports the finding.") % {"citation": section.citation}
            )
        positions = []
        at = text.find(quote)
        while at != -1:
            positions.append(at)
            at = text.find(quote, at + 1)
        if not positions:
            raise AssessmentRefused(
                _("The quote is not in the text of %(citation)s. Copy it exactly from the section.")
                % {"citation": section.citation}
            )
        if item.occurrence is not None:
            if not 1 <= item.occurrence <= len(positions):
                raise AssessmentRefused(
                    _("The quote occurs %(count)s times in %(citation)s; occurrence %(n)s does not exist.")
                    % {"count": len(positions), "citation": section.citation, "n": item.occurrence}
                )
            start = positions[item.occurrence - 1]
        elif len(positions) > 1:
            raise AssessmentRefused(
                _("The quote occurs %(count)s times in %(citation)s. Quote a longer passage, or select it in the text.")
                % {"count": len(positions), "citation": section.citation}
            )
        else:
            start = positions[0]
        end = start + len(quote)
    if end - start > MAX_QUOTE_CHARS:
        raise AssessmentRefused(
            _("A quote may be at most %(limit)s characters; quote the clause that supports the finding.")
            % {"limit": MAX_QUOTE_CHARS}
        )
    return ResolvedEvidence(section=section, start=start, end=end, quote=text[start:end])


def check_assessment(
    jurisdiction: Jurisdiction, provision: Provision, data: AssessmentInput, *, for_review: bool = False
) -> list[ResolvedEvidence]:
    """Validate an assessment; returns its evidence with offsets resolved.

    A draft may be incomplete (no evidence yet); `for_review` applies the rules
    a finding must meet before a reviewer sees it.
    """
    if data.status not in Status.values:
        raise AssessmentRefused(_("Choose a status: full, partial, absent or unknown."))
    if not provision.applies_to(jurisdiction.level):
        raise AssessmentRefused(
            _("“%(provision)s” does not apply to %(level)s jurisdictions such as %(jurisdiction)s.")
            % {
                "provision": provision.local("title"),
                "level": jurisdiction.get_level_display().lower(),
                "jurisdiction": jurisdiction.name,
            }
        )
    if not data.rationale.strip():
        raise AssessmentRefused(_("Write the rationale: why the law has this status, citing the sections."))
    if len(data.rationale) > MAX_RATIONALE_CHARS:
        raise AssessmentRefused(
            _("The rationale may be at most %(limit)s characters.") % {"limit": MAX_RATIONALE_CHARS}
        )
    if data.status == Status.ABSENT and not data.law_reviewed.strip():
        raise AssessmentRefused(
            _(
                "“Absent” needs the complete body of law reviewed for this provision. "
                "If you cannot name it, the status is “unknown”."
            )
        )
    if len(data.evidence) > MAX_EVIDENCE:
        raise AssessmentRefused(_("At most %(limit)s pieces of evidence.") % {"limit": MAX_EVIDENCE})
    resolved = [resolve_evidence(jurisdiction, item) for item in data.evidence]
    if for_review and data.status in (Status.FULL, Status.PARTIAL) and not resolved:
        raise AssessmentRefused(_("A full or partial finding needs at least one quoted section as evidence."))
    return resolved


def _write_evidence(assessment: Assessment, evidence: Sequence[ResolvedEvidence]) -> None:
    assessment.evidence.all().delete()
    for order, item in enumerate(evidence):
        Evidence.objects.create(
            assessment=assessment, section=item.section, start=item.start, end=item.end, quote=item.quote, order=order
        )


@transaction.atomic
def do_create_assessment(
    jurisdiction: Jurisdiction, provision: Provision, data: AssessmentInput, *, acting_user: User
) -> Assessment:
    evidence = check_assessment(jurisdiction, provision, data)
    existing = Assessment.objects.open().filter(jurisdiction=jurisdiction, provision=provision).first()
    if existing is not None:
        raise AssessmentRefused(
            _(
                "There is already an open assessment of this provision for %(jurisdiction)s (number %(id)s); edit that one."
            )
            % {"jurisdiction": jurisdiction.name, "id": existing.pk}
        )
    published = Assessment.objects.published().filter(jurisdiction=jurisdiction, provision=provision).first()
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                jurisdiction=jurisdiction,
                provision=provision,
                status=data.status,
                rationale=data.rationale.strip(),
                law_reviewed=data.law_reviewed.strip(),
                assessor=acting_user if acting_user.is_authenticated else None,
                revises=published,
            )
    except IntegrityError as exc:  # a concurrent request opened one first
        raise AssessmentRefused(_("Someone else has just opened an assessment of this provision.")) from exc
    _write_evidence(assessment, evidence)
    AuditEvent.record(actor=acting_user, verb="assessment.create", target=assessment, provision=provision.slug)
    return assessment


def _require_state(assessment: Assessment, *states: str) -> None:
    if assessment.state not in states:
        raise AssessmentRefused(
            _("This assessment is %(state)s, so that cannot be done now.") % {"state": assessment.get_state_display()}
        )


@transaction.atomic
def do_update_assessment(assessment: Assessment, data: AssessmentInput, *, acting_user: User) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_state(assessment, Assessment.State.DRAFT)
    evidence = check_assessment(assessment.jurisdiction, assessment.provision, data)
    assessment.status = data.status
    assessment.rationale = data.rationale.strip()
    assessment.law_reviewed = data.law_reviewed.strip()
    assessment.save()
    _write_evidence(assessment, evidence)
    AuditEvent.record(actor=acting_user, verb="assessment.update", target=assessment)
    return assessment


@transaction.atomic
def do_submit_assessment(assessment: Assessment, *, acting_user: User) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_state(assessment, Assessment.State.DRAFT)
    check_assessment(assessment.jurisdiction, assessment.provision, input_of(assessment), for_review=True)
    assessment.state = Assessment.State.IN_REVIEW
    assessment.submitted_at = timezone.now()
    assessment.save()
    AuditEvent.record(actor=acting_user, verb="assessment.submit", target=assessment)
    reviewers = User.objects.filter(is_active=True, groups__name=Role.REVIEWER.value).exclude(pk=acting_user.pk)
    tell(reviewers.distinct(), "assessment_submitted", params=_about(assessment), url=_assessment_url(assessment))
    return assessment


def _about(assessment: Assessment) -> dict[str, str]:
    return {"provision": str(assessment.provision), "jurisdiction": assessment.jurisdiction.name}


def _assessment_url(assessment: Assessment) -> str:
    return reverse("assessment-detail", args=[assessment.pk])


@transaction.atomic
def do_approve_assessment(assessment: Assessment, *, acting_user: User) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_state(assessment, Assessment.State.IN_REVIEW)
    if assessment.assessor_id is not None and assessment.assessor_id == acting_user.pk:
        raise AssessmentRefused(_("You wrote this assessment; another reviewer must approve it."))
    check_assessment(assessment.jurisdiction, assessment.provision, input_of(assessment), for_review=True)
    now = timezone.now()
    before = set()
    for old in Assessment.objects.select_for_update().filter(
        jurisdiction=assessment.jurisdiction, provision=assessment.provision, state=Assessment.State.PUBLISHED
    ):
        before.add(old.status)
        old.state = Assessment.State.SUPERSEDED
        old.save()
    assessment.state = Assessment.State.PUBLISHED
    assessment.reviewer = acting_user
    assessment.review_comment = ""
    assessment.published_at = now
    assessment.save()
    AuditEvent.record(actor=acting_user, verb="assessment.approve", target=assessment)
    if assessment.assessor is not None:
        tell(assessment.assessor, "assessment_published", params=_about(assessment), url=_assessment_url(assessment))
    url = _assessment_url(assessment)
    record_change(
        assessment.jurisdiction, "jurisdiction_assessment", params={"provision": assessment.provision}, url=url
    )
    if before != {assessment.status}:
        record_change(
            assessment.provision,
            "provision_finding",
            params={"jurisdiction": assessment.jurisdiction.name, "status": Status(assessment.status).label},
            url=url,
        )
    return assessment


@transaction.atomic
def do_return_assessment(assessment: Assessment, comment: str, *, acting_user: User) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_state(assessment, Assessment.State.IN_REVIEW)
    if not comment.strip():
        raise AssessmentRefused(_("Say what needs to change, so that the assessor can act on it."))
    assessment.state = Assessment.State.DRAFT
    assessment.reviewer = acting_user
    assessment.review_comment = comment.strip()
    assessment.save()
    AuditEvent.record(actor=acting_user, verb="assessment.return", target=assessment)
    if assessment.assessor is not None:
        tell(
            assessment.assessor,
            "assessment_returned",
            params={**_about(assessment), "comment": assessment.review_comment},
            url=_assessment_url(assessment),
        )
    return assessment


# --------------------------------------------------------------------- seed


@dataclass
class SeedReport:
    created: int = 0
    kept: int = 0


def _seed_rows(path: Path) -> tuple[Framework, list[dict[str, Any]], str]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AssessmentRefused(f"{path.name}: cannot be read ({exc})") from exc
    if not isinstance(document, dict) or not isinstance(document.get("assessments"), list):
        raise AssessmentRefused(f"{path.name}: expected a mapping with an 'assessments' list")
    try:
        framework = Framework.objects.get(slug=document["framework"], version=document["version"])
    except (KeyError, Framework.DoesNotExist) as exc:
        raise AssessmentRefused(f"{path.name}: its framework is not loaded") from exc
    return framework, document["assessments"], str(document.get("assessed_on", ""))


def _seed_translations(row: dict[str, Any]) -> dict[str, str]:
    """A seed row's rationale in the other interface languages: `rationale_es:` and the like."""
    found = {}
    for code, _name in settings.LANGUAGES:
        text = str(row.get(f"rationale_{code}") or "").strip()
        if text and code != settings.LANGUAGE_CODE:
            found[code] = text
    return found


@transaction.atomic
def do_load_seed_assessments(path: Path, *, acting_user: User | None) -> SeedReport:
    """Load published seed assessments; one that already has any assessment is left alone.

    All or nothing: an invalid row names itself and nothing is written. `acting_user` is None when the
    seed loader runs them (the assessments then have no assessor).
    """
    framework, rows, assessed_on = _seed_rows(path)
    provisions = {p.slug: p for p in framework.provisions.all()}
    jurisdictions: dict[str, Jurisdiction] = {}
    report = SeedReport()
    published_at = timezone.now()
    if assessed_on:
        published_at = timezone.make_aware(dt.datetime.fromisoformat(assessed_on))
    for number, row in enumerate(rows, start=1):
        where = f"{path.name}, assessment {number}"
        code = str(row.get("jurisdiction", ""))
        if code not in jurisdictions:
            try:
                jurisdictions[code] = Jurisdiction.objects.by_code(code)
            except Jurisdiction.DoesNotExist as exc:
                raise AssessmentRefused(f"{where}: no jurisdiction {code!r}") from exc
        jurisdiction = jurisdictions[code]
        provision = provisions.get(str(row.get("provision", "")))
        if provision is None:
            raise AssessmentRefused(f"{where}: no provision {row.get('provision')!r} in {framework}")
        if Assessment.objects.filter(jurisdiction=jurisdiction, provision=provision).exists():
            report.kept += 1
            continue
        data = AssessmentInput(
            status=str(row.get("status", "")),
            rationale=str(row.get("rationale", "")),
            law_reviewed=str(row.get("law_reviewed", "") or ""),
            evidence=[
                EvidenceInput(
                    section_key=str(item.get("section", "")),
                    quote=str(item.get("quote", "")),
                    occurrence=item.get("occurrence"),
                )
                for item in row.get("evidence") or []
            ],
        )
        try:
            evidence = check_assessment(jurisdiction, provision, data, for_review=True)
        except AssessmentRefused as exc:
            raise AssessmentRefused(f"{where} ({code} {provision.slug}): {exc}") from exc
        assessment = Assessment.objects.create(
            jurisdiction=jurisdiction,
            provision=provision,
            status=data.status,
            rationale=data.rationale.strip(),
            rationale_translations=_seed_translations(row),
            law_reviewed=data.law_reviewed.strip(),
            state=Assessment.State.PUBLISHED,
            published_at=published_at,
        )
        _write_evidence(assessment, evidence)
        report.created += 1
    if report.created:
        AuditEvent.record(actor=acting_user, verb="assessment.load_seed", created=report.created, source=path.name)
    return report


# --- Report-card PDFs ------------------------------------------------------------------------

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfRequest:
    """Where a report card's PDF stands for one request: `pdf` is the row, `queued` whether this request
    asked the worker to make it."""

    pdf: ReportCardPdf | None
    queued: bool


def do_request_report_card_pdf(
    jurisdiction: Jurisdiction,
    framework: Framework,
    language: str,
    data_date: dt.datetime,
    *,
    acting_user: User | AnonymousUser,
) -> PdfRequest:
    """Ask the task worker for the PDF of this key, once however many readers ask at the same moment.

    The row's unique key decides who asks: of concurrent requests only the one whose insert (or,
    for a failed or stale row, whose conditional update) succeeds enqueues the job. The job is
    stored in the same transaction as the row, so one exists exactly when the other does.
    `acting_user` is the reader who asked (often a visitor); a request is not recorded.
    """
    now = timezone.now()
    key = {"jurisdiction": jurisdiction, "framework": framework, "language": language, "data_date": data_date}
    try:
        with transaction.atomic():
            pdf = ReportCardPdf.objects.create(**key, requested_at=now)
            make_report_card_pdf.enqueue(pdf.pk)
            return PdfRequest(pdf, queued=True)
    except IntegrityError:
        pass  # another request made the row first
    with transaction.atomic():
        pdf = ReportCardPdf.objects.defer("pdf").get(**key)
        if not pdf_needs_making(pdf, now=now):
            return PdfRequest(pdf, queued=False)
        claimed = ReportCardPdf.objects.filter(pk=pdf.pk, state=pdf.state, requested_at=pdf.requested_at).update(
            state=ReportCardPdf.State.PENDING, requested_at=now
        )
        if claimed:
            make_report_card_pdf.enqueue(pdf.pk)
        pdf.refresh_from_db(fields=["state", "requested_at"])
        return PdfRequest(pdf, queued=bool(claimed))


# ------------------------------------------------------------------ statute suggestions and assessment requests

MAX_REQUEST_NOTE_CHARS = 2_000
MAX_REQUEST_URL_CHARS = 2_000
MAX_DECLINE_REASON_CHARS = 2_000


class AssessmentRequestRefused(AssessmentRefused):
    """A statute suggestion or assessment request that cannot be taken, or a step on one; the message says why."""


class DuplicateAssessmentRequest(AssessmentRequestRefused):
    """The member already has an open request for an assessment of this jurisdiction."""


def _request_url(found: AssessmentRequest) -> str:
    return reverse("assessment-request-detail", args=[found.pk])


def check_request_url(url: str) -> str:
    """A web address a reader can open: http or https, at most MAX_REQUEST_URL_CHARS characters."""
    url = url.strip()
    if len(url) > MAX_REQUEST_URL_CHARS:
        raise AssessmentRequestRefused(
            _("The address may be at most %(limit)s characters.") % {"limit": MAX_REQUEST_URL_CHARS}
        )
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        raise AssessmentRequestRefused(_("Give a web address that starts with https:// or http://."))
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise AssessmentRequestRefused(_("This is not a web address that can be opened.")) from None
    return url


def check_assessment_request(data: RequestInput, *, acting_user: Any) -> tuple[Jurisdiction, Framework]:
    """Validate a request; returns the jurisdiction and the framework version it has no report card for."""
    if not getattr(acting_user, "is_authenticated", False):
        raise AssessmentRequestRefused(_("Sign in to suggest a statute or ask for an assessment."))
    if data.kind not in AssessmentRequest.Kind.values:
        raise AssessmentRequestRefused(_("Choose to suggest a statute or to ask for an assessment."))
    jurisdiction = find_jurisdiction(data.jurisdiction_code)
    framework = Framework.objects.default()
    if has_report_card(jurisdiction, framework):
        raise AssessmentRequestRefused(
            _("%(name)s already has a report card; it is revised by the analysts as the law changes.")
            % {"name": local_name(jurisdiction)}
        )
    if len(data.note) > MAX_REQUEST_NOTE_CHARS:
        raise AssessmentRequestRefused(_("Keep the note to %(limit)s characters.") % {"limit": MAX_REQUEST_NOTE_CHARS})
    if data.kind == AssessmentRequest.Kind.STATUTE:
        if not data.url.strip() and not data.data:
            raise AssessmentRequestRefused(_("Give the statute's web address or upload its file."))
        if data.url.strip():
            check_request_url(data.url)
    else:
        if data.url.strip() or data.data:
            raise AssessmentRequestRefused(
                _("A statute is suggested on its own; an assessment request takes a note only.")
            )
        mine = find_open_request(acting_user, jurisdiction)
        if mine is not None:
            raise DuplicateAssessmentRequest(_duplicate_message(mine))
    return jurisdiction, framework


def _duplicate_message(mine: AssessmentRequest) -> str:
    return _(
        "You have already asked for an assessment of %(name)s (%(state)s); thank you. "
        "The secretariat will write to you when it moves on."
    ) % {"name": local_name(mine.jurisdiction), "state": mine.get_state_display()}


def do_create_assessment_request(data: RequestInput, *, acting_user: User) -> AssessmentRequest:
    """Record a member's statute suggestion or assessment request and tell the secretariat by e-mail.

    The file, if any, is written first under a random name and removed again if the row is not made
    (files are not transactional)."""
    jurisdiction, framework = check_assessment_request(data, acting_user=acting_user)
    stored = ""
    if data.data:
        extension = Path(data.filename).suffix.lower()[:10]
        stored = default_storage.save(
            f"assessment-requests/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}", ContentFile(data.data)
        )
    try:
        with transaction.atomic():
            found = AssessmentRequest.objects.create(
                kind=data.kind,
                jurisdiction=jurisdiction,
                framework=framework,
                requester=acting_user,
                language=data.language[:8] or settings.LANGUAGE_CODE,
                note=data.note.strip(),
                url=data.url.strip(),
                file=stored,
                filename=data.filename[:255] if stored else "",
                format=data.format[:20] if stored else "",
            )
            AuditEvent.record(actor=acting_user, verb="assessment_request.created", target=found, kind=data.kind)
            tell(
                User.objects.secretariat(),
                "assessment_request",
                params={"jurisdiction": jurisdiction.name},
                url=_request_url(found),
                email="assessments_request_received",
                context={"found": found, "jurisdiction_name": jurisdiction.name, "queue_url": _request_url(found)},
            )
    except IntegrityError:
        # Two requests at once: the database keeps one open assessment request per member and jurisdiction.
        if stored:
            default_storage.delete(stored)
        mine = find_open_request(acting_user, jurisdiction)
        raise DuplicateAssessmentRequest(
            _duplicate_message(mine) if mine is not None else _("You have already asked for this.")
        ) from None
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise
    return found


def check_request_change(found: AssessmentRequest, change: RequestChange) -> tuple[User | None, Assessment | None]:
    """Validate the secretariat's step; returns the analyst and the assessment it names, if any."""
    State = AssessmentRequest.State
    if not found.is_unfinished:
        raise AssessmentRequestRefused(_("This request is already %(state)s.") % {"state": found.get_state_display()})
    if change.state not in (State.IN_PROGRESS, State.DONE, State.DECLINED):
        raise AssessmentRequestRefused(_("Mark it in progress, done or declined."))
    if change.state == found.state:
        raise AssessmentRequestRefused(_("This request is already %(state)s.") % {"state": found.get_state_display()})
    reason = change.reason.strip()
    if change.state == State.DECLINED and not reason:
        raise AssessmentRequestRefused(_("Say why it is declined: the member who asked reads the reason."))
    if len(reason) > MAX_DECLINE_REASON_CHARS:
        raise AssessmentRequestRefused(
            _("Keep the reason to %(limit)s characters.") % {"limit": MAX_DECLINE_REASON_CHARS}
        )
    analyst = None
    if change.assigned_to_id is not None:
        analyst = User.objects.filter(pk=change.assigned_to_id, is_active=True).first()
        if analyst is None or not has_role(analyst, Role.ANALYST):
            raise AssessmentRequestRefused(_("Choose an analyst to give it to."))
    assessment = None
    if change.assessment_id is not None:
        assessment = Assessment.objects.filter(pk=change.assessment_id).first()
        if assessment is None:
            raise AssessmentRequestRefused(_("There is no assessment number %(id)s.") % {"id": change.assessment_id})
        if assessment.jurisdiction_id != found.jurisdiction_id:
            raise AssessmentRequestRefused(
                _("Assessment number %(id)s is not of %(name)s.")
                % {"id": assessment.pk, "name": local_name(found.jurisdiction)}
            )
    return analyst, assessment


@transaction.atomic
def do_change_assessment_request(
    found: AssessmentRequest, change: RequestChange, *, acting_user: User
) -> AssessmentRequest:
    """Mark a request in progress (to an analyst, if named), done (with its assessment, if named) or declined
    (with a reason), and tell the member who asked, in the language she asked in."""
    # Lock the row: two of the secretariat acting at once must not both move it.
    locked = AssessmentRequest.objects.select_for_update().get(pk=found.pk)
    locked.jurisdiction = found.jurisdiction
    analyst, assessment = check_request_change(locked, change)
    before = locked.state
    locked.state = change.state
    locked.changed_at = timezone.now()
    locked.changed_by = acting_user
    if analyst is not None:
        locked.assigned_to = analyst
    if assessment is not None:
        locked.assessment = assessment
    if change.state == AssessmentRequest.State.DECLINED:
        locked.decline_reason = change.reason.strip()
    locked.save()
    AuditEvent.record(
        actor=acting_user, verb="assessment_request.changed", target=locked, before=before, after=change.state
    )
    requester = locked.requester
    if requester is not None and requester.is_active and requester.email:
        with translation.override(locked.language or settings.LANGUAGE_CODE):
            name = local_name(locked.jurisdiction)
        notify(
            "assessments_request_changed",
            [requester.email],
            {
                "found": locked,
                "jurisdiction_name": name,
                "jurisdiction_url": reverse("jurisdiction-detail", args=[locked.jurisdiction.code]),
                "assessment_url": assessment.get_absolute_url() if assessment is not None else "",
            },
            language=locked.language,
        )
    return locked
