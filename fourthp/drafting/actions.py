"""Writes on the model provision library: each in one transaction, each recorded as an AuditEvent.

A version is never edited: proposing writes a new one; publishing marks it published and the one before it
superseded; returning marks it returned with the reviewer's reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.models import AuditEvent, User
from fourthp.drafting.inputs import NewModelInput, VariantInput, VersionInput
from fourthp.drafting.models import (
    Draft,
    DraftComment,
    DraftPdf,
    DraftVersion,
    Level,
    ModelProvision,
    ModelProvisionVersion,
    ModelText,
    Tradition,
)
from fourthp.drafting.queries import compose_for
from fourthp.drafting.tasks import make_draft_pdf
from fourthp.drafting.text import check_text, parse_options, parse_terms
from fourthp.frameworks.models import Framework, Provision
from fourthp.groups.models import GroupMembership, GroupOutput, WorkingGroup
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.notifications.actions import tell

MAX_LIBRARY_ENTRIES = 500
MAX_TEXT = 20_000


class LibraryRefused(Exception):
    """A library file that cannot be loaded; nothing of it was written. The message names the entries at fault."""


def required_variants(provision: Provision) -> list[tuple[str, str]]:
    """The (tradition, level) pairs a version for `provision` must have a text for."""
    return [(t.value, level) for level in provision.levels for t in Tradition]


def check_version(provision: Provision, data: VersionInput) -> list[str]:
    """What keeps `data` from being a version for `provision`, one sentence each (empty when nothing does)."""
    problems = []
    ids = frozenset(provision.framework.provisions.values_list("slug", flat=True))
    given = {(v.tradition, v.level): v for v in data.texts}
    for tradition, level in required_variants(provision):
        variant = given.get((tradition, level))
        names = {"tradition": Tradition(tradition).label, "level": Level(level).label}
        if variant is None or not variant.text.strip() or not variant.heading.strip():
            problems.append(_("The %(tradition)s, %(level)s text needs a heading and a text.") % names)
            continue
        if len(variant.text) > MAX_TEXT:
            problems.append(
                _("The %(tradition)s, %(level)s text is longer than %(limit)s characters.")
                % {**names, "limit": MAX_TEXT}
            )
        # The placeholder rules live in text.py, which knows no Django: its sentences stay in English.
        problems += [
            _("The %(tradition)s, %(level)s text: %(problem)s") % {**names, "problem": p}
            for p in check_text(variant.text, data.options, ids)
        ]
    for _tradition, level in given:
        if level not in provision.levels:
            problems.append(
                _("The provision does not apply at the %(level)s level; leave that text out.")
                % {"level": Level(level).label}
            )
    return problems


def _write_version(
    model: ModelProvision, data: VersionInput, *, author: User | None, state: str
) -> ModelProvisionVersion:
    last = model.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = ModelProvisionVersion.objects.create(
        model_provision=model,
        number=last + 1,
        state=state,
        notes=data.notes,
        options=[o.to_dict() for o in data.options],
        defined_terms=[t.to_dict() for t in data.defined_terms],
        change_summary=data.change_summary[:300],
        author=author,
        published_at=timezone.now() if state == ModelProvisionVersion.State.PUBLISHED else None,
    )
    ModelText.objects.bulk_create(
        ModelText(version=version, tradition=v.tradition, level=v.level, heading=v.heading.strip()[:200], text=v.text)
        for v in data.texts
        if v.level in model.provision.levels
    )
    return version


@transaction.atomic
def do_propose_version(model: ModelProvision, data: VersionInput, *, acting_user: User) -> ModelProvisionVersion:
    """A new version awaiting a reviewer; raises ValidationError when it breaks a rule of the library."""
    problems = check_version(model.provision, data)
    if problems:
        raise ValidationError(problems)
    model = ModelProvision.objects.select_for_update().get(pk=model.pk)
    version = _write_version(model, data, author=acting_user, state=ModelProvisionVersion.State.PROPOSED)
    if model.state == ModelProvision.State.DRAFT:
        model.state = ModelProvision.State.IN_REVIEW
        model.save(update_fields=["state"])
    AuditEvent.record(actor=acting_user, verb="model_provision.proposed", target=model, version=version.number)
    return version


@transaction.atomic
def do_create_model_provision(data: NewModelInput, framework: Framework, *, acting_user: User) -> ModelProvision:
    """A new model provision with its first version awaiting a reviewer."""
    provision = framework.provisions.filter(slug=data.provision_slug).first()
    if provision is None:
        raise ValidationError(_("The framework has no provision %(id)s.") % {"id": data.provision_slug})
    if ModelProvision.objects.filter(slug=data.slug).exists():
        raise ValidationError(_("The id %(id)s is taken by another model provision.") % {"id": data.slug})
    output = GroupOutput.objects.filter(pk=data.output_id).first() if data.output_id else None
    model = ModelProvision.objects.create(
        provision=provision, slug=data.slug, title=data.title, proposed_by_output=output
    )
    do_propose_version(model, data.version, acting_user=acting_user)
    model.refresh_from_db()
    AuditEvent.record(actor=acting_user, verb="model_provision.created", target=model)
    return model


@transaction.atomic
def do_publish_version(version: ModelProvisionVersion, *, acting_user: User) -> None:
    model = ModelProvision.objects.select_for_update().get(pk=version.model_provision_id)
    version = ModelProvisionVersion.objects.select_for_update().get(pk=version.pk)
    if version.state != ModelProvisionVersion.State.PROPOSED:
        raise ValidationError(_("Only a proposed version can be published."))
    model.versions.filter(state=ModelProvisionVersion.State.PUBLISHED).update(
        state=ModelProvisionVersion.State.SUPERSEDED
    )
    version.state = ModelProvisionVersion.State.PUBLISHED
    version.reviewer = acting_user
    version.published_at = timezone.now()
    version.save(update_fields=["state", "reviewer", "published_at"])
    model.current_version = version
    model.state = ModelProvision.State.PUBLISHED
    model.save(update_fields=["current_version", "state"])
    AuditEvent.record(actor=acting_user, verb="model_provision.published", target=model, version=version.number)


@transaction.atomic
def do_return_version(version: ModelProvisionVersion, reason: str, *, acting_user: User) -> None:
    model = ModelProvision.objects.select_for_update().get(pk=version.model_provision_id)
    version = ModelProvisionVersion.objects.select_for_update().get(pk=version.pk)
    if version.state != ModelProvisionVersion.State.PROPOSED:
        raise ValidationError(_("Only a proposed version can be returned."))
    version.state = ModelProvisionVersion.State.RETURNED
    version.reviewer = acting_user
    version.review_note = reason[:1000]
    version.save(update_fields=["state", "reviewer", "review_note"])
    pending = model.versions.filter(state=ModelProvisionVersion.State.PROPOSED).exists()
    if model.current_version_id is None and not pending:
        model.state = ModelProvision.State.DRAFT
        model.save(update_fields=["state"])
    AuditEvent.record(actor=acting_user, verb="model_provision.returned", target=model, version=version.number)


# ---------------------------------------------------------------- the library shipped in data/


@dataclass(frozen=True)
class _Entry:
    provision: Provision
    slug: str
    title: str
    version: VersionInput


def _variant(raw: Any, tradition: str, level: str, where: str) -> VariantInput:
    if not isinstance(raw, dict) or not raw.get("heading") or not raw.get("text"):
        raise ValueError(f"{where}: the {tradition} text needs a heading and a text")
    return VariantInput(tradition, level, str(raw["heading"]), str(raw["text"]).strip() + "\n")


def _entry(raw: Any, provisions: dict[str, Provision], where: str) -> _Entry:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: not a mapping")
    provision = provisions.get(str(raw.get("provision", "")))
    if provision is None:
        raise ValueError(f"{where}: provision {raw.get('provision')!r} is not in the framework")
    slug, title = str(raw.get("slug", "")), str(raw.get("title", ""))
    if not slug or not title:
        raise ValueError(f"{where}: needs a slug and a title")
    texts = raw.get("texts") or {}
    overrides = texts.get("subnational") or {}
    variants = []
    for level in provision.levels:
        for tradition in (t.value for t in Tradition):
            source = overrides.get(tradition) if level == Level.SUBNATIONAL and tradition in overrides else None
            variants.append(_variant(source or texts.get(tradition), tradition, level, where))
    version = VersionInput(
        texts=tuple(variants),
        options=tuple(parse_options(raw.get("options"))),
        defined_terms=tuple(parse_terms(raw.get("defined_terms"))),
        notes=str(raw.get("notes", "")).strip(),
        change_summary="First version of the library.",
    )
    problems = check_version(provision, version)
    if problems:
        raise ValueError(f"{where}: " + " ".join(problems))
    return _Entry(provision, slug, title, version)


def read_library(folder: Path, framework: Framework) -> list[_Entry]:
    """Every entry of the folder's YAML files, checked; LibraryRefused naming each entry that is not one."""
    provisions = {p.slug: p for p in framework.provisions.select_related("framework")}
    entries: list[_Entry] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            document: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise LibraryRefused(f"{path.name} is not valid YAML: {exc}") from exc
        rows = document.get("model_provisions") if isinstance(document, dict) else None
        if not isinstance(rows, list):
            raise LibraryRefused(f"{path.name} has no list under 'model_provisions'.")
        for number, row in enumerate(rows, start=1):
            try:
                entries.append(_entry(row, provisions, f"{path.name} entry {number}"))
            except ValueError as exc:
                problems.append(str(exc))
    if len(entries) > MAX_LIBRARY_ENTRIES:
        raise LibraryRefused(f"{folder.name} has {len(entries)} entries; at most {MAX_LIBRARY_ENTRIES} are loaded.")
    slugs = [e.slug for e in entries]
    problems += [f"the slug {s} is used twice" for s in sorted({s for s in slugs if slugs.count(s) > 1})]
    if problems:
        raise LibraryRefused(" | ".join(problems))
    return entries


