"""Reads for the analyzer pages and the API: a run by its number, the analyzer's framework, runs a stopped
worker left behind, and a run laid out for its page."""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django_tasks.exceptions import TaskResultDoesNotExist

from fourthp.analysis.models import AnalysisRun, SuggestionLabel
from fourthp.analysis.results import AnalysisResult, ResultFinding, ResultSection, decode_result, result_of_text
from fourthp.analysis.sources import atlas_outline
from fourthp.analyzer import analyze
from fourthp.analyzer.analyze import THRESHOLD, analyze_sections
from fourthp.analyzer.framework import Framework as ParsedFramework
from fourthp.analyzer.framework import FrameworkError, load_framework
from fourthp.analyzer.ranker import StaleRanker, ranker_identity
from fourthp.assessments.models import Assessment
from fourthp.assessments.queries import cited_section_ids
from fourthp.core.errors import get_or_not_found
from fourthp.frameworks.models import Framework, Provision
from fourthp.frameworks.queries import get_provision
from fourthp.jurisdictions.models import Jurisdiction
from fourthp.laws.models import Instrument, Section
from fourthp.laws.queries import SearchFilters, SearchResults, search_any_word, search_sections
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


def analyze_text(text: str, framework: Framework, *, level: str = "") -> AnalysisResult:
    """Analyse a text at once (the API); ``level`` is that of the jurisdiction whose law it is, if known.
    Each section's `start`/`end` are into `text` as given, its findings' into the section's text."""
    return result_of_text(analyze(text, get_analyzer_framework(framework), level=level))


# The task backend the analysis tasks are queued on (tasks.py declares them with it).
ANALYSIS_TASK_BACKEND = DEFAULT_TASK_BACKEND_ALIAS


def get_run(run_id: int) -> AnalysisRun:
    """A run by its number, with what its page shows; NotFound if there is none."""
    return get_or_not_found(
        AnalysisRun.objects.select_related("instrument__jurisdiction", "jurisdiction"),
        _("There is no analysis number %(id)s.") % {"id": run_id},
        pk=run_id,
    )


def recent_runs(user: Any, *, limit: int = 10) -> list[AnalysisRun]:
    """The person's own latest runs, for the analyzer's start page (without their texts and results)."""
    return list(AnalysisRun.objects.of(user).select_related("instrument").defer("text", "result", "outline")[:limit])


@dataclass(frozen=True)
class SuggestedProvision:
    """A provision the analyzer suggests a run's text meets: its id and its best confidence (0 to 1)."""

    slug: str
    confidence: float


def suggested_provisions(run: AnalysisRun) -> list[SuggestedProvision]:
    """The provisions a done run suggests (findings at or above its threshold), each once, most confident first.

    Suggestions, not findings: a what-if may assume them met, nothing may publish them."""
    if run.state != AnalysisRun.State.DONE:
        return []
    result = decode_result(run.result)
    best: dict[str, float] = {}
    for _section, finding in result.findings():
        if result.is_suggested(finding):
            best[finding.provision] = max(best.get(finding.provision, 0.0), finding.confidence)
    return [SuggestedProvision(slug, conf) for slug, conf in sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))]


# --- Runs a stopped worker left behind -----------------------------------------------------


def _task_waiting(task_id: str) -> bool:
    """Whether the run's task is still waiting for a worker, or running with the run's heartbeat to say so."""
    backend = task_backends[ANALYSIS_TASK_BACKEND]
    if not backend.supports_get_result:
        return True  # a backend that cannot say is trusted to run it
    if not task_id:
        return False
    try:
        status = backend.get_result(task_id).status
    except TaskResultDoesNotExist:
        return False
    return status == TaskResultStatus.READY


