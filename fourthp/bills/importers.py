"""Reading bills from files: Open States' bulk JSON and the project's CSV (docs/bills.md describes both).

A reader turns a file into `BillInput`s and a list of problems, each with the line (CSV) or the
bill's position (JSON) and a sentence saying what is wrong; nothing is written here. The action
`do_import_bills` writes all the bills or, when any problem is found, none.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from fourthp.bills.inputs import ActionInput, BillInput, SponsorInput, VersionInput
from fourthp.bills.models import MAX_TITLE_CHARS, MAX_VERSION_CHARS, Bill, Chamber

# Explicit limits: a file, the bills in it, and what one bill may carry.
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_BILLS = 2000
MAX_ACTIONS_PER_BILL = 500
MAX_SPONSORS_PER_BILL = 200
MAX_VERSIONS_PER_BILL = 50
MAX_PROBLEMS_SHOWN = 200

CSV_COLUMNS = (
    "number",
    "title",
    "session",
    "chamber",
    "status",
    "summary",
    "source_url",
    "primary_sponsors",
    "cosponsors",
    "instruments",
    "action_date",
    "action",
    "version_label",
    "version_date",
    "version_url",
    "version_text",
)
CSV_REQUIRED = ("number", "title", "session")

# Open States' action classifications, in the order a bill moves: the latest one seen sets the status.
OPEN_STATES_STATUS = {
    "introduction": Bill.Status.INTRODUCED,
    "filing": Bill.Status.INTRODUCED,
    "referral-committee": Bill.Status.IN_COMMITTEE,
    "committee-passage": Bill.Status.IN_COMMITTEE,
    "passage": Bill.Status.PASSED_ONE_CHAMBER,
    "executive-signature": Bill.Status.ENACTED,
    "became-law": Bill.Status.ENACTED,
    "executive-veto": Bill.Status.VETOED,
    "failure": Bill.Status.FAILED,
    "committee-failure": Bill.Status.FAILED,
    "withdrawal": Bill.Status.WITHDRAWN,
}
CHAMBER_WORDS = {
    "lower": Chamber.LOWER,
    "upper": Chamber.UPPER,
    "legislature": Chamber.LEGISLATURE,
    "joint": Chamber.LEGISLATURE,
    "executive": Chamber.EXECUTIVE,
}


@dataclass(frozen=True)
class Problem:
    line: int
    reason: str


class BadRow(ValueError):
    """One bill of a file cannot be read; the message says why."""


def _date(value: Any, what: str) -> dt.date:
    text = str(value or "").strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        message = _("%(what)s is not a date written as YYYY-MM-DD: %(value)r.") % {"what": what, "value": text}
        raise BadRow(message) from None


def _optional_date(value: Any, what: str) -> dt.date | None:
    return _date(value, what) if str(value or "").strip() else None


def _chamber(value: Any) -> str:
    """A chamber from Open States (`upper`, an organisation object, or a `~{"classification": …}` pseudo-id)."""
    if isinstance(value, dict):
        value = value.get("classification", "")
    text = str(value or "").strip()
    if text.startswith("~{"):
        try:
            text = str(json.loads(text[1:]).get("classification", ""))
        except (ValueError, AttributeError):
            text = ""
    if not text:
        return ""
    if text.lower() in CHAMBER_WORDS:
        return CHAMBER_WORDS[text.lower()].value
    raise BadRow(_("The chamber %(value)r is not one of lower, upper, legislature, executive.") % {"value": text})


def _status(value: str) -> str:
    text = value.strip().lower()
    for choice in Bill.Status:
        if text in (choice.value, choice.value.replace("_", " ")):
            return choice.value
    raise BadRow(
        _("The status %(value)r is not one of %(allowed)s.")
        % {"value": value, "allowed": ", ".join(c.value for c in Bill.Status)}
    )


def _text(value: Any, what: str, *, limit: int, required: bool = False) -> str:
    text = " ".join(str(value or "").split()) if limit <= MAX_TITLE_CHARS else str(value or "").strip()
    if required and not text:
        raise BadRow(_("%(what)s is missing.") % {"what": what})
    if len(text) > limit:
        raise BadRow(_("%(what)s is longer than %(limit)s characters.") % {"what": what, "limit": limit})
    return text


def status_from_actions(actions: Iterable[ActionInput]) -> str:
    """The status Open States' action classifications give, read in date order.

    A bill that passed in both chambers has passed; one signed (or that became law) is enacted.
    """
    status = Bill.Status.INTRODUCED
    passed_in: set[str] = set()
    for action in sorted(actions, key=lambda a: a.date):
        for kind in filter(None, (k.strip() for k in action.classification.split(","))):
            if kind not in OPEN_STATES_STATUS:
                continue
            status = OPEN_STATES_STATUS[kind]
            if kind == "passage":
                passed_in.add(action.chamber)
                if {Chamber.LOWER, Chamber.UPPER} <= passed_in or Chamber.LEGISLATURE in passed_in:
                    status = Bill.Status.PASSED
    return status.value


def _limit(items: list[Any], limit: int, what: str) -> list[Any]:
    if len(items) > limit:
        raise BadRow(_("The bill has more than %(limit)s %(what)s.") % {"limit": limit, "what": what})
    return items


def _openstates_bill(raw: Any, position: int) -> BillInput:
    if not isinstance(raw, dict):
        raise BadRow(_("This item is not a bill (a JSON object)."))
    actions = []
    for item in _limit(list(raw.get("actions") or []), MAX_ACTIONS_PER_BILL, _("actions")):
        kinds = item.get("classification") or []
        actions.append(
            ActionInput(
                date=_date(item.get("date"), _("An action's date")),
                description=_text(item.get("description"), _("An action's description"), limit=1000, required=True),
                chamber=_chamber(item.get("organization") or item.get("organization_id") or item.get("chamber")),
                classification=", ".join(kinds) if isinstance(kinds, list) else str(kinds),
            )
        )
    sponsors = [
        SponsorInput(
            name=_text(item.get("name"), _("A sponsor's name"), limit=200, required=True),
            primary=bool(item.get("primary")),
        )
        for item in _limit(list(raw.get("sponsorships") or []), MAX_SPONSORS_PER_BILL, _("sponsors"))
    ]
    versions = []
    for item in _limit(list(raw.get("versions") or []), MAX_VERSIONS_PER_BILL, _("versions")):
        links = item.get("links") or []
        versions.append(
            VersionInput(
                label=_text(item.get("note"), _("A version's note"), limit=200, required=True),
                date=_optional_date(item.get("date"), _("A version's date")),
                url=str(links[0].get("url", "")) if links and isinstance(links[0], dict) else "",
                # Open States links to the text; a file may carry it in `text` (the project's addition).
                text=_text(item.get("text"), _("A version's text"), limit=MAX_VERSION_CHARS),
            )
        )
    sources = raw.get("sources") or []
    abstracts = raw.get("abstracts") or []
    return BillInput(
        number=_text(raw.get("identifier"), _("The identifier"), limit=40, required=True),
        title=_text(raw.get("title"), _("The title"), limit=MAX_TITLE_CHARS, required=True),
        session=_text(raw.get("legislative_session") or raw.get("session"), _("The session"), limit=120, required=True),
        chamber=_chamber(raw.get("from_organization") or raw.get("chamber")),
        status=status_from_actions(actions),
        summary=_text(abstracts[0].get("abstract") if abstracts else "", _("The abstract"), limit=5000),
        source_url=str(sources[0].get("url", ""))[:500] if sources and isinstance(sources[0], dict) else "",
        source_id=_text(raw.get("id") or raw.get("_id"), _("The id"), limit=120),
        sponsors=tuple(sponsors),
        actions=tuple(actions),
        versions=tuple(versions),
        line=position,
    )


def read_openstates(data: bytes) -> tuple[list[BillInput], list[Problem]]:
    """Bills from Open States JSON: one bill, a list of bills, or an API page (`{"results": [...]}`)."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return [], [Problem(0, _("The file is not JSON in UTF-8: %(error)s") % {"error": exc})]
    if isinstance(parsed, dict) and isinstance(parsed.get("results"), list):
        items = parsed["results"]
    elif isinstance(parsed, dict):
        items = [parsed]
    elif isinstance(parsed, list):
        items = parsed
    else:
        return [], [Problem(0, _("The file holds neither a bill nor a list of bills."))]
    if len(items) > MAX_IMPORT_BILLS:
        return [], [Problem(0, _("The file holds more than %(limit)s bills.") % {"limit": MAX_IMPORT_BILLS})]
    bills: list[BillInput] = []
    problems: list[Problem] = []
    for position, raw in enumerate(items, start=1):
        try:
            bills.append(_openstates_bill(raw, position))
        except BadRow as exc:
            problems.append(Problem(position, str(exc)))
    return bills, problems


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _csv_bill(row: dict[str, str], line: int) -> BillInput:
    actions = []
    if row.get("action_date", "").strip() or row.get("action", "").strip():
        actions.append(
            ActionInput(
                date=_date(row.get("action_date"), "action_date"),
                description=_text(row.get("action"), "action", limit=1000, required=True),
            )
        )
    versions = []
    if any(row.get(name, "").strip() for name in ("version_label", "version_date", "version_url", "version_text")):
        versions.append(
            VersionInput(
                label=_text(row.get("version_label"), "version_label", limit=200, required=True),
                date=_optional_date(row.get("version_date"), "version_date"),
                url=_text(row.get("version_url"), "version_url", limit=500),
                text=_text(row.get("version_text"), "version_text", limit=MAX_VERSION_CHARS),
            )
        )
    sponsors = [SponsorInput(name, primary=True) for name in _split(row.get("primary_sponsors", ""))]
    sponsors += [SponsorInput(name) for name in _split(row.get("cosponsors", ""))]
    for sponsor in sponsors:
        _text(sponsor.name, _("A sponsor's name"), limit=200)
    _limit(sponsors, MAX_SPONSORS_PER_BILL, _("sponsors"))
    status = row.get("status", "").strip()
    return BillInput(
        number=_text(row.get("number"), _("The number"), limit=40, required=True),
        title=_text(row.get("title"), _("The title"), limit=MAX_TITLE_CHARS, required=True),
        session=_text(row.get("session"), _("The session"), limit=120, required=True),
        chamber=_chamber(row.get("chamber")),
        status=_status(status) if status else status_from_actions(actions),
        summary=_text(row.get("summary"), "summary", limit=5000),
        source_url=_text(row.get("source_url"), "source_url", limit=500),
        sponsors=tuple(sponsors),
        actions=tuple(actions),
        versions=tuple(versions),
        instruments=tuple(_split(row.get("instruments", ""))),
        line=line,
    )


