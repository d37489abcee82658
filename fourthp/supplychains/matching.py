"""How a purchased good, as a buyer writes it, is matched to a good of ILAB's list. Pure Python, no Django.

1. The text is folded: Unicode NFKD with accents dropped, case folded, every run of characters that is not a
   letter or a digit made one space ("Açaí berries" -> "acai berries").
2. Each word is made singular by a few English rules (see `singular`): "berries" -> "berry", "tomatoes" ->
   "tomato", "shrimps" -> "shrimp"; words ending in "ss", "us" or "is" are kept ("glass", "asbestos" is kept
   too: words the rules would spoil are listed in `KEEP`).
3. The folded, singular text is looked up among ILAB's good names (folded the same way), then among the
   synonyms of data/supplychains/synonyms.csv ("cacao" -> Cocoa).
4. Where the line has an HS code (the Harmonized System), and the name gave nothing, its digits are looked up
   in data/supplychains/hs_codes.csv, longest prefix first (6, then 4, then 2 digits).

A good that none of these finds is not at risk on ILAB's list: it is reported as "no finding", never guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

_NOT_WORD = re.compile(r"[^0-9a-z]+")
_NOT_DIGIT = re.compile(r"[^0-9]")

KEEP = frozenset({"asbestos", "gneiss", "species", "series", "molasses", "swiss", "jeans", "clothes", "goods"})
"""Words the plural rules would spoil."""
IRREGULAR = {"shoes": "shoe", "toes": "toe", "canoes": "canoe", "knives": "knife", "leaves": "leaf", "geese": "goose"}
"""Plurals the rules get wrong, with their singulars."""


def fold(text: str) -> str:
    """Case, accents and punctuation do not count: "Açaí-Berries" -> "acai berries"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain).split())


def singular(word: str) -> str:
    """One English word made singular by rule; short words and the words of KEEP are left as they are."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or word in KEEP or word.isdigit():
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("oes", "ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


def good_key(text: str) -> str:
    """The key a good is matched on: folded, each word singular ("Cocoa Beans" and "cocoa bean" agree)."""
    return " ".join(singular(word) for word in fold(text).split())


def hs_digits(text: str) -> str:
    """An HS code's digits ("1801.00" -> "180100"); empty when it has none."""
    return _NOT_DIGIT.sub("", text)


def name_keys(name: str) -> list[str]:
    """The keys one of ILAB's names answers to: the whole name, the part before a bracket, and each part of a
    name with a slash ("Brazil Nuts/Chestnuts" -> "brazil nut/chestnut", "brazil nut", "chestnut")."""
    keys = [good_key(name)]
    base = name.split("(", 1)[0]
    keys.extend(good_key(part) for part in base.split("/"))
    keys.append(good_key(base))
    return [key for key in dict.fromkeys(keys) if key]


@dataclass
class GoodIndex:
    """ILAB's good names by the keys they answer to, and the synonyms and HS codes that lead to those keys."""

    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)
    hs_codes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls, goods: Iterable[str], synonyms: Iterable[tuple[str, str]] = (), hs_codes: Iterable[tuple[str, str]] = ()
    ) -> GoodIndex:
        index = cls()
        found: dict[str, set[str]] = {}
        for name in goods:
            for key in name_keys(name):
                found.setdefault(key, set()).add(name)
        index.names = {key: tuple(sorted(names)) for key, names in found.items()}
        for other, good in synonyms:
            if good_key(good) in index.names:
                index.synonyms.setdefault(good_key(other), good_key(good))
        for code, good in hs_codes:
            if good_key(good) in index.names and hs_digits(code):
                index.hs_codes.setdefault(hs_digits(code), good_key(good))
        return index

    def match(self, good: str, hs_code: str = "") -> tuple[tuple[str, ...], str]:
        """ILAB's names of the good (one, or several that share its key, e.g. "Bricks" and "Bricks (clay)"),
        and how it was matched: "name", "synonym" or "hs code"; ((), "") when nothing matches."""
        key = good_key(good)
        if key in self.names:
            return self.names[key], "name"
        if key in self.synonyms:
            return self.names[self.synonyms[key]], "synonym"
        digits = hs_digits(hs_code)
        for length in (6, 4, 2):
            if len(digits) >= length and digits[:length] in self.hs_codes:
                return self.names[self.hs_codes[digits[:length]]], "hs code"
        return (), ""


def read_pairs(path: Path, first: str, second: str) -> list[tuple[str, str]]:
    """Two columns of a UTF-8 CSV with a header row, as pairs; lines starting with # are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [(row[first].strip(), row[second].strip()) for row in rows if row[first].strip()]
