"""Which sections of a law are machinery rather than substance, so search can rank them last.

A section is boilerplate when it only names the law, starts it, amends or
repeals other law, carries over old cases, or defines a word by pointing at
another provision. Search still finds such sections; it lists them after the
substantive ones that match as well (fourthp.laws.queries.search_sections).

The heuristic, checked in order:

1. The heading names the machinery ("Short title", "Coming into force",
   "Repeal", "Consequential amendments", "Transitional provisions"), in
   English, Spanish, French, Romanian, Hungarian or Ukrainian.
2. The text is a repeal placeholder: it starts "[Repealed" or its equivalent.
3. Its opening (``OPENING`` characters) announces that another law "is
   amended as follows" ("se modifică şi se completează după cum urmează"):
   the amended text it carries belongs to that other law.
4. The text is short (``SHORT`` characters at most) and says only that the
   law is cited as, comes into force, is amended or repealed, or that a word
   has the meaning given elsewhere.

A heading is machinery only when each of its parts (split at ";") is: "Rules
of construction; effective date" also says something of substance.

A long section is never boilerplate by its text alone: a definitions section
that defines forced labour at length is substance, whatever else it says.
"""

from __future__ import annotations

import re

# Sections longer than this are not judged by what short machinery sections say.
SHORT = 400
# How far into the text an announcement of amendments is looked for.
OPENING = 400

_HEADING = re.compile(
    r"|".join(
        (
            # English
            r"\bshort title\b",
            r"\bcitation of (?:this )?act\b",
            r"\bcommencement\b",
            r"\bcoming into force\b",
            r"\bentry into force\b",
            r"\beffective date\b",
            r"\brepeal(?:s|ed)?\b",
            r"\b(?:consequential |related |conforming )?amendments?\b",
            r"\btransitional (?:provisions?|arrangements?)\b",
            # Spanish
            r"\bt[ií]tulo abreviado\b",
            r"\bentrada en vigor\b",
            r"\bvigencia\b",
            r"\bderog(?:aci[oó]n|atori[ao]s?|a)\b",
            r"\bdisposici(?:[oó]n|ones) (?:transitori|final|derogatori)",
            r"\breformas?\b",
            # French
            r"\bentr[ée]e en vigueur\b",
            r"\btitre abr[ée]g[ée]\b",
            r"\babrogations?\b",
            r"\bdispositions? (?:transitoires?|finales?|modificatives?)\b",
            # Romanian
            r"\bintrarea [îi]n vigoare\b",
            r"\babrog[aă]r",
            r"\bdispozi[țţt]ii (?:tranzitorii|finale)\b",
            # Hungarian
            r"hatályba ?lép",
            r"\bhatályon kívül helyez",
            r"\bátmeneti rendelkezés",
            r"\bzáró rendelkezés",
            r"\bmódosítás",
            # Ukrainian
            r"набрання чинності",
            r"прикінцеві",
            r"перехідні положення",
            r"внесення змін",
        )
    ),
    re.IGNORECASE,
)

_PLACEHOLDER = re.compile(
    r"^\W*(?:repealed|spent|omitted|derogad[oa]|abrog[ée]e?|abrogat|hatályon kívül|виключено|втратив чинність)",
    re.IGNORECASE,
)

_AMENDS = re.compile(
    r"|".join(
        (
            r"\b(?:is|are) (?:hereby )?amended (?:as follows|by (?:adding|inserting|striking|deleting|replacing))",
            r"\bse modific[aă] (?:[șşs]i se completeaz[aă] )?după cum urmează",
            r"\bqueda(?:n)? reformad[oa]s?\b",
            r"\bse reforma(?:n)? (?:el|los|la|las)\b",
            r"\b(?:est|sont) (?:ainsi )?modifi[ée]e?s?\b",
            r"\bhelyébe a következő",
            r"\bвнести (?:такі )?зміни",
        )
    ),
    re.IGNORECASE,
)

_SHORT_TEXT = re.compile(
    r"|".join(
        (
            r"\bmay be cited as\b",
            r"\b(?:comes?|shall come|enters?|shall enter) into force\b",
            r"\btakes? effect\b",
            r"\b(?:is|are) (?:hereby )?(?:repealed|amended)\b",
            r"\bhas the (?:same )?meaning (?:given|assigned|as)\b",
            r"\bentrar[áa] en vigor\b",
            r"\bse derogan?\b",
            r"\btiene el (?:mismo )?significado\b",
            r"\bentre(?:ra)? en vigueur\b",
            r"\b(?:est|sont) abrog[ée]e?s?\b",
            r"\bintră în vigoare\b",
            r"\bse abrogă\b",
            r"hatályba lép",
            r"набирає чинності",
        )
    ),
    re.IGNORECASE,
)


def is_boilerplate(heading: str, text: str) -> bool:
    """Whether a section only names, starts, amends or repeals law, or defines by reference."""
    parts = [part for part in (heading or "").split(";") if part.strip()]
    if parts and all(_HEADING.search(part) for part in parts):
        return True
    body = (text or "").strip()
    if _PLACEHOLDER.match(body) or _AMENDS.search(body[:OPENING]):
        return True
    return len(body) <= SHORT and bool(_SHORT_TEXT.search(body))