def stale_runs(owner: Any = None) -> Any:
    """Unfinished runs no worker is looking after, as far as the heartbeat can tell.

    A running run is stale when its heartbeat is older than ANALYZER_STALE_SECONDS. A queued run
    is stale when it has waited that long and its task is no longer waiting for a worker (the
    worker stopped after taking the task and before starting the run).
    """
    cutoff = timezone.now() - timedelta(seconds=settings.ANALYZER_STALE_SECONDS)
    runs = AnalysisRun.objects.unfinished().alias(beat=Coalesce("heartbeat_at", "created_at")).filter(beat__lt=cutoff)
    # A large upload still being read by a worker shows no progress until the read ends.
    reading_cutoff = cutoff - timedelta(seconds=settings.PDF_WORKER_READ_SECONDS)
    runs = runs.exclude(unread_upload() & Q(beat__gte=reading_cutoff))
    if owner is not None:
        runs = runs.filter(created_by=owner)
    candidates = runs.filter(Q(state=AnalysisRun.State.RUNNING) | Q(state=AnalysisRun.State.QUEUED)).only(
        "pk", "state", "attempts", "task_id", "created_by_id", "instrument_id", "text"
    )
    return [run for run in candidates if run.state == AnalysisRun.State.RUNNING or not _task_waiting(run.task_id)]


def unread_upload() -> Q:
    """Runs of a large uploaded file the worker has not read yet: no text of their own and no instrument."""
    return Q(state=AnalysisRun.State.QUEUED, instrument__isnull=True, text="")


def can_start_again(run: AnalysisRun) -> bool:
    """Whether a failed run can be retried: its text or instrument was kept (a file never read was not)."""
    return run.state == AnalysisRun.State.FAILED and (run.instrument_id is not None or bool(run.text))


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
        return self.provision.local("title") if self.provision else self.provision_slug

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


def result_framework(result: AnalysisResult) -> Framework | None:
    """The framework version a result names, if it is still loaded."""
    return Framework.objects.filter(slug=result.framework, version=result.framework_version).first()


def describe_run(run: AnalysisRun, *, show_all: bool = False) -> RunReport:
    """The sections of a done run with their findings marked in the text.

    Suggested findings (confidence at or above the threshold) are shown; with
    `show_all` the weaker ones too. A finding's offsets are into its section's
    text (see `fourthp.analysis.results`).
    """
    result = decode_result(run.result)
    framework = result_framework(result)
    provisions = (
        {p.slug: p for p in Provision.objects.filter(framework=framework).select_related("framework")}
        if framework
        else {}
    )
    sections_in_db: dict[str, Section] = {}
    open_assessments: dict[str, int] = {}
    jurisdiction = None
    if run.instrument_id is not None:
        versions = {s.key: s.version for s in result.sections}
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
    all_findings = [f for _s, f in result.findings()]
    suggested_count = sum(1 for f in all_findings if result.is_suggested(f))
    for analysed in result.sections:
        key = analysed.key
        db_section = sections_in_db.get(key)
        if run.instrument_id is not None:
            if db_section is None:
                continue
            text = db_section.text
            title, heading, url = db_section.citation, db_section.heading, db_section.get_absolute_url()
            url += f"?version={db_section.version}"
        else:
            text = run.text[analysed.start : analysed.end]
            title = _("Section %(number)s") % {"number": key} if key else _("Text without a section number")
            heading, url = analysed.heading, ""
        views = []
        for f in analysed.findings:
            if not (show_all or result.is_suggested(f)):
                continue
            provision = provisions.get(f.provision)
            views.append(
                FindingView(
                    provision_slug=f.provision,
                    provision=provision,
                    section=key,
                    start=f.start,
                    end=f.end,
                    confidence=f.confidence,
                    reason=f.reason,
                    excerpt=f.excerpt,
                    suggested=result.is_suggested(f),
                    applies=provision is None or jurisdiction is None or provision.applies_to(jurisdiction.level),
                    open_assessment=open_assessments.get(f.provision),
                )
            )
        # mark_spans escapes the text piece by piece before adding <mark>; a quiet section shows no text.
        html = mark_safe(mark_spans(text, [(v.start, v.end) for v in views]) if views else "")  # noqa: S308
        view = SectionView(key=key, title=title, heading=heading, url=url, html=html, findings=views)
        (shown if views else quiet).append(view)
    return RunReport(
        framework=framework,
        threshold=result.threshold,
        shown=shown,
        quiet=quiet,
        suggested_count=suggested_count,
        weaker_count=len(all_findings) - suggested_count,
        section_count=len(result.sections),
    )


# --- The learned ranker's ranking of a run: "by provision" ------------------------------


@dataclass(frozen=True)
class RankedEntry:
    """One section in a provision's ranking, as the run stores it; offsets into the section's text."""

    section: str
    confidence: float
    start: int
    end: int
    reason: str


