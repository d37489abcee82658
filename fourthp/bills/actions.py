"""Writes on bills and sessions: each in one transaction, each recorded as an AuditEvent.

Saving a version splits its text into sections as the analyzer splits statutes and stores the
provisions the analyzer suggests it touches; an import writes every bill of a file or, when any
row is wrong, nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from fourthp.accounts.models import AuditEvent, User
from fourthp.analysis.queries import AnalyzerUnavailable, get_analyzer_framework
from fourthp.analyzer import THRESHOLD, analyze_sections
from fourthp.analyzer.readers.base import ParsedDocument, ParsedSection
from fourthp.analyzer.segment import split_sections
from fourthp.assessments.models import Status
from fourthp.assessments.queries import get_report_card
from fourthp.bills.importers import Problem
from fourthp.bills.inputs import ActionInput, BillInput, EnactInput, SessionInput, SponsorInput, VersionInput
from fourthp.bills.models import (
    Bill,
    BillAction,
    BillVersion,
    LegislativeSession,
    Sponsor,
    TouchedProvision,
    VersionSection,
)
from fourthp.frameworks.models import Framework, Provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.actions import ImportRefused as AtlasRefused
from fourthp.laws.actions import InstrumentMetadata, do_import_document
from fourthp.laws.models import Instrument
from fourthp.lib.text import normalise_text
from fourthp.members.access import can_see_profile
from fourthp.members.models import Profile
from fourthp.notifications.actions import record_change


class ImportRefused(Exception):
    """A file with at least one bad row: nothing was written; `problems` lists each row and why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(_("%(n)s rows cannot be imported.") % {"n": len(problems)})
        self.problems = list(problems)


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    sessions_created: list[str]


# --------------------------------------------------------------------------- sessions


@transaction.atomic
def do_save_session(
    session: LegislativeSession | None, jurisdiction: Jurisdiction, data: SessionInput, *, acting_user: User
) -> LegislativeSession:
    session = session or LegislativeSession(jurisdiction=jurisdiction)
    session.name = data.name
    session.starts_on = data.starts_on
    session.ends_on = data.ends_on
    session.legislature = data.legislature
    session.source_url = data.source_url
    session.save()
    AuditEvent.record(actor=acting_user, verb="session.saved", target=session)
    return session


def _session_named(jurisdiction: Jurisdiction, name: str, created: list[str]) -> LegislativeSession:
    session, made = LegislativeSession.objects.get_or_create(jurisdiction=jurisdiction, name=name)
    if made:
        created.append(name)
    return session


# --------------------------------------------------------------------------- provisions a version touches


def analyse_version(version: BillVersion) -> list[TouchedProvision]:
    """Store the provisions the analyzer suggests the version's sections touch (its best evidence for each).

    They are suggestions for an analyst, never findings: a bill is not the jurisdiction's law.
    A framework file the analyzer cannot read leaves the version without suggestions.
    """
    version.touched.all().delete()
    sections = list(version.sections.all())
    if not sections:
        return []
    framework = Framework.objects.default()
    try:
        parsed = get_analyzer_framework(framework)
    except AnalyzerUnavailable:
        return []
    bill = version.bill
    analysis = analyze_sections(
        [(s.number, s.text) for s in sections],
        parsed,
        headings=[s.heading for s in sections],
        context=bill.title,
        level=bill.jurisdiction.level,
    )
    best: dict[str, tuple[float, str, str]] = {}
    for finding in analysis.findings:
        if finding.confidence >= THRESHOLD and finding.confidence > best.get(finding.provision, (0.0, "", ""))[0]:
            best[finding.provision] = (finding.confidence, finding.section, finding.excerpt)
    provisions = {p.slug: p for p in Provision.objects.filter(framework=framework, slug__in=best)}
    return TouchedProvision.objects.bulk_create(
        TouchedProvision(version=version, provision=provisions[slug], section=section, confidence=conf, excerpt=text)
        for slug, (conf, section, text) in best.items()
        if slug in provisions
    )


def _store_text(version: BillVersion, text: str) -> None:
    version.sections.all().delete()
    text = normalise_text(text)
    if text.strip():
        segments = split_sections(text)
        VersionSection.objects.bulk_create(
            VersionSection(version=version, number=s.number[:40], heading=s.heading[:500], text=s.text, order=i)
            for i, s in enumerate(segments)
        )
    analyse_version(version)


