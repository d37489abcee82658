"""A learned ranker beside the rules: for each provision, the sections of a law
that most likely address it, best first.

The model is a stack of four kinds of evidence for each (section, provision)
pair, combined by a logistic regression:

- a TF-IDF *head* per provision: a ridge regression (kernel form, all provisions
  at once) on the words, five-letter stems and word pairs of the section's
  heading and text (stems carry over between the spellings of one word in
  several languages: *trafficking*, *trafic*, *tráfico*);
- the *nearest labelled neighbours*: how many of the ten most similar labelled
  sections carry the provision, weighted by similarity, and the similarity of
  the closest one that does;
- *similarity to the criteria*: the cosine between the section and the
  provision's text in the framework (title, question, full and partial criteria),
  also relative to the section's best provision;
- the *rules' confidence* for the pair (0 when the rules found nothing).

The stacker is trained on out-of-fold evidence (folds by source: a jurisdiction's
rows are never their own neighbours), so it learns how far each kind of evidence
carries to law it was not fitted on. Its output is a probability (0–1).

Two modes turn the ranking into suggestions: ``precise`` (fewer, mostly right)
and ``thorough`` (more, for a first pass). Their thresholds are chosen from the
leave-one-source-out results of ``python -m fourthp.analyzer.train`` and written
in the manifest with the training data's SHA-256. The model itself is fitted
from the shipped training rows on first use (a few seconds, deterministic), so
nothing binary is shipped; if the training file no longer matches the manifest,
:func:`load_ranker` raises :class:`StaleRanker` rather than use thresholds
chosen for other data.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import json
import math
import os
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from numpy.typing import NDArray
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from fourthp.analyzer.analyze import ENGINE, Analysis, analyze_sections
from fourthp.analyzer.framework import Framework
from fourthp.analyzer.segment import split_sections

__all__ = [
    "DATA_DIR",
    "MODES",
    "RANKER_VERSION",
    "Ranked",
    "Ranker",
    "RankerIdentity",
    "Ranking",
    "StaleRanker",
    "TrainingRow",
    "fit_ranker",
    "load_ranker",
    "rank_sections",
    "rank_text",
    "ranker_identity",
    "read_training",
    "sha256_file",
]

RANKER_VERSION = "ranker-2"
DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "analyzer"
EXAMPLES_FILE = DATA_DIR / "examples.yaml"
TRAINING_FILE = DATA_DIR / "ranker-training.jsonl"
MANIFEST_FILE = DATA_DIR / "ranker.json"
MODES = ("precise", "thorough")
NEIGHBOURS = 10
_FOLDS = 5
_RIDGE = 1.0
_EXCERPT = 300
_MAX_TEXT = 20_000  # characters of a section read by the model (the rules read all of it)
_FEATURES = ("head", "knn_vote", "knn_best", "criteria", "criteria_gap", "rules", "rules_found", "prior")

Matrix = NDArray[np.float64]


class StaleRanker(RuntimeError):
    """The training file changed since the manifest (thresholds, version) was written."""


@dataclass(frozen=True)
class TrainingRow:
    id: str
    source: str  # the jurisdiction (or treaty family) whose law it is: the unit left out in evaluation
    language: str
    instrument: str
    title: str
    level: str
    heading: str
    text: str
    labels: tuple[str, ...]
    # the rules' confidence per provision, stored at training time (empty: compute it)
    rules: dict[str, float] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Ranked:
    """One section's place in one provision's ranking."""

    provision: str
    section: str
    rank: int
    confidence: float
    start: int
    end: int
    reason: str
    excerpt: str

    def to_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Ranking:
    """Every provision's sections, best first; suggestions per mode."""

    version: str
    data_sha256: str
    thresholds: dict[str, float]
    by_provision: dict[str, tuple[Ranked, ...]] = field(default_factory=dict)

    def top(self, provision: str, n: int = 3) -> tuple[Ranked, ...]:
        return self.by_provision.get(provision, ())[:n]

    def findings(self) -> list[Ranked]:
        """Every scored pair, by section then confidence."""
        return sorted(
            (r for ranked in self.by_provision.values() for r in ranked),
            key=lambda r: (r.section, -r.confidence, r.provision),
        )

    def suggested(self, mode: str = "precise") -> list[Ranked]:
        cut = self.thresholds[mode]
        return [r for r in self.findings() if r.confidence >= cut]

    def to_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "data_sha256": self.data_sha256,
            "thresholds": dict(self.thresholds),
            "by_provision": {p: [r.to_dict() for r in ranked] for p, ranked in self.by_provision.items()},
        }


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_training(path: Path = TRAINING_FILE) -> list[TrainingRow]:
    rows: list[TrainingRow] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        rows.append(
            TrainingRow(
                id=str(raw["id"]),
                source=str(raw["source"]),
                language=str(raw.get("language") or "en"),
                instrument=str(raw["instrument"]),
                title=str(raw.get("title") or ""),
                level=str(raw.get("level") or ""),
                heading=str(raw.get("heading") or ""),
                text=str(raw["text"]),
                labels=tuple(raw["labels"]),
                rules={str(k): float(v) for k, v in (raw.get("rules") or {}).items()},
            )
        )
    return rows


