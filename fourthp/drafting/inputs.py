"""The typed inputs of the drafting actions, built by the forms and the library loader."""

from __future__ import annotations

from dataclasses import dataclass

from fourthp.drafting.text import DefinedTerm, Option


@dataclass(frozen=True)
class VariantInput:
    tradition: str
    level: str
    heading: str
    text: str


@dataclass(frozen=True)
class VersionInput:
    """One version's content: a text per variant, options, defined terms and notes."""

    texts: tuple[VariantInput, ...]
    options: tuple[Option, ...] = ()
    defined_terms: tuple[DefinedTerm, ...] = ()
    notes: str = ""
    change_summary: str = ""


@dataclass(frozen=True)
class NewModelInput:
    provision_slug: str
    slug: str
    title: str
    version: VersionInput
    output_id: int | None = None