@transaction.atomic
def do_load_model_library(folder: Path, framework: Framework) -> tuple[int, int]:
    """Load the library's model provisions not yet present, each with a published first version; returns
    (created, kept). Loading goes by slug, so running it again neither duplicates one nor overwrites what an
    analyst or reviewer has changed since; the folder is loaded whole or not at all."""
    entries = read_library(folder, framework)
    existing = set(ModelProvision.objects.filter(slug__in=[e.slug for e in entries]).values_list("slug", flat=True))
    created = 0
    for entry in entries:
        if entry.slug in existing:
            continue
        model = ModelProvision.objects.create(provision=entry.provision, slug=entry.slug, title=entry.title)
        version = _write_version(model, entry.version, author=None, state=ModelProvisionVersion.State.PUBLISHED)
        model.current_version = version
        model.state = ModelProvision.State.PUBLISHED
        model.save(update_fields=["current_version", "state"])
        created += 1
    if created:
        AuditEvent.record(actor=None, verb="model_provisions.loaded", folder=folder.name, created=created)
    return created, len(existing)


# ------------------------------------------------------------------------------------- the drafting assistant


@dataclass(frozen=True)
class DraftChoices:
    """What a drafter chose: the provisions (None: the report card's gaps), options, tradition and level."""

    provisions: list[str] | None
    options: dict[str, dict[str, str]]
    tradition: str
    level: str