def run_ranking(run: AnalysisRun) -> dict[str, list[RankedEntry]]:
    """The run's ranking, provision by provision (best first); {} for a run made without the ranker."""
    raw = run.ranking
    provisions = raw.get("provisions") if isinstance(raw, dict) else None
    if not isinstance(provisions, dict):
        return {}
    out: dict[str, list[RankedEntry]] = {}
    for slug, rows in provisions.items():
        try:
            out[str(slug)] = [RankedEntry(str(r[0]), float(r[1]), int(r[2]), int(r[3]), str(r[4])) for r in rows]
        except (TypeError, ValueError, IndexError):
            continue
    return out


def ranking_threshold(run: AnalysisRun, mode: str = "precise") -> float | None:
    """The confidence from which the ranker's `mode` suggests a section, as stored with the run's ranking."""
    raw = run.ranking
    thresholds = raw.get("thresholds") if isinstance(raw, dict) else None
    try:
        return float(thresholds[mode]) if isinstance(thresholds, dict) and mode in thresholds else None
    except (TypeError, ValueError):
        return None


def ranked_finding(
    run: AnalysisRun, result: AnalysisResult, section_key: str, provision_slug: str
) -> tuple[ResultSection, ResultFinding] | None:
    """A section the ranker put first for a provision, as a finding a draft can be made from."""
    entry = next((e for e in run_ranking(run).get(provision_slug, []) if e.section == section_key), None)
    section = next((s for s in result.sections if s.key == section_key), None)
    if entry is None or section is None:
        return None
    finding = ResultFinding(provision_slug, entry.start, entry.end, entry.confidence, entry.reason, excerpt="")
    return section, finding


@dataclass
class RankedSectionView:
    rank: int
    key: str
    title: str
    heading: str
    url: str
    html: SafeString
    confidence: float
    reason: str
    suggested: bool
    start: int = 0
    end: int = 0
    passage: str = ""

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


@dataclass
class PillarChoices:
    title: str
    provisions: list[tuple[str, str]]


@dataclass
class ProvisionRanking:
    """A done run's "by provision" view: the provisions to pick from, and the chosen one's sections."""

    framework: Framework | None
    choices: list[PillarChoices]
    provision: Provision | None
    sections: list[RankedSectionView]
    threshold: float | None
    ranked: bool
    open_assessment: int | None = None
    applies: bool = True
    mode: str = "precise"

    @property
    def threshold_percent(self) -> int | None:
        return None if self.threshold is None else round(self.threshold * 100)

    @property
    def suggested_count(self) -> int:
        return sum(1 for s in self.sections if s.suggested)


def run_jurisdiction(run: AnalysisRun) -> Jurisdiction | None:
    """Whose law the run read: its instrument's jurisdiction, or the one given with an uploaded text."""
    return run.instrument.jurisdiction if run.instrument is not None else run.jurisdiction


RANKING_MODES = ("precise", "thorough")


