"""Shapes of the analyzer's answers in the API."""

from __future__ import annotations

from ninja import Field, Schema

from fourthp.analyzer import Analysis
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG


class AnalyzeIn(Schema):
    text: str = Field(description="The text of a law; offsets in the answer are Python string indices into it.")
    framework: str = DEFAULT_FRAMEWORK_SLUG
    version: int | None = None
    all: bool = Field(False, description="Also return the findings below the suggestion threshold.")
    jurisdiction: str = Field(
        "",
        max_length=10,
        description=(
            "ISO code of the jurisdiction whose law the text is (e.g. CA, US-DC), if known. The provisions the "
            "framework does not apply at its level (national or subnational) are then not suggested."
        ),
    )


class AnalysedSectionOut(Schema):
    number: str
    heading: str
    start: int
    end: int


class AnalysisFindingOut(Schema):
    provision: str
    confidence: float
    start: int
    end: int
    section: str
    reason: str
    excerpt: str


class AnalysisOut(Schema):
    engine: str
    threshold: float
    framework: str
    framework_version: int
    sections: list[AnalysedSectionOut]
    findings: list[AnalysisFindingOut]

    @classmethod
    def from_analysis(cls, analysis: Analysis, *, include_all: bool = False) -> AnalysisOut:
        findings = analysis.findings if include_all else analysis.suggested
        return cls(
            engine=analysis.engine,
            threshold=analysis.threshold,
            framework=analysis.framework,
            framework_version=analysis.framework_version,
            sections=[
                AnalysedSectionOut(number=s.number, heading=s.heading, start=s.start, end=s.end)
                for s in analysis.sections
            ],
            findings=[
                AnalysisFindingOut(
                    provision=f.provision,
                    confidence=f.confidence,
                    start=f.start,
                    end=f.end,
                    section=f.section,
                    reason=f.reason,
                    excerpt=f.excerpt,
                )
                for f in findings
            ],
        )