def model_text(heading: str, text: str) -> str:
    return f"{heading}\n{text[:_MAX_TEXT]}"


@functools.cache
def authored_examples(path: Path = EXAMPLES_FILE) -> dict[str, dict[str, str]]:
    """The short examples per provision and language written for the project (``data/analyzer/examples.yaml``)."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(pid): {str(lang): str(text) for lang, text in texts.items()} for pid, texts in data.items()}


def criteria_text(framework: Framework, provision_id: str) -> str:
    """The provision's text in the framework and its authored examples in the members' languages, so that
    a section in any of those languages can be compared with the criteria."""
    p = framework.provision(provision_id)
    examples = authored_examples().get(provision_id, {})
    return " ".join((p.title, p.question, p.full, p.partial, *(examples[lang] for lang in sorted(examples))))


def rules_matrix(
    groups: Iterable[tuple[Sequence[tuple[str, str]], Sequence[str], str, str]],
    framework: Framework,
    index: dict[str, int],
) -> dict[str, Matrix]:
    """The rules' confidence per provision for every section, by section key;
    ``groups`` are instruments: (sections, headings, title, level)."""
    out: dict[str, Matrix] = {}
    for sections, headings, title, level in groups:
        analysis = analyze_sections(sections, framework, headings=headings, context=title, level=level)
        out.update(_rules_from(analysis, index))
    return out


def _rules_from(analysis: Analysis, index: dict[str, int]) -> dict[str, Matrix]:
    out: dict[str, Matrix] = {}
    for section in analysis.sections:
        vector = np.zeros(len(index))
        for f in section.findings:
            vector[index[f.provision]] = f.confidence
        out[section.number] = vector
    return out


_WORD = re.compile(r"\w\w+")
_MARKS = re.compile(r"[\u0300-\u036f]")


def terms(text: str) -> list[str]:
    """The terms the model reads: words (lower case, accents dropped), their first
    five letters (so that *trafficking*, *trafic* and *tráfico* share ``trafi``
    and inflected forms share a stem) and pairs of adjacent words."""
    words = _WORD.findall(_MARKS.sub("", unicodedata.normalize("NFKD", text.lower())))
    return words + [w[:5] for w in words if len(w) > 5] + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=terms, min_df=2, max_features=40_000, sublinear_tf=True, dtype=np.float64)


class _Base:
    """The first layer on some rows: heads (a kernel ridge regression per provision,
    solved for all provisions at once), neighbours and criteria."""

    def __init__(self, train: sparse.csr_matrix, labels: Matrix, criteria: sparse.csr_matrix) -> None:
        self.train = train
        self.labels = labels
        self.criteria = criteria
        self.prior = (labels.sum(axis=0) + 0.5) / (len(labels) + 1.0)
        # Transposed once, in the layout a product with a row matrix wants, rather than at every call.
        self.train_t = train.T.tocsr()
        self.criteria_t = criteria.T.tocsr()
        self.positives = [np.flatnonzero(labels[:, j] > 0) for j in range(labels.shape[1])]
        gram = np.asarray((train @ train.T).todense())
        self.alpha = np.linalg.solve(gram + _RIDGE * np.eye(len(gram)), labels - self.prior)

    def features(self, x: sparse.csr_matrix, rules: Matrix) -> Matrix:
        """One row per (text, provision) pair, provisions varying fastest."""
        n, p = x.shape[0], self.labels.shape[1]
        sims = np.asarray((x @ self.train_t).todense())
        head = sims @ self.alpha + self.prior
        k = min(NEIGHBOURS, sims.shape[1])
        nearest = np.argsort(-sims, axis=1, kind="stable")[:, :k]
        near_sims = np.take_along_axis(sims, nearest, axis=1)
        weights = near_sims / np.maximum(near_sims.sum(axis=1, keepdims=True), 1e-9)
        vote = np.einsum("nk,nkp->np", weights, self.labels[nearest])
        best = np.zeros((n, p))
        for j, positives in enumerate(self.positives):
            if len(positives):
                best[:, j] = sims[:, positives].max(axis=1)
        crit = np.asarray((x @ self.criteria_t).todense())
        gap = crit - crit.max(axis=1, keepdims=True)
        prior = np.broadcast_to(np.log(self.prior), (n, p))
        stack = [head, vote, best, crit, gap, rules, (rules > 0).astype(float), prior]
        return np.stack(stack, axis=2).reshape(n * p, len(_FEATURES))


class Ranker:
    """A fitted ranker: base layer on every training row, stacker on out-of-fold evidence."""

    def __init__(
        self,
        rows: Sequence[TrainingRow],
        framework: Framework,
        *,
        thresholds: dict[str, float] | None = None,
        data_sha256: str = "",
        rules: Matrix | None = None,
    ) -> None:
        self.framework = framework
        self.provisions = [p.id for p in framework.provisions]
        self.index = {pid: i for i, pid in enumerate(self.provisions)}
        self.levels = {p.id: p.levels for p in framework.provisions}
        self.thresholds = dict(thresholds or {"precise": 0.5, "thorough": 0.3})
        self.data_sha256 = data_sha256
        self.version = RANKER_VERSION
        texts = [model_text(r.heading, r.text) for r in rows]
        labels = np.zeros((len(rows), len(self.provisions)))
        for i, r in enumerate(rows):
            for pid in r.labels:
                if pid in self.index:
                    labels[i, self.index[pid]] = 1.0
        criteria = [criteria_text(framework, pid) for pid in self.provisions]
        if rules is None:
            rules = _training_rules(rows, framework, self.index)
        self.vectorizer = _vectorizer().fit(texts + criteria)
        x = self.vectorizer.transform(texts).tocsr()
        crit = self.vectorizer.transform(criteria).tocsr()
        # out-of-fold evidence for the stacker: folds by source, so no source is its own neighbour
        sources = sorted({r.source for r in rows})
        n_folds = min(_FOLDS, len(sources))
        p = len(self.provisions)
        stacked = np.zeros((len(rows), p, len(_FEATURES)))
        for f in range(n_folds):
            fold = set(sources[f::n_folds])
            held = np.array([r.source in fold for r in rows])
            base = _Base(x[np.flatnonzero(~held)], labels[~held], crit)
            idx = np.flatnonzero(held)
            stacked[idx] = base.features(x[idx], rules[idx]).reshape(len(idx), p, len(_FEATURES))
        self.stacker = LogisticRegression(C=1.0, solver="lbfgs", max_iter=1000)
        self.stacker.fit(stacked.reshape(-1, len(_FEATURES)), labels.reshape(-1))
        self.base = _Base(x, labels, crit)

    def scores(self, texts: list[str], rules: Matrix, level: str = "") -> Matrix:
        """The probability that each text addresses each provision (texts × provisions)."""
        if not texts:
            return np.zeros((0, len(self.provisions)))
        feats = self.base.features(self.vectorizer.transform(texts).tocsr(), rules)
        prob = self.stacker.predict_proba(feats)[:, 1].reshape(len(texts), len(self.provisions))
        if level:
            for pid, j in self.index.items():
                if level not in self.levels[pid]:
                    prob[:, j] = 0.0
        rounded: Matrix = np.round(prob, 3)
        return rounded


def _training_rules(rows: Sequence[TrainingRow], framework: Framework, index: dict[str, int]) -> Matrix:
    if rows and all(r.rules or not r.labels for r in rows) and any(r.rules for r in rows):
        stored = np.zeros((len(rows), len(index)))
        for i, r in enumerate(rows):
            for pid, value in r.rules.items():
                if pid in index:
                    stored[i, index[pid]] = value
        return stored
    groups: dict[str, list[TrainingRow]] = {}
    for r in rows:
        groups.setdefault(r.instrument, []).append(r)
    found = rules_matrix(
        (([(r.id, r.text) for r in g], [r.heading for r in g], g[0].title, g[0].level) for g in groups.values()),
        framework,
        index,
    )
    return np.array([found[r.id] for r in rows]) if rows else np.zeros((0, len(index)))


def fit_ranker(
    rows: Sequence[TrainingRow], framework: Framework, *, thresholds: dict[str, float] | None = None
) -> Ranker:
    return Ranker(rows, framework, thresholds=thresholds)


_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str, str], Ranker] = {}


def read_manifest(path: Path = MANIFEST_FILE) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@dataclass(frozen=True)
class RankerIdentity:
    """Which model a ranking comes from: the ranker's version and the SHA-256 of the rows it is trained on."""

    version: str
    data_sha256: str