def describe_provision_ranking(run: AnalysisRun, provision_slug: str, mode: str = "precise") -> ProvisionRanking:
    """The sections of a done run the ranker puts first for a provision, its span marked in each section's text;
    those from the `mode`'s threshold (precise: fewer, mostly right; thorough: more) are marked as suggested.

    The provisions offered are the framework's that apply at the jurisdiction's level, grouped by pillar."""
    mode = mode if mode in RANKING_MODES else "precise"
    result = decode_result(run.result)
    framework = result_framework(result)
    jurisdiction = run_jurisdiction(run)
    provisions = (
        list(Provision.objects.filter(framework=framework).select_related("pillar").order_by("pillar__order", "order"))
        if framework
        else []
    )
    offered = [p for p in provisions if jurisdiction is None or p.applies_to(jurisdiction.level)]
    choices: list[PillarChoices] = []
    for p in offered:
        title = p.pillar.local("title")
        if not choices or choices[-1].title != title:
            choices.append(PillarChoices(title, []))
        choices[-1].provisions.append((p.slug, p.local("title")))
    by_slug = {p.slug: p for p in provisions}
    ranking = run_ranking(run)
    threshold = ranking_threshold(run, mode)
    provision = by_slug.get(provision_slug)
    view = ProvisionRanking(framework, choices, provision, [], threshold, ranked=bool(ranking), mode=mode)
    if provision is None:
        return view
    view.applies = jurisdiction is None or provision.applies_to(jurisdiction.level)
    entries = ranking.get(provision.slug, [])
    placed = {s.key: s for s in result.sections}
    db_sections: dict[str, Section] = {}
    if run.instrument_id is not None:
        for section in Section.objects.filter(instrument_id=run.instrument_id, key__in=[e.section for e in entries]):
            if placed.get(section.key) is not None and placed[section.key].version == section.version:
                db_sections[section.key] = section
        if jurisdiction is not None:
            view.open_assessment = (
                Assessment.objects.open()
                .filter(jurisdiction=jurisdiction, provision=provision)
                .values_list("pk", flat=True)
                .first()
            )
    for rank, entry in enumerate(entries, start=1):
        analysed = placed.get(entry.section)
        if analysed is None:
            continue
        if run.instrument_id is not None:
            db_section = db_sections.get(entry.section)
            if db_section is None:
                continue  # the atlas no longer holds the version analysed
            text, title, heading = db_section.text, db_section.citation, db_section.heading
            url = f"{db_section.get_absolute_url()}?version={db_section.version}"
        else:
            text = run.text[analysed.start : analysed.end]
            title = _("Section %(number)s") % {"number": entry.section} if entry.section else _("Text")
            heading, url = analysed.heading, ""
        # A span covering the whole section (the ranker's word evidence, no rule's passage) is not marked.
        whole = entry.start <= 0 and entry.end >= len(text)
        html = mark_safe(mark_spans(text, [] if whole else [(entry.start, entry.end)]))  # noqa: S308
        view.sections.append(
            RankedSectionView(
                rank=rank,
                key=entry.section,
                title=title,
                heading=heading,
                url=url,
                html=html,
                confidence=entry.confidence,
                reason=entry.reason,
                suggested=threshold is not None and entry.confidence >= threshold,
                start=entry.start,
                end=entry.end,
                passage="" if whole else text[max(entry.start, 0) : entry.end],
            )
        )
    return view


def current_ranker() -> tuple[str, str]:
    """The model version and training data SHA-256 a run made now would record ("" and "" if stale)."""
    try:
        identity = ranker_identity()
    except (StaleRanker, OSError):
        return "", ""
    return identity.version, identity.data_sha256


def reusable_run(user: Any, instrument: Instrument) -> AnalysisRun | None:
    """The person's latest run of the instrument that a "find it in this law" can reuse: waiting or running,
    or done on the instrument's current sections and ranked by the current ranker."""
    current = sorted(Section.objects.current().filter(instrument=instrument).values_list("key", "version"))
    version, digest = current_ranker()
    runs = AnalysisRun.objects.filter(instrument=instrument, created_by=user).exclude(state=AnalysisRun.State.FAILED)
    for run in runs.defer("text", "result")[:5]:
        if not run.is_finished:
            return run
        if run.ranking is None or (run.model_version, run.training_data_sha256) != (version, digest):
            continue
        if sorted((p.key, p.version) for p in atlas_outline(run.outline)) == current:
            return run
    return None


def instruments_of(jurisdiction: Jurisdiction) -> list[Instrument]:
    """The jurisdiction's instruments in the atlas that have sections to analyse."""
    return list(
        Instrument.objects.filter(jurisdiction=jurisdiction, sections__is_current=True).distinct().order_by("title")
    )


# The sections the analyzer reads for a provision's search: those its title and question find best.
PROVISION_CANDIDATES = 20
# Why a section leads a provision's search (SearchHit.reason).
CITED = "cited"
SUGGESTED = "suggested"


def provision_sections(provision: Provision) -> list[tuple[int, str]]:
    """The sections a search for `provision` lists first, each with why.

    1. Those cited as evidence for it in published assessments, most cited first.
    2. Then those the analyzer ranks highest for it, by its confidence, among
       the sections the provision's title and question find (any of their
       words, at most PROVISION_CANDIDATES). The analyzer's reading is kept in
       the cache until the framework or the atlas changes.
    """
    cited = cited_section_ids(provision)
    seen = set(cited)
    suggested = [i for i in analyzer_ranked_sections(provision) if i not in seen]
    return [(i, CITED) for i in cited] + [(i, SUGGESTED) for i in suggested]


