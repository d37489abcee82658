"""A report card as it would be if some provisions were met: today's card beside the what-if.

The arithmetic is `fourthp.lib.scoring.what_if`; this module lays it out per pillar and explains the
change in the reader's language. A what-if is a hypothesis, never a finding: nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fourthp.assessments.queries import ProvisionRow, ReportCard
from fourthp.frameworks.models import Pillar, Provision
from fourthp.lib.scoring import Item, KeyedItem, Score, WhatIf, what_if

# How many provision ids one what-if reads from an address: the framework has fewer.
MAX_WHAT_IF_IDS = 200


@dataclass
class WhatIfRowView:
    row: ProvisionRow
    after: str
    assumed: str

    @property
    def provision(self) -> Provision:
        return self.row.provision

    @property
    def before(self) -> str:
        return self.row.status

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class PillarWhatIf:
    pillar: Pillar
    before: Score
    after: Score
    rows: list[WhatIfRowView]

    @property
    def changed(self) -> bool:
        return self.before.score != self.after.score or self.before.grade != self.after.grade


@dataclass
class WhatIfCard:
    card: ReportCard
    result: WhatIf
    pillars: list[PillarWhatIf]
    explanations: list[str]
    unknown_ids: list[str] = field(default_factory=list)
    """Ids asked for that name no provision of the card's framework version."""
    not_applicable: list[Provision] = field(default_factory=list)
    """Provisions asked for that do not apply at the jurisdiction's level."""
    not_scored: list[Provision] = field(default_factory=list)

    @property
    def changed_rows(self) -> list[WhatIfRowView]:
        return [row for pillar in self.pillars for row in pillar.rows if row.changed]


def parse_provision_ids(values: Iterable[str]) -> list[str]:
    """Provision ids from `?provisions=a,b` or repeated `?provisions=a&provisions=b`, each once, in order."""
    ids: list[str] = []
    for value in values:
        for part in value.split(","):
            slug = part.strip()
            if slug and slug not in ids:
                ids.append(slug)
    return ids[:MAX_WHAT_IF_IDS]


def _score_text(score: Score) -> str:
    return "—" if score.score is None else str(score.score)


def _grade_text(score: Score) -> str:
    return score.grade or _("no grade")


def _names(provisions: Iterable[Provision]) -> str:
    return "; ".join(f"{p.local('title')} ({p.slug})" for p in provisions)


def _explain(card: WhatIfCard) -> list[str]:
    result = card.result
    before, after = result.overall_before, result.overall_after
    lines = []
    if result.grade_changed and not before.grade:
        lines.append(
            _(
                "No grade today, as too few provisions are assessed; grade %(after)s if enacted, "
                "score %(score_before)s → %(score_after)s of 100."
            )
            % {"after": _grade_text(after), "score_before": _score_text(before), "score_after": _score_text(after)}
        )
    elif result.grade_changed:
        lines.append(
            _("Grade %(before)s → %(after)s, score %(score_before)s → %(score_after)s of 100.")
            % {
                "before": _grade_text(before),
                "after": _grade_text(after),
                "score_before": _score_text(before),
                "score_after": _score_text(after),
            }
        )
    else:
        lines.append(
            _("The grade stays %(grade)s; score %(score_before)s → %(score_after)s of 100.")
            % {"grade": _grade_text(after), "score_before": _score_text(before), "score_after": _score_text(after)}
        )
    if after.assessed > before.assessed:
        lines.append(
            _("Provisions assessed: %(before)s → %(after)s of %(applicable)s.")
            % {"before": before.assessed, "after": after.assessed, "applicable": after.applicable}
        )
    by_slug = {row.provision.slug: row.provision for row in card.card.rows}
    for (was, will), slugs in result.moves().items():
        provisions = [by_slug[slug] for slug in slugs]
        n, names = len(provisions), _names(provisions)
        if (was, will) == ("absent", "full"):
            text = ngettext(
                "%(n)s provision absent today would be met in full: %(names)s.",
                "%(n)s provisions absent today would be met in full: %(names)s.",
                n,
            )
        elif (was, will) == ("partial", "full"):
            text = ngettext(
                "%(n)s provision met in part today would be met in full: %(names)s.",
                "%(n)s provisions met in part today would be met in full: %(names)s.",
                n,
            )
        elif (was, will) == ("unknown", "full"):
            text = ngettext(
                "%(n)s provision not assessed today would be met in full: %(names)s.",
                "%(n)s provisions not assessed today would be met in full: %(names)s.",
                n,
            )
        else:
            text = ngettext(
                "%(n)s provision absent today would be met in part: %(names)s.",
                "%(n)s provisions absent today would be met in part: %(names)s.",
                n,
            )
        lines.append(text % {"n": n, "names": names})
    for pillar in card.pillars:
        if pillar.changed:
            lines.append(
                _("Pillar %(pillar)s: %(before)s → %(after)s.")
                % {
                    "pillar": pillar.pillar.local("title"),
                    "before": _score_text(pillar.before),
                    "after": _score_text(pillar.after),
                }
            )
    if card.not_scored:
        lines.append(
            _(
                "Not assessed today and met only in part, so left out of the score (today's law may already do "
                "more): %(names)s."
            )
            % {"names": _names(card.not_scored)}
        )
    if not result.changed:
        lines.append(_("Nothing would change: each provision chosen is already met as well or better today."))
    return lines


def get_what_if(card: ReportCard, full: Iterable[str], partial: Iterable[str] = ()) -> WhatIfCard:
    """`card` beside itself with the provisions `full` (ids) met in full and `partial` met in part."""
    full, partial = list(full), list(partial)
    keyed = [
        KeyedItem(row.provision.slug, Item(p.pillar.slug, row.provision.weight, row.status))
        for p in card.pillars
        for row in p.rows
    ]
    result = what_if(keyed, full, partial)
    after = {row.key: row for row in result.rows}
    scores = {group: (before, later) for group, before, later in result.groups}
    pillars = []
    for pillar_card in card.pillars:
        before, later = scores.get(pillar_card.pillar.slug, (pillar_card.score, pillar_card.score))
        rows = [
            WhatIfRowView(row, after[row.provision.slug].after, after[row.provision.slug].assumed)
            for row in pillar_card.rows
        ]
        pillars.append(PillarWhatIf(pillar_card.pillar, before, later, rows))
    not_applicable = {p.slug: p for p in card.not_applicable}
    by_slug = {row.provision.slug: row.provision for row in card.rows}
    what = WhatIfCard(
        card=card,
        result=result,
        pillars=pillars,
        explanations=[],
        unknown_ids=[slug for slug in result.not_applicable if slug not in not_applicable],
        not_applicable=[not_applicable[slug] for slug in result.not_applicable if slug in not_applicable],
        not_scored=[by_slug[slug] for slug in result.not_scored],
    )
    what.explanations = _explain(what)
    return what


def gap_choices(card: ReportCard) -> list[tuple[Pillar, list[ProvisionRow]]]:
    """The provisions a visitor may assume met, by pillar: absent first, then partial, then unknown.

    Provisions already in full are left out: assuming them met changes nothing."""
    order = {"absent": 0, "partial": 1, "unknown": 2}
    return [
        (
            p.pillar,
            sorted(
                (row for row in p.rows if row.status != "full"),
                key=lambda row: (order.get(row.status, 3), row.provision.order),
            ),
        )
        for p in card.pillars
    ]
