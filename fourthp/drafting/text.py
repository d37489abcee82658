"""Placeholders in model texts, and filling them in; pure Python (no Django), so a bill composer can reuse it.

A model text is Markdown with placeholders in double braces:

- `{{jurisdiction}}`, `{{legislature}}`, `{{minister}}`, `{{authority}}`, `{{code}}`: the enacting
  jurisdiction's own names, with a default per level (`STANDARD`);
- `{{name}}` for an option of the version (a penalty, an age threshold), filled with its chosen value or its
  default;
- `{{ref:provision-id}}`: a cross-reference to the model text for another framework provision, which a
  composed bill turns into that text's section or article number; alone it reads "[provision-id]".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{\{\s*(ref:[a-z0-9.\-]+|[a-z][a-z0-9_]*)\s*\}\}")
REF = re.compile(r"\{\{\s*ref:([a-z0-9.\-]+)\s*\}\}")
ANY_BRACES = re.compile(r"\{\{.*?\}\}", re.S)
NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")

# The jurisdiction's own names, by level; a drafter replaces the bracketed ones.
STANDARD: dict[str, dict[str, str]] = {
    "national": {
        "jurisdiction": "[country]",
        "legislature": "Parliament",
        "minister": "the Minister responsible for justice",
        "authority": "the National Anti-Trafficking Coordinator",
        "code": "Criminal Code",
    },
    "subnational": {
        "jurisdiction": "[state]",
        "legislature": "the Legislature",
        "minister": "the Attorney General",
        "authority": "the State Anti-Trafficking Coordinator",
        "code": "Criminal Code",
    },
}
STANDARD_NAMES = frozenset(STANDARD["national"])

# The names of the jurisdictions whose law the atlas reads, by code, over their level's STANDARD ones. A
# jurisdiction not listed gets its own name and its recorded legislature, and the level's names for the rest.
JURISDICTION_NAMES: dict[str, dict[str, str]] = {
    "CA": {
        "jurisdiction": "Canada",
        "legislature": "Parliament of Canada",
        "minister": "the Minister of Justice",
        "authority": "the Minister of Public Safety and Emergency Preparedness",
        "code": "Criminal Code",
    },
    "US": {
        "jurisdiction": "the United States",
        "legislature": "Congress of the United States",
        "minister": "the Attorney General",
        "authority": "the Interagency Task Force to Monitor and Combat Trafficking",
        "code": "title 18 of the United States Code",
    },
    "US-DC": {
        "jurisdiction": "the District of Columbia",
        "legislature": "Council of the District of Columbia",
        "minister": "the Attorney General for the District of Columbia",
        "authority": "the Mayor",
        "code": "District of Columbia Official Code",
    },
    # Law No. 678/2001 on preventing and combating trafficking in persons, as amended by Law No. 230/2010, gives
    # its measures to the Ministry of Administration and Interior (now the Ministry of Internal Affairs); the
    # National Agency against Trafficking in Persons (ANITP) was set up under it by Government Decision
    # No. 1584/2005. The Criminal Code is Law No. 286/2009.
    "RO": {
        "legislature": "the Parliament of Romania",
        "minister": "the Minister of Internal Affairs",
        "authority": "the National Agency against Trafficking in Persons",
        "code": "Criminal Code (Law No. 286/2009)",
    },
    # Law No. 3739-VI of 20 September 2011 on combating trafficking in human beings: the Cabinet of Ministers
    # directs and coordinates the bodies that act against trafficking (art. 6(1)(1)), and the central executive
    # bodies shape and carry out state policy in the field (art. 7). The Criminal Code is Law No. 2341-III.
    "UA": {
        "legislature": "the Verkhovna Rada of Ukraine",
        "minister": "the central executive body that shapes state policy on combating trafficking in human beings",
        "authority": "the Cabinet of Ministers of Ukraine",
        "code": "Criminal Code of Ukraine",
    },
    # The Fundamental Law of Hungary (art. 1) names the National Assembly; the Criminal Code is Act C of 2012.
    # The national coordinator is left at the level's name: no text the atlas holds names that office.
    "HU": {
        "legislature": "the National Assembly of Hungary",
        "code": "Criminal Code (Act C of 2012)",
    },
    # Decree No. 2013-7 of 3 January 2013 created the interministerial mission for the protection of women
    # against violence and the fight against trafficking in human beings (MIPROF), the national coordinator.
    "FR": {
        "legislature": "Parliament",
        "minister": "the Minister of Justice",
        "authority": (
            "the Interministerial Mission for the Protection of Women against Violence and the Fight against "
            "Trafficking in Human Beings"
        ),
        "code": "Criminal Code",
    },
}

# How a jurisdiction words a maximum term of imprisonment, where it differs from the model texts' own
# ("is liable on conviction to imprisonment for a term not exceeding N years"); {years} is the term.
PENALTY_STYLES: dict[str, str] = {
    "CA": "is guilty of an indictable offence and liable to imprisonment for a term of not more than {years} years",
    "US": "shall be fined under this title, imprisoned not more than {years} years, or both",
}

# The same for the civil-law model texts ("shall be punished by imprisonment of up to N years"), as each code
# words a penalty: the French Code pénal names the term alone ("est punie de sept ans d'emprisonnement",
# art. 225-4-1); the Romanian code "se pedepsește cu închisoarea" (art. 210); the Hungarian Btk. calls the act
# a felony punishable by imprisonment ("bűntett miatt ... szabadságvesztéssel büntetendő", § 192); the
# Ukrainian code "карається позбавленням волі на строк" (art. 149). Those three give a range; the model
# texts' option is the maximum, so the drafter adds the minimum.
CIVIL_PENALTY_STYLES: dict[str, str] = {
    "FR": "is punished by {years} years' imprisonment",
    "RO": "is punished by imprisonment of up to {years} years",
    "HU": "is punishable, as a felony, by imprisonment of up to {years} years",
    "UA": "is punishable by imprisonment for a term of up to {years} years",
}
PENALTY_RANGES = frozenset({"RO", "HU", "UA"})


def names_for(code: str, name: str, level: str, legislature: str = "") -> dict[str, str]:
    """The values of the jurisdiction's own placeholders for a bill of `code` (named `name`) at `level`."""
    values = dict(STANDARD.get(level, STANDARD["national"]))
    if name:
        values["jurisdiction"] = name
    if legislature:
        values["legislature"] = legislature
    values.update(JURISDICTION_NAMES.get(code.upper(), {}))
    return values


