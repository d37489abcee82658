"""Writes on working groups: create and edit, join and leave, documents, announcements and outputs.

`check_*` validates and raises GroupRefused with a message a user understands;
`do_*` runs in one transaction and records an AuditEvent, so a failure half way
writes nothing. E-mails go through `notify()`, which queues them once the
transaction commits.
"""

from __future__ import annotations

import codecs
import os
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from fourthp.accounts.mail import notify
from fourthp.accounts.models import AuditEvent, User
from fourthp.briefs.actions import do_check_content
from fourthp.frameworks.models import Provision
from fourthp.groups.access import can_see_group_outputs, can_see_group_space
from fourthp.groups.models import (
    Announcement,
    DocumentVersion,
    GroupDocument,
    GroupMembership,
    GroupOutput,
    WorkingGroup,
)
from fourthp.groups.queries import active_members
from fourthp.members.visibility import shown_name
from fourthp.notifications.actions import record_change, tell

MAX_JOIN_MESSAGE_CHARS = 2_000

# The document space takes office documents, PDFs, plain text and pictures.
# Each extension names the media type served on download and the first bytes
# the file must start with, so that a renamed executable is refused.
ZIP_MAGIC = b"PK\x03\x04"
ALLOWED_TYPES: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP_MAGIC),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP_MAGIC),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP_MAGIC),
    ".odt": ("application/vnd.oasis.opendocument.text", ZIP_MAGIC),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    # Text has no signature: it must decode as UTF-8 instead (checked below).
    ".txt": ("text/plain; charset=utf-8", None),
    ".md": ("text/markdown; charset=utf-8", None),
    ".csv": ("text/csv; charset=utf-8", None),
}


class GroupRefused(ValueError):
    """The step asked for is not allowed; the message says why."""


def _size(size: int) -> str:
    return str(filesizeformat(size))


def allowed_types_text() -> str:
    return _(
        "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt), PNG, JPEG, or UTF-8 text (.txt, .md, .csv)"
    )


def upload_rules_text() -> str:
    return _("Allowed: %(types)s, up to %(limit)s.") % {
        "types": allowed_types_text(),
        "limit": _size(settings.GROUP_DOCUMENT_MAX_BYTES),
    }


# ---------------------------------------------------------------- groups


@dataclass(frozen=True)
class GroupInput:
    title: str
    description: str
    visibility: str
    provisions: Iterable[Provision] = ()
    lead: Any = None


# Addresses under /groups/ that are pages, not groups.
RESERVED_SLUGS = {"new"}


