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


@dataclass(frozen=True)
class RequestInput:
    """A member's statute suggestion or assessment request, as the page or the API gives it.

    `data` is a suggested statute's file, already checked by the form (size and format), with its
    `filename` and the statute reader's `format`; the API sends no file.
    """

    kind: str
    jurisdiction_code: str
    note: str = ""
    url: str = ""
    data: bytes = b""
    filename: str = ""
    format: str = ""
    language: str = "en"


@dataclass(frozen=True)
class RequestChange:
    """The secretariat's step on a request: its new state, and what goes with it (an analyst, an assessment, a reason)."""

    state: str
    assigned_to_id: int | None = None
    assessment_id: int | None = None
    reason: str = ""
