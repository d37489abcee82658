"""Typed inputs of the assessment actions: what a user, the API, the analyzer or the seed file gives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceInput:
    """A quote as a user or the seed file gives it.

    The span is found from the quote; `start`/`end` (from a text selection)
    or `occurrence` (1-based) say which one when the quote occurs more than once.
    """

    section_key: str
    quote: str = ""
    start: int | None = None
    end: int | None = None
    occurrence: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class AssessmentInput:
    status: str
    rationale: str
    law_reviewed: str = ""
    evidence: Sequence[EvidenceInput] = ()
