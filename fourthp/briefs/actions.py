"""Every write on briefs and resources, and the content check's gate for every public text.

`do_check_content` is the gate: publishing a brief, opening a campaign and sending a newsletter call it. A text
with problems is refused with them (`ContentRefused`), unless the secretariat publishes it all the same with a
reason, which is recorded with who and when (`CheckOverride`, and an `AuditEvent`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.access import has_role
from fourthp.accounts.models import AuditEvent
from fourthp.accounts.roles import Role
from fourthp.briefs.checks import ContentProblem, find_problems
from fourthp.briefs.models import CheckOverride, Resource, ResourcePdf
from fourthp.briefs.tasks import make_resource_pdf
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.statistics.models import Statistic

PDF_STALE_MINUTES = 15


class ContentRefused(ValueError):
    """The text has problems the content check objects to; `problems` says which, and why."""

    def __init__(self, problems: list[ContentProblem], message: str = "") -> None:
        self.problems = problems
        super().__init__(message or _("The content check found problems; correct them before publishing."))


class ResourceRefused(ValueError):
    """The step asked for is not allowed; the message says why."""


def _target(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def do_check_content(
    text: str, *, target: models.Model, acting_user: Any, override_reason: str = ""
) -> CheckOverride | None:
    """Refuse a text with problems, or record the secretariat's reason for publishing it all the same.

    Call it inside the transaction of the write it guards. Returns the override recorded, or None for a clean text.
    """
    problems = find_problems(text)
    if not problems:
        return None
    reason = override_reason.strip()
    if not reason:
        raise ContentRefused(problems)
    if not has_role(acting_user, Role.SECRETARIAT):
        raise ContentRefused(problems, _("Only the secretariat can publish a text the content check objects to."))
    override = CheckOverride.objects.create(
        target=_target(target),
        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        problems=[p.as_dict() for p in problems],
        reason=reason,
        by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        at=timezone.now(),
    )
    AuditEvent.record(
        actor=acting_user, verb="content_check.overridden", target=target, reason=reason, problems=len(problems)
    )
    return override


def public_text(resource: Resource) -> str:
    """The text of a resource as the content check reads it: the body first, so its lines are counted as written,
    then the title and summary."""
    return "\n\n".join(x for x in (resource.body, resource.title, resource.summary) if x)


# --- Writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceInput:
    kind: str
    title: str
    slug: str
    summary: str
    body: str
    url: str
    language: str
    provisions: list[Provision] = field(default_factory=list)
    jurisdictions: list[Jurisdiction] = field(default_factory=list)


CONTENT_FIELDS = ("kind", "title", "slug", "summary", "body", "url", "language")


def _lock(resource: Resource) -> Resource:
    return Resource.objects.select_for_update().get(pk=resource.pk)


@transaction.atomic
def do_save_resource(resource: Resource | None, data: ResourceInput, *, acting_user: Any) -> Resource:
    """Create or change a resource. A change to a published one's content makes it a draft again, to be checked."""
    created = resource is None
    resource = Resource() if resource is None else _lock(resource)
    changed = created or any(getattr(resource, n) != getattr(data, n) for n in CONTENT_FIELDS)
    for name in CONTENT_FIELDS:
        setattr(resource, name, getattr(data, name))
    if created:
        resource.created_by = acting_user if getattr(acting_user, "is_authenticated", False) else None
    elif changed:
        resource.version += 1
        resource.state = Resource.State.DRAFT
    if changed:
        resource.updated_at = timezone.now()
    resource.save()
    resource.provisions.set(data.provisions)
    resource.jurisdictions.set(data.jurisdictions)
    AuditEvent.record(actor=acting_user, verb="resource.created" if created else "resource.updated", target=resource)
    return resource


@transaction.atomic
def do_publish_resource(resource: Resource, *, acting_user: Any, override_reason: str = "") -> Resource:
    """Publish after the content check: refused with its problems unless the secretariat gives a reason."""
    resource = _lock(resource)
    do_check_content(public_text(resource), target=resource, acting_user=acting_user, override_reason=override_reason)
    resource.state = Resource.State.PUBLISHED
    resource.published_at = timezone.now()
    resource.save(update_fields=["state", "published_at"])
    AuditEvent.record(actor=acting_user, verb="resource.published", target=resource, version=resource.version)
    return resource