def _store_sections(version: BillVersion, sections: tuple[ParsedSection, ...]) -> None:
    """The sections an atlas reader found in an uploaded file, kept as it numbered them."""
    version.sections.all().delete()
    VersionSection.objects.bulk_create(
        VersionSection(
            version=version, number=s.number[:40], heading=s.heading[:500], text=normalise_text(s.text), order=i
        )
        for i, s in enumerate(sections)
    )
    analyse_version(version)


def _save_version(bill: Bill, data: VersionInput, order: int) -> BillVersion:
    version = BillVersion.objects.filter(bill=bill, label=data.label).first()
    if version is None:
        version = BillVersion(bill=bill, label=data.label, order=order)
    version.date = data.date
    version.url = data.url
    version.save()
    if data.sections:
        _store_sections(version, data.sections)
    elif data.text or not version.sections.exists():
        _store_text(version, data.text)
    return version


@transaction.atomic
def do_save_version(bill: Bill, data: VersionInput, *, acting_user: User) -> BillVersion:
    """Add a version (or replace the one with the same label) and read its text for provisions."""
    order = (bill.versions.aggregate(last=Max("order"))["last"] or 0) + 1
    version = _save_version(bill, data, order)
    AuditEvent.record(actor=acting_user, verb="bill.version_saved", target=bill, label=data.label)
    _tell_of_version(version)
    return version


def _tell_of_version(version: BillVersion) -> None:
    """Tell the bill's followers of a new version, and how many gaps of the report card it touches."""
    bill = version.bill
    gaps = _gaps_touched(version)
    if gaps:
        params: dict[str, object] = {"label": version.label, "gaps": gaps}
        record_change(bill, "bill_version_gaps", params=params, url=bill.get_absolute_url())
    else:
        record_change(bill, "bill_version", params={"label": version.label}, url=bill.get_absolute_url())


def _tell_of_new_bill(bill: Bill) -> None:
    """Tell the followers of its jurisdiction, and of each sponsor whose profile they may still see."""
    record_change(bill.jurisdiction, "jurisdiction_bill", params={"bill": bill}, url=bill.get_absolute_url())
    for sponsor in bill.sponsors.exclude(profile=None).select_related("profile__user"):
        if sponsor.profile is not None:
            _tell_of_sponsor(sponsor.profile, bill)


def _tell_of_sponsor(profile: Profile, bill: Bill) -> None:
    def may_see(user: User) -> bool:
        return can_see_profile(user, profile)

    record_change(profile, "legislator_bill", params={"bill": bill}, url=bill.get_absolute_url(), audience=may_see)


def _gaps_touched(version: BillVersion) -> int:
    """How many provisions the version touches that the jurisdiction's report card finds absent or partial."""
    touched = set(version.touched.values_list("provision_id", flat=True))
    if not touched:
        return 0
    card = get_report_card(version.bill.jurisdiction, Framework.objects.default())
    return sum(1 for row in card.rows if row.provision.pk in touched and row.status in (Status.ABSENT, Status.PARTIAL))


class EnactRefused(ValueError):
    """The version cannot become an instrument of the atlas; the message says why."""


@transaction.atomic
def do_enact_version(version: BillVersion, data: EnactInput, *, acting_user: User) -> Instrument:
    """Add an enacted bill's version to the atlas as an instrument of its jurisdiction, sections and all.

    The bill must be enacted and the version must have text; the new instrument is listed among the bill's
    related instruments. Nothing is written when the atlas refuses the import (a key already taken, say).
    """
    bill = version.bill
    if bill.status != Bill.Status.ENACTED:
        raise EnactRefused(_("Only an enacted bill's text can become law in the atlas; record its enactment first."))
    sections = list(version.sections.order_by("order"))
    if not sections:
        raise EnactRefused(_("This version has no text to add to the atlas."))
    document = ParsedDocument(
        title=data.title,
        sections=[
            ParsedSection(number=s.number or str(i), heading=s.heading, text=s.text) for i, s in enumerate(sections, 1)
        ],
    )
    meta = InstrumentMetadata(
        key=data.key,
        jurisdiction_code=bill.jurisdiction.code,
        title=data.title,
        short_title=data.title,
        type=Instrument.Type.ACT,
        section_key_prefix=data.key,
        citation_template=f"{data.title}, § {{number}}",
        source_url=version.url or bill.source_url,
        source_name=f"{bill.number}, {version.label}",
        enacted_on=data.enacted_on,
        in_force_from=data.in_force_from,
        notes=_("Enacted as bill %(number)s (%(session)s), text of the version %(label)s.")
        % {"number": bill.number, "session": bill.session.name, "label": version.label},
    )
    try:
        instrument = do_import_document(document, meta, acting_user=acting_user)
    except AtlasRefused as exc:
        raise EnactRefused(str(exc)) from exc
    bill.instruments.add(instrument)
    AuditEvent.record(actor=acting_user, verb="bill.enacted_into_atlas", target=bill, instrument=instrument.key)
    return instrument


