"""The typed inputs of the bills' actions, built by the forms and by the importers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fourthp.analyzer.readers.base import ParsedSection


@dataclass(frozen=True)
class SessionInput:
    name: str
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    legislature: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class SponsorInput:
    name: str
    primary: bool = False


@dataclass(frozen=True)
class ActionInput:
    date: dt.date
    description: str
    chamber: str = ""
    classification: str = ""


@dataclass(frozen=True)
class VersionInput:
    label: str
    date: dt.date | None = None
    url: str = ""
    text: str = ""
    sections: tuple[ParsedSection, ...] = ()
    """The sections of an uploaded file, as the atlas's readers found them (instead of `text`)."""
    filename: str = ""


@dataclass(frozen=True)
class EnactInput:
    """A version that became law, to be added to the atlas as an instrument of the bill's jurisdiction."""

    key: str
    title: str
    enacted_on: dt.date | None = None
    in_force_from: dt.date | None = None


@dataclass(frozen=True)
class BillInput:
    """One bill as a form or an import row gives it; `session` is the session's name."""

    number: str
    title: str
    session: str
    chamber: str = ""
    status: str = ""
    summary: str = ""
    source_url: str = ""
    source_id: str = ""
    sponsors: tuple[SponsorInput, ...] = ()
    actions: tuple[ActionInput, ...] = ()
    versions: tuple[VersionInput, ...] = ()
    instruments: tuple[str, ...] = ()
    line: int = 0
    """Where the bill is in the file it came from (a CSV line, or the bill's position in a JSON file)."""