def _write_draft_version(draft: Draft, choices: DraftChoices, *, author: User, change_note: str) -> DraftVersion:
    composed = compose_for(draft.jurisdiction, choices.provisions, choices.options, choices.tradition, choices.level)
    last = draft.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DraftVersion.objects.create(
        draft=draft,
        number=last + 1,
        bill=composed.bill.to_dict(),
        choices={"provisions": composed.bill.provision_ids(), "options": composed.bill.options},
        notes=composed.notes,
        author=author,
        change_note=change_note[:300],
    )
    draft.title = composed.bill.title[:300]
    draft.tradition, draft.level = choices.tradition, choices.level
    draft.save(update_fields=["title", "tradition", "level", "updated_at"])
    return version


@transaction.atomic
def do_create_draft(
    jurisdiction: Jurisdiction, choices: DraftChoices, *, acting_user: User, group: WorkingGroup | None = None
) -> Draft:
    """A new draft for `jurisdiction` with its first version composed; ChoicesRefused writes nothing."""
    draft = Draft.objects.create(
        jurisdiction=jurisdiction,
        title="",
        author=acting_user,
        group=group,
        tradition=choices.tradition,
        level=choices.level,
    )
    _write_draft_version(draft, choices, author=acting_user, change_note="")
    AuditEvent.record(actor=acting_user, verb="draft.created", target=draft, version=1)
    return draft