def read_csv(data: bytes) -> tuple[list[BillInput], list[Problem]]:
    """Bills from the project's CSV: a header row naming CSV_COLUMNS (number, title, session required), one bill a row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [Problem(0, _("The file is not text in UTF-8."))]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in CSV_REQUIRED if name not in header]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
        return [], [Problem(1, _("The header row does not fit the format (%(parts)s).") % {"parts": "; ".join(parts)})]
    reader.fieldnames = header
    bills: list[BillInput] = []
    problems: list[Problem] = []
    try:
        for row in reader:
            # A record's first line: a quoted text spanning several lines ends on reader.line_num.
            line = reader.line_num - sum(str(v or "").count("\n") for v in row.values() if isinstance(v, str))
            if len(bills) + len(problems) >= MAX_IMPORT_BILLS:
                return [], [Problem(0, _("The file holds more than %(limit)s bills.") % {"limit": MAX_IMPORT_BILLS})]
            if None in row:
                problems.append(Problem(line, _("The row has more cells than the header has columns.")))
                continue
            try:
                bills.append(_csv_bill({k: v or "" for k, v in row.items()}, line))
            except BadRow as exc:
                problems.append(Problem(line, str(exc)))
    except csv.Error as exc:
        problems.append(Problem(reader.line_num, _("The CSV cannot be read: %(error)s") % {"error": exc}))
    return bills, problems


READERS = {"openstates": read_openstates, "csv": read_csv}
