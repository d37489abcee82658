"""Rules that recognise Four-P framework provisions in one section of law.

A rule looks for the elements a provision needs (see the framework's
``question``/``full``/``partial`` text) among the concepts of
:mod:`fourthp.analyzer.concepts`, close to each other, in a section that is
about trafficking in persons. It returns a :class:`Candidate` with the span
of the supporting text, a score and a reason naming the elements found.

Scores are hand-set evidence tiers (a full set of elements scores higher than
a partial one); :mod:`fourthp.analyzer.analyze` maps them to calibrated
confidences.

Four things a rule must not confuse:

1. The other "trafficking" of statute books (drugs, wildlife, firearms, food
   stamps, identity data) and migrant smuggling: the object of the
   trafficking decides, and sections about those things alone are dropped.
2. A prostitution offence and a trafficking offence: the latter needs a
   means (force, fraud, coercion), a child, or the vocabulary of trafficking.
3. A duty and a definition: duties need deontic language ("shall") outside a
   definition clause; a definition that names a task force creates nothing.
4. A provision and a cross-reference to it: "an offence under section 11"
   is blanked before the elements of an offence are looked for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fourthp.analyzer.concepts import CONCEPTS, GATE

__all__ = ["RULES", "Candidate", "SectionContext", "find_candidates"]

_WINDOW = 700
_CLAUSE_END = re.compile(r"[.;](?=\s)|\n\s*\n|\n(?=\s*(?:\(\w{1,6}\)|\d+\.|[a-z]\)|[A-Z]\.)\s)")


@dataclass(frozen=True)
class Candidate:
    provision: str
    start: int
    end: int
    score: float
    reason: str


@dataclass
class SectionContext:
    """One section of (noise-masked) text, searched between ``lo`` and ``hi``."""

    text: str
    lo: int
    hi: int
    heading: str = ""
    document_ht: bool = False
    _hits: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _blanked: str | None = None
    _level: float | None = None
    _offence_cache: list[_Offence] | None = None

    # 1. Concept hits, cached per section.
    def hits(self, name: str) -> list[tuple[int, int]]:
        found = self._hits.get(name)
        if found is None:
            source = self.offence_text if name in _ELEMENTS else self.text
            found = [m.span() for m in CONCEPTS[name].finditer(source, self.lo, self.hi)]
            self._hits[name] = found
        return found

    def has(self, name: str) -> bool:
        return bool(self.hits(name))

    def near(self, name: str, pos: int, window: int = _WINDOW) -> tuple[int, int] | None:
        best: tuple[int, int] | None = None
        for span in self.hits(name):
            distance = abs(span[0] - pos)
            if distance <= window and (best is None or distance < abs(best[0] - pos)):
                best = span
        return best

    def first(self, name: str) -> tuple[int, int] | None:
        found = self.hits(name)
        return found[0] if found else None

    def word(self, span: tuple[int, int] | None) -> str:
        if span is None:
            return ""
        return " ".join(self.text[span[0] : span[1]].split())[:60]

    # 2. Cross-references blanked: "an offence under section 11 (trafficking)".
    @property
    def offence_text(self) -> str:
        if self._blanked is None:
            text = self.text
            refs = list(CONCEPTS["crossref"].finditer(text, self.lo, self.hi))
            if refs:
                parts: list[str] = []
                pos = 0
                for m in refs:
                    parts.append(text[pos : m.start()])
                    parts.append(" " * (m.end() - m.start()))
                    pos = m.end()
                parts.append(text[pos:])
                text = "".join(parts)
            self._blanked = text
        return self._blanked

    # 3. Clauses, and whether a position lies in a definition.
    def clause(self, pos: int) -> tuple[int, int]:
        start = max(self.lo, pos - 600)
        last = start
        for m in _CLAUSE_END.finditer(self.text, start, pos):
            last = m.end()
        end = _CLAUSE_END.search(self.text, pos, min(self.hi, pos + 600))
        return last, (end.start() + 1 if end else min(self.hi, pos + 600))

    def in_definition(self, pos: int) -> bool:
        if re.search(r"definition|interpretation|use of terms|meaning", self.heading, re.IGNORECASE):
            return True
        lo, hi = self.clause(pos)
        # A definition clause puts its defined term and "means" up front.
        lo = max(self.lo, lo - 200)
        return CONCEPTS["definition"].search(self.text, lo, min(hi, lo + 400)) is not None

    # 4. How surely the section is about trafficking in persons.
    @property
    def ht_level(self) -> float:
        if self._level is None:
            self._level = self._ht_level()
        return self._level

    def _ht_level(self) -> float:
        if re.search(r"slave trade|\bvessel", self.text[self.lo : self.hi], re.IGNORECASE) and not self.has("ht"):
            return 0.5  # the slave-trade offences of old codes: no modern slavery provision
        if self.has("ht") or self.has("slavery"):
            return 1.0
        if self.has("htref") or self.has("sexexp") or self.has("htvocab"):
            return 0.9
        bare = [s for s in self.hits("traffick") if not self._other_object(s)]
        if bare and not self.smuggling_only:
            return 0.75
        if self.has("prostitution") and self.has("age"):
            return 0.8  # prostitution of minors: possibly a safe harbour or child sex trafficking
        if self.document_ht and not self.hits("traffick"):
            return 0.6
        return 0.0

    def _other_object(self, span: tuple[int, int]) -> bool:
        lo, hi = max(self.lo, span[0] - 80), min(self.hi, span[1] + 100)
        return CONCEPTS["otherobj"].search(self.text, lo, hi) is not None

    @property
    def smuggling_only(self) -> bool:
        return self.has("smuggling") and not (self.has("ht") or self.has("slavery") or self.has("sexexp"))

    @property
    def treaty(self) -> bool:
        return (
            re.search(
                r"States? Part(?:y|ies)|this (?:Protocol|Convention)|\bParties shall\b", self.text[self.lo : self.hi]
            )
            is not None
        )


# Concepts searched in the text with cross-references blanked.
_ELEMENTS = {
    "act",
    "means",
    "sexpurpose",
    "labourpurpose",
    "offence",
    "exploit",
    "child",
    "age",
    "ht",
    "slavery",
    "sexexp",
}

Rule = Callable[[SectionContext], list[Candidate]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def _span(*spans: tuple[int, int] | None) -> tuple[int, int]:
    real = [s for s in spans if s is not None]
    return min(s[0] for s in real), max(s[1] for s in real)


def _cand(ctx: SectionContext, provision: str, score: float, reason: str, *spans: tuple[int, int] | None) -> Candidate:
    start, end = _span(*spans)
    if end - start > 1500:
        end = start + 1500
    return Candidate(provision, start, end, max(0.0, min(1.0, score * ctx.ht_level)), reason)


# --- the trafficking offence ----------------------------------------------


@dataclass
class _Offence:
    offence: tuple[int, int] | None
    act: tuple[int, int]
    means: tuple[int, int] | None
    sex: tuple[int, int] | None
    labour: tuple[int, int] | None
    exploit: tuple[int, int] | None
    age: tuple[int, int] | None
    definition: bool


def _offences(ctx: SectionContext) -> list[_Offence]:
    """Each act of trafficking with the elements found near it."""
    if ctx._offence_cache is not None:
        return ctx._offence_cache
    found: list[_Offence] = []
    for act in ctx.hits("act"):
        pos = act[0]
        if ctx.near("document", pos, 160) is not None and ctx.near("docact", pos, 0) is not None:
            continue  # "conceals ... any passport": document retention, not an act of trafficking
        found.append(
            _Offence(
                offence=ctx.near("offence", pos, 900) or (ctx.near("treatycrim", pos, 900) if ctx.treaty else None),
                act=act,
                means=ctx.near("means", pos),
                sex=ctx.near("sexpurpose", pos) or ctx.near("sexexp", pos),
                labour=ctx.near("labourpurpose", pos),
                exploit=ctx.near("exploit", pos),
                age=ctx.near("age", pos, 400),
                definition=ctx.in_definition(pos),
            )
        )
    ctx._offence_cache = found
    return found


def _offence_score(ctx: SectionContext, o: _Offence, purpose: tuple[int, int] | None) -> tuple[float, str]:
    if purpose is None:
        return 0.0, ""
    elements = [f"act “{ctx.word(o.act)}”", f"purpose “{ctx.word(purpose)}”"]
    if o.means is not None:
        elements.insert(1, f"means “{ctx.word(o.means)}”")
    elif o.age is not None:
        elements.insert(1, f"child victim “{ctx.word(o.age)}”")
    strong = ctx.has("ht") or ctx.has("slavery")
    if o.offence is not None and not o.definition:
        score = 0.9 if (o.means or o.age) else (0.75 if strong else 0.4)
        elements.append(f"offence “{ctx.word(o.offence)}”")
    elif o.definition:
        score = 0.6 if ctx.treaty else 0.4
        elements.append("in a definition")
    else:
        score = 0.35
    if not (o.means or o.age or strong):
        score = min(score, 0.35)  # a prostitution offence, not trafficking
    return score, "; ".join(elements)


def _best_offence(ctx: SectionContext, kind: str) -> Candidate | None:
    best: tuple[float, str, _Offence, tuple[int, int]] | None = None
    for o in _offences(ctx):
        if kind == "sex":
            purpose = o.sex
        elif o.labour is not None:
            purpose = o.labour
        else:
            purpose = None
        # "For the purpose of exploitation" with no stated form covers both kinds.
        generic = False
        if purpose is None and o.exploit is not None and (ctx.has("ht") or ctx.has("htref") or ctx.has("htvocab")):
            purpose, generic = o.exploit, True
        score, reason = _offence_score(ctx, o, purpose)
        if generic:
            score *= 0.75
            reason += " (exploitation of any kind)"
        if purpose is not None and (best is None or score > best[0]):
            best = (score, reason, o, purpose)
    if best is None or best[0] <= 0:
        return None
    score, reason, o, purpose = best
    return _cand(
        ctx,
        f"crim.{kind}-trafficking" if kind == "sex" else "crim.labour-trafficking",
        score,
        reason,
        o.act,
        purpose,
        o.means,
    )


@rule
def sex_trafficking(ctx: SectionContext) -> list[Candidate]:
    if ctx.smuggling_only:
        return []
    found = _best_offence(ctx, "sex")
    if found is None and ctx.treaty and ctx.has("treatycrim") and ctx.has("ht"):
        span = ctx.first("treatycrim")
        return [
            _cand(
                ctx, "crim.sex-trafficking", 0.6, "a duty to criminalise trafficking in persons", span, ctx.first("ht")
            )
        ]
    return [found] if found else []


@rule
def labour_trafficking(ctx: SectionContext) -> list[Candidate]:
    if ctx.smuggling_only:
        return []
    found = _best_offence(ctx, "labour")
    if found is None and ctx.treaty and ctx.has("treatycrim") and ctx.has("ht"):
        span = ctx.first("treatycrim")
        return [
            _cand(
                ctx,
                "crim.labour-trafficking",
                0.6,
                "a duty to criminalise trafficking in persons",
                span,
                ctx.first("ht"),
            )
        ]
    moved = found is not None and re.search(r"recruit|entic|harbo|transport|transfer", found.reason, re.IGNORECASE)
    if found is not None and not moved and not (ctx.has("ht") or ctx.has("htref") or ctx.has("traffick")):
        # Forced labour itself, with no trafficking: the slavery rule covers it.
        return [Candidate(found.provision, found.start, found.end, found.score * 0.55, found.reason)]
    return [found] if found else []


@rule
def slavery_forced_labour(ctx: SectionContext) -> list[Candidate]:
    for span in ctx.hits("slavery"):
        if re.search(r"debt|bondage", ctx.text[span[0] : span[1]], re.IGNORECASE):
            continue
        offence = ctx.near("offence", span[0], 700)
        if offence is None or ctx.in_definition(span[0]):
            continue
        act = ctx.near("act", span[0], 300)
        score = 0.8 if not ctx.has("ht") else 0.6
        if act is not None and ctx.has("ht"):
            score = 0.5
        return [
            _cand(
                ctx,
                "crim.slavery-forced-labour",
                score,
                f"offence “{ctx.word(offence)}” of “{ctx.word(span)}”",
                span,
                offence,
            )
        ]
    # Coercing labour or services, with no act of recruitment or movement.
    for span in ctx.hits("labourpurpose"):
        means = ctx.near("means", span[0], 200)
        offence = ctx.near("offence", span[0], 300)
        if means is None or offence is None or ctx.near("act", span[0], 200) is not None or ctx.in_definition(span[0]):
            continue
        return [
            _cand(
                ctx,
                "crim.slavery-forced-labour",
                0.75,
                f"offence “{ctx.word(offence)}”; means “{ctx.word(means)}”; “{ctx.word(span)}”",
                span,
                means,
            )
        ]
    return []


@rule
def debt_bondage(ctx: SectionContext) -> list[Candidate]:
    found: list[Candidate] = []
    for doc in ctx.hits("document"):
        verb = ctx.near("docact", doc[0], 200)
        if verb is None:
            continue
        if not (ctx.has("ht") or ctx.has("slavery") or ctx.has("htref") or ctx.has("sexexp") or ctx.has("htvocab")):
            continue
        offence = ctx.near("offence", doc[0], 900)
        score = 0.85 if offence else 0.6
        found.append(
            _cand(
                ctx, "crim.debt-bondage", score, f"document retention “{ctx.word(verb)} … {ctx.word(doc)}”", verb, doc
            )
        )
        break
    if not found:
        for debt in ctx.hits("debt"):
            if ctx.text[debt[0] : debt[1]].lower() == "debt":
                continue
            offence = ctx.near("offence", debt[0], 900)
            score = 0.55 if offence and not ctx.in_definition(debt[0]) else 0.3
            found.append(_cand(ctx, "crim.debt-bondage", score, f"debt bondage “{ctx.word(debt)}”", debt))
            break
    return found


@rule
def child_no_means(ctx: SectionContext) -> list[Candidate]:
    if not (ctx.has("ht") or ctx.has("htref") or ctx.has("sexexp") or ctx.has("traffick")) or ctx.smuggling_only:
        return []
    nomeans = ctx.first("nomeans")
    if nomeans is not None:
        child = ctx.near("age", nomeans[0], 500)
        if child is not None:
            return [
                _cand(
                    ctx,
                    "crim.child-no-means",
                    0.85,
                    f"age element “{ctx.word(child)}”; no means needed “{ctx.word(nomeans)}”",
                    nomeans,
                    child,
                )
            ]
    # A child offence that names no means: Criminal Code (Canada) s. 279.011.
    for o in _offences(ctx):
        if o.age is None or o.offence is None or (o.sex is None and o.labour is None and o.exploit is None):
            continue
        if re.search(r"\bminor|\bchild|age", ctx.text[o.age[0] : o.age[1]], re.IGNORECASE) is None:
            continue
        if ctx.near("means", o.act[0], 400) is None:
            return [
                _cand(
                    ctx,
                    "crim.child-no-means",
                    0.7,
                    f"age element “{ctx.word(o.age)}” with no means element",
                    o.act,
                    o.age,
                )
            ]
    return []


@rule
def consent_irrelevant(ctx: SectionContext) -> list[Candidate]:
    span = ctx.first("consent")
    if span is None or not (
        ctx.has("ht") or ctx.has("htref") or ctx.has("sexexp") or ctx.has("traffick") or ctx.has("slavery")
    ):
        return []
    return [_cand(ctx, "crim.consent-irrelevant", 0.85, f"consent is no defence: “{ctx.word(span)}”", span)]


@rule
def penalties(ctx: SectionContext) -> list[Candidate]:
    spans = ctx.hits("penalty")
    grave_first = sorted(
        spans, key=lambda s: re.search(r"years?|life|felony|dissuasive", ctx.text[s[0] : s[1]], re.IGNORECASE) is None
    )
    for span in grave_first:
        if ctx.in_definition(span[0]):
            continue
        grave = re.search(r"years?|life|felony|dissuasive", ctx.text[span[0] : span[1]], re.IGNORECASE)
        aggravation = ctx.near("aggravation", span[0], 900)
        score = 0.7 if grave else 0.4
        if aggravation is not None and grave:
            score = 0.8
        if not (ctx.has("ht") or ctx.has("slavery") or ctx.has("htref") or ctx.has("sexexp")):
            score *= 0.7
        if not (_best_offence(ctx, "sex") or _best_offence(ctx, "labour")) and (
            ctx.has("facilitator") or ctx.has("document")
        ):
            score *= 0.6  # the penalty of a related offence, not of trafficking itself
        reason = f"penalty “{ctx.word(span)}”" + (f"; aggravation “{ctx.word(aggravation)}”" if aggravation else "")
        return [_cand(ctx, "crim.penalties", score, reason, span)]
    return []


def _simple(
    provision: str,
    anchor: str,
    *,
    need: tuple[str, ...] = (),
    boost: tuple[str, ...] = (),
    base: float = 0.6,
    step: float = 0.12,
    window: int = _WINDOW,
    duty: bool = False,
    label: str = "",
) -> Rule:
    """A rule: ``anchor`` with every concept in ``need`` nearby; each concept
    of ``boost`` nearby adds ``step``. ``duty`` rules need deontic force
    outside a definition clause."""

    def check(ctx: SectionContext) -> list[Candidate]:
        if ctx.smuggling_only:
            return []
        best: Candidate | None = None
        for span in ctx.hits(anchor):
            needed = [ctx.near(n, span[0], window) for n in need]
            if any(n is None for n in needed):
                continue
            score = base + step * sum(1 for b in boost if ctx.near(b, span[0], window) is not None)
            reason = f"{label or anchor} “{ctx.word(span)}”"
            extra = [f"{n} “{ctx.word(s)}”" for n, s in zip(need, needed, strict=True)]
            if duty:
                force = ctx.near("duty", span[0], 300)
                if force is None:
                    score *= 0.5
                else:
                    extra.append(f"duty “{ctx.word(force)}”")
                if ctx.in_definition(span[0]):
                    score *= 0.45
                    extra.append("but in a definition")
            elif ctx.in_definition(span[0]):
                score *= 0.5
                extra.append("but in a definition")
            if extra:
                reason += "; " + "; ".join(extra)
            candidate = _cand(ctx, provision, score, reason, span, *needed)
            if best is None or candidate.score > best.score:
                best = candidate
        return [best] if best else []

    check.__name__ = provision.replace(".", "_").replace("-", "_")
    RULES.append(check)
    return check


_simple(
    "crim.attempt-complicity",
    "attempt",
    need=("offence",),
    boost=("ht",),
    base=0.62,
    step=0.1,
    label="secondary liability",
)
_simple(
    "crim.buyer-liability",
    "buyer",
    need=("sexpurpose",),
    boost=("age", "mistakeage", "ht"),
    base=0.45,
    step=0.13,
    label="buyer",
)
_simple(
    "crim.facilitator-liability",
    "facilitator",
    need=("offence",),
    boost=("ht", "htref", "sexexp"),
    base=0.55,
    step=0.1,
    label="benefit or facilitation",
)
_simple(
    "crim.corporate-liability",
    "corporate",
    need=("corpsanction",),
    boost=("offence", "ht"),
    base=0.45,
    step=0.1,
    window=400,
    label="legal person",
)
_simple(
    "crim.official-complicity",
    "official",
    need=("penalty",),
    boost=("aggravation", "ht"),
    base=0.5,
    step=0.12,
    label="public official",
)
_simple("crim.asset-forfeiture", "forfeiture", boost=("victim", "htref", "ht"), base=0.55, step=0.1, label="forfeiture")
_simple(
    "crim.investigative-tools",
    "investigative",
    boost=("htref", "ht"),
    base=0.5,
    step=0.12,
    label="investigative technique",
)
_simple(
    "crim.extraterritorial",
    "abroad",
    need=("crimeword",),
    boost=("htref", "ht"),
    base=0.45,
    step=0.12,
    label="jurisdiction abroad",
)
_simple(
    "crim.online-platforms",
    "online",
    need=("facilitator",),
    boost=("civil", "sexexp"),
    base=0.5,
    step=0.1,
    label="online service",
)

_simple(
    "prot.vacatur", "vacatur", need=("victim",), boost=("ht", "compelled"), base=0.6, step=0.1, label="clearing records"
)
_simple(
    "prot.identification",
    "identification",
    need=("victim",),
    boost=("duty", "ht"),
    base=0.45,
    step=0.12,
    label="identification",
)
_simple(
    "prot.immigration-relief",
    "immigration",
    need=("victim",),
    boost=("ht", "duty"),
    base=0.45,
    step=0.12,
    label="immigration status",
)
_simple("prot.restitution", "restitution", boost=("duty", "htref", "ht"), base=0.5, step=0.1, label="restitution")
_simple(
    "prot.civil-remedy", "civil", need=("victim",), boost=("ht", "htref"), base=0.55, step=0.12, label="civil remedy"
)
_simple("prot.compensation-fund", "fund", need=("victim",), boost=("ht",), base=0.5, step=0.15, label="fund")
_simple(
    "prot.privacy-testimony",
    "privacy",
    need=("victim",),
    boost=("duty", "ht"),
    base=0.45,
    step=0.12,
    label="protection",
)
_simple(
    "prot.child-guardian",
    "guardian",
    need=("child",),
    boost=("victim", "duty"),
    base=0.45,
    step=0.13,
    label="guardian or advocate",
)
_simple("prot.safe-return", "return", need=("victim",), boost=("duty",), base=0.6, step=0.12, label="return")

_simple(
    "prev.training",
    "training",
    need=("trainees",),
    boost=("duty", "ht"),
    base=0.5,
    step=0.12,
    window=300,
    duty=True,
    label="training",
)
_simple("prev.hotline", "hotline", boost=("posting", "ht"), base=0.55, step=0.13, label="hotline")
_simple(
    "prev.awareness", "awareness", boost=("duty", "ht"), base=0.45, step=0.12, window=400, duty=True, label="awareness"
)
_simple(
    "prev.supply-chain-disclosure",
    "supplychain",
    boost=("duty", "slavery", "ht"),
    base=0.5,
    step=0.1,
    label="supply chain",
)
_simple(
    "prev.public-procurement",
    "procurement",
    need=("procsanction",),
    boost=("duty", "ht"),
    base=0.45,
    step=0.1,
    window=500,
    label="government contracting",
)
_simple("prev.import-ban", "importban", boost=("slavery",), base=0.75, step=0.1, label="import ban")
_simple("prev.trade-conditions", "trade", boost=("slavery", "ht"), base=0.5, step=0.12, label="trade condition")
_simple(
    "prev.labour-inspection", "inspection", boost=("sectors", "slavery", "duty"), base=0.4, step=0.1, label="inspection"
)
_simple("prev.vulnerable-youth", "youth", boost=("ht", "duty"), base=0.5, step=0.12, label="children in care")

_simple(
    "part.coordinating-body",
    "body",
    need=("establish",),
    boost=("civilsociety", "ht"),
    base=0.5,
    step=0.12,
    duty=True,
    label="coordinating body",
)
_simple("part.action-plan", "plan", boost=("duty", "ht"), base=0.45, step=0.12, duty=True, label="plan")
_simple("part.rapporteur", "rapporteur", need=("legislature",), boost=("ht",), base=0.45, step=0.12, label="monitoring")
_simple(
    "part.survivor-voice",
    "survivor",
    need=("advisory",),
    boost=("body", "duty"),
    base=0.4,
    step=0.13,
    window=400,
    label="survivors",
)
_simple(
    "part.data-collection", "data", boost=("duty", "ht", "legislature"), base=0.4, step=0.1, duty=True, label="data"
)
_simple("part.dedicated-funding", "funding", boost=("duty", "ht", "victim"), base=0.4, step=0.1, label="funding")
_simple("part.international-cooperation", "cooperation", boost=("duty", "ht"), base=0.5, step=0.12, label="cooperation")
_simple("part.local-taskforces", "localtf", boost=("ht", "duty"), base=0.55, step=0.12, label="local task force")


@rule
def recruitment_fees(ctx: SectionContext) -> list[Candidate]:
    fee = ctx.first("fees")
    recruiter = ctx.first("recruiter")
    if fee is None and recruiter is None:
        return []
    licensing = ctx.near("licensing", (fee or recruiter or (0, 0))[0], 900)
    score = 0.55 + (0.15 if fee and recruiter else 0) + (0.1 if licensing else 0) + (0.05 if ctx.has("duty") else 0)
    elements = [f"fee ban “{ctx.word(fee)}”" if fee else "", f"recruiter “{ctx.word(recruiter)}”" if recruiter else ""]
    if licensing:
        elements.append(f"licensing “{ctx.word(licensing)}”")
    return [_cand(ctx, "prev.recruitment-fees", score, "; ".join(e for e in elements if e), fee, recruiter)]


@rule
def migrant_worker_rights(ctx: SectionContext) -> list[Candidate]:
    worker = ctx.first("tempworker")
    portability = ctx.first("portability")
    whistle = ctx.first("whistle")
    if worker is None or (portability is None and whistle is None):
        return []
    score = 0.55 + (0.2 if portability and whistle else 0)
    elements = [f"worker “{ctx.word(worker)}”"]
    if portability:
        elements.append(f"portability “{ctx.word(portability)}”")
    if whistle:
        elements.append(f"whistle-blower protection “{ctx.word(whistle)}”")
    return [_cand(ctx, "prev.migrant-worker-rights", score, "; ".join(elements), worker, portability, whistle)]


@rule
def non_punishment(ctx: SectionContext) -> list[Candidate]:
    for span in ctx.hits("notpunish"):
        victim = ctx.near("victim", span[0], 500) or ctx.near("ht", span[0], 500)
        if victim is None or ctx.in_definition(span[0]):
            continue
        compelled = ctx.near("compelled", span[0], 500)
        prostitution_only = (
            ctx.near("prostitution", span[0], 400) is not None and ctx.near("age", span[0], 400) is not None
        )
        score = 0.8 if compelled else 0.55
        if prostitution_only:
            score -= 0.25  # a safe harbour for minors, not a general defence
        return [
            _cand(
                ctx,
                "prot.non-punishment",
                score,
                f"not punished “{ctx.word(span)}”; victim “{ctx.word(victim)}”",
                span,
                victim,
            )
        ]
    return []


@rule
def safe_harbour_minors(ctx: SectionContext) -> list[Candidate]:
    for span in ctx.hits("prostitution"):
        age = ctx.near("age", span[0], 400)
        shield = ctx.near("notpunish", span[0], 500) or ctx.near("identification", span[0], 300)
        if age is None or shield is None:
            continue
        return [
            _cand(
                ctx,
                "prot.safe-harbour-minors",
                0.75,
                f"age element “{ctx.word(age)}”; “{ctx.word(shield)}” for “{ctx.word(span)}”",
                span,
                age,
                shield,
            )
        ]
    return []


@rule
def victim_services(ctx: SectionContext) -> list[Candidate]:
    services = [s for s in ctx.hits("services") if ctx.near("victim", s[0], 300)]
    if len({ctx.text[s[0] : s[1]].lower()[:5] for s in services}) < 3:
        return []
    kinds = {ctx.text[s[0] : s[1]].lower()[:5] for s in services}
    span = services[0]
    force = ctx.near("duty", span[0], 400)
    score = 0.4 + 0.06 * min(len(kinds), 5) + (0.1 if force else 0)
    if ctx.in_definition(span[0]):
        score *= 0.5
    return [
        _cand(
            ctx,
            "prot.victim-services",
            score,
            f"services for victims: {', '.join(sorted(kinds))[:80]}",
            span,
            services[min(3, len(services) - 1)],
        )
    ]


def find_candidates(ctx: SectionContext) -> list[Candidate]:
    """Every rule's best candidate for the section, highest score first."""
    if not GATE.search(ctx.text, ctx.lo, ctx.hi) and not ctx.document_ht:
        return []
    if ctx.ht_level <= 0:
        return []
    found: list[Candidate] = []
    for check in RULES:
        found.extend(check(ctx))
    return sorted((c for c in found if c.score > 0.05), key=lambda c: -c.score)
