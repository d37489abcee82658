"""Shapes of the analyzer's answers in the API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ninja import Field, Schema

from fourthp.analysis.results import AnalysisResult
from fourthp.frameworks.models import DEFAULT_FRAMEWORK_SLUG

if TYPE_CHECKING:
    from fourthp.analysis.models import AnalysisRun
    from fourthp.analysis.queries import ProvisionRanking


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


class RankedSectionOut(Schema):
    rank: int = Field(description="1 for the section the ranker puts first for the provision.")
    section: str = Field(description="The section's number or key in the analysed text or instrument.")
    title: str
    heading: str
    url: str = Field(description="The section's page in the atlas, at the version analysed; empty for a pasted text.")
    confidence: float = Field(description="The learned ranker's confidence (0-1) that the section addresses it.")
    suggested: bool = Field(description="Whether the confidence reaches the chosen mode's threshold.")
    start: int = Field(description="Start of the passage the rules relied on, as an offset into the section's text.")
    end: int
    passage: str = Field(description="That passage; empty where the ranker went by the section's wording as a whole.")
    reason: str


class ProvisionRankingOut(Schema):
    run: int
    model_version: str = Field(description="The learned ranker that ranked the run's sections, e.g. ranker-2.")
    training_data_sha256: str = Field(description="The SHA-256 of the rows that ranker was trained on.")
    provision: str = Field(description="The provision id, e.g. crim.labour-trafficking; empty if none was chosen.")
    provision_title: str
    mode: str = Field(description="precise (fewer suggestions, mostly right) or thorough (more, for a first pass).")
    threshold: float | None = Field(description="The confidence from which the mode suggests a section.")
    applies: bool = Field(description="Whether the provision applies at the jurisdiction's level.")
    ranked: bool = Field(description="False for a run made without the learned ranker: it ranks nothing.")
    provisions: list[str] = Field(description="The provisions that may be chosen for this run.")
    sections: list[RankedSectionOut]

    @classmethod
    def from_view(cls, run: AnalysisRun, view: ProvisionRanking) -> ProvisionRankingOut:
        provision = view.provision
        return cls(
            run=run.pk,
            model_version=run.model_version,
            training_data_sha256=run.training_data_sha256,
            provision=provision.slug if provision else "",
            provision_title=provision.local("title") if provision else "",
            mode=view.mode,
            threshold=view.threshold,
            applies=view.applies,
            ranked=view.ranked,
            provisions=[slug for group in view.choices for slug, _ in group.provisions],
            sections=[
                RankedSectionOut(
                    rank=s.rank,
                    section=s.key,
                    title=s.title,
                    heading=s.heading,
                    url=s.url,
                    confidence=s.confidence,
                    suggested=s.suggested,
                    start=s.start,
                    end=s.end,
                    passage=s.passage,
                    reason=s.reason,
                )
                for s in view.sections
            ],
        )
