"""Writes on the organisations directory: the CSV import, used by the secretariat's upload form, the
`import_organisations` command and the seed.

An import is all or nothing. Every row is checked first; if any row is bad, nothing is written and every bad row
is reported with its line number and the reason, so that the file can be mended and sent again. A row whose
`slug` is already in the directory is kept as the secretariat has edited it, and counted as kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fourthp.accounts.access import Viewer
from fourthp.accounts.models import AuditEvent, User
from fourthp.core.errors import NotFound
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG, Provision
from fourthp.frameworks.queries import find_framework
from fourthp.groups.models import WorkingGroup
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.jurisdictions.queries import find_jurisdiction_by_code_or_name
from fourthp.organisations.models import ContactField, Kind, Organisation, OrganisationContact

MAX_ROWS = 2000
MAX_BYTES = 1_000_000
COLUMNS = (
    "slug",
    "name",
    "kind",
    "jurisdiction",
    "description",
    "provisions",
    "groups",
    "website",
    "website_consent",
    "email",
    "email_consent",
    "phone",
    "phone_consent",
    "address",
    "address_consent",
    "consent_given_by",
    "consent_given_on",
)
REQUIRED_COLUMNS = ("slug", "name", "kind", "jurisdiction")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
YES, NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str


class ImportRefused(Exception):
    """A file not imported, with every bad row: nothing was written."""

    def __init__(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"line {p.line}: {p.reason}" for p in problems))


@dataclass
class ImportResult:
    created: int = 0
    kept: int = 0
    slugs: list[str] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    slug: str
    name: str
    kind: str
    jurisdiction: Jurisdiction
    description: str
    provisions: list[Provision]
    groups: list[WorkingGroup]
    contacts: list[tuple[str, str, bool]]
    consent_given_by: str
    consent_given_on: dt.date | None


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", ";").split(";") if part.strip()]


def _check_row(line: int, raw: dict[str, str], provisions: dict[str, Provision]) -> _Row | list[str]:
    reasons: list[str] = []
    value = {name: (raw.get(name) or "").strip() for name in COLUMNS}
    for name in REQUIRED_COLUMNS:
        if not value[name]:
            reasons.append(_("%(column)s is empty") % {"column": name})
    if value["slug"] and (not SLUG.match(value["slug"]) or len(value["slug"]) > 80):
        reasons.append(_("slug must be lower-case letters, digits and hyphens, at most 80"))
    if len(value["name"]) > 200:
        reasons.append(_("name is longer than 200 characters"))
    if len(value["description"]) > 2000:
        reasons.append(_("description is longer than 2,000 characters"))
    if value["kind"] and value["kind"] not in Kind.values:
        reasons.append(_("kind must be one of %(kinds)s") % {"kinds": ", ".join(Kind.values)})
    jurisdiction = None
    if value["jurisdiction"]:
        try:
            jurisdiction = find_jurisdiction_by_code_or_name(value["jurisdiction"])
        except (NotFound, ValidationError) as exc:
            reasons.append(str(getattr(exc, "message", exc)))
    linked = []
    for slug in _split(value["provisions"]):
        if slug in provisions:
            linked.append(provisions[slug])
        else:
            reasons.append(_("no provision of the framework has the id %(id)s") % {"id": slug})
    groups = []
    for slug in _split(value["groups"]):
        group = WorkingGroup.objects.filter(slug=slug).first()
        if group is None:
            reasons.append(_("no working group has the slug %(slug)s") % {"slug": slug})
        else:
            groups.append(group)
    contacts: list[tuple[str, str, bool]] = []
    for name in ContactField.values:
        text, consent = value[name], value[f"{name}_consent"].lower()
        if consent not in YES | NO:
            reasons.append(_("%(column)s must be yes or no") % {"column": f"{name}_consent"})
            continue
        if not text:
            if consent in YES:
                reasons.append(
                    _("%(column)s says yes but %(field)s is empty") % {"column": f"{name}_consent", "field": name}
                )
            continue
        if len(text) > 300:
            reasons.append(_("%(field)s is longer than 300 characters") % {"field": name})
        if name in ("website", "email"):
            try:
                if name == "website":
                    URLValidator(schemes=["http", "https"])(text)
                else:
                    EmailValidator()(text)
            except ValidationError:
                reasons.append(_("%(field)s is not a valid %(field)s: %(value)s") % {"field": name, "value": text})
        contacts.append((name, text, consent in YES))
    given_on = None
    if value["consent_given_on"]:
        try:
            given_on = dt.date.fromisoformat(value["consent_given_on"])
        except ValueError:
            reasons.append(_("consent_given_on must be a date such as 2025-03-31"))
    if any(consented for _name, _text, consented in contacts) and (not value["consent_given_by"] or given_on is None):
        reasons.append(_("a field is consented: say who gave consent (consent_given_by) and when (consent_given_on)"))
    if reasons or jurisdiction is None:
        return reasons
    return _Row(
        line,
        value["slug"],
        value["name"],
        value["kind"],
        jurisdiction,
        value["description"],
        linked,
        groups,
        contacts,
        value["consent_given_by"][:200],
        given_on,
    )


def read_organisations(text: str) -> list[_Row]:
    """Every row of a CSV text checked; ImportRefused lists every bad row (line numbers count the header as 1)."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ImportRefused([RowProblem(0, _("the file is larger than 1 MB"))])
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ImportRefused(
            [RowProblem(1, _("the header lacks the columns %(columns)s") % {"columns": ", ".join(missing)})]
        )
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise ImportRefused([RowProblem(1, _("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})])
    framework = find_framework(DEFAULT_FRAMEWORK_SLUG)
    provisions = {p.slug: p for p in framework.provisions.all()}
    rows: list[_Row] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for raw in reader:
        line = reader.line_num
        if len(rows) + len(problems) >= MAX_ROWS:
            problems.append(RowProblem(line, _("more than %(n)s rows: split the file") % {"n": MAX_ROWS}))
            break
        if None in raw:
            problems.append(RowProblem(line, _("more cells than the header has columns")))
            continue
        checked = _check_row(line, {k.strip(): v for k, v in raw.items() if k}, provisions)
        if isinstance(checked, list):
            problems.append(RowProblem(line, "; ".join(checked)))
            continue
        if checked.slug in seen:
            problems.append(
                RowProblem(
                    line,
                    _("the slug %(slug)s is used on line %(line)s too")
                    % {"slug": checked.slug, "line": seen[checked.slug]},
                )
            )
            continue
        seen[checked.slug] = line
        rows.append(checked)
    if problems:
        raise ImportRefused(problems)
    return rows


@transaction.atomic
def do_import_organisations(text: str, *, acting_user: Viewer | None) -> ImportResult:
    """Import a CSV text whole or not at all (ImportRefused, with every bad row); existing slugs are kept."""
    rows = read_organisations(text)
    recorder = acting_user if isinstance(acting_user, User) else None
    existing = set(Organisation.objects.filter(slug__in=[r.slug for r in rows]).values_list("slug", flat=True))
    result = ImportResult()
    now = timezone.now()
    for row in rows:
        if row.slug in existing:
            result.kept += 1
            continue
        organisation = Organisation.objects.create(
            slug=row.slug, name=row.name, kind=row.kind, jurisdiction=row.jurisdiction, description=row.description
        )
        organisation.provisions.set(row.provisions)
        organisation.groups.set(row.groups)
        OrganisationContact.objects.bulk_create(
            OrganisationContact(
                organisation=organisation,
                field=name,
                value=text,
                consented=consented,
                consent_given_by=row.consent_given_by if consented else "",
                consent_given_on=row.consent_given_on if consented else None,
                consent_recorded_by=recorder if consented else None,
                consent_recorded_at=now if consented else None,
            )
            for name, text, consented in row.contacts
        )
        result.created += 1
        result.slugs.append(row.slug)
    if result.created:
        AuditEvent.record(actor=recorder, verb="organisations.imported", created=result.created, kept=result.kept)
    return result
