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

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from fourthp.analyzer.concepts import CONCEPTS, GATE, about_trafficking

__all__ = ["RULES", "Candidate", "SectionContext", "find_candidates"]

_WINDOW = 700
# A subsection heading on a line of its own: "(b) Public awareness and information".
_SUBHEAD = re.compile(r"^[ \t#]*\(\w{1,5}\)[ \t]+([A-Z][^.;:\n]{2,90})[ \t]*$", re.MULTILINE)
_SUBSECTION = re.compile(r"^[ \t]*\(\d+[A-Za-z]?\)", re.MULTILINE)
_CLAUSE_END = re.compile(r"[.;](?=\s)|\n\s*\n|\n(?=\s*(?:\(\w{1,6}\)|\d+\.|[a-z]\)|[A-Z]\.)\s)")


@dataclass(frozen=True)
class Candidate:
    provision: str
    start: int
    end: int
    score: float
    reason: str
    # The rule family, for calibration: the rule's own evidence, or the heading.
    family: str = "rule"


@dataclass
class SectionContext:
    """One section of (noise-masked) text, searched between ``lo`` and ``hi``."""

    text: str
    lo: int
    hi: int
    heading: str = ""
    document_ht: bool = False
    title: str = ""
    _hits: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict)
    _blanked: str | None = None
    _level: float | None = None
    _offence_cache: list[_Offence] | None = None
    _subheads: list[tuple[int, int]] | None = None
    _subsections: list[int] | None = None

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
        """The hit of ``name`` whose start is closest to ``pos``, within ``window``."""
        found = self.hits(name)
        if not found:
            return None
        starts = self._starts.get(name)
        if starts is None:
            starts = self._starts[name] = [s for s, _ in found]
        i = bisect.bisect_left(starts, pos - window)
        best: tuple[int, int] | None = None
        while i < len(found) and found[i][0] <= pos + window:
            if best is None or abs(found[i][0] - pos) < abs(best[0] - pos):
                best = found[i]
            i += 1
        return best

    def lead_in(self, name: str, pos: int) -> tuple[int, int] | None:
        """A hit of ``name`` in the section's opening words that introduces, with a
        colon, the list ``pos`` is in: "A person commits the felony of … if the
        person knowingly: (1) … (3) Receives any benefit …". The lead-in governs
        every item of its list, however far down the item is."""
        for span in self.hits(name):
            if span[0] > self.lo + 300 or span[0] >= pos:
                break
            colon = self.text.find(":", span[1], pos)
            if colon != -1 and colon < self.lo + 500 and "." not in self.text[span[1] : colon]:
                return span
        return None

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

    def subsection(self, pos: int) -> tuple[int, int]:
        """The numbered subsection ("(2) …") ``pos`` lies in, or the whole section if it has none."""
        if self._subsections is None:
            self._subsections = [m.start() for m in _SUBSECTION.finditer(self.text, self.lo, self.hi)]
        starts = self._subsections
        i = bisect.bisect_right(starts, pos)
        lo = starts[i - 1] if i else self.lo
        hi = starts[i] if i < len(starts) else self.hi
        return lo, hi

    def in_clause(self, name: str, pos: int) -> bool:
        lo, hi = self.clause(pos)
        return CONCEPTS[name].search(self.text, lo, hi) is not None

    # 4. Long sections: what their subsections are about.
    @property
    def long(self) -> bool:
        return self.hi - self.lo > _LONG

    def operative(self, pos: int, provision: str, anchor: str = "") -> bool:
        """Whether ``pos`` lies in a subsection about ``provision``: one of
        its enclosing subsection headings ("(4) Training of Government
        personnel", then "(A) In general") names it."""
        if self._subheads is None:
            self._subheads = [m.span(1) for m in _SUBHEAD.finditer(self.text, self.lo, self.hi)]
        if not self._subheads:
            return True  # no subsection headings to tell what is operative and what is in passing
        i = bisect.bisect_right([s for s, _ in self._subheads], pos)
        cues = [p for p, prov in HEADING_CUES if prov == provision]
        for lo, hi in self._subheads[max(0, i - 3) : i]:
            line = self.text[lo:hi]
            if anchor and CONCEPTS[anchor].search(line):
                return True
            if any(p.search(line) for p in cues):
                return True
        return False

    # 5. How surely the section is about trafficking in persons.
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
        if self.has("sale") and (self.has("sexpurpose") or self.has("labourpurpose") or self.has("exploit")):
            return 0.9  # selling or buying a person for prostitution or labour
        if self.title_ht and not self.smuggling_only and not any(self._other_object(s) for s in self.hits("traffick")):
            return 0.9  # a section of an act about trafficking, which need not say so again
        bare = [s for s in self.hits("traffick") if not self._other_object(s)]
        if bare and not self.smuggling_only:
            return 0.75
        if self.has("buyer") and self.has("sexpurpose") and self.has("age"):
            return 0.9  # buying sex from a minor: the buyer offence the framework names
        if self.has("prostitution") and self.has("age"):
            return 0.8  # prostitution of minors: possibly a safe harbour or child sex trafficking
        if self.document_ht and not self.hits("traffick"):
            return 0.6
        return 0.0

    def _other_object(self, span: tuple[int, int]) -> bool:
        lo, hi = max(self.lo, span[0] - 80), min(self.hi, span[1] + 100)
        return CONCEPTS["otherobj"].search(self.text, lo, hi) is not None

    @functools.cached_property
    def title_ht(self) -> bool:
        """Whether the instrument's own title is about trafficking in persons or slavery."""
        return about_trafficking(self.title)

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
    "sale",
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