def analyzer_ranked_sections(provision: Provision) -> list[int]:
    """Current sections the analyzer suggests for `provision`, most confident first; [] if it cannot run."""
    atlas = Section.objects.aggregate(last=Max("id"), count=Count("id"))
    key = f"provision-sections:{provision.framework.checksum}:{provision.slug}:{atlas['last']}:{atlas['count']}"
    ranked = cache.get(key)
    if ranked is None:
        try:
            parsed = get_analyzer_framework(provision.framework)
        except AnalyzerUnavailable:
            return []
        ranked = _rank_for(
            provision.slug,
            parsed,
            search_any_word(f"{provision.title} {provision.question}", limit=PROVISION_CANDIDATES),
        )
        cache.set(key, ranked, timeout=24 * 3600)
    return list(ranked)


def _rank_for(slug: str, parsed: ParsedFramework, candidate_ids: list[int]) -> list[int]:
    """The candidates the analyzer suggests for `slug`, most confident first.

    Each section is read once per framework and kept in the cache with its findings for every provision (a
    section's text never changes: an amendment is a new row), so the searches for other provisions reuse it.
    Each is read with its heading and its instrument's title, as the analyzer reads an atlas instrument.
    """
    keys = {i: f"section-findings:{parsed.checksum}:{i}" for i in candidate_ids}
    known = cache.get_many(list(keys.values()))
    missing = [i for i in candidate_ids if keys[i] not in known]
    fresh: dict[str, list[tuple[str, float]]] = {}
    for section in Section.objects.filter(id__in=missing).select_related("instrument"):
        analysis = analyze_sections(
            [(section.key, section.text)], parsed, headings=[section.heading], context=section.instrument.title
        )
        fresh[keys[section.id]] = [(f.provision, f.confidence) for s in analysis.sections for f in s.findings]
    cache.set_many(fresh, timeout=24 * 3600)
    known.update(fresh)
    scored = [
        (-confidence, i)
        for i in candidate_ids
        for provision, confidence in known.get(keys[i], [])
        if provision == slug and confidence >= THRESHOLD
    ]
    return [section_id for _confidence, section_id in sorted(scored)]


@dataclass(frozen=True)
class LawSearch:
    results: SearchResults
    # The provision searched for (filters.provision), when it names one of the default framework.
    provision: Provision | None


def search_law(filters: SearchFilters, *, limit: int = 20, offset: int = 0) -> LawSearch:
    """The law search of the search page, its JSON twin and the API: search_sections, with a
    provision's cited and suggested sections first when `filters.provision` names one."""
    provision = None
    first: list[tuple[int, str]] = []
    if filters.provision:
        try:
            provision = get_provision(Framework.objects.default(), filters.provision)
        except (Framework.DoesNotExist, Provision.DoesNotExist):
            provision = None
        else:
            first = provision_sections(provision)
    return LawSearch(search_sections(filters, limit=limit, offset=offset, first=first), provision)


def analyzer_label_rows() -> list[dict[str, Any]]:
    """Analysts' confirms and rejects as training rows for the learned ranker, one per section version.

    For each (section version, provision) the latest verdict counts. ``labels`` holds the provisions
    confirmed, ``rejected`` those rejected (the ranker reads a provision left out of ``labels`` as a
    "no"); ``verdicts`` counts the verdicts behind the row. Who judged is not exported."""
    latest: dict[tuple[int, str], bool] = {}
    counts: dict[int, int] = {}
    for section_id, slug, applies in SuggestionLabel.objects.order_by("labelled_at", "pk").values_list(
        "section_id", "provision_slug", "applies"
    ):
        latest[(section_id, slug)] = applies
        counts[section_id] = counts.get(section_id, 0) + 1
    sections = (
        Section.objects.filter(pk__in=counts).select_related("instrument__jurisdiction").order_by("key", "version")
    )
    rows: list[dict[str, Any]] = []
    for section in sections:
        verdicts = {slug: applies for (sid, slug), applies in latest.items() if sid == section.pk}
        rows.append(
            {
                "id": f"analyst-{section.key}-v{section.version}",
                "jurisdiction": section.instrument.jurisdiction.code,
                "language": section.language,
                "title": section.instrument.title,
                "citation": section.citation,
                "heading": section.heading,
                "text": section.text,
                "text_sha256": hashlib.sha256(section.text.encode("utf-8")).hexdigest(),
                "labels": sorted(slug for slug, applies in verdicts.items() if applies),
                "rejected": sorted(slug for slug, applies in verdicts.items() if not applies),
                "verdicts": counts[section.pk],
            }
        )
    return rows
