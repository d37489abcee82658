"""Country and region names in the reader's language (CLDR, through Babel).

The data keeps one stable English name; pages, maps and tooltips show the
reader's. Codes of two letters (ISO 3166-1 alpha-2) and UN M49 region codes
have CLDR names; other jurisdictions keep their stored name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError
from django.utils.translation import get_language


@lru_cache(maxsize=16)
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(language.replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def local_label(code: str, fallback: str) -> str:
    """The CLDR name of a territory or region code in the active language, or `fallback`."""
    language = get_language() or "en"
    if language.startswith("en"):
        return fallback
    return _territories(language).get(code, fallback)


def local_name(jurisdiction: Any) -> str:
    """A country's name in the reader's language; other names as stored."""
    code = getattr(jurisdiction, "code", "")
    name = str(getattr(jurisdiction, "name", ""))
    return local_label(code, name) if len(code) == 2 else name