def _files(training: Path | None, manifest: Path | None) -> tuple[Path, Path]:
    """The training file and manifest: those of ``data/analyzer/``, or of the folder named by ``FOURTHP_RANKER_DIR``."""
    folder = Path(os.environ.get("FOURTHP_RANKER_DIR") or DATA_DIR)
    return training or folder / TRAINING_FILE.name, manifest or folder / MANIFEST_FILE.name


def _checked(training: Path, manifest: Path) -> tuple[dict[str, Any], str]:
    """The manifest and the training file's SHA-256, once the manifest is known to be for that file, the
    authored examples and this code; :class:`StaleRanker` otherwise."""
    meta = read_manifest(manifest)
    digest = sha256_file(training)
    if digest != meta.get("data_sha256"):
        raise StaleRanker(
            f"the ranker's training data {training.name} (sha256 {digest[:12]}) is not the data it was "
            f"trained on (sha256 {str(meta.get('data_sha256'))[:12]}); run `make train-analyzer`"
        )
    examples = sha256_file(EXAMPLES_FILE) if EXAMPLES_FILE.exists() else ""
    if meta.get("examples_sha256", "") != examples:
        raise StaleRanker(
            f"the authored examples {EXAMPLES_FILE.name} changed since the ranker was trained; run `make train-analyzer`"
        )
    if meta.get("version") != RANKER_VERSION or meta.get("rules") != ENGINE:
        raise StaleRanker(
            f"the manifest is for {meta.get('version')} over {meta.get('rules')}, this code is {RANKER_VERSION} "
            f"over {ENGINE}; run `make train-analyzer`"
        )
    return meta, digest


