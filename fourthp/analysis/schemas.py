"""Shapes of the analyzer's answers in the API."""

from __future__ import annotations

from ninja import Field, Schema

from fourthp.analysis.results import AnalysisResult
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
    model_version: str = Field(
        "",
        description=(
            "The learned ranker the server's analysis runs rank sections with, e.g. ranker-2 (the findings here "
            "are the rules' engine's); empty when its training data changed without retraining."
        ),
    )
    training_data_sha256: str = Field("", description="The SHA-256 of the rows that ranker is trained on.")
    sections: list[AnalysedSectionOut]
    findings: list[AnalysisFindingOut]

    @classmethod
    def from_result(
        cls, result: AnalysisResult, *, include_all: bool = False, model: tuple[str, str] = ("", "")
    ) -> AnalysisOut:
        """The answer for a text analysed at once: offsets are moved from each section's text into the text
        as given, where the section starts at `start`. `model` is the ranker's version and training data hash."""
        return cls(
            engine=result.engine,
            model_version=model[0],
            training_data_sha256=model[1],
            threshold=result.threshold,
            framework=result.framework,
            framework_version=result.framework_version,
            sections=[
                AnalysedSectionOut(number=s.key, heading=s.heading, start=s.start, end=s.end) for s in result.sections
            ],
            findings=[
                AnalysisFindingOut(
                    provision=f.provision,
                    confidence=f.confidence,
                    start=s.start + f.start,
                    end=s.start + f.end,
                    section=s.key,
                    reason=f.reason,
                    excerpt=f.excerpt,
                )
                for s, f in result.findings()
                if include_all or result.is_suggested(f)
            ],
        )
