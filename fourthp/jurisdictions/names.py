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
from django.utils.translation import gettext as _


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


def qualified_name(name: str, jurisdiction: Any) -> str:
    """A name with its kind or parent in brackets, to tell apart two places that share it.

    "Georgia (country)" and "Georgia (US state)"; a subdivision of another state names that state.
    """
    kind = getattr(jurisdiction, "kind", "")
    parent = getattr(jurisdiction, "parent", None)
    if kind == "subnational" and parent is not None and getattr(parent, "code", "") == "US":
        return _("%(name)s (US state)") % {"name": name}
    if kind == "subnational" and parent is not None:
        return _("%(name)s (%(parent)s)") % {"name": name, "parent": local_name(parent)}
    if kind == "dependent_territory":
        return _("%(name)s (territory)") % {"name": name}
    if kind == "international_body":
        return _("%(name)s (international body)") % {"name": name}
    return _("%(name)s (country)") % {"name": name}
