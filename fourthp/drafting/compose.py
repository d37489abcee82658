"""The drafting assistant's composer: chosen model texts and a jurisdiction in, one `ComposedBill` out.

Pure Python (no Django): the pages and the API gather the chosen model texts, today's report card status of
each provision and the peers that enacted it, and call `compose()`. The bill has a title, a short title
(section 1), the defined terms of every chosen text merged in one definitions section (section 2, when any term
is defined), one section per chosen provision in framework order, and a commencement clause last. Every
placeholder is filled with the jurisdiction's own names and the options chosen; every `{{ref:provision-id}}` reads
"section N" (or "article N" in civil law) when that provision is in the bill, else "[provision-id]" and a note
says it is not in this bill. The notes are in English, as the bill is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from fourthp.drafting.bill import (
    BillSection,
    ComposedBill,
    Definition,
    MemorandumEntry,
    Peer,
    SectionKind,
)
from fourthp.drafting.text import (
    CIVIL_PENALTY_STYLES,
    PENALTY_RANGES,
    PENALTY_STYLES,
    REF,
    DefinedTerm,
    Option,
    fill,
    names_for,
)

CIVIL_LAW = "civil_law"

# The model texts' own wording of a maximum term, rewritten in a jurisdiction's style where it has one.
MODEL_PENALTY = re.compile(r"is liable on conviction to imprisonment for a term not exceeding (\S+) years")
MODEL_CIVIL_PENALTY = re.compile(r"shall be punished by imprisonment of up to (\S+) years")

EXPLANATIONS = {
    "absent": "The report card finds nothing in the law of {name} that meets this provision.",
    "partial": "The report card finds the law of {name} meets this provision only in part.",
    "unknown": "The report card has no published finding on this provision for {name} yet.",
    "full": "The report card finds the law of {name} already meets this provision; this section restates it.",
}


@dataclass(frozen=True)
class ChosenText:
    """One model text chosen for the bill: the variant for the bill's tradition and level, unfilled."""

    provision_id: str  # the framework provision's id, e.g. "crim.sex-trafficking"
    provision_title: str
    slug: str  # the model provision's slug
    version: int  # its published version's number
    heading: str
    text: str  # Markdown with placeholders
    options: tuple[Option, ...] = ()
    defined_terms: tuple[DefinedTerm, ...] = ()
    order: tuple[int, ...] = (0,)  # framework order: (pillar order, provision order)
    status: str = "unknown"  # today's report card status: absent, partial, unknown or full
    peers: tuple[Peer, ...] = ()


@dataclass(frozen=True)
class Composed:
    bill: ComposedBill
    notes: list[str] = field(default_factory=list)  # what a drafter should check: conflicts, dangling references


def _unit(tradition: str) -> str:
    return "article" if tradition == CIVIL_LAW else "section"


def _act(tradition: str) -> str:
    return "Law" if tradition == CIVIL_LAW else "Act"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def bill_title(jurisdiction_name: str, headings: Sequence[str], tradition: str) -> str:
    """ "A Bill for an Act to ...": what it does, naming the matters when there are few."""
    act = _act(tradition)
    what = f"A Bill for an {act} to strengthen the law of {jurisdiction_name} against trafficking in persons"
    if not headings:
        return what
    if len(headings) <= 3:
        return f"{what}, and to provide for {_join([h[:1].lower() + h[1:] for h in headings])}"
    return f"{what}, and for related matters"


def merge_definitions(texts: Sequence[ChosenText]) -> tuple[list[Definition], list[str]]:
    """The defined terms of all texts, each once, alphabetical; a term defined differently keeps its first
    definition, and a note says so."""
    kept: dict[str, tuple[Definition, str]] = {}
    notes: list[str] = []
    for chosen in texts:
        for term in chosen.defined_terms:
            key = term.term.strip().lower()
            if key not in kept:
                kept[key] = (Definition(term.term.strip(), term.definition.strip()), chosen.slug)
                continue
            first, source = kept[key]
            if first.definition.rstrip(" .;").lower() != term.definition.strip().rstrip(" .;").lower():
                notes.append(
                    f'The term "{first.term}" is defined differently by {source} and {chosen.slug}; '
                    f"the definition of {source} is kept."
                )
    return sorted((d for d, _ in kept.values()), key=lambda d: d.term.lower()), notes


def _definitions_text(definitions: Sequence[Definition], tradition: str) -> str:
    act = _act(tradition)
    lines = [f"In this {act}:"]
    for number, item in enumerate(definitions, start=1):
        end = "." if number == len(definitions) else ";"
        lines.append(f'"{item.term}" means {item.definition.rstrip(" .;")}{end}')
    return "\n\n".join(lines)


def commencement_text(code: str, tradition: str, level: str) -> str:
    act = _act(tradition)
    if tradition == CIVIL_LAW:
        return (
            f"This {act} enters into force on the first day of the sixth month following its publication "
            "in the official journal."
        )
    if code.upper() == "CA":
        return (
            f"This {act} comes into force on the day that is six months after the day on which it receives "
            "royal assent."
        )
    return f"This {act} comes into force on the day that is six months after the day on which it is enacted."


