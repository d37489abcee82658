"""The stored result of an analysis run, typed and versioned, and its one decoder.

`AnalysisRun.result` holds `AnalysisResult.to_json()`; everything that reads it (the run's page, the
draft made from a suggestion, the API's answer) goes through `decode_result`. One offset convention:
a finding's `start`/`end` are Python string indices into the normalised text of the section it was
found in. That text is the atlas section's own text (its key and version are on the section) for an
instrument, and `run.text[section.start:section.end]` for an uploaded or pasted text. Results stored
before version 2 are rewritten by migration 0004.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from fourthp.analyzer import AnalysedSection, Analysis, Finding

RESULT_VERSION = 2


class ResultFormatError(ValueError):
    """The stored result is not in the current version's shape."""


@dataclass(frozen=True)
class ResultFinding:
    """One provision recognised in a section; `start`/`end` index its section's text."""

    provision: str
    start: int
    end: int
    confidence: float
    reason: str
    excerpt: str


@dataclass(frozen=True)
class ResultSection:
    """A section as analysed.

    `key` is the section's number as the text gives it, or an atlas section's key; `start`/`end` are
    where its text lies in the run's text (for an atlas section, in its own text: 0 to its length);
    `version` is the atlas section's version, None for an uploaded or pasted text.
    """

    key: str
    heading: str
    start: int
    end: int
    version: int | None = None
    findings: tuple[ResultFinding, ...] = ()


@dataclass(frozen=True)
class AnalysisResult:
    framework: str
    framework_version: int
    engine: str
    threshold: float
    sections: tuple[ResultSection, ...] = field(default_factory=tuple)
    version: int = RESULT_VERSION

    def is_suggested(self, finding: ResultFinding) -> bool:
        """A finding at or above the threshold is a suggestion; one below it, a weaker finding."""
        return finding.confidence >= self.threshold

    def findings(self) -> Iterator[tuple[ResultSection, ResultFinding]]:
        """Every finding with its section, section by section."""
        for section in self.sections:
            for finding in section.findings:
                yield section, finding

    def finding(self, section_key: str, provision_slug: str) -> tuple[ResultSection, ResultFinding] | None:
        """The finding of a provision in a section, if the analyzer made one."""
        return next(
            ((s, f) for s, f in self.findings() if s.key == section_key and f.provision == provision_slug), None
        )

    def to_json(self) -> dict[str, Any]:
        """What `AnalysisRun.result` stores (sequences as tuples, which JSON writes as arrays)."""
        return asdict(self)


def decode_result(raw: Any) -> AnalysisResult:
    """The typed result of a run's stored `result`; ResultFormatError if it is not of RESULT_VERSION."""
    if not isinstance(raw, dict):
        raise ResultFormatError(f"an analysis result is a JSON object, not {type(raw).__name__}")
    if raw.get("version") != RESULT_VERSION:
        raise ResultFormatError(
            f"the analysis result is of version {raw.get('version', 1)!r}, not {RESULT_VERSION}: run the migrations"
        )
    try:
        return AnalysisResult(
            framework=str(raw["framework"]),
            framework_version=int(raw["framework_version"]),
            engine=str(raw["engine"]),
            threshold=float(raw["threshold"]),
            sections=tuple(
                ResultSection(
                    key=str(s["key"]),
                    heading=str(s["heading"]),
                    start=int(s["start"]),
                    end=int(s["end"]),
                    version=None if s.get("version") is None else int(s["version"]),
                    findings=tuple(
                        ResultFinding(
                            provision=str(f["provision"]),
                            start=int(f["start"]),
                            end=int(f["end"]),
                            confidence=float(f["confidence"]),
                            reason=str(f["reason"]),
                            excerpt=str(f["excerpt"]),
                        )
                        for f in s["findings"]
                    ),
                )
                for s in raw["sections"]
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResultFormatError(f"the analysis result is malformed: {exc!r}") from exc


def _finding(finding: Finding, base: int) -> ResultFinding:
    return ResultFinding(
        provision=finding.provision,
        start=finding.start - base,
        end=finding.end - base,
        confidence=finding.confidence,
        reason=finding.reason,
        excerpt=finding.excerpt,
    )


def _result(analysis: Analysis, sections: Iterator[ResultSection]) -> AnalysisResult:
    return AnalysisResult(
        framework=analysis.framework,
        framework_version=analysis.framework_version,
        engine=analysis.engine,
        threshold=analysis.threshold,
        sections=tuple(sections),
    )


def result_of_text(analysis: Analysis) -> AnalysisResult:
    """The result of `analyze(text)`, whose offsets are into the whole text: each finding is moved into
    its section's text."""
    return _result(
        analysis,
        (
            ResultSection(s.number, s.heading, s.start, s.end, None, tuple(_finding(f, s.start) for f in s.findings))
            for s in analysis.sections
        ),
    )


@dataclass(frozen=True)
class PlacedSection:
    """What the caller of `analyze_sections` knows of one section: where it lies in the run's text
    (an uploaded file's section), or which atlas version it is (an instrument's)."""

    start: int = 0
    version: int | None = None


def result_of_sections(analysis: Analysis, placed: Sequence[PlacedSection]) -> AnalysisResult:
    """The result of `analyze_sections`, whose offsets are already into each section's own text."""

    def section(analysed: AnalysedSection, where: PlacedSection) -> ResultSection:
        findings = tuple(_finding(f, 0) for f in analysed.findings)
        start, end = where.start + analysed.start, where.start + analysed.end
        return ResultSection(analysed.number, analysed.heading, start, end, where.version, findings)

    return _result(analysis, (section(a, p) for a, p in zip(analysis.sections, placed, strict=True)))