# --------------------------------------------------------------------------- bills


def _profiles_by_name(jurisdiction: Jurisdiction) -> dict[str, Profile]:
    """The legislators' profiles of a jurisdiction by lower-case name, for names only one profile bears."""
    found: dict[str, list[Profile]] = {}
    for profile in Profile.objects.filter(jurisdiction=jurisdiction, role=Profile.Role.LEGISLATOR):
        found.setdefault(profile.name.casefold(), []).append(profile)
    return {name: profiles[0] for name, profiles in found.items() if len(profiles) == 1}


def _set_sponsors(bill: Bill, sponsors: Sequence[SponsorInput], profiles: dict[str, Profile]) -> None:
    bill.sponsors.all().delete()
    Sponsor.objects.bulk_create(
        Sponsor(bill=bill, name=s.name, primary=s.primary, order=i, profile=profiles.get(s.name.casefold()))
        for i, s in enumerate(sponsors)
    )


def _set_actions(bill: Bill, actions: Sequence[ActionInput]) -> None:
    bill.actions.all().delete()
    BillAction.objects.bulk_create(
        BillAction(
            bill=bill,
            date=a.date,
            chamber=a.chamber,
            description=a.description,
            classification=a.classification[:200],
            order=i,
        )
        for i, a in enumerate(actions)
    )


def _write_bill(
    bill: Bill | None,
    jurisdiction: Jurisdiction,
    data: BillInput,
    *,
    session: LegislativeSession,
    profiles: dict[str, Profile],
    instruments: dict[str, Instrument],
    replace_actions: bool,
) -> Bill:
    bill = bill or Bill(jurisdiction=jurisdiction)
    bill.session = session
    bill.number = data.number
    bill.title = data.title
    bill.chamber = data.chamber
    bill.status = data.status or Bill.Status.INTRODUCED
    bill.summary = data.summary
    bill.source_url = data.source_url
    bill.source_id = data.source_id or bill.source_id
    if replace_actions:
        bill.last_action_on = max((a.date for a in data.actions), default=None)
    bill.save()
    if replace_actions:
        _set_actions(bill, data.actions)
    _set_sponsors(bill, data.sponsors, profiles)
    bill.instruments.set([instruments[key] for key in data.instruments])
    for order, version in enumerate(data.versions, start=1):
        _save_version(bill, version, order)
    return bill


def check_bill(jurisdiction: Jurisdiction, data: BillInput, bill: Bill | None = None) -> list[str]:
    """Why the bill cannot be saved as given (an unknown instrument, a number already taken), or nothing."""
    reasons = []
    unknown = set(data.instruments) - set(
        Instrument.objects.filter(key__in=data.instruments).values_list("key", flat=True)
    )
    if unknown:
        reasons.append(_("No instrument has the key %(keys)s.") % {"keys": ", ".join(sorted(unknown))})
    taken = Bill.objects.filter(jurisdiction=jurisdiction, session__name=data.session, number=data.number)
    if bill is not None:
        taken = taken.exclude(pk=bill.pk)
    if taken.exists():
        reasons.append(
            _("Another bill of the session %(session)s has the number %(number)s.")
            % {"session": data.session, "number": data.number}
        )
    return reasons