# An act whose object is the work, not the person: "provides or obtains the labor".
_LABOUR_OBJECT = re.compile(r"(?:,? (?:or|and)? ?\w+){0,3},? (?:the )?labou?r", re.IGNORECASE)
_SERVICES_OBJECT = re.compile(r"\s+(?:\w+\s+)?sexual\s+services", re.IGNORECASE)


def _offences(ctx: SectionContext) -> list[_Offence]:
    """Each act of trafficking with the elements found near it."""
    if ctx._offence_cache is not None:
        return ctx._offence_cache
    found: list[_Offence] = []
    for act in ctx.hits("act"):
        pos = act[0]
        if ctx.near("document", pos, 160) is not None and ctx.near("docact", pos, 0) is not None:
            continue  # "conceals ... any passport": document retention, not an act of trafficking
        if _LABOUR_OBJECT.match(ctx.text, act[1]):
            continue  # "obtains the labor or services of a person": forced labour, not an act on a person
        if _SERVICES_OBJECT.match(ctx.text, act[1]):
            continue  # "obtains sexual services from a person in exchange for payment": a buyer, not a trafficker
        found.append(
            _Offence(
                offence=ctx.near("offence", pos, 900) or (ctx.near("treatycrim", pos, 900) if ctx.treaty else None),
                act=act,
                means=ctx.near("means", pos) or ctx.near("sale", pos, 40),
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
    # A section headed as trafficking, in an act about trafficking, need not say the word again.
    strong = ctx.has("ht") or ctx.has("slavery") or (ctx.title_ht and about_trafficking(ctx.heading))
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


def _trafficking_context(ctx: SectionContext) -> bool:
    """Whether "exploitation" here is the exploitation of trafficking: the section says so, or its heading or
    its act's title does ("Human trafficking": "arranges or facilitates the travel of V with a view to V being
    exploited")."""
    return ctx.has("ht") or ctx.has("htref") or ctx.has("htvocab") or ctx.title_ht or about_trafficking(ctx.heading)


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
        if purpose is None and o.exploit is not None and _trafficking_context(ctx):
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
    if found is None and ctx.treaty and ctx.has("treatycrim") and ctx.has("ht") and not ctx.has("buyer"):
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
    if found is None and ctx.treaty and ctx.has("treatycrim") and ctx.has("ht") and not ctx.has("buyer"):
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
        return [replace(found, score=found.score * 0.55)]
    return [found] if found else []


_MOVEMENT = re.compile(r"recruit|entic|harbo|transport|transfer|receiv", re.IGNORECASE)
_NOT_SLAVERY_OFFENCE_BEFORE = re.compile(r"victims?\s+of\s+$", re.IGNORECASE)
_NOT_SLAVERY_OFFENCE_AFTER = re.compile(
    r"-like\b|(?:\s+and\s+(?:human\s+)?trafficking)?\s+(?:prevention|risk|reparation)\s+orders?", re.IGNORECASE
)


_PURPOSE_BEFORE = re.compile(
    r"(?:intent|intending|purposes?|in order|so as|knowing|knows|knew|knowledge)\b[^.;]{0,60}$", re.IGNORECASE
)


@rule
def slavery_forced_labour(ctx: SectionContext) -> list[Candidate]:
    best: Candidate | None = None
    for span in ctx.hits("slavery"):
        if re.search(r"debt|bondage", ctx.text[span[0] : span[1]], re.IGNORECASE):
            continue
        if _NOT_SLAVERY_OFFENCE_BEFORE.search(ctx.text, max(ctx.lo, span[0] - 12), span[0]) or (
            _NOT_SLAVERY_OFFENCE_AFTER.match(ctx.text, span[1])
        ):
            continue  # "a victim of slavery", "a slavery-like offence against section 270.7B", "slavery … prevention order"
        offence = ctx.near("offence", span[0], 700)
        if offence is None or ctx.in_definition(span[0]):
            continue
        act = ctx.near("act", span[0], 300)
        score = 0.8 if not ctx.has("ht") else 0.6
        if act is not None and ctx.has("ht"):
            score = 0.5
        elif act is not None and _MOVEMENT.match(ctx.text, act[0]):
            score = 0.45  # recruited or moved for forced labour: its purpose, not an offence of its own
        if ctx.has("ht") and _PURPOSE_BEFORE.search(ctx.text, max(ctx.lo, span[0] - 80), span[0]):
            score = min(score, 0.45)  # trafficking "with the intent that" the person do forced labour
        found = _cand(
            ctx,
            "crim.slavery-forced-labour",
            score,
            f"offence “{ctx.word(offence)}” of “{ctx.word(span)}”",
            span,
            offence,
        )
        if best is None or found.score > best.score:
            best = found
        if score >= 0.8:
            break
    if best is not None:
        return [best]
    # Coercing labour or services, with no act of recruitment or movement.
    acts = [o.act[0] for o in _offences(ctx)]
    for span in ctx.hits("labourpurpose"):
        means = ctx.near("means", span[0], 200)
        offence = ctx.near("offence", span[0], 300)
        moved = any(abs(a - span[0]) <= 200 for a in acts)
        if means is None or offence is None or moved or ctx.in_definition(span[0]):
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
        about_ht = ctx.has("ht") or ctx.has("slavery") or ctx.has("htref") or ctx.has("sexexp") or ctx.has("htvocab")
        if not (about_ht or ctx.document_ht):
            continue
        offence = ctx.near("offence", doc[0], 900) or ctx.near("treatycrim", doc[0], 900)
        if offence is None:
            continue  # carriers checking passengers' papers: no offence of taking them
        score = 0.85
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
    about = ctx.has("ht") or ctx.has("htref") or ctx.has("sexexp") or ctx.has("traffick") or ctx.title_ht
    if not about or ctx.smuggling_only:
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
    # A child offence that names no means: Criminal Code (Canada) s. 279.011; or its own
    # subsection of an offence whose other subsection lists the means for adults.
    for o in _offences(ctx):
        if o.age is None or o.offence is None or (o.sex is None and o.labour is None and o.exploit is None):
            continue
        if re.search(r"\bminor|\bchild|age", ctx.text[o.age[0] : o.age[1]], re.IGNORECASE) is None:
            continue
        lo, hi = ctx.subsection(o.act[0])
        if not (lo <= o.age[0] < hi):
            lo, hi = o.act[0] - 400, o.act[0] + 400
        if not any(lo <= m[0] < hi for m in ctx.hits("means")):
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
    # An offence of moving a person "with a view to" exploitation that names no means for anyone
    # (Modern Slavery Act 2015 s. 2): no means need be proved for a child either.
    if not ctx.hits("means") and not ctx.hits("age") and _trafficking_context(ctx):
        for o in _offences(ctx):
            if o.offence is None or o.definition or o.exploit is None or o.sex or o.labour:
                continue
            return [
                _cand(
                    ctx,
                    "crim.child-no-means",
                    0.6,
                    f"act “{ctx.word(o.act)}” and purpose “{ctx.word(o.exploit)}” with no means element for anyone",
                    o.act,
                    o.exploit,
                )
            ]
    return []


@rule
def consent_irrelevant(ctx: SectionContext) -> list[Candidate]:
    span = ctx.first("consent")
    if span is None or not (
        ctx.has("ht")
        or ctx.has("htref")
        or ctx.has("sexexp")
        or ctx.has("traffick")
        or ctx.has("slavery")
        or ctx.document_ht
    ):
        return []
    return [_cand(ctx, "crim.consent-irrelevant", 0.85, f"consent is no defence: “{ctx.word(span)}”", span)]


# A penalty that says how heavy it is: a term of years, life, a felony, or a treaty's "severe".
_GRAVE = re.compile(r"years?|life|felony|dissuasive|severe|grave|adequate|stringent", re.IGNORECASE)


@rule
def penalties(ctx: SectionContext) -> list[Candidate]:
    spans = ctx.hits("penalty")

    # "imprisonment from six months to five years": the term's upper end follows the match.
    def grave_of(span: tuple[int, int]) -> re.Match[str] | None:
        return _GRAVE.search(ctx.text, span[0], min(ctx.hi, span[1] + 20))

    grave_first = sorted(spans, key=lambda s: grave_of(s) is None)
    for span in grave_first:
        if ctx.in_definition(span[0]):
            continue
        grave = grave_of(span)
        aggravation = ctx.near("aggravation", span[0], 900)
        score = 0.7 if grave else 0.4
        if aggravation is not None and grave:
            score = 0.8
        if not (_trafficking_context(ctx) or ctx.has("slavery") or ctx.has("sexexp") or ctx.has("sale")):
            score *= 0.7
        if not (_best_offence(ctx, "sex") or _best_offence(ctx, "labour")) and (
            ctx.has("facilitator") or ctx.has("document")
        ):
            score *= 0.6  # the penalty of a related offence, not of trafficking itself
        if not _punishes_trafficking(ctx):
            score *= 0.7  # no trafficking or slavery offence here to punish: a penalty for something else
            if _heading_names(ctx, "prot.privacy-testimony"):
                score *= 0.6  # the offence that enforces a protection (disclosing a victim's identity)
        reason = f"penalty “{ctx.word(span)}”" + (f"; aggravation “{ctx.word(aggravation)}”" if aggravation else "")
        return [_cand(ctx, "crim.penalties", score, reason, span)]
    return []


@dataclass(frozen=True)
class Simple:
    """A rule of the common shape: an ``anchor`` concept with every concept of
    ``need`` within ``window`` characters; each concept of ``boost`` nearby
    adds ``step`` to ``base``. ``duty`` rules need deontic force ("shall")
    outside a definition clause; a concept of ``avoid`` in the anchor's
    clause means the anchor is about something else (a benefit clause inside
    a civil action is not a crime of benefiting)."""

    provision: str
    anchor: str
    need: tuple[str, ...] = ()
    boost: tuple[str, ...] = ()
    base: float = 0.6
    step: float = 0.12
    window: int = _WINDOW
    duty: bool = False
    label: str = ""
    avoid: tuple[str, ...] = ()


# One row per provision whose evidence is one anchor concept and its neighbours:
# provision, anchor, need, boost, base, step[, window][, duty, label, avoid].
# fmt: off
SIMPLE: tuple[Simple, ...] = (
    Simple("crim.attempt-complicity", "attempt", ("offence",), ("ht",), 0.62, 0.1, label="secondary liability", avoid=("civil",)),
    Simple("crim.buyer-liability", "buyer", ("sexpurpose",), ("age", "mistakeage", "ht"), 0.45, 0.13, label="buyer"),
    Simple("crim.facilitator-liability", "facilitator", ("offence",), ("ht", "htref", "sexexp"), 0.55, 0.1, label="benefit or facilitation", avoid=("civil",)),
    Simple("crim.corporate-liability", "corporate", ("corpsanction",), ("offence", "ht"), 0.5, 0.1, 400, label="legal person", avoid=("carrier",)),
    Simple("crim.official-complicity", "official", ("penalty",), ("aggravation", "ht"), 0.5, 0.12, label="public official"),
    # A public official as an aggravating factor, far down a list of them.
    Simple("crim.official-complicity", "official", ("aggravating",), ("penalty", "ht"), 0.6, 0.12, 1200, label="public official"),
    Simple("crim.asset-forfeiture", "forfeiture", (), ("victim", "htref", "ht", "duty"), 0.55, 0.1, label="forfeiture", avoid=("document",)),
    Simple("crim.investigative-tools", "investigative", (), ("htref", "ht"), 0.5, 0.12, label="investigative technique"),
    Simple("crim.extraterritorial", "abroad", ("crimeword",), ("htref", "ht"), 0.45, 0.12, label="jurisdiction abroad"),
    Simple("crim.extraterritorial", "anywhere", ("crimeword",), ("abroad", "ht"), 0.55, 0.12, label="offence wherever committed"),
    Simple("crim.online-platforms", "online", ("facilitator",), ("civil", "sexexp"), 0.5, 0.1, label="online service"),
    Simple("prot.vacatur", "vacatur", ("victim",), ("ht", "compelled"), 0.6, 0.1, label="clearing records"),
    Simple("prot.identification", "identification", ("victim",), ("duty", "ht"), 0.45, 0.12, label="identification"),
    Simple("prot.immigration-relief", "immigration", ("victim",), ("ht", "duty"), 0.45, 0.12, label="immigration status"),
    Simple("prot.restitution", "restitution", ("restorder",), ("duty", "htref", "ht"), 0.5, 0.1, 300, label="restitution"),
    Simple("prot.civil-remedy", "civil", ("victim",), ("ht", "htref"), 0.55, 0.12, label="civil remedy"),
    Simple("prot.compensation-fund", "fund", ("victim",), ("ht",), 0.5, 0.15, label="fund"),
    Simple("prot.privacy-testimony", "privacy", ("victim",), ("duty", "ht"), 0.45, 0.12, label="protection"),
    Simple("prot.child-guardian", "guardian", ("child",), ("victim", "duty"), 0.45, 0.13, label="guardian or advocate"),
    Simple("prot.safe-return", "return", ("victim",), ("duty",), 0.6, 0.12, label="return"),
    Simple("prev.training", "training", ("trainees",), ("duty", "ht"), 0.5, 0.12, 300, duty=True, label="training", avoid=("spending",)),
    Simple("prev.hotline", "hotline", (), ("posting", "ht"), 0.55, 0.13, label="hotline"),
    Simple("prev.awareness", "awareness", (), ("duty", "ht"), 0.45, 0.12, 400, duty=True, label="awareness", avoid=("spending",)),
    Simple("prev.supply-chain-disclosure", "supplychain", (), ("duty", "slavery", "ht"), 0.5, 0.1, label="supply chain"),
    Simple("prev.public-procurement", "procurement", ("procsanction",), ("duty", "ht"), 0.45, 0.1, 500, label="government contracting"),
    Simple("prev.import-ban", "importban", (), ("slavery",), 0.75, 0.1, label="import ban"),
    Simple("prev.trade-conditions", "trade", (), ("slavery", "ht"), 0.5, 0.12, label="trade condition"),
    Simple("prev.labour-inspection", "inspection", (), ("sectors", "slavery", "duty"), 0.4, 0.1, label="inspection"),
    Simple("prev.vulnerable-youth", "youth", (), ("ht", "duty"), 0.5, 0.12, label="children in care"),
    Simple("part.coordinating-body", "body", ("establish",), ("civilsociety", "ht"), 0.5, 0.12, duty=True, label="coordinating body", avoid=("fundadmin",)),
    Simple("part.action-plan", "plan", (), ("duty", "ht"), 0.45, 0.12, duty=True, label="plan"),
    Simple("part.rapporteur", "rapporteur", ("legislature",), ("ht",), 0.45, 0.12, label="monitoring"),
    Simple("part.survivor-voice", "survivor", ("advisory",), ("body", "duty"), 0.4, 0.13, 400, label="survivors"),
    Simple("part.data-collection", "data", (), ("duty", "ht", "legislature"), 0.4, 0.1, duty=True, label="data"),
    Simple("part.dedicated-funding", "funding", (), ("duty", "ht", "victim"), 0.4, 0.1, label="funding", avoid=("fineamount",)),
    Simple("part.international-cooperation", "cooperation", (), ("duty", "ht"), 0.5, 0.12, label="cooperation"),
    Simple("part.local-taskforces", "localtf", (), ("ht", "duty"), 0.55, 0.12, label="local task force"),
)
# fmt: on

# A section longer than this is a chapter-sized run of subsections (22 U.S.C.
# 7105 is 24,000 characters): a concept mentioned in passing there is weak
# evidence unless it is the subject of an operative clause.
_LONG = 5000


ELEMENT_LABELS = {
    "advisory": "advisory body",
    "corpsanction": "liability of a legal person",
    "crimeword": "crime",
    "establish": "body established",
    "facilitator": "facilitation",
    "legislature": "report to the legislature",
    "procsanction": "sanction in procurement",
    "restorder": "order to pay",
    "sexpurpose": "sexual purpose",
    "trainees": "people trained",
}
"""Readable names of the elements a reason cites; the others are plain words already."""


def _simple(spec: Simple) -> Rule:
    def check(ctx: SectionContext) -> list[Candidate]:
        if ctx.smuggling_only:
            return []
        best: Candidate | None = None
        for span in ctx.hits(spec.anchor):
            needed = [ctx.near(n, span[0], spec.window) or ctx.lead_in(n, span[0]) for n in spec.need]
            if any(n is None for n in needed):
                continue
            if spec.avoid and any(ctx.in_clause(a, span[0]) for a in spec.avoid):
                continue
            score = spec.base + spec.step * sum(1 for b in spec.boost if ctx.near(b, span[0], spec.window) is not None)
            reason = f"{spec.label or spec.anchor} “{ctx.word(span)}”"
            extra = [f"{ELEMENT_LABELS.get(n, n)} “{ctx.word(s)}”" for n, s in zip(spec.need, needed, strict=True)]
            if spec.duty:
                force = ctx.near("duty", span[0], 300)
                if force is None:
                    score *= 0.5
                else:
                    extra.append(f"duty “{ctx.word(force)}”")
            if ctx.in_definition(span[0]):
                score *= 0.45 if spec.duty else 0.5
                extra.append("but in a definition")
            if ctx.long and not ctx.operative(span[0], spec.provision, spec.anchor):
                score *= 0.6
                extra.append("mentioned in passing")
            if extra:
                reason += "; " + "; ".join(extra)
            candidate = _cand(ctx, spec.provision, score, reason, span, *needed)
            if best is None or candidate.score > best.score:
                best = candidate
        return [best] if best else []

    check.__name__ = spec.provision.replace(".", "_").replace("-", "_")
    RULES.append(check)
    return check


for _spec in SIMPLE:
    _simple(_spec)


_REPORTING = re.compile(r"\breports?\b|\bregistry\b|\bpublish\w*|sections? 1[13]\b", re.IGNORECASE)
_GOVERNMENT_DUTY = re.compile(
    r"(?:government institutions?|public bod(?:y|ies)|contracting authorit\w+)[^.;]{0,80}\b(?:must|shall)\b",
    re.IGNORECASE,
)
_ENTITY_DUTY = re.compile(
    r"entit(?:y|ies)[^.;]{0,80}\b(?:must|shall)\b|\boffen[cs]e\b|\bmay[^.;]{0,40}\border|\bregistry\b", re.IGNORECASE
)


@rule
def disclosure_regime(ctx: SectionContext) -> list[Candidate]:
    """Inside a supply-chain disclosure act, the sections that make the
    disclosure happen: the duty to report, to publish, the registry, orders
    and offences for not reporting. A report required of government
    institutions about what they buy is public procurement."""
    if not ctx.title or CONCEPTS["supplychain"].search(ctx.title) is None:
        return []
    report = _REPORTING.search(ctx.text, ctx.lo, ctx.hi)
    if report is None or ctx.in_definition(report.start()):
        return []
    # Who must act decides: a government institution reporting on what it buys,
    # or an entity that must disclose (or is ordered, or commits an offence).
    government = _GOVERNMENT_DUTY.search(ctx.text, ctx.lo, ctx.hi)
    entity = _ENTITY_DUTY.search(ctx.text, ctx.lo, ctx.hi)
    force = government or entity
    if force is None:
        return []
    provision = "prev.public-procurement" if government else "prev.supply-chain-disclosure"
    reason = f"in a supply-chain act “{ctx.title[:50]}”: “{ctx.word(report.span())}”; “{ctx.word(force.span())}”"
    return [Candidate(provision, *_span(report.span(), force.span()), 0.6, reason)]


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


# Headings of sections that state no rule: purposes, findings, scope and the
# final clauses of treaties. Definitions can still drop the means element for
# children or make consent irrelevant (Palermo art. 3(b)-(c)), nothing else.
_NOT_OPERATIVE = re.compile(
    r"^\W*(?:(?:statement of )?purposes?\b|findings|scope\b|short title|application\b|rules? of construction|effective date"
    r"|entry into force|signature|ratification|amendments?\b|denunciation|depositary|settlement of disputes|reservations?\b"
    r"|relation(?:ship)? (?:with|to)|saving clause|non-discrimination|binding on|regulations\b|review\b|gender equality"
    r"|previous convictions|report by|accountability|presidential award|simplified outline|outline of this)",
    re.IGNORECASE,
)
_DEFINITIONS = re.compile(r"^\W*(?:definitions?|interpretation|use of terms|meaning of)\b", re.IGNORECASE)
_IN_DEFINITIONS = frozenset({"crim.child-no-means", "crim.consent-irrelevant"})

# A section heading that names a provision: drafters title sections after the
# rule they state, in every tradition, so the heading is the best single
# witness of what the section is about. Each row: heading words, provision.
HEADING_CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), provision)
    for pattern, provision in (
        (
            r"^(?!.*(?:non-?punish|\borders?\b)).*(?:(?<!civil )penalt|punish|sentenc|aggravat|\bsanctions)",
            "crim.penalties",
        ),
        (
            r"\bcorporate|legal persons?|business entit|offen[cs]es? by (?:companies|firms|bodies corporate|corporations)",
            "crim.corporate-liability",
        ),
        (r"forfeit|confiscat", "crim.asset-forfeiture"),
        (r"\battempt|aiding|abetting|conspira|accomplice", "crim.attempt-complicity"),
        (
            r"^\W*jurisdiction|extra-?territorial|additional jurisdiction|committed (?:abroad|outside)",
            "crim.extraterritorial",
        ),
        (r"benefit\w*,? financially|material benefit", "crim.facilitator-liability"),
        (r"use of (?:the )?services of a victim|patroni[sz]|purchas\w+ (?:of )?sex", "crim.buyer-liability"),
        (
            r"(?:withhold|destroy|retain|confiscat|unlawful conduct|acts relating)\w*[^.]{0,40}documents",
            "crim.debt-bondage",
        ),
        (r"civil (?:action|remedy|remedies|suit|liability)|right of action|legal redress", "prot.civil-remedy"),
        (
            r"restitution|compensation and legal redress|^\W*compensation (?:to|of|for) (?:the )?victims?\W*$",
            "prot.restitution",
        ),
        (
            r"compensation (?:fund|scheme|program)|victims?'? compensation|compensation and legal redress",
            "prot.compensation-fund",
        ),
        (
            r"non-?punishment|not (?:be )?(?:punish|prosecut|criminally liable)|victims? not liable|immunity|affirmative defen"
            r"|defen[cs]e for (?:slavery|trafficking|victims)",
            "prot.non-punishment",
        ),
        (
            r"identification of (?:the )?victims|identifying (?:and supporting )?victims|screening",
            "prot.identification",
        ),
        (r"public official|abuse of (?:a )?public position|official complicity", "crim.official-complicity"),
        (
            r"assistance (?:to|for) victims|victim (?:services|assistance)|services (?:for|to) victims|support (?:and|for) (?:protection of )?victims"
            r"|support and assistance",
            "prot.victim-services",
        ),
        (r"residence permit|reflection period|status of victims|continued presence", "prot.immigration-relief"),
        (r"repatriation|return of victims", "prot.safe-return"),
        (
            r"private life|privacy|confidentiality|(?<!support and )protection of (?:victims|witnesses)|court proceedings|opinion evidence",
            "prot.privacy-testimony",
        ),
        (r"guardian|child trafficking advocates?", "prot.child-guardian"),
        (r"vacat|expunge", "prot.vacatur"),
        (r"training", "prev.training"),
        (r"hotline", "prev.hotline"),
        (r"awareness|public information|discourage the demand|prevention of trafficking", "prev.awareness"),
        (r"supply chain|due diligence", "prev.supply-chain-disclosure"),
        (r"procurement|compliance plan|contractors?|grantees", "prev.public-procurement"),
        (r"task force|co-?ordinating bod|co-?ordination", "part.coordinating-body"),
        (r"action plan|national plan|(?:trafficking|slavery|exploitation) (?:and \w+ )?strategy", "part.action-plan"),
        (
            r"rapporteur|independent monitor|equivalent mechanism|anti-?slavery commissioner|(?:functions|powers|reports?) of (?:the )?commissioner",
            "part.rapporteur",
        ),
        (r"data collection|research|statistic", "part.data-collection"),
        (r"appropriation|\bfunding\b", "part.dedicated-funding"),
        (
            r"international co-?operation|mutual (?:legal )?assistance|extradition|information exchange|exchange of information"
            r"|validity of documents|missing persons|^\W*information\W*$",
            "part.international-cooperation",
        ),
        (r"criminali[sz]ation of trafficking|^\W*criminali[sz]ation\W*$", "crim.sex-trafficking"),
        (r"criminali[sz]ation of trafficking|^\W*criminali[sz]ation\W*$", "crim.labour-trafficking"),
    )
)