@transaction.atomic
def do_recompose_draft(draft: Draft, choices: DraftChoices, *, acting_user: User, change_note: str) -> DraftVersion:
    """Version N+1 of the draft, composed from other choices; the earlier versions stay as they were."""
    Draft.objects.select_for_update().filter(pk=draft.pk).first()
    version = _write_draft_version(draft, choices, author=acting_user, change_note=change_note)
    AuditEvent.record(actor=acting_user, verb="draft.recomposed", target=draft, version=version.number)
    return version


def draft_readers(draft: Draft) -> list[User]:
    """Those told about a comment: the draft's author and its working group's active members."""
    people: dict[int, User] = {draft.author_id: draft.author}
    if draft.group is not None:
        for membership in draft.group.memberships.filter(state=GroupMembership.State.ACTIVE).select_related("user"):
            people.setdefault(membership.user_id, membership.user)
    return list(people.values())


@transaction.atomic
def do_comment_on_draft(version: DraftVersion, section_eid: str, text: str, *, acting_user: User) -> DraftComment:
    """A comment on one section; the author and the group's members (but not the commenter) are told."""
    bill = version.composed()
    section = next((s for s in bill.sections if s.eid == section_eid), None)
    if section is None:
        raise ValidationError(_("This version has no such section."))
    comment = DraftComment.objects.create(
        version=version, section_eid=section_eid, author=acting_user, text=text.strip()
    )
    draft = version.draft
    tell(
        [u for u in draft_readers(draft) if u.pk != acting_user.pk],
        "draft_comment",
        params={"name": acting_user.display_name or _("A member"), "section": section.number,
                "draft": draft.title},
        url=f"{draft.get_absolute_url()}?version={version.number}#{section_eid}",
    )  # fmt: skip
    AuditEvent.record(actor=acting_user, verb="draft.commented", target=draft, version=version.number)
    return comment


@transaction.atomic
def do_resolve_draft_comment(comment: DraftComment, *, acting_user: User) -> DraftComment:
    """Mark a comment as dealt with (or, when it is, as open again)."""
    comment.resolved = not comment.resolved
    comment.save(update_fields=["resolved"])
    AuditEvent.record(
        actor=acting_user, verb="draft.comment_resolved", target=comment.version.draft, resolved=comment.resolved
    )
    return comment


# --------------------------------------------------------------------- the PDF of a version

PDF_STALE_MINUTES = 15


def draft_pdf_needs_making(pdf: DraftPdf | None) -> bool:
    """True when nothing is made or being made: no row, a failed one, or one the worker never finished."""
    if pdf is None or pdf.state == DraftPdf.State.FAILED:
        return True
    if pdf.state == DraftPdf.State.READY:
        return False
    stale: bool = pdf.requested_at <= timezone.now() - dt.timedelta(minutes=PDF_STALE_MINUTES)
    return stale


def do_request_draft_pdf(version: DraftVersion, *, acting_user: Any) -> DraftPdf:
    """Ask the task worker for the version's PDF; once per version, however often asked."""
    now = timezone.now()
    pdf = DraftPdf.objects.defer("pdf").filter(version=version).first()
    if pdf is None:
        try:
            with transaction.atomic():
                pdf = DraftPdf.objects.create(version=version, requested_at=now)
        except IntegrityError:
            pdf = DraftPdf.objects.defer("pdf").get(version=version)
        else:
            make_draft_pdf.enqueue(pdf.pk)
            return pdf
    if draft_pdf_needs_making(pdf):
        claimed = DraftPdf.objects.filter(pk=pdf.pk, state=pdf.state, requested_at=pdf.requested_at).update(
            state=DraftPdf.State.PENDING, requested_at=now
        )
        if claimed:
            make_draft_pdf.enqueue(pdf.pk)
        pdf.refresh_from_db(fields=["state", "requested_at"])
    return pdf