@dataclass(frozen=True)
class Option:
    """A choice the enacting legislature makes: a name used as a placeholder, the values offered, a default."""

    name: str
    label: str
    values: tuple[str, ...]
    default: str

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "label": self.label, "values": list(self.values), "default": self.default}


@dataclass(frozen=True)
class DefinedTerm:
    term: str
    definition: str

    def to_dict(self) -> dict[str, str]:
        return {"term": self.term, "definition": self.definition}


def parse_options(raw: object) -> list[Option]:
    """Options from stored or typed data; ValueError with one sentence naming what is wrong."""
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        raise ValueError("Options must be a list.")
    found: list[Option] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping):
            raise ValueError(f"Option {number} must have a name, a label, values and a default.")
        name = str(item.get("name", "")).strip()
        if not NAME.match(name) or name in STANDARD_NAMES:
            raise ValueError(
                f"Option {number} needs a name of lower-case letters, digits and underscores, "
                "not one of the jurisdiction's own names."
            )
        if any(o.name == name for o in found):
            raise ValueError(f"The option name {name} is used twice.")
        values = item.get("values")
        if not isinstance(values, list) or not values:
            raise ValueError(f"Option {name} needs a list of values.")
        texts = tuple(str(v).strip() for v in values)
        default = str(item.get("default", texts[0])).strip()
        if default not in texts:
            raise ValueError(f"The default of option {name} must be one of its values.")
        label = str(item.get("label", "")).strip() or name
        found.append(Option(name, label[:200], texts, default))
    return found


def parse_terms(raw: object) -> list[DefinedTerm]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list):
        raise ValueError("Defined terms must be a list.")
    found: list[DefinedTerm] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, Mapping) or not str(item.get("term", "")).strip():
            raise ValueError(f"Defined term {number} needs a term and a definition.")
        term, definition = str(item["term"]).strip(), str(item.get("definition", "")).strip()
        if not definition:
            raise ValueError(f"The term {term} needs a definition.")
        if any(t.term.lower() == term.lower() for t in found):
            raise ValueError(f"The term {term} is defined twice.")
        found.append(DefinedTerm(term[:120], definition))
    return found


def placeholders(text: str) -> list[str]:
    """The placeholders of a text, in order of first use."""
    seen: list[str] = []
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) not in seen:
            seen.append(match.group(1))
    return seen


def check_text(text: str, options: Sequence[Option], provision_ids: frozenset[str]) -> list[str]:
    """What is wrong with a text's placeholders, one sentence each (empty when nothing is)."""
    problems = []
    known = STANDARD_NAMES | {o.name for o in options}
    for braces in ANY_BRACES.findall(text):
        if not PLACEHOLDER.fullmatch(braces):
            problems.append(f"{braces} is not a placeholder (use lower-case names such as {{{{jurisdiction}}}}).")
    for name in placeholders(text):
        if name.startswith("ref:"):
            if name[4:] not in provision_ids:
                problems.append(f"{{{{{name}}}}} names no provision of the framework.")
        elif name not in known:
            problems.append(f"{{{{{name}}}}} is neither an option nor one of the jurisdiction's names.")
    return problems


def fill(
    text: str,
    *,
    level: str,
    options: Sequence[Option],
    chosen: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """The text with every placeholder filled: chosen option values (else defaults), the jurisdiction's `names`
    (else the level's), and cross-references as "[provision-id]"."""
    values = dict(STANDARD.get(level, STANDARD["national"]))
    values.update(names or {})
    for option in options:
        pick = (chosen or {}).get(option.name, option.default)
        values[option.name] = pick if pick in option.values else option.default

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("ref:"):
            return f"[{name[4:]}]"
        return values.get(name, f"[{name}]")

    return PLACEHOLDER.sub(one, text)


def link_refs(text: str, url: Callable[[str], str]) -> str:
    """Markdown with each `{{ref:provision-id}}` made a link to `url(provision-id)` (for drafting notes)."""
    return REF.sub(lambda m: f"[{m.group(1)}]({url(m.group(1))})", text)