def _heading_names(ctx: SectionContext, provision: str) -> bool:
    """Whether the section's heading is one of ``provision``'s heading cues."""
    return any(p.search(ctx.heading) for p, prov in HEADING_CUES if prov == provision)


def _punishes_trafficking(ctx: SectionContext) -> bool:
    """Whether the section creates a trafficking or slavery offence, whose penalty a heading's "penalties" names."""
    generic = _trafficking_context(ctx)  # "for the purpose of exploiting them" under a heading naming trafficking
    return ctx.has("slavery") or any(
        o.offence and (o.sex or o.labour or (generic and o.exploit)) for o in _offences(ctx)
    )


def _heading_cues(ctx: SectionContext, found: dict[str, Candidate]) -> None:
    """Raise the candidates the section's heading names; add one where the
    rules found nothing but the body has operative force."""
    if not ctx.heading or ctx.ht_level < 0.75:
        return  # a heading in a section only its neighbours tie to trafficking says nothing of trafficking
    force = CONCEPTS["duty"].search(ctx.text, ctx.lo, ctx.hi) or CONCEPTS["offence"].search(ctx.text, ctx.lo, ctx.hi)
    for pattern, provision in HEADING_CUES:
        if not pattern.search(ctx.heading):
            continue
        if provision == "crim.penalties" and not (
            ctx.title_ht or ctx.has("htref") or about_trafficking(ctx.heading) or _punishes_trafficking(ctx)
        ):
            continue  # "…; penalties" over a prostitution or neighbouring offence: not the penalty of trafficking
        reason = f"heading “{ctx.heading[:60]}”"
        old = found.get(provision)
        if old is not None:
            score = min(1.0, max(old.score, 0.45) + 0.3)
            found[provision] = Candidate(provision, old.start, old.end, score, f"{old.reason}; {reason}", "heading")
        elif force is not None:
            lo, hi = ctx.clause(force.start())
            found[provision] = Candidate(provision, lo, hi, 0.5, reason, "heading only")