@transaction.atomic
def do_save_bill(bill: Bill | None, jurisdiction: Jurisdiction, data: BillInput, *, acting_user: User) -> Bill:
    """Create or edit one bill by hand; its actions and versions are added on their own forms."""
    session = _session_named(jurisdiction, data.session, [])
    instruments = {i.key: i for i in Instrument.objects.filter(key__in=data.instruments)}
    status_before = bill.status if bill is not None else None
    saved = _write_bill(
        bill,
        jurisdiction,
        data,
        session=session,
        profiles=_profiles_by_name(jurisdiction),
        instruments=instruments,
        replace_actions=False,
    )
    AuditEvent.record(actor=acting_user, verb="bill.created" if bill is None else "bill.edited", target=saved)
    if bill is None:
        _tell_of_new_bill(saved)
    elif status_before != saved.status:
        record_change(
            saved, "bill_status", params={"status": Bill.Status(saved.status).label}, url=saved.get_absolute_url()
        )
    return saved


@transaction.atomic
def do_add_action(bill: Bill, data: ActionInput, *, acting_user: User) -> BillAction:
    order = (bill.actions.filter(date=data.date).aggregate(last=Max("order"))["last"] or 0) + 1
    action = BillAction.objects.create(
        bill=bill,
        date=data.date,
        chamber=data.chamber,
        description=data.description,
        classification=data.classification,
        order=order,
    )
    if bill.last_action_on is None or data.date > bill.last_action_on:
        bill.last_action_on = data.date
        bill.save(update_fields=["last_action_on", "updated_at"])
    AuditEvent.record(actor=acting_user, verb="bill.action_added", target=bill, description=data.description)
    record_change(bill, "bill_action", params={"description": data.description}, url=bill.get_absolute_url())
    return action


def check_import(jurisdiction: Jurisdiction, bills: Sequence[BillInput]) -> list[Problem]:
    """The rows that cannot be written: a bill listed twice, or an instrument the atlas does not hold."""
    problems = []
    seen: dict[tuple[str, str], int] = {}
    keys = {key for b in bills for key in b.instruments}
    known = set(Instrument.objects.filter(key__in=keys).values_list("key", flat=True))
    for b in bills:
        first = seen.setdefault((b.session, b.number), b.line)
        if first != b.line:
            problems.append(
                Problem(b.line, _("The bill %(number)s of %(session)s is listed already (at %(first)s).")
                % {"number": b.number, "session": b.session, "first": first})
            )  # fmt: skip
        unknown = sorted(set(b.instruments) - known)
        if unknown:
            problems.append(Problem(b.line, _("No instrument has the key %(keys)s.") % {"keys": ", ".join(unknown)}))
    return problems


@transaction.atomic
def do_import_bills(
    jurisdiction: Jurisdiction,
    bills: Sequence[BillInput],
    *,
    acting_user: User | None,
    source_name: str = "",
    problems: Sequence[Problem] = (),
) -> ImportSummary:
    """Write every bill (a bill already known by session and number is updated), or none.

    `problems` are those the reader found; with those of `check_import` they refuse the whole file.
    """
    refused = [*problems, *check_import(jurisdiction, bills)]
    if refused:
        raise ImportRefused(sorted(refused, key=lambda p: p.line))
    sessions_created: list[str] = []
    sessions = {name: _session_named(jurisdiction, name, sessions_created) for name in {b.session for b in bills}}
    existing = {
        (b.session.name, b.number): b
        for b in Bill.objects.filter(jurisdiction=jurisdiction, session__in=sessions.values()).select_related("session")
    }
    profiles = _profiles_by_name(jurisdiction)
    instruments = {i.key: i for i in Instrument.objects.filter(key__in={k for b in bills for k in b.instruments})}
    created = updated = 0
    for data in bills:
        known = existing.get((data.session, data.number))
        status_before = known.status if known is not None else None
        labels_before = set(known.versions.values_list("label", flat=True)) if known is not None else set()
        saved = _write_bill(
            known,
            jurisdiction,
            data,
            session=sessions[data.session],
            profiles=profiles,
            instruments=instruments,
            replace_actions=True,
        )
        created += known is None
        updated += known is not None
        # Followers hear of what the file changed, as they would of the same change made by hand.
        if known is None:
            _tell_of_new_bill(saved)
            continue
        if status_before != saved.status:
            params = {"status": Bill.Status(saved.status).label}
            record_change(saved, "bill_status", params=params, url=saved.get_absolute_url())
        for version in saved.versions.exclude(label__in=labels_before).order_by("order"):
            _tell_of_version(version)
    AuditEvent.record(
        actor=acting_user,
        verb="bills.imported",
        target=jurisdiction,
        file=source_name,
        created=created,
        updated=updated,
    )
    return ImportSummary(created=created, updated=updated, sessions_created=sorted(sessions_created))