def ranker_identity(*, training: Path | None = None, manifest: Path | None = None) -> RankerIdentity:
    """The identity of the ranker :func:`load_ranker` gives, without fitting it (an analysis run records it).

    Raises :class:`StaleRanker` as :func:`load_ranker` does."""
    _meta, digest = _checked(*_files(training, manifest))
    return RankerIdentity(RANKER_VERSION, digest)


def load_ranker(framework: Framework, *, training: Path | None = None, manifest: Path | None = None) -> Ranker:
    """The ranker for ``framework``, fitted on first use and kept for the process.

    The training file and manifest are those of ``data/analyzer/``, or of the
    folder named by ``FOURTHP_RANKER_DIR``. Raises :class:`StaleRanker` when the
    training file is not the one the manifest was written for (rows added or
    changed without retraining)."""
    training, manifest = _files(training, manifest)
    meta, digest = _checked(training, manifest)
    key = (str(training), digest, framework.checksum)
    with _LOCK:
        if key not in _CACHE:
            ranker = Ranker(read_training(training), framework, thresholds=dict(meta["thresholds"]), data_sha256=digest)
            _CACHE[key] = ranker
        return _CACHE[key]


def rank_sections(
    ranker: Ranker,
    sections: Sequence[tuple[str, str]],
    *,
    headings: Sequence[str] = (),
    context: str = "",
    level: str = "",
    analysis: Analysis | None = None,
) -> Ranking:
    """Rank an instrument's ``(key, text)`` sections for every provision.

    ``analysis`` is the rules' analysis of the same sections, if the caller has
    it (it is computed otherwise); its findings give the span and the reason
    where the rules found the provision."""
    heads = list(headings)[: len(sections)] + [""] * (len(sections) - len(headings))
    if analysis is None:
        analysis = analyze_sections(sections, ranker.framework, headings=heads, context=context, level=level)
    found = _rules_from(analysis, ranker.index)
    zero = np.zeros(len(ranker.provisions))
    rules = np.array([found.get(key, zero) for key, _ in sections]) if sections else np.zeros((0, len(zero)))
    texts = [model_text(h, t) for (_, t), h in zip(sections, heads, strict=True)]
    prob = ranker.scores(texts, rules, level)
    by_finding = {(f.section, f.provision): f for f in analysis.findings}
    excerpts: dict[int, str] = {}  # each section's opening, made once however many provisions rank it
    by_provision: dict[str, tuple[Ranked, ...]] = {}
    for pid, j in ranker.index.items():
        order = np.argsort(-prob[:, j], kind="stable")
        ranked: list[Ranked] = []
        for rank, i in enumerate(order, start=1):
            if prob[i, j] <= 0:
                break
            key, text = sections[i]
            finding = by_finding.get((key, pid))
            if finding is not None:
                start, end, reason, excerpt = finding.start, finding.end, finding.reason, finding.excerpt
            else:
                start, end = 0, len(text)
                reason = _reason(rules[i, j], ranker, i, j)
                excerpt = excerpts.get(i) or excerpts.setdefault(i, " ".join(text[:_EXCERPT].split()))
            ranked.append(Ranked(pid, key, rank, float(prob[i, j]), start, end, reason, excerpt))
        by_provision[pid] = tuple(ranked)
    return Ranking(ranker.version, ranker.data_sha256, dict(ranker.thresholds), by_provision)