# A section of this length that is not itself about trafficking (its heading
# and its act's title say nothing of it) touches trafficking in one of its
# clauses; a duty found more than _NEAR_HT characters from every mention of
# trafficking belongs to its other business (a department's list of powers).
_MIXED = 1000
_NEAR_HT = 300
_HT_CUES = ("ht", "htref", "traffick", "sexexp", "htvocab", "slavery")


def _far_from_trafficking(ctx: SectionContext, found: dict[str, Candidate]) -> None:
    """Weaken the protection, prevention and partnership candidates of a long
    mixed section that lie far from every mention of trafficking (offences
    have their own elements and are left alone)."""
    if ctx.hi - ctx.lo < _MIXED or ctx.title_ht or about_trafficking(ctx.heading):
        return
    for key, c in list(found.items()):
        if key.startswith("crim.") or any(ctx.near(n, c.start, _NEAR_HT) for n in _HT_CUES):
            continue
        found[key] = replace(c, score=c.score * 0.5, reason=c.reason + "; far from any mention of trafficking")


def find_candidates(ctx: SectionContext) -> list[Candidate]:
    """Every rule's best candidate for the section, highest score first."""
    if not GATE.search(ctx.text, ctx.lo, ctx.hi) and not ctx.document_ht:
        return []
    body = ctx.text[ctx.lo : ctx.hi]
    if len(body.strip()) < 40 or _NOT_OPERATIVE.search(ctx.heading):
        return []  # "[Not funded]": a heading with no law under it
    if ctx.ht_level <= 0:
        return []
    found: dict[str, Candidate] = {}
    for check in RULES:
        for c in check(ctx):
            if c.provision not in found or c.score > found[c.provision].score:
                found[c.provision] = c
    if ctx.title and CONCEPTS["supplychain"].search(ctx.title) and not (ctx.has("ht") or ctx.has("htref")):
        # The offences of a disclosure act are offences of not reporting, not of trafficking.
        found = {k: v for k, v in found.items() if not k.startswith("crim.")}
    _far_from_trafficking(ctx, found)
    if ctx.long:
        for key, c in found.items():
            if "in passing" not in c.reason and not ctx.operative(c.start, c.provision):
                found[key] = replace(c, score=c.score * 0.6, reason=c.reason + "; mentioned in passing")
    _heading_cues(ctx, found)
    if _DEFINITIONS.search(ctx.heading):
        found = {k: v for k, v in found.items() if k in _IN_DEFINITIONS}
    return sorted((c for c in found.values() if c.score > 0.05), key=lambda c: -c.score)