@transaction.atomic
def do_unpublish_resource(resource: Resource, *, acting_user: Any) -> Resource:
    resource = _lock(resource)
    resource.state = Resource.State.DRAFT
    resource.save(update_fields=["state"])
    AuditEvent.record(actor=acting_user, verb="resource.unpublished", target=resource)
    return resource


# --- PDFs ---------------------------------------------------------------------------------------


def figures_date() -> dt.datetime:
    """The latest change to the statistics registry: a PDF made before it may show an outdated footnote."""
    latest: dt.datetime | None = Statistic.objects.aggregate(latest=Max("updated_at"))["latest"]
    return latest or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def find_resource_pdf(resource: Resource, language: str) -> tuple[ResourcePdf | None, dt.datetime]:
    data_date = max(figures_date(), resource.updated_at)
    pdf = (
        ResourcePdf.objects.defer("pdf")
        .filter(resource=resource, version=resource.version, language=language, data_date=data_date)
        .first()
    )
    return pdf, data_date


def pdf_needs_making(pdf: ResourcePdf | None) -> bool:
    if pdf is None or pdf.state == ResourcePdf.State.FAILED:
        return True
    if pdf.state == ResourcePdf.State.READY:
        return False
    stale: bool = pdf.requested_at <= timezone.now() - dt.timedelta(minutes=PDF_STALE_MINUTES)
    return stale


@transaction.atomic
def do_request_resource_pdf(resource: Resource, language: str, *, acting_user: Any) -> ResourcePdf:
    """Ask the task worker for the PDF of this version; once per version and figures' date, however often asked."""
    pdf, data_date = find_resource_pdf(resource, language)
    now = timezone.now()
    if pdf is None:
        try:
            with transaction.atomic():
                pdf = ResourcePdf.objects.create(
                    resource=resource,
                    version=resource.version,
                    language=language,
                    data_date=data_date,
                    requested_at=now,
                )
        except IntegrityError:
            pdf = ResourcePdf.objects.defer("pdf").get(
                resource=resource, version=resource.version, language=language, data_date=data_date
            )
        else:
            make_resource_pdf.enqueue(pdf.pk)
            return pdf
    if pdf_needs_making(pdf):
        claimed = ResourcePdf.objects.filter(pk=pdf.pk, state=pdf.state, requested_at=pdf.requested_at).update(
            state=ResourcePdf.State.PENDING, requested_at=now
        )
        if claimed:
            make_resource_pdf.enqueue(pdf.pk)
        pdf.refresh_from_db(fields=["state", "requested_at"])
    return pdf


# --- Seed ---------------------------------------------------------------------------------------


class SeedRefused(ValueError):
    """A seed resource could not be loaded; the message says which and why."""


@transaction.atomic
def do_load_resources(path: Path) -> tuple[int, int]:
    """Load the seed briefs by slug (one already there is kept as edited); each must pass the content check."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    framework = Framework.objects.default()
    created = kept = 0
    for item in data.get("resources", []):
        if Resource.objects.filter(slug=item["slug"]).exists():
            kept += 1
            continue
        resource = Resource.objects.create(
            kind=item.get("kind", Resource.Kind.BRIEF),
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"].strip(),
            body=item.get("body", "").strip(),
            url=item.get("url", ""),
            language=item.get("language", "en"),
        )
        problems = find_problems(public_text(resource))
        if problems:
            raise SeedRefused(f"{item['slug']}: {problems[0].message}")
        resource.provisions.set(Provision.objects.filter(framework=framework, slug__in=item.get("provisions", [])))
        resource.jurisdictions.set(Jurisdiction.objects.filter(code__in=item.get("jurisdictions", [])))
        resource.state = Resource.State.PUBLISHED
        resource.published_at = timezone.now()
        resource.save(update_fields=["state", "published_at"])
        created += 1
    return created, kept