def unique_slug(title: str) -> str:
    base = slugify(title)[:70].strip("-") or "group"
    if base in RESERVED_SLUGS:
        base = f"{base}-group"
    taken = set(WorkingGroup.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


def check_group(data: GroupInput) -> None:
    if not data.title.strip():
        raise GroupRefused(_("Give the group a title."))
    if data.visibility not in WorkingGroup.Visibility.values:
        raise GroupRefused(_("A group is public or private."))
    if data.lead is not None and not data.lead.is_active:
        raise GroupRefused(_("The lead must have an active account."))


def _ensure_member(group: WorkingGroup, user: Any, *, acting_user: Any) -> None:
    """The lead is a member of her group, so that she sees its space."""
    if user is None or group.is_member(user):
        return
    GroupMembership.objects.filter(group=group, user=user, state=GroupMembership.State.REQUESTED).update(
        state=GroupMembership.State.ACTIVE, decided_at=timezone.now(), decided_by=acting_user
    )
    if not group.is_member(user):
        GroupMembership.objects.create(
            group=group,
            user=user,
            state=GroupMembership.State.ACTIVE,
            decided_at=timezone.now(),
            decided_by=acting_user,
        )


@transaction.atomic
def do_create_group(data: GroupInput, *, acting_user: Any) -> WorkingGroup:
    check_group(data)
    group = WorkingGroup.objects.create(
        slug=unique_slug(data.title),
        title=data.title.strip(),
        description=data.description.strip(),
        visibility=data.visibility,
        lead=data.lead,
    )
    group.provisions.set(list(data.provisions))
    _ensure_member(group, data.lead, acting_user=acting_user)
    AuditEvent.record(actor=acting_user, verb="group.created", target=group, slug=group.slug)
    return group


@transaction.atomic
def do_update_group(group: WorkingGroup, data: GroupInput, *, acting_user: Any) -> WorkingGroup:
    """Change a group's description; its slug stays, so that links to it keep working."""
    check_group(data)
    group.title = data.title.strip()
    group.description = data.description.strip()
    group.visibility = data.visibility
    group.lead = data.lead
    group.save()
    group.provisions.set(list(data.provisions))
    _ensure_member(group, data.lead, acting_user=acting_user)
    AuditEvent.record(actor=acting_user, verb="group.updated", target=group)
    return group


# ------------------------------------------------------------ membership


def _group_url(group: WorkingGroup) -> str:
    return reverse("group-detail", kwargs={"group": group.slug})


def check_join(user: Any, group: WorkingGroup, message: str) -> None:
    if len(message) > MAX_JOIN_MESSAGE_CHARS:
        raise GroupRefused(
            _("Keep the message to %(limit)s characters; the lead reads it with your request.")
            % {"limit": MAX_JOIN_MESSAGE_CHARS}
        )
    open_one = GroupMembership.objects.filter(
        group=group, user=user, state__in=[GroupMembership.State.REQUESTED, GroupMembership.State.ACTIVE]
    ).first()
    if open_one is not None and open_one.state == GroupMembership.State.ACTIVE:
        raise GroupRefused(_("You are already a member of this group."))
    if open_one is not None:
        raise GroupRefused(_("You have already asked to join this group; the lead will answer your request."))


def do_request_join(group: WorkingGroup, message: str = "", *, acting_user: Any) -> GroupMembership:
    message = message.strip()
    check_join(acting_user, group, message)
    try:
        with transaction.atomic():
            membership = GroupMembership.objects.create(group=group, user=acting_user, message=message)
            AuditEvent.record(actor=acting_user, verb="group.join_requested", target=group)
            to = [group.lead] if group.lead is not None and group.lead.is_active else list(User.objects.secretariat())
            tell(
                to,
                "group_join_request",
                params={"name": shown_name(acting_user, to[0] if to else None), "group": group.title},
                url=_group_url(group),
                email="groups_join_requested",
                context={"group": group, "message": message, "group_url": _group_url(group)},
            )
    except IntegrityError:
        # Two requests at once: the database keeps one open request per group.
        raise GroupRefused(_("You have already asked to join this group; the lead will answer your request.")) from None
    return membership


@transaction.atomic
def do_leave_group(group: WorkingGroup, *, acting_user: Any) -> None:
    """Leave a group, or withdraw a request; a lead who leaves stops leading it."""
    updated = GroupMembership.objects.filter(
        group=group, user=acting_user, state__in=[GroupMembership.State.REQUESTED, GroupMembership.State.ACTIVE]
    ).update(state=GroupMembership.State.LEFT, decided_at=timezone.now())
    if not updated:
        raise GroupRefused(_("You are not a member of this group."))
    if group.lead_id == acting_user.pk:
        group.lead = None
        group.save(update_fields=["lead"])
    AuditEvent.record(actor=acting_user, verb="group.left", target=group)


@transaction.atomic
def do_decide_request(membership: GroupMembership, decision: str, *, acting_user: Any) -> GroupMembership:
    if decision not in ("approve", "decline"):
        raise GroupRefused(_("Choose to approve or to decline the request."))
    # Lock the row: two leads answering at once must not both act.
    membership = GroupMembership.objects.select_for_update().select_related("group", "user").get(pk=membership.pk)
    if membership.state != GroupMembership.State.REQUESTED:
        raise GroupRefused(
            _("This request has already been answered (%(state)s).") % {"state": membership.get_state_display()}
        )
    approved = decision == "approve"
    membership.state = GroupMembership.State.ACTIVE if approved else GroupMembership.State.DECLINED
    membership.decided_at = timezone.now()
    membership.decided_by = acting_user
    membership.save(update_fields=["state", "decided_at", "decided_by"])
    AuditEvent.record(
        actor=acting_user,
        verb="group.join_approved" if approved else "group.join_declined",
        target=membership.group,
        membership=membership.pk,
    )
    notify(
        "groups_join_approved" if approved else "groups_join_declined",
        [membership.user.email],
        {"group": membership.group, "group_url": _group_url(membership.group)},
    )
    return membership


# ------------------------------------------------------------- documents


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile[bytes]
    filename: str
    content_type: str
    size: int


def _is_utf8(upload: UploadedFile[bytes]) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def check_upload(upload: UploadedFile[bytes] | None) -> CheckedUpload:
    """The file's size, extension and first bytes must agree with an allowed type."""
    if upload is None or not upload.name:
        raise GroupRefused(_("Choose a file to upload.") + " " + upload_rules_text())
    # The name goes back out in a Content-Disposition header: no path and no control characters.
    filename = "".join(ch for ch in os.path.basename(upload.name.replace("\\", "/")) if ch.isprintable()).strip()[:255]
    size = upload.size or 0
    limit = settings.GROUP_DOCUMENT_MAX_BYTES
    if size > limit:
        raise GroupRefused(
            _("The file is %(size)s; files in the group's space may be at most %(limit)s.")
            % {"size": _size(size), "limit": _size(limit)}
        )
    if size == 0:
        raise GroupRefused(_("The file is empty."))
    extension = os.path.splitext(filename)[1].lower()
    if extension not in ALLOWED_TYPES:
        raise GroupRefused(
            _("Files of this type (%(ext)s) cannot be uploaded.") % {"ext": extension or _("no extension")}
            + " "
            + upload_rules_text()
        )
    content_type, magic = ALLOWED_TYPES[extension]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    ok = head.startswith(magic) if magic is not None else _is_utf8(upload)
    upload.seek(0)
    if not ok:
        raise GroupRefused(
            _("The file's content is not what its name says (%(ext)s): it may be damaged or renamed.")
            % {"ext": extension}
            + " "
            + upload_rules_text()
        )
    return CheckedUpload(file=upload, filename=filename, content_type=content_type, size=size)


def _save_file(group: WorkingGroup, upload: CheckedUpload) -> str:
    """Write the file under a random name nobody serves; the name as uploaded is kept in the row."""
    upload.file.seek(0)
    return default_storage.save(f"groups/{group.pk}/{uuid.uuid4().hex}", upload.file)


def _add_version(user: Any, document: GroupDocument, upload: CheckedUpload, stored: str, note: str) -> DocumentVersion:
    """The next version of a locked document: numbers only grow, and no version is ever overwritten."""
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return DocumentVersion.objects.create(
        document=document,
        number=number,
        file=stored,
        filename=upload.filename,
        content_type=upload.content_type,
        size=upload.size,
        note=note.strip()[:500],
        uploaded_by=user,
    )


def do_upload_document(
    group: WorkingGroup, title: str, upload: UploadedFile[bytes] | None, note: str = "", *, acting_user: Any
) -> DocumentVersion:
    """A new document with its first version."""
    title = title.strip()
    if not title:
        raise GroupRefused(_("Give the document a title."))
    checked = check_upload(upload)
    stored = _save_file(group, checked)
    try:
        with transaction.atomic():
            document = GroupDocument.objects.create(group=group, title=title[:200], created_by=acting_user)
            version = _add_version(acting_user, document, checked, stored, note)
            AuditEvent.record(
                actor=acting_user, verb="group.document_uploaded", target=document, version=1, filename=checked.filename
            )
    except BaseException:
        # Files are not transactional: remove the one written for rows that were never made.
        default_storage.delete(stored)
        raise
    return version


def do_add_version(
    document: GroupDocument, upload: UploadedFile[bytes] | None, note: str = "", *, acting_user: Any
) -> DocumentVersion:
    checked = check_upload(upload)
    stored = _save_file(document.group, checked)
    try:
        with transaction.atomic():
            # Lock the document so that two uploads at once get numbers n and n+1.
            locked = GroupDocument.objects.select_for_update().get(pk=document.pk)
            version = _add_version(acting_user, locked, checked, stored, note)
            AuditEvent.record(
                actor=acting_user,
                verb="group.document_uploaded",
                target=locked,
                version=version.number,
                filename=checked.filename,
            )
    except BaseException:
        default_storage.delete(stored)
        raise
    return version


# --------------------------------------------------------- announcements


@transaction.atomic
def do_announce(group: WorkingGroup, title: str, body: str, *, acting_user: Any) -> Announcement:
    """Post an announcement and e-mail it to every active member, in the background once it is saved."""
    # One line: the title is the e-mail's subject.
    title, body = " ".join(title.split()), body.strip()
    if not title or not body:
        raise GroupRefused(_("An announcement needs a title and a message."))
    recipients = [u.email for u in active_members(group) if u.email]
    announcement = Announcement.objects.create(
        group=group,
        author=acting_user,
        title=title[:200],
        body=body,
        sent_at=timezone.now(),
        recipient_count=len(set(recipients)),
    )
    notify(
        "groups_announcement",
        recipients,
        {"group": group, "announcement": announcement, "group_url": _group_url(group)},
    )
    # Its members are e-mailed the announcement itself; a follower who may read the space but is not a member
    # (the secretariat) is alerted, so nobody gets it twice and nobody outside the space reads of it.
    record_change(
        group,
        "group_announcement",
        params={"title": announcement.title},
        url=_group_url(group),
        audience=lambda user: can_see_group_space(user, group) and not group.is_member(user),
    )
    AuditEvent.record(
        actor=acting_user,
        verb="group.announced",
        target=group,
        announcement=announcement.pk,
        recipients=len(recipients),
    )
    return announcement


# --------------------------------------------------------------- outputs


@dataclass(frozen=True)
class OutputInput:
    kind: str
    title: str
    summary: str
    body: str = ""
    provisions: Iterable[Provision] = ()
    document_version: DocumentVersion | None = None
    override_reason: str = ""


def check_output(group: WorkingGroup, data: OutputInput) -> None:
    if data.kind not in GroupOutput.Kind.values:
        raise GroupRefused(_("An output is a brief or a model policy."))
    if not data.title.strip() or not data.summary.strip():
        raise GroupRefused(_("An output needs a title and a summary."))
    if data.document_version is not None and data.document_version.document.group_id != group.pk:
        raise GroupRefused(_("The attached document must come from this group's space."))


@transaction.atomic
def do_publish_output(group: WorkingGroup, data: OutputInput, *, acting_user: Any) -> GroupOutput:
    check_output(group, data)
    # A public text passes the content check first (or the secretariat says why it is published all the same).
    text = "\n\n".join(part.strip() for part in (data.body, data.title, data.summary) if part.strip())
    do_check_content(text, target=group, acting_user=acting_user, override_reason=data.override_reason)
    output = GroupOutput.objects.create(
        group=group,
        kind=data.kind,
        title=data.title.strip(),
        summary=data.summary.strip(),
        body=data.body.strip(),
        document_version=data.document_version,
        created_by=acting_user,
    )
    output.provisions.set(list(data.provisions))
    AuditEvent.record(actor=acting_user, verb="group.output_published", target=output, group=group.slug)
    record_change(
        group,
        "group_output",
        params={"title": output.title},
        url=_group_url(group),
        audience=lambda user: can_see_group_outputs(user, group),
    )
    return output
