"""Reads for the analyzer pages and the API: the analyzer's framework, and a run laid out for its page."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from fourthp.analysis.models import AnalysisRun
from fourthp.analyzer import Analysis, analyze
from fourthp.analyzer.framework import Framework as ParsedFramework
from fourthp.analyzer.framework import FrameworkError, load_framework
from fourthp.assessments.models import Assessment
from fourthp.frameworks.models import Framework, Provision
from fourthp.laws.models import Section
from fourthp.lib.markup import mark_spans


class AnalyzerUnavailable(RuntimeError):
    """The framework's YAML cannot be loaded for the analyzer; the message says why."""


@functools.lru_cache(maxsize=8)
def _parsed(path: str) -> ParsedFramework:
    return load_framework(path)


def get_analyzer_framework(framework: Framework) -> ParsedFramework:
    """The analyzer's parsed framework for a loaded framework version.

    It is read from the YAML file the framework was loaded from and must have
    the same checksum, so findings name provisions of exactly that version.
    """
    path = settings.DATA_DIR / "frameworks" / (framework.source_file or f"{framework.slug}-v{framework.version}.yaml")
    try:
        parsed = _parsed(str(path))
    except (OSError, FrameworkError) as exc:
        raise AnalyzerUnavailable(
            _("The analyzer cannot read the framework file %(name)s.") % {"name": path.name}
        ) from exc
    if parsed.checksum != framework.checksum:
        raise AnalyzerUnavailable(
            _("The framework file %(name)s no longer matches %(framework)s as loaded.")
            % {"name": path.name, "framework": framework}
        )
    return parsed


def default_analysis_framework(version: int | None = None) -> Framework:
    return Framework.objects.default(version)


def analyze_text(text: str, framework: Framework, *, level: str = "") -> Analysis:
    """Analyse a text at once (the API); offsets are into `text` as given; ``level``
    is that of the jurisdiction whose law it is, if known."""
    return analyze(text, get_analyzer_framework(framework), level=level)


# --- A finished run, laid out for its page ---------------------------------------------


@dataclass
class FindingView:
    provision_slug: str
    provision: Provision | None
    section: str
    start: int
    end: int
    confidence: float
    reason: str
    excerpt: str
    suggested: bool
    applies: bool = True
    open_assessment: int | None = None

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)

    @property
    def title(self) -> str:
        return self.provision.title if self.provision else self.provision_slug

    @property
    def url(self) -> str:
        if self.provision is None:
            return ""
        framework = self.provision.framework
        return reverse("provision-detail", args=[framework.slug, self.provision_slug]) + f"?version={framework.version}"


@dataclass
class SectionView:
    key: str
    title: str
    heading: str
    url: str
    html: SafeString
    findings: list[FindingView] = field(default_factory=list)


@dataclass
class RunReport:
    framework: Framework | None
    threshold: float
    shown: list[SectionView]
    quiet: list[SectionView]
    suggested_count: int
    weaker_count: int
    section_count: int

    @property
    def threshold_percent(self) -> int:
        return round(self.threshold * 100)


def _findings(raw: dict[str, Any], threshold: float, show_all: bool) -> list[dict[str, Any]]:
    found = list(raw.get("findings", []))
    return [f for f in found if show_all or f["confidence"] >= threshold]


def describe_run(run: AnalysisRun, *, show_all: bool = False) -> RunReport:
    """The sections of a done run with their findings marked in the text.

    Suggested findings (confidence at or above the threshold) are shown; with
    `show_all` the weaker ones too. Offsets in the result are into the run's
    text for an upload, and into each section's own text for an instrument.
    """
    result: dict[str, Any] = run.result or {}
    threshold = float(result.get("threshold", 0))
    framework = Framework.objects.filter(
        slug=str(result.get("framework", "")), version=int(result.get("framework_version") or 0)
    ).first()
    provisions = (
        {p.slug: p for p in Provision.objects.filter(framework=framework).select_related("framework")}
        if framework
        else {}
    )
    sections_in_db: dict[str, Section] = {}
    open_assessments: dict[str, int] = {}
    jurisdiction = None
    if run.instrument_id is not None:
        versions = {item["key"]: item["version"] for item in run.outline}
        for section in Section.objects.filter(instrument_id=run.instrument_id, key__in=list(versions)):
            if versions.get(section.key) == section.version:
                sections_in_db[section.key] = section
        jurisdiction = run.instrument.jurisdiction  # type: ignore[union-attr]
        if framework is not None:
            open_assessments = dict(
                Assessment.objects.open()
                .filter(jurisdiction=jurisdiction, provision__framework=framework)
                .values_list("provision__slug", "pk")
            )
    shown: list[SectionView] = []
    quiet: list[SectionView] = []
    all_findings = [f for s in result.get("sections", []) for f in s.get("findings", [])]
    suggested_count = sum(1 for f in all_findings if f["confidence"] >= threshold)
    for raw in result.get("sections", []):
        key = str(raw["number"])
        db_section = sections_in_db.get(key)
        if run.instrument_id is not None:
            if db_section is None:
                continue
            text, base = db_section.text, 0
            title, heading, url = db_section.citation, db_section.heading, db_section.get_absolute_url()
            url += f"?version={db_section.version}"
        else:
            base = int(raw["start"])
            text = run.text[base : int(raw["end"])]
            title = _("Section %(number)s") % {"number": key} if key else _("Text without a section number")
            heading, url = str(raw.get("heading", "")), ""
        chosen = _findings(raw, threshold, show_all)
        views = []
        for f in chosen:
            provision = provisions.get(f["provision"])
            views.append(
                FindingView(
                    provision_slug=f["provision"],
                    provision=provision,
                    section=key,
                    start=int(f["start"]),
                    end=int(f["end"]),
                    confidence=float(f["confidence"]),
                    reason=str(f["reason"]),
                    excerpt=str(f["excerpt"]),
                    suggested=f["confidence"] >= threshold,
                    applies=provision is None or jurisdiction is None or provision.applies_to(jurisdiction.level),
                    open_assessment=open_assessments.get(f["provision"]),
                )
            )
        # mark_spans escapes the text piece by piece before adding <mark>; a quiet section shows no text.
        html = mark_safe(mark_spans(text, [(v.start - base, v.end - base) for v in views]) if views else "")  # noqa: S308
        view = SectionView(key=key, title=title, heading=heading, url=url, html=html, findings=views)
        (shown if views else quiet).append(view)
    return RunReport(
        framework=framework,
        threshold=threshold,
        shown=shown,
        quiet=quiet,
        suggested_count=suggested_count,
        weaker_count=len(all_findings) - suggested_count,
        section_count=len(result.get("sections", [])),
    )
