"""A composed bill: what the drafting assistant makes from chosen model provisions, and what every export reads.

Pure Python (no Django), so the composer, the stored draft versions, the Akoma Ntoso, DOCX and PDF exports and
the explanatory memorandum all share one shape. A bill is stored as `to_dict()` in a draft version and read back
with `ComposedBill.from_dict()`; the exports never query the database.

Section texts are Markdown with every placeholder filled and every cross-reference resolved: paragraphs are
separated by a blank line, and a paragraph that starts with "(1)", "(a)" or "(i)" is a numbered subsection,
paragraph or subparagraph of its section.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1


class SectionKind:
    SHORT_TITLE = "short-title"
    DEFINITIONS = "definitions"
    PROVISION = "provision"
    COMMENCEMENT = "commencement"

    ALL = (SHORT_TITLE, DEFINITIONS, PROVISION, COMMENCEMENT)


@dataclass(frozen=True)
class Definition:
    term: str
    definition: str


@dataclass(frozen=True)
class BillSection:
    """One numbered section (common law) or article (civil law) of the bill."""

    number: str  # "1", "2", ... as printed
    eid: str  # stable Akoma Ntoso style id, e.g. "sec_3" or "art_3"
    kind: str  # one of SectionKind.ALL
    heading: str
    text: str  # Markdown, placeholders filled, cross-references resolved
    provision_id: str = ""  # the framework provision it meets ("" for short title, definitions, commencement)
    model_slug: str = ""  # the model provision it was composed from
    model_version: int = 0  # that model provision's version number
    definitions: tuple[Definition, ...] = ()  # for the definitions section: the merged terms, alphabetical

    def paragraphs(self) -> list[str]:
        """The text's paragraphs, blank-line separated, stripped, empty ones left out."""
        return [p.strip() for p in self.text.replace("\r\n", "\n").split("\n\n") if p.strip()]


@dataclass(frozen=True)
class Peer:
    """A jurisdiction whose law was found to meet a provision in full, with where."""

    jurisdiction_code: str
    jurisdiction_name: str
    citation: str  # e.g. "Criminal Code, s. 279.01"
    url: str = ""  # absolute link to the quoted section version, when there is one
    quote: str = ""


@dataclass(frozen=True)
class MemorandumEntry:
    """One row of the explanatory memorandum: a section, the provision it meets, and who enacted it."""

    section_number: str
    section_heading: str
    provision_id: str
    provision_title: str
    explanation: str  # why the section is there: the provision's gap on today's report card, in a sentence
    peers: tuple[Peer, ...] = ()


@dataclass(frozen=True)
class ComposedBill:
    title: str  # "A Bill for an Act to ..."
    short_title: str  # "Trafficking in Persons (Amendment) Act 2026"
    jurisdiction_code: str  # ISO 3166 code, e.g. "CA", "US-DC"
    jurisdiction_name: str
    tradition: str  # "common_law" or "civil_law"
    level: str  # "national" or "subnational"
    framework: str  # framework slug and version, e.g. "four-p-v1"
    composed_on: str  # ISO date
    language: str = "en"
    sections: tuple[BillSection, ...] = ()
    memorandum: tuple[MemorandumEntry, ...] = ()
    options: dict[str, dict[str, str]] = field(default_factory=dict)  # model slug -> option name -> value chosen
    schema_version: int = SCHEMA_VERSION

    @property
    def unit(self) -> str:
        """What a numbered part is called: "section" in common law, "article" in civil law."""
        return "article" if self.tradition == "civil_law" else "section"

    def provision_ids(self) -> list[str]:
        return [s.provision_id for s in self.sections if s.provision_id]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ComposedBill:
        data = dict(raw)
        data["sections"] = tuple(
            BillSection(**{**s, "definitions": tuple(Definition(**d) for d in s.get("definitions", ()))})
            for s in data.get("sections", ())
        )
        data["memorandum"] = tuple(
            MemorandumEntry(**{**m, "peers": tuple(Peer(**p) for p in m.get("peers", ()))})
            for m in data.get("memorandum", ())
        )
        data["options"] = {k: dict(v) for k, v in data.get("options", {}).items()}
        return cls(**data)