def _penalty_style(text: str, code: str, tradition: str) -> str:
    civil = tradition == CIVIL_LAW
    style = (CIVIL_PENALTY_STYLES if civil else PENALTY_STYLES).get(code.upper())
    if not style:
        return text
    return (MODEL_CIVIL_PENALTY if civil else MODEL_PENALTY).sub(lambda m: style.format(years=m.group(1)), text)


def compose(
    texts: Sequence[ChosenText],
    *,
    jurisdiction_code: str,
    jurisdiction_name: str,
    tradition: str,
    level: str,
    framework: str,
    composed_on: str,
    legislature: str = "",
    options: Mapping[str, Mapping[str, str]] | None = None,
) -> Composed:
    """The bill composed from `texts` for the jurisdiction, with the options chosen (model slug → name → value;
    a value not offered falls back to the option's default)."""
    chosen = sorted(texts, key=lambda t: (t.order, t.provision_id))
    unit = _unit(tradition)
    prefix = "art" if tradition == CIVIL_LAW else "sec"
    act = _act(tradition)
    year = composed_on[:4]
    names = names_for(jurisdiction_code, jurisdiction_name, level, legislature)
    notes: list[str] = []

    definitions, conflicts = merge_definitions(chosen)
    notes += conflicts
    first_provision = 3 if definitions else 2
    numbers = {t.provision_id: str(first_provision + i) for i, t in enumerate(chosen)}

    short_title = f"Trafficking in Persons (Amendment) {act} {year}"
    sections: list[BillSection] = [
        BillSection(
            number="1",
            eid=f"{prefix}_1",
            kind=SectionKind.SHORT_TITLE,
            heading="Short title",
            text=f"This {act} may be cited as the {short_title}.",
        )
    ]
    if definitions:
        sections.append(
            BillSection(
                number="2",
                eid=f"{prefix}_2",
                kind=SectionKind.DEFINITIONS,
                heading="Definitions",
                text=_definitions_text(definitions, tradition),
                definitions=tuple(definitions),
            )
        )

    picked: dict[str, dict[str, str]] = {}
    memorandum: list[MemorandumEntry] = []
    for item in chosen:
        number = numbers[item.provision_id]
        wanted = (options or {}).get(item.slug, {})
        values = {o.name: (wanted.get(o.name) if wanted.get(o.name) in o.values else o.default) for o in item.options}
        picked[item.slug] = {k: str(v) for k, v in values.items()}

        def ref(match: re.Match[str], source: str = item.slug) -> str:
            target = match.group(1)
            if target in numbers:
                return f"{unit} {numbers[target]}"
            notes.append(f"{source} refers to {target}, which is not in this bill.")
            return f"[{target}]"

        resolved = REF.sub(ref, item.text)
        text = fill(resolved, level=level, options=item.options, chosen=picked[item.slug], names=names)
        styled = _penalty_style(text, jurisdiction_code, tradition)
        if styled != text and tradition == CIVIL_LAW and jurisdiction_code.upper() in PENALTY_RANGES:
            notes.append(
                f"{item.slug}: the code of {jurisdiction_name or jurisdiction_code} gives each term of "
                "imprisonment as a range; add the minimum term."
            )
        text = styled
        heading = fill(item.heading, level=level, options=item.options, chosen=picked[item.slug], names=names)
        sections.append(
            BillSection(
                number=number,
                eid=f"{prefix}_{number}",
                kind=SectionKind.PROVISION,
                heading=heading,
                text=text.strip(),
                provision_id=item.provision_id,
                model_slug=item.slug,
                model_version=item.version,
            )
        )
        memorandum.append(
            MemorandumEntry(
                section_number=number,
                section_heading=heading,
                provision_id=item.provision_id,
                provision_title=item.provision_title,
                explanation=EXPLANATIONS.get(item.status, EXPLANATIONS["unknown"]).format(name=jurisdiction_name),
                peers=tuple(p for p in item.peers if p.jurisdiction_code != jurisdiction_code),
            )
        )

    last = str(len(sections) + 1)
    sections.append(
        BillSection(
            number=last,
            eid=f"{prefix}_{last}",
            kind=SectionKind.COMMENCEMENT,
            heading="Commencement" if tradition != CIVIL_LAW else "Entry into force",
            text=commencement_text(jurisdiction_code, tradition, level),
        )
    )
    bill = ComposedBill(
        title=bill_title(
            jurisdiction_name, [s.heading for s in sections if s.kind == SectionKind.PROVISION], tradition
        ),
        short_title=short_title,
        jurisdiction_code=jurisdiction_code,
        jurisdiction_name=jurisdiction_name,
        tradition=tradition,
        level=level,
        framework=framework,
        composed_on=composed_on,
        sections=tuple(sections),
        memorandum=tuple(memorandum),
        options=picked,
    )
    return Composed(bill, list(dict.fromkeys(notes)))
