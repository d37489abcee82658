"""Find which framework provisions each section of a law addresses.

:func:`analyze` splits a text with :func:`~fourthp.analyzer.segment.split_sections`
and runs the rules of :mod:`fourthp.analyzer.rules` on every section;
:func:`analyze_sections` does the same for an instrument already split into
sections. Offsets in findings are Python string indices: into the text given
to :func:`analyze`, or into the section's own text for :func:`analyze_sections`.

A finding's confidence is the rule's evidence score passed through a
calibration table (``CALIBRATION``), fitted so that of the findings given
0.8, about eight in ten are right on the labelled development sections.
``Analysis.suggested`` keeps the findings at or above ``THRESHOLD``: what an
analyst is shown to confirm.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from fourthp.analyzer.concepts import CONCEPTS
from fourthp.analyzer.framework import Framework
from fourthp.analyzer.rules import SectionContext, find_candidates
from fourthp.analyzer.segment import mask_noise, split_sections

__all__ = [
    "CALIBRATION",
    "ENGINE",
    "THRESHOLD",
    "AnalysedSection",
    "Analysis",
    "Finding",
    "SectionProgress",
    "analyze",
    "analyze_sections",
    "iter_analysis",
]

ENGINE = "rules-1"
# (rule score, confidence) points; confidence is interpolated between them.
# Fitted (monotone, pooled) on the precision per score band of all findings on
# the 150 labelled development sections, after the blind run: rule scores of
# 0.5-0.7 were right about 4 times in 10, 0.8-1.0 about 3 times in 4.
CALIBRATION: tuple[tuple[float, float], ...] = (
    (0.0, 0.0),
    (0.35, 0.02),
    (0.45, 0.2),
    (0.6, 0.425),
    (0.75, 0.54),
    (0.9, 0.76),
    (1.0, 0.8),
)
# Rule score 0.5 gave the best F1 on the development sections; this is its confidence.
THRESHOLD = 0.27
_EXCERPT = 300

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Finding:
    """One provision recognised in one section.

    ``start``/``end`` delimit the supporting text; ``reason`` names the
    elements recognised (for an offence: act, means, purpose)."""

    provision: str
    section: str
    start: int
    end: int
    confidence: float
    reason: str
    excerpt: str

    def to_dict(self) -> dict[str, object]:
        return {
            "provision": self.provision,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
            "reason": self.reason,
            "excerpt": self.excerpt,
        }


@dataclass(frozen=True)
class AnalysedSection:
    """A section and its findings (all of them, suggested or not)."""

    number: str
    heading: str
    start: int
    end: int
    findings: tuple[Finding, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "heading": self.heading,
            "start": self.start,
            "end": self.end,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class SectionProgress:
    """What :func:`iter_analysis` yields: section ``done`` of ``total``."""

    done: int
    total: int
    section: AnalysedSection


@dataclass(frozen=True)
class Analysis:
    framework: str
    framework_version: int
    engine: str
    threshold: float
    sections: tuple[AnalysedSection, ...] = field(default_factory=tuple)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for s in self.sections for f in s.findings)

    @property
    def suggested(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.confidence >= self.threshold)

    def to_dict(self) -> dict[str, object]:
        return {
            "framework": self.framework,
            "framework_version": self.framework_version,
            "engine": self.engine,
            "threshold": self.threshold,
            "sections": [s.to_dict() for s in self.sections],
            "suggested": [f.to_dict() for f in self.suggested],
        }


def calibrate(score: float) -> float:
    xs = [x for x, _ in CALIBRATION]
    i = bisect.bisect_right(xs, score)
    if i <= 0:
        return CALIBRATION[0][1]
    if i >= len(CALIBRATION):
        return CALIBRATION[-1][1]
    (x0, y0), (x1, y1) = CALIBRATION[i - 1], CALIBRATION[i]
    value = y0 + (y1 - y0) * (score - x0) / (x1 - x0)
    return round(max(0.0, min(1.0, value)), 3)


def iter_analysis(text: str, framework: Framework) -> Iterator[SectionProgress]:
    """Analyse ``text`` section by section, for progress reporting."""
    segments = split_sections(text)
    masked = mask_noise(text)
    document_ht = CONCEPTS["ht"].search(masked) is not None
    for done, seg in enumerate(segments, start=1):
        ctx = SectionContext(masked, seg.start, seg.end, heading=seg.heading, document_ht=document_ht)
        yield SectionProgress(done, len(segments), _section(ctx, seg.number, seg.heading, text, framework))


def analyze(text: str, framework: Framework, *, progress: Progress | None = None) -> Analysis:
    """Split ``text`` into sections and find the provisions each addresses.

    ``progress(done, total)`` is called after each section."""
    sections: list[AnalysedSection] = []
    for step in iter_analysis(text, framework):
        sections.append(step.section)
        if progress is not None:
            progress(step.done, step.total)
    return _analysis(framework, sections)


def analyze_sections(
    sections: Sequence[tuple[str, str]], framework: Framework, *, progress: Progress | None = None
) -> Analysis:
    """Analyse an instrument already split into ``(key, text)`` sections.

    Offsets are into each section's own text; ``AnalysedSection.number`` is the key."""
    masked = [mask_noise(text) for _, text in sections]
    document_ht = any(CONCEPTS["ht"].search(m) is not None for m in masked)
    done: list[AnalysedSection] = []
    for (key, text), clean in zip(sections, masked, strict=True):
        ctx = SectionContext(clean, 0, len(clean), document_ht=document_ht)
        done.append(_section(ctx, key, "", text, framework))
        if progress is not None:
            progress(len(done), len(sections))
    return _analysis(framework, done)


def _analysis(framework: Framework, sections: list[AnalysedSection]) -> Analysis:
    return Analysis(framework.id, framework.version, ENGINE, THRESHOLD, tuple(sections))


def _section(ctx: SectionContext, number: str, heading: str, text: str, framework: Framework) -> AnalysedSection:
    known = {p.id for p in framework.provisions}
    best: dict[str, Finding] = {}
    for cand in find_candidates(ctx):
        if cand.provision not in known or cand.provision in best:
            continue
        excerpt = " ".join(text[cand.start : cand.end].split())
        if len(excerpt) > _EXCERPT:
            excerpt = excerpt[: _EXCERPT - 1] + "…"
        best[cand.provision] = Finding(
            cand.provision, number, cand.start, cand.end, calibrate(cand.score), cand.reason, excerpt
        )
    findings = sorted(best.values(), key=lambda f: (-f.confidence, f.provision))
    return AnalysedSection(number, heading, ctx.lo, ctx.hi, tuple(findings))
