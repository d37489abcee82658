"""How the law search reads words: each section in its own language, and British and American spellings as one.

1. Each section is stemmed in its language: a Snowball stemmer where one
   exists (``STEMMERS``: English, Spanish, French, Hungarian, Romanian, Dutch
   and the other languages both PostgreSQL and the snowballstemmer package
   have), otherwise "simple" (lower case only). Ukrainian has no stemmer in
   either, so Ukrainian sections match word for word. The names are
   PostgreSQL's text search configurations, so both databases stem alike.
2. A query word is stemmed in the language of each section it is matched
   against: "personas" becomes "person" for Spanish sections, and stays
   "personas" for Ukrainian ones.
3. A query word that is one of a British/American pair (the data file
   ``spelling_variants.txt`` beside this module) also finds the other spelling:
   "forced labour" finds "forced labor". The pairs are matched on their
   English stems, so inflected forms follow ("laboured", "criminalised").

Nothing here touches a database; fourthp.laws builds its SQLite and
PostgreSQL queries from these pieces.
"""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

import snowballstemmer

# ISO 639-1 code -> Snowball stemmer, named as PostgreSQL's text search configuration.
# Only languages PostgreSQL (15) ships a configuration for are listed, so that a
# section stems the same on SQLite (snowballstemmer) and on PostgreSQL.
STEMMERS: dict[str, str] = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
    "en": "english", "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian", "ne": "nepali",
    "no": "norwegian", "nb": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}  # fmt: skip
# Lower-cases and splits, and nothing more: for languages without a stemmer (Ukrainian among them).
SIMPLE = "simple"
# Every configuration a section can be indexed with, in a fixed order.
CONFIGS: tuple[str, ...] = (*sorted(set(STEMMERS.values())), SIMPLE)

# A query word with spelling variants in every word of a phrase could multiply; past this many
# alternatives for one term, the rest are left out.
MAX_ALTERNATIVES = 8

_WORD = re.compile(r"\w+", re.UNICODE)
_VARIANTS_FILE = Path(__file__).with_name("spelling_variants.txt")


def config_for(language: str) -> str:
    """The text search configuration for a section in ``language`` (an ISO 639-1 code)."""
    return STEMMERS.get((language or "").lower()[:2], SIMPLE)


@functools.cache
def _stemmer(config: str) -> snowballstemmer.stemmer | None:
    return None if config == SIMPLE else snowballstemmer.stemmer(config)


def words(text: str) -> list[str]:
    """The words of a text or query, lower-cased."""
    return [w.lower() for w in _WORD.findall(text)]


def stem(word: str, config: str) -> str:
    stemmer = _stemmer(config)
    return stemmer.stemWord(word) if stemmer is not None else word


def stem_text(text: str, config: str) -> str:
    """Every word of ``text`` reduced to its stem, space-separated: what SQLite's index holds."""
    stemmer = _stemmer(config)
    found = words(text)
    return " ".join(stemmer.stemWords(found) if stemmer is not None else found)


@functools.cache
def _other_spellings() -> dict[str, tuple[str, ...]]:
    """English stem -> the other side's spellings of every pair with that stem, read once from the data file.

    Pairs may share a stem ("labour" and "labourer" are both "labour"), so a stem can have several.
    """
    others: dict[str, list[str]] = {}
    for line in _VARIANTS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pair = line.lower().split()
        if len(pair) != 2:
            raise ValueError(f"{_VARIANTS_FILE.name}: {line!r} is not one British and one American word")
        british, american = pair
        others.setdefault(stem(british, "english"), []).append(american)
        others.setdefault(stem(american, "english"), []).append(british)
    return {key: tuple(value) for key, value in others.items()}


def spelling_alternatives(word: str) -> list[str]:
    """``word`` and, if it is one of a British/American pair, the other spelling (word first).

    Spellings with the same English stem as one already listed are left out: the stemmer finds them.
    """
    word = word.lower()
    found = {stem(word, "english"): word}
    for other in _other_spellings().get(stem(word, "english"), ()):
        found.setdefault(stem(other, "english"), other)
    return list(found.values())


def term_alternatives(term: str) -> list[list[str]]:
    """The word sequences a query term (a word, or a quoted phrase) stands for.

    "forced labour" gives [["forced", "labour"], ["forced", "labor"]]; at most
    ``MAX_ALTERNATIVES``, the term as typed first. Empty when it has no words.
    """
    per_word = [spelling_alternatives(w) for w in words(term)]
    if not per_word:
        return []
    return [list(combo) for combo in itertools.islice(itertools.product(*per_word), MAX_ALTERNATIVES)]


def highlight_terms(terms: list[str]) -> list[str]:
    """The query terms with their other spellings, for marking matches in text."""
    out: list[str] = []
    for term in terms:
        out.extend(" ".join(words_) for words_ in term_alternatives(term))
    return list(dict.fromkeys(out)) or terms


def postgres_config_case(language_column: str) -> str:
    """SQL choosing the text search configuration of a row from its language code, as ``config_for`` does.

    Written out as literals so PostgreSQL accepts it in a generated column (it must be immutable).
    """
    whens = " ".join(f"WHEN '{code}' THEN '{config}'::regconfig" for code, config in sorted(STEMMERS.items()))
    return f"(CASE lower(substr({language_column}, 1, 2)) {whens} ELSE '{SIMPLE}'::regconfig END)"
