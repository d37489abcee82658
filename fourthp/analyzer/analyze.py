"""Find which framework provisions each section of a law addresses.

:func:`analyze` splits a text with :func:`~fourthp.analyzer.segment.split_sections`
and runs the rules of :mod:`fourthp.analyzer.rules` on every section;
:func:`analyze_sections` does the same for an instrument already split into
sections. Offsets in findings are Python string indices: into the text given
to :func:`analyze`, or into the section's own text for :func:`analyze_sections`.

A finding's confidence is the rule's evidence score passed through a
calibration table (``CALIBRATION``), fitted so that of the findings given
0.8, about eight in ten are right on the labelled sections the rules were
written from.
``Analysis.suggested`` keeps the findings at or above ``THRESHOLD``: what an
analyst is shown to confirm.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from fourthp.analyzer.concepts import about_trafficking, mentions_ht
from fourthp.analyzer.framework import LEVELS, Framework
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
    "leading_title",
]

ENGINE = "rules-1"
# Calibration per rule family: (rule score, confidence) points, interpolated.
# FITTED ON EVERY LABELLED SET THE RULES WERE WRITTEN OR TUNED FROM: the 150
# development sections, the treaty set, the training set and the US state
# chapters (839 sections with text), with `bench/analyzer_accuracy.py --fit`:
# isotonic regression (pool adjacent violators) of precision on rule score,
# Laplace-smoothed, then made monotone by hand. Findings with evidence and a
# heading cue measured 0.96 there and heading cues alone 0.72; the first is
# capped at 0.9 because the cues were written with those headings in view.
# On laws of a kind none of those sets holds (the blind sets in bench/holdout)
# precision at each confidence has measured lower. Refit when rules change.
CALIBRATION: dict[str, tuple[tuple[float, float], ...]] = {
    "rule": (
        (0.0, 0.0),
        (0.204, 0.043),
        (0.281, 0.105),
        (0.32, 0.167),
        (0.369, 0.184),
        (0.424, 0.289),
        (0.485, 0.45),
        (0.495, 0.5),
        (0.602, 0.575),
        (0.694, 0.575),
        (0.715, 0.717),
        (0.762, 0.78),
        (0.806, 0.885),
        (0.897, 0.944),
        (1.0, 0.944),
    ),
    "heading": ((0.0, 0.9), (1.0, 0.9)),
    "heading only": ((0.0, 0.72), (1.0, 0.72)),
}
# The confidence of rule score 0.485: suggesting rule scores above 0.48 gave the best
# F1 on those sets (0.745), as on the development sections alone.
THRESHOLD = 0.45
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


def calibrate(score: float, family: str = "rule") -> float:
    """The confidence of a rule score from ``family``: the table's value,
    interpolated between its points (identity for a family with no table)."""
    table = CALIBRATION.get(family)
    if not table:
        return round(max(0.0, min(1.0, score)), 3)
    xs = [x for x, _ in table]
    i = bisect.bisect_right(xs, score)
    if i <= 0:
        return table[0][1]
    if i >= len(table):
        return table[-1][1]
    (x0, y0), (x1, y1) = table[i - 1], table[i]
    value = y0 + (y1 - y0) * (score - x0) / (x1 - x0)
    return round(max(0.0, min(1.0, value)), 3)


def iter_analysis(text: str, framework: Framework, *, context: str = "", level: str = "") -> Iterator[SectionProgress]:
    """Analyse ``text`` section by section, for progress reporting.

    ``context`` is what the caller knows of the instrument (its title); when
    the caller knows nothing, the first line before the first section is taken
    as the title, as a reader would take it."""
    segments = split_sections(text)
    masked = mask_noise(text)
    if not context and segments:
        context = leading_title(masked[: segments[0].start])
    document_ht = about_trafficking(context) or mentions_ht(masked)
    known = _applicable(framework, level)
    for done, seg in enumerate(segments, start=1):
        ctx = SectionContext(masked, seg.start, seg.end, heading=seg.heading, document_ht=document_ht, title=context)
        yield SectionProgress(done, len(segments), _section(ctx, seg.number, seg.heading, text, known))


def leading_title(text: str) -> str:
    """The first line of the text before a document's first section: its title,
    if it has one ("Trafficking in Persons Act" above "1. Short title")."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return ""


