"""Briefs rendered with their citations as numbered footnotes, read from the registry and the atlas when shown.

`[[stat:<key>]]` becomes a footnote giving the figure with its source; a superseded figure gives the newest
estimate instead, with a note that the text cited an older one; an unsourced figure is never shown, by value or
otherwise (the footnote says a figure was left out). `[[section:<key>]]` becomes a footnote with the section's
citation and a link to it. Each reference gets one number, however often it is cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from fourthp.laws.models import Section
from fourthp.lib.contentcheck import CITATION
from fourthp.lib.markup import render_markdown
from fourthp.statistics.models import Statistic

_MARK = re.compile(r"⟦(\d{1,4})⟧")


@dataclass(frozen=True)
class Footnote:
    number: int
    kind: str  # stat or section
    key: str
    text: str
    url: str
    note: str
    statistic_id: int | None = None


@dataclass(frozen=True)
class Rendered:
    html: SafeString
    footnotes: list[Footnote]


def _figure_text(s: Statistic) -> str:
    value = number_format(s.shown_value, force_grouping=True) if s.shown_value is not None else ""
    parts = [f"{s.measure}: {value} {s.unit}".strip()]
    if s.period:
        parts[0] += f" ({s.period})"
    where = ", ".join(x for x in (s.source, s.publisher, s.published_label) if x)
    return ". ".join([parts[0], where]) + "."


def _stat_footnote(number: int, key: str, found: Statistic | None) -> Footnote:
    if found is None or not found.is_public:
        # Whether it is missing or unsourced, nothing of it is shown.
        return Footnote(
            number, "stat", key, _("A figure was cited here that has no traceable source; it is not shown."), "", ""
        )
    newest = found.newest_successor()
    if newest is not None:
        return Footnote(
            number,
            "stat",
            key,
            _figure_text(newest),
            newest.get_absolute_url(),
            _(
                "The text cited an earlier estimate (%(old)s, %(period)s); this is the newest estimate of the same measure."
            )
            % {"old": found.key, "period": found.period or "—"},
            newest.pk,
        )
    return Footnote(number, "stat", key, _figure_text(found), found.get_absolute_url(), "", found.pk)


def _section_footnote(number: int, key: str, found: Section | None) -> Footnote:
    if found is None:
        return Footnote(
            number, "section", key, _("A section of law was cited here that the atlas does not hold."), "", ""
        )
    text = found.citation + (f" — {found.heading}" if found.heading else "")
    return Footnote(number, "section", key, text, found.get_absolute_url(), "")


def _sections(keys: set[str]) -> dict[str, Section]:
    by_key = {s.key: s for s in Section.objects.filter(key__in=keys, is_current=True)}
    ids = {int(k) for k in keys if k.isdigit() and len(k) < 12}
    by_key.update({str(s.pk): s for s in Section.objects.filter(pk__in=ids)})
    return by_key


def render_with_footnotes(body: str) -> Rendered:
    """The body as safe HTML with numbered footnote marks, and its footnotes in order."""
    body = (body or "").replace("⟦", "").replace("⟧", "")
    matches = list(CITATION.finditer(body))
    stats = {
        s.key: s
        for s in Statistic.objects.filter(key__in={m.group(2) for m in matches if m.group(1) == "stat"}).select_related(
            "superseded_by"
        )
    }
    sections = _sections({m.group(2) for m in matches if m.group(1) == "section"})
    numbers: dict[tuple[str, str], int] = {}
    footnotes: list[Footnote] = []

    def replace(m: re.Match[str]) -> str:
        ref = (m.group(1), m.group(2))
        if ref not in numbers:
            number = numbers[ref] = len(numbers) + 1
            if ref[0] == "stat":
                footnotes.append(_stat_footnote(number, ref[1], stats.get(ref[1])))
            else:
                footnotes.append(_section_footnote(number, ref[1], sections.get(ref[1])))
        return f"⟦{numbers[ref]}⟧"

    html = render_markdown(CITATION.sub(replace, body))
    marked: set[str] = set()

    def mark(m: re.Match[str]) -> str:
        number = m.group(1)
        anchor = "" if number in marked else f' id="fnref-{number}"'
        marked.add(number)
        return f'<sup class="footnote-ref"><a href="#fn-{number}"{anchor}>{number}</a></sup>'

    html = _MARK.sub(mark, html)
    return Rendered(mark_safe(html), footnotes)  # noqa: S308 - render_markdown cleaned it; the marks are digits only
