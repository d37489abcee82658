"""Pure-Python analysis of statute text: reading source formats, splitting
documents into sections, and finding the framework provisions each section
addresses. Nothing in this package depends on Django."""

from fourthp.analyzer.analyze import (
    THRESHOLD,
    AnalysedSection,
    Analysis,
    Finding,
    SectionProgress,
    analyze,
    analyze_sections,
    iter_analysis,
)

__all__ = [
    "THRESHOLD",
    "AnalysedSection",
    "Analysis",
    "Finding",
    "SectionProgress",
    "analyze",
    "analyze_sections",
    "iter_analysis",
]