def analyze(
    text: str, framework: Framework, *, progress: Progress | None = None, context: str = "", level: str = ""
) -> Analysis:
    """Split ``text`` into sections and find the provisions each addresses.

    ``progress(done, total)`` is called after each section; ``context`` is the
    instrument's title, if known; ``level`` ("national" or "subnational"), if
    known, leaves out the provisions the framework does not apply at that level."""
    sections: list[AnalysedSection] = []
    for step in iter_analysis(text, framework, context=context, level=level):
        sections.append(step.section)
        if progress is not None:
            progress(step.done, step.total)
    return _analysis(framework, sections)


def analyze_sections(
    sections: Sequence[tuple[str, str]],
    framework: Framework,
    *,
    progress: Progress | None = None,
    headings: Sequence[str] = (),
    context: str = "",
    level: str = "",
) -> Analysis:
    """Analyse an instrument already split into ``(key, text)`` sections.

    Offsets are into each section's own text; ``AnalysedSection.number`` is the key.
    ``headings`` (one per section, optional) and ``context`` (the instrument's
    title) are what a caller reading the instrument knows; both are evidence:
    a heading names what its section is about, and a title says whether the
    instrument as a whole is about trafficking in persons. ``level`` is the
    level of the jurisdiction whose law it is, as for ``analyze``."""
    done: list[AnalysedSection] = []
    known = _applicable(framework, level)
    for (key, text), (ctx, _) in zip(
        sections, section_contexts(sections, headings=headings, context=context), strict=True
    ):
        done.append(_section(ctx, key, ctx.heading, text, known))
        if progress is not None:
            progress(len(done), len(sections))
    return _analysis(framework, done)


def section_contexts(
    sections: Sequence[tuple[str, str]], *, headings: Sequence[str] = (), context: str = ""
) -> Iterator[tuple[SectionContext, str]]:
    """The rules' view of each section (noise masked, with the instrument's
    context), and its key; the calibration fit in bench/ reads candidates from it."""
    masked = [mask_noise(text) for _, text in sections]
    titles = list(headings)[: len(sections)] + [""] * (len(sections) - len(headings))
    document_ht = about_trafficking(context) or any(
        mentions_ht(m) or about_trafficking(h) for m, h in zip(masked, titles, strict=True)
    )
    for (key, _), clean, heading in zip(sections, masked, titles, strict=True):
        yield SectionContext(clean, 0, len(clean), heading=heading, document_ht=document_ht, title=context), key


def _analysis(framework: Framework, sections: list[AnalysedSection]) -> Analysis:
    return Analysis(framework.id, framework.version, ENGINE, THRESHOLD, tuple(sections))


def _applicable(framework: Framework, level: str) -> frozenset[str]:
    """The provisions that can apply to a text of ``level``: a state code cannot
    grant the residence permits of ``prot.immigration-relief``, which the
    framework reserves to national law. An empty level means unknown: all."""
    if level and level not in LEVELS:
        raise ValueError(f"unknown level {level!r} (allowed: {', '.join(LEVELS)}, or empty for unknown)")
    return frozenset(p.id for p in framework.provisions if not level or level in p.levels)


def _section(ctx: SectionContext, number: str, heading: str, text: str, known: frozenset[str]) -> AnalysedSection:
    best: dict[str, Finding] = {}
    for cand in find_candidates(ctx):
        if cand.provision not in known or cand.provision in best:
            continue
        excerpt = " ".join(text[cand.start : cand.end].split())
        if len(excerpt) > _EXCERPT:
            excerpt = excerpt[: _EXCERPT - 1] + "…"
        best[cand.provision] = Finding(
            cand.provision, number, cand.start, cand.end, calibrate(cand.score, cand.family), cand.reason, excerpt
        )
    findings = sorted(best.values(), key=lambda f: (-f.confidence, f.provision))
    return AnalysedSection(number, heading, ctx.lo, ctx.hi, tuple(findings))
