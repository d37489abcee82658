"""Writes on instruments and sections.

Every import is all or nothing: `check_*` validates the whole document before
anything is written, and `do_*` runs in one transaction, so a failure half
way leaves every table as it was.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fourthp.accounts.models import AuditEvent, User
from fourthp.analyzer.readers import (
    ParsedDocument,
    ParsedSection,
    ReaderError,
    detect_format,
    load_manifest,
    read_instrument,
    section_key,
)
from fourthp.analyzer.readers.sandbox import read_document_limited
from fourthp.core.errors import NotFound
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import find_jurisdiction
from fourthp.laws.models import Instrument, InstrumentImport, Section
from fourthp.laws.queries import staged_document
from fourthp.lib.faults import pause_point
from fourthp.lib.text import normalise_text


class ImportRefused(ValueError):
    """The document or its metadata cannot be imported; the message says why."""


@dataclass
class InstrumentMetadata:
    key: str
    jurisdiction_code: str
    title: str
    type: str
    section_key_prefix: str
    short_title: str = ""
    status: str = Instrument.Status.IN_FORCE
    language: str = "en"
    citation_template: str = ""
    source_url: str = ""
    source_name: str = ""
    licence: str = ""
    enacted_on: dt.date | None = None
    in_force_from: dt.date | None = None
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _citation(meta: InstrumentMetadata, section: ParsedSection) -> str:
    if section.citation:
        return section.citation
    if meta.citation_template:
        return meta.citation_template.replace("{number}", section.number)
    return f"{meta.short_title or meta.title}, {section.number}"


def _refuse_nul(document: ParsedDocument, meta: InstrumentMetadata) -> None:
    """Refuse NUL characters before any query: PostgreSQL cannot hold them, even in a WHERE clause.

    The readers and the forms refuse them already; this guards a document or metadata built elsewhere.
    """
    problems = [
        _("The %(field)s contains NUL characters, which text never holds.") % {"field": name.replace("_", " ")}
        for name, value in vars(meta).items()
        if isinstance(value, str) and "\x00" in value
    ]
    if "\x00" in document.title:
        problems.append(_("The document's title contains NUL characters, which text never holds."))
    problems.extend(
        _("Section %(number)s contains NUL characters, which text never holds.")
        % {"number": section.number.replace("\x00", "")}
        for section in document.sections
        if any("\x00" in part for part in (section.number, section.heading, section.text, section.citation))
    )
    if problems:
        raise ImportRefused(" ".join(problems))


def check_import(document: ParsedDocument, meta: InstrumentMetadata) -> Jurisdiction:
    """Validate a parsed document and its metadata before anything is written."""
    _refuse_nul(document, meta)
    problems: list[str] = []
    jurisdiction: Jurisdiction | None = None
    try:
        jurisdiction = find_jurisdiction(meta.jurisdiction_code)
    except NotFound as exc:
        problems.append(exc.message)
    if not document.sections:
        problems.append(_("No sections were found in the document."))
    if Instrument.objects.filter(key=meta.key).exists():
        problems.append(_("An instrument with the key %(key)s already exists.") % {"key": meta.key})
    keys: dict[str, str] = {}
    for section in document.sections:
        key = section_key(meta.section_key_prefix, section.number)
        if key in keys:
            problems.append(
                _("Two sections would both have the key %(key)s (numbered %(a)s and %(b)s).")
                % {"key": key, "a": keys[key], "b": section.number}
            )
        keys[key] = section.number
        if not section.text.strip():
            problems.append(_("Section %(number)s has no text.") % {"number": section.number})
    taken = set(Section.objects.filter(key__in=list(keys)).values_list("key", flat=True))
    if taken:
        problems.append(
            _("These section keys are already used by another instrument: %(keys)s.")
            % {"keys": ", ".join(sorted(taken)[:10])}
        )
    if problems:
        raise ImportRefused(" ".join(problems))
    assert jurisdiction is not None
    return jurisdiction


@transaction.atomic
def do_import_document(document: ParsedDocument, meta: InstrumentMetadata, *, acting_user: User | None) -> Instrument:
    jurisdiction = check_import(document, meta)
    instrument = Instrument.objects.create(
        key=meta.key,
        jurisdiction=jurisdiction,
        title=meta.title,
        short_title=meta.short_title,
        type=meta.type,
        status=meta.status,
        language=meta.language,
        citation_template=meta.citation_template,
        section_key_prefix=meta.section_key_prefix,
        source_url=meta.source_url,
        source_name=meta.source_name,
        licence=meta.licence,
        enacted_on=meta.enacted_on,
        in_force_from=meta.in_force_from,
        notes=meta.notes,
    )
    Section.objects.bulk_create(
        Section.with_kind(
            instrument=instrument,
            key=section_key(meta.section_key_prefix, parsed.number),
            number=parsed.number,
            heading=parsed.heading[:500],
            citation=_citation(meta, parsed)[:255],
            order=order,
            language=document.language or meta.language,
            # Normalised once here and never edited afterwards.
            text=normalise_text(parsed.text),
        )
        for order, parsed in enumerate(document.sections, start=1)
    )
    AuditEvent.record(actor=acting_user, verb="instrument.imported", target=instrument, sections=len(document.sections))
    return instrument


@transaction.atomic
def do_amend_section(section: Section, text: str, heading: str | None = None, *, acting_user: User | None) -> Section:
    """Record an amendment as a new version; the old text stays as it was."""
    current = Section.objects.select_for_update().get(pk=section.pk)
    if not current.is_current:
        raise ImportRefused(_("Only the current version of a section can be amended."))
    Section.objects.filter(pk=current.pk).update(is_current=False)
    amended = Section.objects.create(
        instrument_id=current.instrument_id,
        key=current.key,
        version=current.version + 1,
        is_current=True,
        number=current.number,
        heading=current.heading if heading is None else heading,
        citation=current.citation,
        order=current.order,
        language=current.language,
        text=normalise_text(text),
    )
    AuditEvent.record(actor=acting_user, verb="section.amended", target=amended, version=amended.version)
    return amended


@transaction.atomic
def do_update_instrument(instrument: Instrument, changes: dict[str, Any], *, acting_user: User) -> None:
    """Change the named fields (only those an analyst may edit) and record the values before and after."""
    editable = {
        "title", "short_title", "type", "status", "source_url", "source_name", "licence",
        "enacted_on", "in_force_from", "repealed_on", "notes", "citation_template",
    }  # fmt: skip
    before: dict[str, str] = {}
    for name, value in changes.items():
        if name not in editable:
            raise ImportRefused(f"{name} cannot be changed.")
        before[name] = str(getattr(instrument, name))
        setattr(instrument, name, value)
    instrument.save()
    AuditEvent.record(
        actor=acting_user,
        verb="instrument.updated",
        target=instrument,
        before=before,
        after={k: str(v) for k, v in changes.items()},
    )


# --- Uploads: stage, preview, confirm ---------------------------------------------------


def check_upload_allowance(acting_user: User, *, now: dt.datetime | None = None) -> None:
    """Refuse an upload over IMPORT_UPLOADS_PER_HOUR: files read and files refused in the last hour both count,
    so that files that cannot be read still cost their uploader (each may have kept the server busy)."""
    limit = settings.IMPORT_UPLOADS_PER_HOUR
    since = (now or timezone.now()) - dt.timedelta(hours=1)
    staged = InstrumentImport.objects.filter(uploaded_by=acting_user.pk, created_at__gte=since).count()
    refused = AuditEvent.objects.filter(actor=acting_user.pk, verb="upload.refused", created_at__gte=since).count()
    if staged + refused >= limit:
        raise ImportRefused(
            ngettext(
                "You have uploaded %(count)s file in the last hour (files that could not be read count too), "
                "the most one person may upload; please try again later.",
                "You have uploaded %(count)s files in the last hour (files that could not be read count too), "
                "the most one person may upload; please try again later.",
                limit,
            )
            % {"count": limit}
        )


@dataclass(frozen=True)
class StatuteUpload:
    """A file an analyst uploaded: its bytes, its name, and its format ("auto" to detect it from the file)."""

    data: bytes
    filename: str
    fmt: str = "auto"


def do_stage_upload(upload: StatuteUpload, *, acting_user: User) -> InstrumentImport:
    """Read an uploaded file and keep it with the sections found, for the analyst to check.

    `fmt` "auto" detects the format from the file. A PDF is read in a child process with a time
    and a memory limit (PDF_READ_SECONDS, PDF_READ_MEMORY_MB). Raises ImportRefused when the
    uploader is over her allowance, before anything is read; raises ReaderError, with a message
    naming what could not be read, before anything is stored, and records the refusal (it counts
    against the allowance).
    """
    data, filename, fmt = upload.data, upload.filename, upload.fmt
    check_upload_allowance(acting_user)
    try:
        if fmt == "auto":
            fmt = detect_format(data, filename)
        document = read_document_limited(
            data, fmt, filename=filename, seconds=settings.PDF_READ_SECONDS, memory_mb=settings.PDF_READ_MEMORY_MB
        )
        if not document.sections:
            raise ReaderError(_("No sections could be found in %(name)s.") % {"name": filename})
    except ReaderError as exc:
        AuditEvent.record(
            actor=acting_user, verb="upload.refused", name=filename[:255], size=len(data), reason=str(exc)[:500]
        )
        raise
    staged = InstrumentImport(
        uploaded_by=acting_user if getattr(acting_user, "is_authenticated", False) else None,
        original_name=filename[:255],
        format=fmt,
        parsed={
            "title": document.title,
            "language": document.language,
            "sections": [
                {"number": s.number, "heading": s.heading, "text": s.text, "citation": s.citation}
                for s in document.sections
            ],
        },
    )
    with transaction.atomic():
        staged.file.save(Path(filename).name or "upload", ContentFile(data), save=False)
        staged.save()
    return staged


@transaction.atomic
def do_confirm_upload(staged: InstrumentImport, meta: InstrumentMetadata, *, acting_user: User) -> Instrument:
    locked = InstrumentImport.objects.select_for_update().get(pk=staged.pk)
    if locked.state != InstrumentImport.State.PREVIEW:
        raise ImportRefused(_("This upload was already imported or discarded."))
    instrument = do_import_document(staged_document(locked), meta, acting_user=acting_user)
    pause_point("import.confirm")  # the instrument and its sections are written, the upload not yet marked
    locked.state = InstrumentImport.State.CONFIRMED
    locked.instrument = instrument
    locked.save(update_fields=["state", "instrument"])
    return instrument


@transaction.atomic
def do_discard_upload(staged: InstrumentImport, *, acting_user: User) -> None:
    staged.state = InstrumentImport.State.DISCARDED
    staged.save(update_fields=["state"])
    AuditEvent.record(actor=acting_user, verb="upload.discarded", target=staged)


# --- Seed data --------------------------------------------------------------------------


@transaction.atomic
def do_load_seed_instruments(manifest: Path) -> int:
    """Import every instrument of the seed manifest that is not loaded yet.

    Goes by natural key (the instrument key): an instrument already present,
    perhaps edited by an analyst since, is left untouched.
    """
    created = 0
    base_dir = manifest.parent
    for spec in load_manifest(manifest):
        if Instrument.objects.filter(key=spec.key).exists():
            continue
        document = read_instrument(spec, base_dir)
        meta = InstrumentMetadata(
            key=spec.key,
            jurisdiction_code=spec.jurisdiction,
            title=spec.title,
            short_title=spec.short_title,
            type=spec.type,
            status=spec.status,
            language=spec.language,
            citation_template=spec.citation_template,
            section_key_prefix=spec.section_key_prefix,
            source_url=spec.source_url,
            source_name=spec.source_name,
            licence=spec.licence,
            enacted_on=spec.enacted,
            in_force_from=spec.in_force_from,
            notes=spec.notes,
        )
        do_import_document(document, meta, acting_user=None)
        created += 1
    return created