def _reason(rule: float, ranker: Ranker, i: int, j: int) -> str:
    del i, j
    if rule > 0:
        return "the rules' evidence"
    return "wording like the sections labelled with this provision and its criteria"


def rank_text(ranker: Ranker, text: str, *, context: str = "", level: str = "") -> Ranking:
    """Split ``text`` into sections (as :func:`~fourthp.analyzer.analyze` does) and rank them."""
    segments = split_sections(text)
    return rank_sections(
        ranker,
        [(s.number, s.text) for s in segments],
        headings=[s.heading for s in segments],
        context=context,
        level=level,
    )


def micro_f1(predicted: Iterable[tuple[str, str]], gold: Iterable[tuple[str, str]]) -> tuple[float, float, float]:
    p, g = set(predicted), set(gold)
    right = len(p & g)
    precision = right / len(p) if p else 0.0
    recall = right / len(g) if g else 0.0
    f1 = 2 * right / (len(p) + len(g)) if p or g else 0.0
    return precision, recall, f1


def best_threshold(scores: Matrix, labels: Matrix, beta: float) -> float:
    """The threshold with the best F-beta over the pairs given (leave-one-source-out scores)."""
    flat, gold = scores.reshape(-1), labels.reshape(-1)
    total = gold.sum()
    best, cut = -1.0, 0.5
    for t in np.arange(0.05, 0.951, 0.01):
        chosen = flat >= t
        right = float((chosen & (gold > 0)).sum())
        if not chosen.any() or total == 0:
            continue
        precision, recall = right / chosen.sum(), right / total
        b2 = beta * beta
        value = (1 + b2) * precision * recall / (b2 * precision + recall) if precision + recall else 0.0
        if value > best + 1e-12:
            best, cut = value, round(float(t), 2)
    return cut if not math.isnan(cut) else 0.5
